// SCAFFOLD (owned by the evidence work package; replaced before landing). The detail page renders it.
import type { EvidenceListItem } from "~/domain/evidence";

export function EvidenceSection(_props: { caseId: string; evidence: EvidenceListItem[]; canUpload: boolean }) {
  return null;
}
