/**
 * The one audit writer, and the chain verifier. docs/decisions/0004-audit-hash-chain.md explains the design.
 *
 * Every record carries the SHA-256 of its own content and of the previous record's hash, so altering,
 * removing or inserting a record breaks the chain at that point. Writers serialise on an advisory lock
 * held until their transaction ends: the mutation and its audit record commit together or not at all.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { asc, desc, gt, sql } from "drizzle-orm";
// Imports db/ directly, not through ~/lib/db.server: db/seed.ts and scripts/ write and verify the chain
// too, and going through db.server would make a cycle (db.server → seed → audit → db.server).
import type { DbOrTx, Transaction } from "../../db/client";
import { auditEvents, type AuditEvent } from "../../db/schema";

export const GENESIS_HASH = "0".repeat(64);
// An arbitrary constant naming "the audit chain" among advisory locks. The outcome feed takes it too
// (outcome-events.server.ts), so that its seq order is commit order without a second lock to deadlock on.
export const AUDIT_CHAIN_LOCK_KEY = 7_240_311;

export type AuditOutcome = "success" | "failure";

export interface AuditActor {
  userId: string | null;
  organisationId: string | null;
  label: string | null;
}

export interface AuditEntry {
  /** Dotted verb, e.g. "auth.sign_in", "user.locale_changed". */
  action: string;
  outcome?: AuditOutcome;
  actor?: AuditActor | null;
  ip?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  caseId?: string | null;
  details?: Record<string, unknown>;
}

type HashedFields = Omit<AuditEvent, "hash">;

export function computeAuditHash(record: HashedFields): string {
  const content = canonicalize({
    seq: record.seq,
    occurredAt: record.occurredAt.toISOString(),
    action: record.action,
    outcome: record.outcome,
    actorUserId: record.actorUserId,
    actorOrganisationId: record.actorOrganisationId,
    actorLabel: record.actorLabel,
    ip: record.ip,
    entityType: record.entityType,
    entityId: record.entityId,
    caseId: record.caseId,
    details: record.details,
    prevHash: record.prevHash,
  });
  return createHash("sha256").update(content ?? "").digest("hex");
}

/**
 * Appends one record. Takes a transaction, not a database, on purpose: the record must commit with the
 * change it describes, and the chain lock is held until that commit.
 */
export async function recordAudit(tx: Transaction, entry: AuditEntry): Promise<AuditEvent> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const fields: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    // Millisecond precision, so the value read back from timestamptz hashes to the same string.
    occurredAt: new Date(Date.now()),
    action: entry.action,
    outcome: entry.outcome ?? "success",
    actorUserId: entry.actor?.userId ?? null,
    actorOrganisationId: entry.actor?.organisationId ?? null,
    actorLabel: entry.actor?.label ?? null,
    ip: entry.ip ?? null,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    caseId: entry.caseId ?? null,
    // Round-trip through JSON so what is hashed is exactly what jsonb gives back (no undefined, no Dates).
    details: JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const record: AuditEvent = { ...fields, hash: computeAuditHash(fields) };
  await tx.insert(auditEvents).values(record);
  // Every change to case data is audited here with its case id, so this is the one place that tells the
  // statistics which cases to recompute (app/domain/statistics-refresh.server.ts; ADR 0012). Same transaction:
  // a change that commits is always counted, one that rolls back never is.
  // Refused attempts may name a case id that does not exist; only successful changes to a real case count.
  if (record.caseId && record.outcome === "success") {
    await tx.execute(
      sql`insert into stats_dirty_cases (case_id) select id from cases where id = ${record.caseId} on conflict do nothing`,
    );
  }
  return record;
}

export type AuditChainBreak =
  | "content_altered" // the record's hash does not match its content
  | "link_broken" // its prev_hash is not the hash of the record before it: one was removed or inserted
  | "sequence_gap"; // a sequence number is missing: a record was removed

export type AuditChainReport =
  | { intact: true; checked: number; lastSeq: number | null }
  | { intact: false; checked: number; brokenSeq: number; problem: AuditChainBreak; expected: string; found: string };

/** Walks the whole chain in sequence order, in batches (keyset, so memory stays flat on a long log). */
export async function verifyAuditChain(db: DbOrTx, batchSize = 2_000): Promise<AuditChainReport> {
  let previousHash = GENESIS_HASH;
  let previousSeq = 0;
  let checked = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, previousSeq))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    for (const record of batch) {
      if (record.seq !== previousSeq + 1) {
        return broken(checked, record.seq, "sequence_gap", String(previousSeq + 1), String(record.seq));
      }
      if (record.prevHash !== previousHash) {
        return broken(checked, record.seq, "link_broken", previousHash, record.prevHash);
      }
      const { hash, ...fields } = record;
      const recomputed = computeAuditHash(fields);
      if (recomputed !== hash) return broken(checked, record.seq, "content_altered", recomputed, hash);
      previousHash = hash;
      previousSeq = record.seq;
      checked += 1;
    }
    if (batch.length < batchSize) break;
  }
  return { intact: true, checked, lastSeq: checked ? previousSeq : null };
}

function broken(
  checked: number,
  brokenSeq: number,
  problem: AuditChainBreak,
  expected: string,
  found: string,
): AuditChainReport {
  return { intact: false, checked, brokenSeq, problem, expected, found };
}
