// SCAFFOLD (owned by the workflow work package; replaced before landing): the shapes the detail page passes on.
import type { CaseStatus } from "~/lib/db.server";

/** What the viewer may do next with a case, and why not where not (computed on the server). */
export interface WorkflowView {
  status: CaseStatus;
  version: number;
}

export interface TimelineEntry {
  seq: number;
  occurredAt: string;
  action: string;
}
