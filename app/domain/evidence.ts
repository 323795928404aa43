// SCAFFOLD (owned by the evidence work package; replaced before landing): shapes shared with the browser.
export interface EvidenceListItem {
  id: string;
  originalName: string;
  sha256: string;
  sizeBytes: number;
}
