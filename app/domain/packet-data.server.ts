/**
 * Gathers what the referral packet prints, as the exporting viewer may see it: the lead through
 * getLeadForViewer (scoped query, 404 out of scope; personal data masked unless the viewer's role may see
 * it), every evidence file of the case with its uploader, and the amounts checked against the configured
 * prosecution thresholds.
 */
import { asc, eq } from "drizzle-orm";
import { evidenceFiles, users, type DbOrTx } from "~/lib/db.server";
import { caseVocabularyEn } from "~/locales/case-vocabulary.en";
import { caseVocabularyZh } from "~/locales/case-vocabulary.zh-CN";
import type { LeadDetail } from "./cases";
import { getLeadForViewer } from "./cases.server";
import type { EvidenceManifest } from "./packet";
import { buildManifest } from "./packet-manifest.server";
import type { PacketData } from "./packet-pdf.server";
import type { Viewer } from "./policy";
import { evaluateThresholds, meetsAnyThreshold, type AmountField } from "./thresholds";
import { getProsecutionThresholds } from "./thresholds.server";

export async function loadPacketData(
  db: DbOrTx,
  viewer: Viewer,
  caseId: string,
  options: { timeZone: string; now?: Date },
): Promise<PacketData> {
  const lead = await getLeadForViewer(db, viewer, caseId);
  const evidence = await db
    .select({ file: evidenceFiles, uploadedByName: users.displayName })
    .from(evidenceFiles)
    .innerJoin(users, eq(users.id, evidenceFiles.uploadedBy))
    .where(eq(evidenceFiles.caseId, lead.case.id))
    .orderBy(asc(evidenceFiles.uploadedAt), asc(evidenceFiles.id));
  return {
    lead,
    thresholds: thresholdChecks(lead.amounts),
    evidence: evidence.map(({ file, uploadedByName }) => ({
      id: file.id,
      name: file.originalName,
      kind: file.kind,
      sizeBytes: Number(file.sizeBytes),
      sha256: file.sha256,
      uploadedById: file.uploadedBy,
      uploadedByName,
      uploadedAt: file.uploadedAt,
      withdrawnAt: file.withdrawnAt,
      withdrawnReason: file.withdrawnReason,
    })),
    exportedBy: { displayName: viewer.displayName, organisationNameZh: viewer.organisationNameZh },
    exportedAt: options.now ?? new Date(),
    timeZone: options.timeZone,
  };
}

const AMOUNT_LABELS: Record<AmountField, { zh: string; en: string }> = {
  salesAmount: { zh: "销售金额", en: "sales" },
  unsoldGoodsValue: { zh: "货值金额", en: "unsold goods" },
  illegalBusinessVolume: { zh: "非法经营数额", en: "illegal business volume" },
  illegalGains: { zh: "违法所得", en: "illegal gains" },
};
const yuan = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY", maximumFractionDigits: 0 });

/** Each configured criterion as one line of the check: which amounts, what minimum, met or not. */
export function thresholdChecks(amounts: LeadDetail["amounts"]): PacketData["thresholds"] {
  const config = getProsecutionThresholds();
  const results = evaluateThresholds(amounts, config);
  return {
    met: meetsAnyThreshold(results),
    checks: results.flatMap((result) =>
      result.criteria.map((criterion) => {
        const attempted = criterion.form === "attempted";
        return {
          article: caseVocabularyZh.article[result.article].split(" ")[0]!,
          criterion: {
            zh: `${criterion.measures.map((measure) => AMOUNT_LABELS[measure].zh).join("＋")} ${yuan.format(criterion.minimum)} 以上${attempted ? "（未遂）" : ""}`,
            en: `${criterion.measures.map((measure) => AMOUNT_LABELS[measure].en).join(" + ")} ≥ ${yuan.format(criterion.minimum)}${attempted ? " (attempt)" : ""} · ${caseVocabularyEn.article[result.article].split(" — ")[0]}`,
          },
          threshold: String(criterion.minimum),
          actual: criterion.value === null ? null : String(criterion.value),
          met: criterion.met,
        };
      }),
    ),
    source: results.map((result) => result.source.zh).join("；") + `（${config.id}）`,
  };
}

/**
 * The manifest of the case as the portal holds it now. The caller has already established that the viewer
 * may see the case (requireCaseForViewer); this reads its evidence by case id.
 */
export async function loadCaseManifest(
  db: DbOrTx,
  caseRecord: { id: string; reference: string },
): Promise<EvidenceManifest> {
  const rows = await db
    .select({
      id: evidenceFiles.id,
      originalName: evidenceFiles.originalName,
      kind: evidenceFiles.kind,
      sizeBytes: evidenceFiles.sizeBytes,
      sha256: evidenceFiles.sha256,
      uploadedBy: evidenceFiles.uploadedBy,
      uploadedAt: evidenceFiles.uploadedAt,
      withdrawnAt: evidenceFiles.withdrawnAt,
    })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.caseId, caseRecord.id))
    .orderBy(asc(evidenceFiles.uploadedAt), asc(evidenceFiles.id));
  return buildManifest(caseRecord, rows);
}
