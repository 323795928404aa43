/**
 * The referral packet: built for one viewer (scoped and masked as they may see the case), with the export
 * recorded in the chain of custody of every evidence file it lists and in the audit log, in one transaction.
 * docs/decisions/0009-referral-packet.md explains the design.
 */
import type { Database, Transaction } from "~/lib/db.server";
import type { RequestMeta } from "~/lib/http.server";
import { recordAudit } from "./audit.server";
import { recordCustody } from "./evidence.server";
import { loadCaseManifest, loadPacketData } from "./packet-data.server";
import { buildManifest, manifestHash, sha256Hex } from "./packet-manifest.server";
import { renderReferralPacket } from "./packet-pdf.server";
import { assertCan } from "./policy.server";
import type { Viewer } from "./policy";
import { viewerActor } from "./accounts.server";

export interface ReferralPacket {
  pdf: Buffer;
  caseId: string;
  reference: string;
  manifestHash: string;
  pdfSha256: string;
  fileName: string;
}

/** Rendering takes a moment; evidence added meanwhile is caught by re-reading the manifest, and the packet redone. */
const ATTEMPTS = 3;

export async function buildReferralPacket(
  db: Database,
  viewer: Viewer,
  caseId: string,
  meta: RequestMeta & { timeZone: string },
): Promise<ReferralPacket> {
  assertCan(viewer, "packet.export");
  for (let attempt = 1; ; attempt += 1) {
    // Read and render outside the transaction: a PDF takes long enough that holding the database
    // (one connection on PGlite) for it would stall every other request.
    const data = await loadPacketData(db, viewer, caseId, { timeZone: meta.timeZone });
    const manifest = buildManifest(
      data.lead.case,
      data.evidence.map((file) => ({
        id: file.id,
        originalName: file.name,
        kind: file.kind,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        uploadedBy: file.uploadedById,
        uploadedAt: file.uploadedAt,
        withdrawnAt: file.withdrawnAt,
      })),
    );
    const hash = manifestHash(manifest);
    const pdf = await renderReferralPacket(data, manifest, hash);
    const pdfSha256 = sha256Hex(pdf);

    const recorded = await db.transaction(async (tx) => {
      const current = manifestHash(await loadCaseManifest(tx, data.lead.case));
      if (current !== hash) return false;
      await recordExport(tx, viewer, meta, { data, manifestHash: hash, pdfSha256, pdfBytes: pdf.length });
      return true;
    });
    if (recorded) {
      return {
        pdf,
        caseId: data.lead.case.id,
        reference: data.lead.case.reference,
        manifestHash: hash,
        pdfSha256,
        fileName: `${data.lead.case.reference}-referral-packet.pdf`,
      };
    }
    if (attempt >= ATTEMPTS) throw new Error(`The evidence of ${data.lead.case.reference} kept changing while its packet was built`);
  }
}

async function recordExport(
  tx: Transaction,
  viewer: Viewer,
  meta: RequestMeta,
  facts: { data: Awaited<ReturnType<typeof loadPacketData>>; manifestHash: string; pdfSha256: string; pdfBytes: number },
): Promise<void> {
  const { data } = facts;
  const reason = `packet ${data.lead.case.reference}, manifest ${facts.manifestHash}`;
  for (const file of data.evidence) {
    await recordCustody(tx, {
      evidence: { id: file.id, caseId: data.lead.case.id },
      action: "export",
      actor: viewer,
      reason,
      sha256: file.sha256,
      ip: meta.ip,
    });
  }
  await recordAudit(tx, {
    action: "packet.exported",
    actor: viewerActor(viewer),
    ip: meta.ip,
    entityType: "case",
    entityId: data.lead.case.id,
    caseId: data.lead.case.id,
    details: {
      reference: data.lead.case.reference,
      manifestHash: facts.manifestHash,
      pdfSha256: facts.pdfSha256,
      pdfBytes: facts.pdfBytes,
      files: data.evidence.length,
      withdrawnFiles: data.evidence.filter((file) => file.withdrawnAt).length,
      personalDataMasked: data.lead.personalDataMasked,
      userAgent: meta.userAgent,
    },
  });
}
