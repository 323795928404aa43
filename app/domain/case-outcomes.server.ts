/**
 * The outcome record of a case (case.record_outcome): one case_outcomes row, edited as the case moves —
 * filing (立案) and the police case number, persons by measure, charges by article, and the criminal route
 * (procuratorate, indictment, court, judgment, sentence, fines) or the administrative one. Written by the
 * agency the case was referred to, from acceptance until the case is closed (closing itself, with its reason,
 * is a workflow transition).
 *
 * Every save names the version its form was drawn from (0 before the record exists); a save over a newer one
 * is refused with who changed what and when. Each save writes its audit record (reference, the changed
 * fields, a short summary as its note), an "outcome.updated" event for the platform's systems (no personal
 * data of suspects: no sentence or decision text) and a "police_update" notification to the platform side.
 *
 * For the demo seed (stable signature; `input` is the outcome form's parsed value without its version):
 *   saveCaseOutcome(db | tx, viewer, caseId, expectedVersion, input, { at?, ip?, locale? }) → OutcomeSaveResult
 */
import { eq } from "drizzle-orm";
import { caseOutcomes, users, type CaseOutcome, type CaseStatus, type DbOrTx } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { requireCaseForViewer } from "./case-access.server";
import { ADMINISTRATIVE_FIELDS, CRIMINAL_FIELDS, outcomeDateErrors, type OutcomeInput } from "./case-outcomes.schema";
import { formatYuan, outcomeEditableIn, type OutcomeView, type RecordConflict } from "./police";
import { todayIn } from "./police.schema";
import {
  announcePoliceUpdate,
  changedFields,
  describeConflict,
  lockCaseForViewer,
  summaryTranslator,
  type PoliceContext,
} from "./police-records.server";
import type { Viewer } from "./policy";
import { assertCan } from "./policy.server";

export type OutcomeSaveResult =
  | { ok: true; version: number }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> }
  | { ok: false; reason: "conflict"; conflict: RecordConflict }
  | { ok: false; reason: "not_allowed"; status: CaseStatus };

/** The record's editable columns, as stored. */
type OutcomeColumns = Omit<CaseOutcome, "caseId" | "closureReason" | "closedAt" | "updatedBy" | "updatedAt" | "version">;

const EMPTY: OutcomeColumns = {
  filingDecision: null,
  policeCaseNumber: "",
  filedOn: null,
  notFiledReason: "",
  detained: 0,
  arrested: 0,
  onBail: 0,
  residentialSurveillance: 0,
  charges: [],
  route: null,
  transferredToProcuratorateOn: null,
  procuratorate: "",
  indictedOn: null,
  court: "",
  judgmentOn: null,
  verdict: null,
  sentence: "",
  finesYuan: null,
  administrativeAuthority: "",
  administrativeDecision: "",
  administrativeDecidedOn: null,
  administrativeFineYuan: null,
};

/** "1200" and "1200.00" are the same amount: compared as the database gives them back. */
function money(value: string | undefined | null): string | null {
  if (!value) return null;
  const [whole = "0", fraction = ""] = value.split(".");
  return `${BigInt(whole).toString()}.${fraction.padEnd(2, "0").slice(0, 2)}`;
}

function columnsOf(input: OutcomeInput): OutcomeColumns {
  const columns: OutcomeColumns = {
    filingDecision: input.filingDecision ?? null,
    policeCaseNumber: input.policeCaseNumber,
    filedOn: input.filedOn || null,
    notFiledReason: input.notFiledReason,
    detained: input.detained,
    arrested: input.arrested,
    onBail: input.onBail,
    residentialSurveillance: input.residentialSurveillance,
    charges: [...new Set(input.charges)].sort(),
    route: input.route ?? null,
    transferredToProcuratorateOn: input.transferredToProcuratorateOn || null,
    procuratorate: input.procuratorate,
    indictedOn: input.indictedOn || null,
    court: input.court,
    judgmentOn: input.judgmentOn || null,
    verdict: input.verdict ?? null,
    sentence: input.sentence,
    finesYuan: money(input.finesYuan),
    administrativeAuthority: input.administrativeAuthority,
    administrativeDecision: input.administrativeDecision,
    administrativeDecidedOn: input.administrativeDecidedOn || null,
    administrativeFineYuan: money(input.administrativeFineYuan),
  };
  // Only the chosen route's fields are kept (the form's schema refuses the other's; a crafted post loses them).
  const clear = (fields: readonly (keyof OutcomeColumns)[]) => {
    for (const field of fields) (columns as Record<string, unknown>)[field] = EMPTY[field];
  };
  if (columns.route !== "criminal") clear(CRIMINAL_FIELDS);
  if (columns.route !== "administrative") clear(ADMINISTRATIVE_FIELDS);
  return columns;
}

function storedColumns(row: CaseOutcome | undefined): OutcomeColumns {
  if (!row) return EMPTY;
  const { caseId: _caseId, closureReason: _reason, closedAt: _closedAt, updatedBy: _by, updatedAt: _at, version: _version, ...columns } = row;
  return { ...columns, charges: [...columns.charges].sort(), finesYuan: money(columns.finesYuan), administrativeFineYuan: money(columns.administrativeFineYuan) };
}

export async function saveCaseOutcome(
  db: DbOrTx,
  viewer: Viewer,
  caseId: string,
  expectedVersion: number,
  input: OutcomeInput,
  context: PoliceContext = {},
): Promise<OutcomeSaveResult> {
  assertCan(viewer, "case.record_outcome");
  const at = context.at ?? new Date();
  return db.transaction(async (tx): Promise<OutcomeSaveResult> => {
    const caseRow = await lockCaseForViewer(tx, viewer, caseId);
    if (!outcomeEditableIn(caseRow.status)) return { ok: false, reason: "not_allowed", status: caseRow.status };
    const [stored] = await tx.select().from(caseOutcomes).where(eq(caseOutcomes.caseId, caseRow.id)).for("update").limit(1);
    const before = storedColumns(stored);
    const currentVersion = stored?.version ?? 0;
    if (currentVersion !== expectedVersion) {
      return {
        ok: false,
        reason: "conflict",
        conflict: await describeConflict(tx, {
          entityType: "case_outcome",
          entityId: caseRow.id,
          currentVersion,
          expectedVersion,
          current: readable(before),
        }),
      };
    }
    const fieldErrors = outcomeDateErrors(input, todayIn(env().timeZone, at));
    if (Object.keys(fieldErrors).length) return { ok: false, reason: "invalid", fieldErrors };

    const after = columnsOf(input);
    const changes = changedFields(before, after);
    const version = currentVersion + 1;
    if (stored) {
      await tx
        .update(caseOutcomes)
        .set({ ...after, updatedBy: viewer.userId, updatedAt: at, version })
        .where(eq(caseOutcomes.caseId, caseRow.id));
    } else {
      await tx.insert(caseOutcomes).values({ caseId: caseRow.id, ...after, updatedBy: viewer.userId, updatedAt: at, version });
    }
    await recordAudit(tx, {
      action: "outcome.updated",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "case_outcome",
      entityId: caseRow.id,
      caseId: caseRow.id,
      details: { reference: caseRow.reference, fromVersion: currentVersion, recordVersion: version, changes, note: outcomeSummary(after, context) },
    });
    await announcePoliceUpdate(tx, viewer, caseRow, {
      kind: "outcome.updated",
      event: { kind: "outcome.updated", payload: { ...outcomeEventPayload(after), version, changes } },
      link: `/cases/${caseRow.id}#outcome`,
      at,
    });
    return { ok: true, version };
  });
}

/** What the platform's systems are told: the structured outcome, without the sentence's or decision's text. */
function outcomeEventPayload(columns: OutcomeColumns) {
  return {
    filingDecision: columns.filingDecision,
    policeCaseNumber: columns.policeCaseNumber || null,
    filedOn: columns.filedOn,
    persons: {
      detained: columns.detained,
      arrested: columns.arrested,
      onBail: columns.onBail,
      residentialSurveillance: columns.residentialSurveillance,
    },
    charges: columns.charges,
    route: columns.route,
    prosecution:
      columns.route === "criminal"
        ? {
            transferredToProcuratorateOn: columns.transferredToProcuratorateOn,
            procuratorate: columns.procuratorate || null,
            indictedOn: columns.indictedOn,
            court: columns.court || null,
            judgmentOn: columns.judgmentOn,
            verdict: columns.verdict,
            finesYuan: columns.finesYuan,
          }
        : null,
    administrative:
      columns.route === "administrative"
        ? {
            authority: columns.administrativeAuthority || null,
            decidedOn: columns.administrativeDecidedOn,
            fineYuan: columns.administrativeFineYuan,
          }
        : null,
  };
}

/** The stored record as text for the conflict notice. */
function readable(columns: OutcomeColumns): Record<string, string> {
  return Object.fromEntries(
    Object.entries(columns).map(([field, value]) => [field, Array.isArray(value) ? value.join(", ") : value === null ? "" : String(value)]),
  );
}

/** "Filed (莆公经立字〔2026〕18号); 3 detained, 2 arrested; arts. 213, 214; transferred to the procuratorate on 2026-03-01". */
function outcomeSummary(columns: OutcomeColumns, context: PoliceContext): string {
  const t = summaryTranslator(context.locale);
  const locale = context.locale ?? "zh-CN";
  const parts: string[] = [];
  if (columns.filingDecision === "filed") {
    parts.push(columns.policeCaseNumber ? t("police.summary.filedNumber", { number: columns.policeCaseNumber }) : t("police.summary.filed"));
  }
  if (columns.filingDecision === "not_filed") parts.push(t("police.summary.notFiled"));
  const persons = (["detained", "arrested", "onBail", "residentialSurveillance"] as const)
    .filter((measure) => columns[measure] > 0)
    .map((measure) => t(`police.summary.persons.${measure}`, { count: columns[measure] }));
  if (persons.length) parts.push(persons.join(t("police.summary.listSeparator")));
  if (columns.charges.length) {
    parts.push(t("police.summary.charges", { articles: columns.charges.map((article) => article.replace("art", "")).join(t("police.summary.listSeparator")) }));
  }
  if (columns.route === "criminal") {
    if (columns.judgmentOn) {
      parts.push(
        t("police.summary.judgment", {
          date: columns.judgmentOn,
          verdict: columns.verdict ? t(`caseVocabulary.verdict.${columns.verdict}`) : "",
        }).trim(),
      );
    } else if (columns.indictedOn) parts.push(t("police.summary.indicted", { date: columns.indictedOn }));
    else if (columns.transferredToProcuratorateOn) parts.push(t("police.summary.transferred", { date: columns.transferredToProcuratorateOn }));
    else parts.push(t("police.summary.criminal"));
    if (columns.finesYuan) parts.push(t("police.summary.fines", { value: formatYuan(columns.finesYuan, locale) }));
  }
  if (columns.route === "administrative") {
    parts.push(
      columns.administrativeFineYuan
        ? t("police.summary.administrativeFine", { value: formatYuan(columns.administrativeFineYuan, locale) })
        : t("police.summary.administrative"),
    );
  }
  return parts.length ? parts.join(t("police.summary.separator")) : t("police.summary.outcomeEmpty");
}

// ---- Reading ----

export async function getCaseOutcome(db: DbOrTx, viewer: Viewer, caseId: string): Promise<OutcomeView | null> {
  const caseRow = await requireCaseForViewer(db, viewer, caseId);
  const [row] = await db
    .select({ outcome: caseOutcomes, updatedByName: users.displayName })
    .from(caseOutcomes)
    .leftJoin(users, eq(users.id, caseOutcomes.updatedBy))
    .where(eq(caseOutcomes.caseId, caseRow.id))
    .limit(1);
  if (!row) return null;
  const { outcome } = row;
  return {
    ...storedColumns(outcome),
    closureReason: outcome.closureReason,
    closedAt: outcome.closedAt?.toISOString() ?? null,
    version: outcome.version,
    updatedByName: row.updatedByName,
    updatedAt: outcome.updatedAt.toISOString(),
  };
}
