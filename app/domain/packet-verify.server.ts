/**
 * Checks a referral packet against what the portal holds now: the case it names (within what the verifier
 * may see), the manifest hash it states against the case's current manifest, and — when the PDF itself is
 * given — the manifest embedded in it (to say which files were added or withdrawn since) and whether the file
 * is byte for byte one the portal issued. Every verification is recorded: a custody event on each evidence
 * file of the case and one audit record, in one transaction.
 */
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, cases, evidenceFiles, users, type Database, type DbOrTx } from "~/lib/db.server";
import { recordAudit, type AuditActor } from "./audit.server";
import { caseScopeCondition } from "./case-access.server";
import { recordCustody } from "./evidence.server";
import { compareManifests, type EvidenceManifest, type PacketClaim, type VerificationResult } from "./packet";
import { loadCaseManifest } from "./packet-data.server";
import { manifestHash } from "./packet-manifest.server";
import type { PacketContents } from "./packet-read.server";
import { can, type Viewer } from "./policy";

/** Who verifies: a signed-in viewer (scoped to their cases), or an operator on the command line (unscoped). */
export type Verifier = { kind: "viewer"; viewer: Viewer } | { kind: "operator"; label: string };

export type VerificationInput =
  | { source: "upload" | "cli"; packet: PacketContents }
  | { source: "code"; claim: PacketClaim };

export async function verifyPacket(
  db: Database,
  verifier: Verifier,
  input: VerificationInput,
  meta: { ip: string | null; userAgent?: string | null } = { ip: null },
): Promise<VerificationResult> {
  if (verifier.kind === "viewer" && !can(verifier.viewer, "packet.verify")) {
    throw new Error("packet.verify is not allowed for this viewer"); // routes guard first; this is a backstop
  }
  const claim = input.source === "code" ? input.claim : input.packet.claim;
  const packet = input.source === "code" ? null : input.packet;

  const found = await findCase(db, verifier, claim.caseReference);
  if (!found) {
    const result: VerificationResult = { status: "unknown_case", caseReference: claim.caseReference, claimedHash: claim.manifestHash };
    await db.transaction((tx) =>
      recordAudit(tx, {
        action: "packet.verified",
        outcome: "failure",
        actor: actorOf(verifier),
        ip: meta.ip,
        details: { source: input.source, reference: claim.caseReference, claimedHash: claim.manifestHash, result: "unknown_case" },
      }),
    );
    return result;
  }

  return db.transaction(async (tx) => {
    const current = await loadCaseManifest(tx, found);
    const currentHash = manifestHash(current);
    const embedded = packet?.manifest ?? null;
    // The embedded manifest is evidence of what the packet listed only if it hashes to the value the packet states.
    const embeddedManifestAltered = embedded !== null && manifestHash(embedded) !== claim.manifestHash;
    const usableEmbedded: EvidenceManifest | null = embedded && !embeddedManifestAltered ? embedded : null;
    const status = currentHash === claim.manifestHash ? "match" : "mismatch";
    const result: VerificationResult = {
      status,
      caseId: found.id,
      caseReference: found.reference,
      claimedHash: claim.manifestHash,
      currentHash,
      currentFileCount: current.files.length,
      difference: usableEmbedded ? compareManifests(usableEmbedded, current) : null,
      embeddedManifestAltered,
      issued: packet ? await findIssuedPacket(tx, found.id, packet.pdfSha256) : null,
      pdfChecked: packet !== null,
      integrityFailures: await tx
        .select({ id: evidenceFiles.id, name: evidenceFiles.originalName })
        .from(evidenceFiles)
        .where(and(eq(evidenceFiles.caseId, found.id), sql`${evidenceFiles.integrityFailedAt} is not null`)),
    };

    const actor = actorOf(verifier);
    for (const file of current.files) {
      await recordCustody(tx, {
        evidence: { id: file.id, caseId: found.id },
        action: "verify",
        actor: actor.userId && actor.organisationId ? { userId: actor.userId, organisationId: actor.organisationId } : null,
        reason: `packet ${found.reference} verified (${input.source}): ${status}`,
        sha256: file.sha256,
        ip: meta.ip,
      });
    }
    await recordAudit(tx, {
      action: "packet.verified",
      // A mismatch is recorded as a failed verification so that it stands out in the log.
      outcome: status === "match" ? "success" : "failure",
      actor,
      ip: meta.ip,
      entityType: "case",
      entityId: found.id,
      caseId: found.id,
      details: {
        source: input.source,
        reference: found.reference,
        result: status,
        claimedHash: claim.manifestHash,
        currentHash,
        pdfSha256: packet?.pdfSha256 ?? null,
        issued: result.issued !== null,
        embeddedManifestAltered,
        added: result.difference?.added.length ?? null,
        withdrawnSince: result.difference?.withdrawnSince.length ?? null,
        missing: result.difference?.missing.length ?? null,
        changed: result.difference?.changed.length ?? null,
        userAgent: meta.userAgent ?? null,
      },
    });
    return result;
  });
}

async function findCase(db: DbOrTx, verifier: Verifier, reference: string) {
  const scope = verifier.kind === "viewer" ? caseScopeCondition(verifier.viewer) : sql`true`;
  const [found] = await db
    .select({ id: cases.id, reference: cases.reference })
    .from(cases)
    .where(and(eq(cases.reference, reference), scope))
    .limit(1);
  return found ?? null;
}

/** The export audit record of this exact file, if the portal issued it. */
async function findIssuedPacket(
  db: DbOrTx,
  caseId: string,
  pdfSha256: string,
): Promise<{ exportedAt: string; exportedBy: string | null } | null> {
  const [row] = await db
    .select({ occurredAt: auditEvents.occurredAt, label: auditEvents.actorLabel, displayName: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.caseId, caseId),
        eq(auditEvents.action, "packet.exported"),
        sql`${auditEvents.details}->>'pdfSha256' = ${pdfSha256}`,
      ),
    )
    .limit(1);
  return row ? { exportedAt: row.occurredAt.toISOString(), exportedBy: row.displayName ?? row.label } : null;
}

function actorOf(verifier: Verifier): AuditActor {
  return verifier.kind === "viewer"
    ? { userId: verifier.viewer.userId, organisationId: verifier.viewer.organisationId, label: verifier.viewer.email }
    : { userId: null, organisationId: null, label: verifier.label };
}
