/**
 * The kinds of step the police seed (db/seed-police.ts) takes on a demo case, each through the domain
 * function the portal itself uses for it: a workflow transition (applyTransition), an investigation note
 * (addCaseNote), a raid with its seizures and seizure list (storeEvidence, recordRaid), the outcome record
 * (saveCaseOutcome), the platform's follow-up (recordPlatformAction) and a request for information
 * (createInformationRequest). Forms' values go through the forms' own schemas first, so the seed stores
 * nothing a user could not have typed. Any refusal throws: a demo world that is not what it says is worse.
 */
import { eq } from "drizzle-orm";
import { OutcomeFormSchema } from "../app/domain/case-outcomes.schema";
import { assignOfficer } from "../app/domain/assignments.server";
import { addCaseNote } from "../app/domain/case-notes.server";
import { saveCaseOutcome } from "../app/domain/case-outcomes.server";
import type { Transition } from "../app/domain/case-workflow";
import { storeEvidence } from "../app/domain/evidence.server";
import { createInformationRequest } from "../app/domain/information-requests.server";
import { PlatformActionFormSchema } from "../app/domain/platform-actions.schema";
import { recordPlatformAction } from "../app/domain/platform-actions.server";
import type { Viewer } from "../app/domain/policy";
import { RaidFormSchema } from "../app/domain/raids.schema";
import { recordRaid } from "../app/domain/raids.server";
import { requireCaseForViewer } from "../app/domain/case-access.server";
import type { Database, Transaction } from "./client";
import { caseAccounts, caseEnterprises, caseOutcomes, caseSites } from "./schema";
import type { DemoWorldContext } from "./seed";
import { csvFile } from "./seed-evidence-files";

export type Who = "investigator@platform.demo" | "lead@platform.demo" | "supervisor@putian.demo" | "officer@putian.demo";

/** What a step needs: the transaction, the viewers, the case. */
export interface PoliceSeedWorld {
  tx: Transaction;
  context: DemoWorldContext;
  viewer(email: Who): Promise<Viewer>;
}

export interface TransitionStep {
  by: Who;
  transition: Transition;
  at?: Date;
  note?: string;
  agency?: string;
  reasonCode?: string;
}

export interface ActionStep {
  label: string;
  run: (world: PoliceSeedWorld, caseId: string) => Promise<void>;
}

export type Step = TransitionStep | ActionStep;

const HOUR = 60 * 60 * 1000;

/** A time of the story in Beijing time ("2026-10-22T05:30"). */
export function bj(local: string): Date {
  return new Date(`${local}${local.length === 16 ? ":00" : ""}+08:00`);
}

function later(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * HOUR);
}

function refused(what: string, result: unknown): never {
  throw new Error(`${what} refused: ${JSON.stringify(result)}`);
}

/** Review and referral to Putian, the referral at `referAt` (undefined: at seeding, so the clock is fresh). */
export function toPutian(referAt: Date | undefined, seededAt: Date, note = "请莆田市公安局接收并依法处理。"): Step[] {
  const base = referAt ?? seededAt;
  return [
    { by: "investigator@platform.demo", transition: "submit_for_review", at: later(base, -26), note: "线索要素齐全，请审核。" },
    { by: "lead@platform.demo", transition: "approve", at: later(base, -3), note: "证据链完整，金额已达立案追诉标准，同意移送。" },
    { by: "investigator@platform.demo", transition: "refer", agency: "putian-psb", ...(referAt ? { at: referAt } : {}), note },
  ];
}

export const accept = (at: Date, note = "线索清楚，同意接收。"): Step => ({ by: "supervisor@putian.demo", transition: "accept", at, note });
export const investigate = (at: Date, note: string): Step => ({ by: "officer@putian.demo", transition: "start_investigation", at, note });

/** The supervisor assigns officer@putian.demo (the agency's only officer in the demo) as the case's lead officer. */
export function assign(at: Date): Step {
  return {
    label: "assignment",
    run: async (world, caseId) => {
      const officerId = world.context.userIdByEmail.get("officer@putian.demo");
      if (!officerId) throw new Error("the Putian officer's account is missing");
      const result = await assignOfficer(world.tx, await world.viewer("supervisor@putian.demo"), { caseId, officerId, lead: true }, { at });
      if (!result.ok) refused("assignment", result);
    },
  };
}

export function note(at: Date, visibility: "agency" | "shared", body: string): Step {
  return {
    label: `${visibility} note`,
    run: async (world, caseId) => {
      const result = await addCaseNote(world.tx, await world.viewer("officer@putian.demo"), caseId, { visibility, body }, { at });
      if (!result.ok) refused("note", result);
    },
  };
}

export interface DemoSeizure {
  product: string;
  brand?: string;
  quantity: string;
  unit: "pairs" | "boxes" | "pieces" | "sets" | "cartons";
  counterfeitLabels?: number;
  equipment?: string;
  valueYuan?: string;
  valuationMethod?: "actual_sale_price" | "marked_price" | "genuine_market_price" | "price_appraisal" | "invoice";
  notes?: string;
}

export interface DemoRaid {
  /** Beijing time, as the raid form takes it ("2026-10-22T05:30"). */
  raidedAt: string;
  units: string;
  platformStaff?: string;
  summary: string;
  /** The lead's sites raided, by their position in the lead. */
  leadSites: number[];
  newSites?: { type: "factory" | "warehouse" | "sales_point" | "label_printer" | "other"; address: string; districtCode: string }[];
  seizures: DemoSeizure[];
  /** The seizure list (扣押清单) uploaded with the raid, for all its seizures: its file name and heading lines. */
  seizureList?: { name: string; heading: string[][] };
}

const SEIZURE_LIST_HEADER = ["序号", "物品名称", "商标", "数量", "单位", "商标标识（件）", "设备", "价值（元）", "备注"];
const UNIT_ZH: Record<DemoSeizure["unit"], string> = { pairs: "双", boxes: "箱", pieces: "件", sets: "台（套）", cartons: "箱" };

/** The officer records the raid (recorded a few hours after it), with its seizure list as evidence of the case. */
export function raid(details: DemoRaid): Step {
  return {
    label: `raid ${details.raidedAt}`,
    run: async (world, caseId) => {
      const officer = await world.viewer("officer@putian.demo");
      const recordedAt = later(bj(details.raidedAt), 6);
      let seizureListEvidenceId: string | undefined;
      if (details.seizureList) {
        const rows = details.seizures.map((seizure, index) => [
          index + 1,
          seizure.product,
          seizure.brand ?? "",
          seizure.quantity,
          UNIT_ZH[seizure.unit],
          seizure.counterfeitLabels ?? 0,
          seizure.equipment ?? "",
          seizure.valueYuan ?? "",
          seizure.notes ?? "",
        ]);
        const stored = await storeEvidence(
          world.tx,
          officer,
          {
            caseId,
            organisationId: officer.organisationId,
            kind: "seizure_list",
            originalName: details.seizureList.name,
            declaredType: "text/csv",
            sensitivity: "sensitive",
            description: `${details.raidedAt.slice(0, 10)} 搜查扣押物品清单`,
            capturedBy: officer.displayName,
            capturedAt: bj(details.raidedAt),
            stream: [csvFile([...details.seizureList.heading, SEIZURE_LIST_HEADER, ...rows])],
          },
          { ip: null, userAgent: "demo seed", at: recordedAt },
        );
        if (!stored.ok) refused("seizure list", stored);
        seizureListEvidenceId = stored.evidence.id;
      }
      const sites = await world.tx.select().from(caseSites).where(eq(caseSites.caseId, caseId)).orderBy(caseSites.position);
      const input = RaidFormSchema.parse({
        raidedAt: details.raidedAt,
        units: details.units,
        platformStaff: details.platformStaff ?? "",
        summary: details.summary,
        leadSiteIds: details.leadSites.map((position) => sites[position]!.id),
        newSites: (details.newSites ?? []).map((site) => ({
          type: site.type,
          address: site.address,
          provinceCode: `${site.districtCode.slice(0, 2)}0000`,
          cityCode: `${site.districtCode.slice(0, 4)}00`,
          districtCode: site.districtCode,
        })),
        seizures: details.seizures.map((seizure) => ({
          ...seizure,
          counterfeitLabels: seizure.counterfeitLabels ?? 0,
          ...(seizureListEvidenceId ? { seizureListEvidenceId } : {}),
        })),
      });
      const result = await recordRaid(world.tx, officer, caseId, input, { at: recordedAt });
      if (!result.ok) refused("raid", result);
    },
  };
}

/** The outcome record as the officer saves it on `at` (the form's values; version read from the record). */
export function outcome(at: Date, values: Record<string, unknown>): Step {
  return {
    label: `outcome ${at.toISOString().slice(0, 10)}`,
    run: async (world, caseId) => {
      const [stored] = await world.tx.select({ version: caseOutcomes.version }).from(caseOutcomes).where(eq(caseOutcomes.caseId, caseId));
      const version = stored?.version ?? 0;
      const { version: _version, ...input } = OutcomeFormSchema.parse({ ...values, version });
      const result = await saveCaseOutcome(world.tx, await world.viewer("officer@putian.demo"), caseId, version, input, { at });
      if (!result.ok) refused("outcome", result);
    },
  };
}

export type DemoPlatformAction =
  | { kind: "store_closed" | "account_banned"; account: number; note?: string }
  | { kind: "blacklist_candidate"; enterprise: number; publishable: string[]; note: string };

/** The investigator records the platform's follow-up on `takenOn`: the lead's accounts and enterprises by position. */
export function platformFollowUp(takenOn: string, actions: DemoPlatformAction[]): Step {
  return {
    label: `platform follow-up ${takenOn}`,
    run: async (world, caseId) => {
      const investigator = await world.viewer("investigator@platform.demo");
      const accounts = await world.tx.select().from(caseAccounts).where(eq(caseAccounts.caseId, caseId)).orderBy(caseAccounts.position);
      const enterprises = await world.tx.select().from(caseEnterprises).where(eq(caseEnterprises.caseId, caseId)).orderBy(caseEnterprises.position);
      for (const action of actions) {
        const input = PlatformActionFormSchema.parse(
          action.kind === "blacklist_candidate"
            ? { kind: action.kind, caseEnterpriseId: enterprises[action.enterprise]!.id, publishableFields: action.publishable, note: action.note, takenOn }
            : { kind: action.kind, caseAccountId: accounts[action.account]!.id, note: action.note ?? "", takenOn },
        );
        const result = await recordPlatformAction(world.tx, investigator, caseId, input, { at: bj(`${takenOn}T10:00`) });
        if (!result.ok) refused(`platform action ${action.kind}`, result);
      }
    },
  };
}

/**
 * A request for information asked by `by` on `at`, due at the end of `dueDay` (a calendar day after seeding, so
 * it stays open and not yet due in the demo). createInformationRequest takes the database because it hands the
 * e-mail copies to the mailer after its commit; inside the seed's one transaction the transaction stands in for
 * it (without SMTP that hand-over does nothing; settleDemoNotifications then drops the seeded copies).
 */
export function informationRequest(by: Who, at: Date, dueDay: string, request: { subject: string; body: string }): Step {
  return {
    label: `request ${request.subject}`,
    run: async (world, caseId) => {
      const viewer = await world.viewer(by);
      const caseRow = await requireCaseForViewer(world.tx, viewer, caseId);
      const result = await createInformationRequest(world.tx as unknown as Database, viewer, caseRow, { ...request, dueDate: dueDay }, { at });
      if (!result.ok) refused("information request", result);
    },
  };
}
