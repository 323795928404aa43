// SCAFFOLD (owned by the workflow work package; replaced before landing). The detail page renders it.
import type { TimelineEntry } from "~/domain/case-workflow";

export function CaseTimeline(_props: { entries: TimelineEntry[] }) {
  return null;
}
