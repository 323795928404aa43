// SCAFFOLD (owned by the workflow work package; replaced before landing). The detail page renders it.
import type { WorkflowView } from "~/domain/case-workflow";

export function WorkflowPanel(_props: { caseId: string; workflow: WorkflowView }) {
  return null;
}
