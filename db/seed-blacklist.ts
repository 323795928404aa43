/**
 * The demo world's blacklist (issue 5), told with the portal's own domain functions, back-dated with their
 * `at`, so entries, reviews, the sign-off, the correction and their audit records are what the portal would
 * have recorded:
 *
 * - The platform's follow-up on more of the Putian cases (recordPlatformAction, by the investigator): stores
 *   closed and blacklist candidates on -000009 (the Xindu factory, with the procuratorate), -000008 (the Wutang
 *   warehouse: its renter's business typed in, with a credit code that is NOT to be published) and -000013 (the
 *   Huating workshop). (-000007 and -000010 keep the follow-up db/seed-police.ts gives them.)
 * - Version 1 (published 2026-11-16 by lead@platform.demo): the Yuetang workshop of -000010 (convicted; its
 *   follow-up record, seeded by db/seed-police.ts, publishes all five fields) and the Xindu factory of -000009
 *   (stores closed), both proposed by the investigator and approved by the lead.
 * - One correction against version 1 (2026-11-18): the Yuetang workshop is an individual business, whose credit
 *   code points at its operator: it is withdrawn from publication. Recording it opened the draft of version 2,
 *   which carries both entries forward, the amendment carried out.
 * - In that draft, a proposal awaiting review: the Huating workshop, proposed by the lead himself — another
 *   platform lead has to approve it (two-person rule).
 * - Left unproposed for the e2e walk (e2e/blacklist.spec.ts): the Wutang renter's business.
 */
import { ProposeSchema, PublishSchema, ReviewSchema, CorrectionSchema } from "../app/domain/blacklist.schema";
import { proposeCandidate, publishDraft, recordCorrection, reviewEntry } from "../app/domain/blacklist.server";
import { creditCodeCheckCharacter } from "../app/domain/credit-code";
import { PlatformActionFormSchema } from "../app/domain/platform-actions.schema";
import { recordPlatformAction } from "../app/domain/platform-actions.server";
import type { Viewer } from "../app/domain/policy";
import { loadViewer } from "../app/domain/viewers.server";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "./client";
import { blacklistVersions, caseAccounts, caseEnterprises, platformActions } from "./schema";
import type { DemoWorldContext } from "./seed";
import { bj } from "./seed-police-steps";

/** Names the e2e spec and the tests look for (written out there on purpose). */
export const DEMO_BLACKLIST = {
  yuetang: "莆田市秀屿区月塘建国鞋服商行",
  xindu: "莆田市荔城区海滨鞋服贸易有限公司",
  wutang: "莆田市涵江区梧塘志勇鞋业商行",
  huating: "莆田市城厢区华亭国庆鞋业加工部",
} as const;

function creditCode(first17: string): string {
  const check = creditCodeCheckCharacter(first17);
  if (!check) throw new Error(`seed: bad credit code ${first17}`);
  return first17 + check;
}

/** The Wutang warehouse renter's business (typed in: the lead has no enterprise). Its code is not to be published. */
export const WUTANG_CREDIT_CODE = creditCode("92350303MA33WT6J1");
const HUATING_CREDIT_CODE = creditCode("92350302MA34HT2Q5");

function refused(what: string, result: unknown): never {
  throw new Error(`Demo blacklist seed: ${what} refused: ${JSON.stringify(result)}`);
}

export async function seedDemoBlacklist(tx: Transaction, context: DemoWorldContext): Promise<void> {
  const investigator = await loadViewer(tx, { email: "investigator@platform.demo" });
  const lead = await loadViewer(tx, { email: "lead@platform.demo" });
  const caseId = (reference: string) => {
    const id = context.caseIdByReference.get(reference);
    if (!id) throw new Error(`Demo blacklist seed: no case ${reference}`);
    return id;
  };

  // ---- The platform's follow-up that makes the candidates ----
  const follow = async (reference: string, takenOn: string, values: Record<string, unknown>) => {
    const id = caseId(reference);
    const input = PlatformActionFormSchema.parse({ takenOn, ...values });
    const result = await recordPlatformAction(tx, investigator, id, input, { at: bj(`${takenOn}T10:30`) });
    if (!result.ok) refused(`follow-up on ${reference}`, result);
    return result.actionId;
  };
  const account = async (reference: string, position: number) => {
    const [row] = await tx.select({ id: caseAccounts.id }).from(caseAccounts).where(and(eq(caseAccounts.caseId, caseId(reference)), eq(caseAccounts.position, position)));
    if (!row) throw new Error(`Demo blacklist seed: ${reference} has no account ${position}`);
    return row.id;
  };
  const enterprise = async (reference: string) => {
    const [row] = await tx.select({ id: caseEnterprises.id }).from(caseEnterprises).where(eq(caseEnterprises.caseId, caseId(reference))).orderBy(caseEnterprises.position).limit(1);
    if (!row) throw new Error(`Demo blacklist seed: ${reference} has no enterprise`);
    return row.id;
  };

  await follow("AC-2026-000009", "2026-10-12", {
    kind: "store_closed",
    caseAccountId: await account("AC-2026-000009", 0),
    note: "下郑村厂房被查获后，1688 店铺“新度鞋业源头工厂”已永久关闭。",
  });
  const xindu = await follow("AC-2026-000009", "2026-11-12", {
    kind: "blacklist_candidate",
    caseEnterpriseId: await enterprise("AC-2026-000009"),
    publishableFields: ["name", "credit_code", "province", "category", "reason"],
    note: "下郑村厂房被查获，1688 店铺已关闭；该公司为有限责任公司，信用代码可公开。",
  });
  await follow("AC-2026-000008", "2026-11-08", { kind: "store_closed", caseAccountId: await account("AC-2026-000008", 0), note: "仓库被查封后永久关闭。" });
  await follow("AC-2026-000008", "2026-11-08", { kind: "store_closed", caseAccountId: await account("AC-2026-000008", 1) });
  await follow("AC-2026-000008", "2026-11-18", {
    kind: "blacklist_candidate",
    enterpriseName: DEMO_BLACKLIST.wutang,
    creditCode: WUTANG_CREDIT_CODE,
    publishableFields: ["name", "province", "category", "reason"],
    note: "仓库租用人蔡志勇名下个体工商户，查封假冒 Air Jordan 326 箱；信用代码关联经营者个人，不予公开。",
  });
  await follow("AC-2026-000013", "2026-11-16", { kind: "store_closed", caseAccountId: await account("AC-2026-000013", 0), note: "经警方确认接收后，依平台规则关闭店铺。" });
  const huating = await follow("AC-2026-000013", "2026-11-19", {
    kind: "blacklist_candidate",
    enterpriseName: DEMO_BLACKLIST.huating,
    creditCode: HUATING_CREDIT_CODE,
    publishableFields: ["name", "province", "category", "reason"],
    note: "园头村作坊经营者余国庆名下个体工商户。",
  });
  const [yuetang] = await tx
    .select({ id: platformActions.id })
    .from(platformActions)
    .where(and(eq(platformActions.caseId, caseId("AC-2026-000010")), eq(platformActions.kind, "blacklist_candidate")));
  if (!yuetang) throw new Error("Demo blacklist seed: -000010 has no blacklist candidate (db/seed-police.ts)");

  // ---- Version 1 ----
  const propose = async (viewer: Viewer, actionId: string, fields: string[], note: string, at: Date) => {
    const input = ProposeSchema.parse({ intent: "propose", candidate: `action:${actionId}`, publishableFields: fields, note });
    const result = await proposeCandidate(tx, viewer, input, { at });
    if (!result.ok) refused(`proposal ${actionId}`, result);
    return result.entryId;
  };
  const approve = async (entryId: string, note: string, at: Date) => {
    const result = await reviewEntry(tx, lead, ReviewSchema.parse({ intent: "review", entryId, version: 1, decision: "approve", note }), { at });
    if (!result.ok) refused(`review ${entryId}`, result);
  };
  const yuetangEntry = await propose(
    investigator,
    yuetang.id,
    ["name", "credit_code", "province", "category", "reason"],
    "莆田市秀屿区人民法院一审判决已生效，经营者方建国犯假冒注册商标罪。",
    bj("2026-11-14T09:30"),
  );
  const xinduEntry = await propose(
    investigator,
    xindu,
    ["name", "credit_code", "province", "category", "reason"],
    "下郑村厂房被查获，林海滨等四人被刑事拘留，关联店铺已永久关闭；该公司为有限责任公司，信用代码可公开。",
    bj("2026-11-14T09:40"),
  );
  await approve(yuetangEntry, "判决已生效，同意列入。", bj("2026-11-14T15:00"));
  await approve(xinduEntry, "店铺关闭依据充分，同意列入。", bj("2026-11-14T15:05"));
  const [draft] = await tx.select().from(blacklistVersions).where(eq(blacklistVersions.status, "draft"));
  const published = await publishDraft(
    tx,
    lead,
    PublishSchema.parse({ intent: "publish", draftId: draft!.id, version: draft!.version, publicationNote: "2026年第四季度首批名单，涉及莆田市鞋类制假企业两家。" }),
    { at: bj("2026-11-16T10:00") },
  );
  if (!published.ok) refused("publication of version 1", published);

  // ---- A correction against version 1, carried out in the draft of version 2 ----
  const correction = await recordCorrection(
    tx,
    lead,
    published.number,
    CorrectionSchema.parse({
      intent: "correct",
      entryId: yuetangEntry,
      kind: "amended",
      reason: "该企业为个体工商户，统一社会信用代码与经营者个人身份关联，依个人信息保护要求不再公开；名单其余内容不变。",
      publishableFields: ["name", "province", "category", "reason"],
    }),
    { at: bj("2026-11-18T16:00") },
  );
  if (!correction?.ok) refused("correction of version 1", correction);

  // ---- A proposal awaiting review: the lead's own, for another lead to approve ----
  await propose(lead, huating, ["name", "province", "category", "reason"], "园头村作坊店铺已关闭，建议列入。", bj("2026-11-19T15:00"));
}
