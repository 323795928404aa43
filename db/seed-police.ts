/**
 * The police side of the demo world (issue 4): moves the leads AC-2026-000007 … -000020 (db/seed-police-cases.ts)
 * through the platform's steps (submitted for review and referred by investigator@platform.demo, approved by
 * lead@platform.demo, to putian-psb) and then the agency's, with the portal's own domain functions
 * (db/seed-police-steps.ts) back-dated with their `at` context, so states, decision clocks, referral rows,
 * raids, outcome records, outcome events, notifications and timelines are what the portal would have
 * recorded. Each lead ends in its state of POLICE_DEMO_STATES; db/seed-police.test.ts checks it.
 *
 * The story (DOMAIN.md): -000007 is the Xitianwei factory raid (the boss and two accomplices detained, about
 * 400,000 yuan of fake Nike shoes seized), -000008 the 326 boxes of fake Air Jordans sealed up in Wutang,
 * -000009 is with the procuratorate, -000010 judged and closed with the platform's follow-up; the others wait
 * at each step of the agency's work (declined, returned with questions, accepted, under investigation, and
 * four referrals in the inbox, one of them overdue).
 */
import { and, eq, isNull, like, lt, sql } from "drizzle-orm";
import { applyTransition, type TransitionInput } from "../app/domain/case-workflow.server";
import { NOTIFICATION_EMAIL_KIND_PREFIX } from "../app/domain/notification-emails.server";
import type { Viewer } from "../app/domain/policy";
import { loadViewer } from "../app/domain/viewers.server";
import { env } from "../app/lib/env.server";
import type { Transaction } from "./client";
import { cases, notifications, outboxMessages } from "./schema";
import type { DemoWorldContext } from "./seed";
import {
  accept,
  assign,
  bj,
  informationRequest,
  investigate,
  note,
  outcome,
  platformFollowUp,
  raid,
  toPutian,
  type PoliceSeedWorld,
  type Step,
} from "./seed-police-steps";

const DAY = 24 * 60 * 60 * 1000;
/** Notifications older than this many days before seeding are left read. */
const UNREAD_DAYS = 3;

/** The calendar day `days` after `from` in the portal's time zone ("2026-11-25"). */
function calendarDay(from: Date, days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: env().timeZone }).format(new Date(from.getTime() + days * DAY));
}

function plans(seededAt: Date): Record<string, Step[]> {
  const ago = (days: number) => new Date(seededAt.getTime() - days * DAY);
  return {
    // ---- The Xitianwei factory: raided, the boss and two accomplices detained, ~400,000 yuan of fake Nikes ----
    "AC-2026-000007": [
      ...toPutian(bj("2026-10-08T10:00"), seededAt, "请莆田市公安局经侦支队接收。加工厂仍在生产，建议尽快开展工作。"),
      accept(bj("2026-10-09T09:20"), "线索清楚，同意接收，交经侦支队二大队办理。"),
      assign(bj("2026-10-09T09:25")),
      investigate(bj("2026-10-10T15:00"), "已立案侦查，对溪白村厂房及后黄村仓库开展蹲点摸排。"),
      outcome(bj("2026-10-10T16:00"), { filingDecision: "filed", policeCaseNumber: "莆公（经）立字〔2026〕1042号", filedOn: "2026-10-10", charges: ["art213", "art214"] }),
      note(bj("2026-10-15T20:30"), "agency", "连续三晚蹲守：厂房夜间开工，每晚22时许有厢式货车到后黄村仓库装货。郑文彬每天上午到厂。"),
      note(bj("2026-10-19T11:00"), "shared", "拟于近日收网，请平台协助冻结四家店铺资金，并安排一名工作人员到场辨认货品。"),
      raid({
        raidedAt: "2026-10-22T05:30",
        units: "莆田市公安局经侦支队二大队、荔城区公安分局西天尾派出所",
        platformStaff: "平台知识产权专项组 林晓雯（现场辨认货品）",
        summary:
          "凌晨对溪白村加工厂和后黄村仓库同时收网，现场抓获加工厂老板郑文彬及帮手郑文涛、许美玲，三人均被刑事拘留。查获假冒耐克运动鞋成品2860双、半成品鞋面1500双，鞋标、吊牌、鞋盒等12600件，压底机等制假设备11台，涉案货值约40万元。",
        leadSites: [0, 1],
        seizures: [
          { product: "假冒耐克 Air Max 90 / Air Force 1 运动鞋（成品）", brand: "NIKE", quantity: "2860", unit: "pairs", valueYuan: "371800", valuationMethod: "actual_sale_price", notes: "按涉案店铺实际销售均价130元/双计算。" },
          { product: "运动鞋半成品鞋面", brand: "NIKE", quantity: "1500", unit: "pairs", valueYuan: "28200", valuationMethod: "price_appraisal", notes: "经莆田市价格认定中心认定。" },
          { product: "假冒 NIKE 鞋标、吊牌、鞋盒", brand: "NIKE", quantity: "12600", unit: "pieces", counterfeitLabels: 12600 },
          { product: "制假设备", quantity: "11", unit: "sets", equipment: "压底机 2 台、电脑针车 6 台、鞋面打磨机 3 台" },
        ],
        seizureList: { name: "扣押清单_西天尾镇溪白村加工厂.csv", heading: [["扣押物品清单"], ["案件编号", "莆公（经）立字〔2026〕1042号"], ["扣押地点", "莆田市荔城区西天尾镇溪白村工业路66号、后黄村后黄路9号"]] },
      }),
      outcome(bj("2026-10-22T18:00"), { filingDecision: "filed", policeCaseNumber: "莆公（经）立字〔2026〕1042号", filedOn: "2026-10-10", detained: 3, charges: ["art213", "art214"] }),
      platformFollowUp("2026-10-23", [
        { kind: "store_closed", account: 0, note: "依据警方通报，店铺涉嫌销售假冒商品，已永久关闭。" },
        { kind: "store_closed", account: 1 },
        { kind: "account_banned", account: 3, note: "1688 批发账号已封禁，资金冻结配合警方调查。" },
      ]),
    ],
    // ---- The Wutang warehouse: 326 boxes of fake Air Jordans sealed up ----
    "AC-2026-000008": [
      ...toPutian(bj("2026-10-20T09:30"), seededAt),
      accept(bj("2026-10-21T10:05")),
      assign(bj("2026-10-21T10:10")),
      investigate(bj("2026-10-22T16:40"), "已立案侦查，核查仓库租赁关系及货物来源。"),
      note(bj("2026-11-02T09:00"), "agency", "仓库每周二、五晚有货车进出，蔡志勇未露面，疑由他人代管。"),
      raid({
        raidedAt: "2026-11-06T06:00",
        units: "莆田市公安局经侦支队、涵江区公安分局梧塘派出所",
        platformStaff: "平台知识产权专项组 2 人",
        summary:
          "对梧塘镇沁后村仓库依法搜查，现场查封假冒 Air Jordan 篮球鞋326箱（每箱12双，共3912双）及鞋盒、吊牌一批。仓库租用人蔡志勇不在现场，已上网追逃。",
        leadSites: [0],
        seizures: [
          { product: "假冒 Air Jordan 1 / Air Jordan 4 篮球鞋", brand: "AIR JORDAN", quantity: "326", unit: "boxes", valueYuan: "508560", valuationMethod: "actual_sale_price", notes: "每箱12双，共3912双；按涉案店铺实际销售均价130元/双计算。已就地查封。" },
          { product: "假冒 Jumpman 鞋盒、吊牌", brand: "AIR JORDAN", quantity: "4800", unit: "pieces", counterfeitLabels: 4800 },
        ],
        seizureList: { name: "查封扣押清单_梧塘镇沁后村仓库.csv", heading: [["查封、扣押物品清单"], ["扣押地点", "莆田市涵江区梧塘镇沁后村物流仓储园 D 栋 2 号库"]] },
      }),
      outcome(bj("2026-11-06T17:00"), { filingDecision: "filed", policeCaseNumber: "莆公（经）立字〔2026〕1127号", filedOn: "2026-10-22", charges: ["art214"] }),
    ],
    // ---- The Xindu factory: with the procuratorate (arts. 213 and 214, two arrested) ----
    "AC-2026-000009": [
      ...toPutian(bj("2026-08-28T10:00"), seededAt),
      accept(bj("2026-08-30T09:00")),
      assign(bj("2026-08-30T09:05")),
      investigate(bj("2026-09-01T14:00"), "已立案侦查。"),
      raid({
        raidedAt: "2026-10-09T06:10",
        units: "莆田市公安局经侦支队、荔城区公安分局新度派出所",
        summary:
          "搜查下郑村厂房，抓获林海滨、陈丽芳等4人，均被刑事拘留。根据林海滨供述，另在蒲坂村查获一处此前未掌握的成品仓库。两处共查获假冒阿迪达斯运动鞋4120双、商标标识5300件及针车、压底机等设备。",
        leadSites: [0],
        newSites: [{ type: "warehouse", address: "福建省莆田市荔城区新度镇蒲坂村蒲坂路203号仓库", districtCode: "350304" }],
        seizures: [
          { product: "假冒阿迪达斯 Samba / Superstar 运动鞋", brand: "adidas", quantity: "4120", unit: "pairs", valueYuan: "309000", valuationMethod: "actual_sale_price", notes: "厂房1380双、蒲坂村仓库2740双；按1688店铺批发价75元/双计算。" },
          { product: "假冒 adidas 鞋标、吊牌", brand: "adidas", quantity: "5300", unit: "pieces", counterfeitLabels: 5300 },
          { product: "制假设备", quantity: "9", unit: "sets", equipment: "电脑针车 8 台、压底机 1 台" },
        ],
      }),
      note(bj("2026-10-30T16:00"), "shared", "林海滨、陈丽芳已经检察院批准逮捕，另两名工人取保候审。"),
      { by: "officer@putian.demo", transition: "transfer_for_prosecution", at: bj("2026-11-16T10:00"), note: "侦查终结，移送莆田市荔城区人民检察院审查起诉。" },
      outcome(bj("2026-11-16T11:00"), {
        filingDecision: "filed",
        policeCaseNumber: "莆公（经）立字〔2026〕0958号",
        filedOn: "2026-09-01",
        detained: 4,
        arrested: 2,
        onBail: 2,
        charges: ["art213", "art214"],
        route: "criminal",
        transferredToProcuratorateOn: "2026-11-16",
        procuratorate: "莆田市荔城区人民检察院",
      }),
    ],
    // ---- The Yuetang workshop: judged, closed, the platform's follow-up ----
    "AC-2026-000010": [
      ...toPutian(bj("2026-05-20T10:00"), seededAt),
      accept(bj("2026-05-21T09:30")),
      assign(bj("2026-05-21T09:35")),
      investigate(bj("2026-05-25T15:00"), "已立案侦查。"),
      raid({
        raidedAt: "2026-06-18T05:50",
        units: "莆田市公安局经侦支队、秀屿区公安分局月塘派出所",
        platformStaff: "平台知识产权专项组 1 人",
        summary: "搜查东沁村作坊，抓获方建国、方志鹏、李春燕3人。查获假冒匡威、耐克帆布鞋1850双及商标标识2400件。",
        leadSites: [0],
        seizures: [
          { product: "假冒 CONVERSE 1970s 帆布鞋", brand: "CONVERSE", quantity: "1200", unit: "pairs", valueYuan: "78000", valuationMethod: "actual_sale_price" },
          { product: "假冒 NIKE 开拓者帆布鞋", brand: "NIKE", quantity: "650", unit: "pairs", valueYuan: "42250", valuationMethod: "actual_sale_price" },
          { product: "假冒 CONVERSE、NIKE 商标标识", quantity: "2400", unit: "pieces", counterfeitLabels: 2400 },
        ],
      }),
      { by: "officer@putian.demo", transition: "transfer_for_prosecution", at: bj("2026-08-12T10:00"), note: "移送莆田市秀屿区人民检察院审查起诉。" },
      outcome(bj("2026-11-12T15:00"), {
        filingDecision: "filed",
        policeCaseNumber: "莆公（经）立字〔2026〕0512号",
        filedOn: "2026-05-25",
        detained: 3,
        arrested: 1,
        onBail: 2,
        charges: ["art213", "art214"],
        route: "criminal",
        transferredToProcuratorateOn: "2026-08-12",
        procuratorate: "莆田市秀屿区人民检察院",
        indictedOn: "2026-09-10",
        court: "莆田市秀屿区人民法院",
        judgmentOn: "2026-11-06",
        verdict: "convicted",
        sentence:
          "被告人方建国犯假冒注册商标罪，判处有期徒刑三年，并处罚金人民币二十万元；被告人方志鹏犯假冒注册商标罪，判处有期徒刑一年六个月，缓刑二年，并处罚金人民币八万元；被告人李春燕犯销售假冒注册商标的商品罪，判处有期徒刑十个月，缓刑一年，并处罚金人民币二万元；扣押的假冒商品及制假设备予以没收。",
        finesYuan: "300000",
      }),
      {
        by: "officer@putian.demo",
        transition: "close",
        reasonCode: "judgment",
        at: bj("2026-11-12T16:00"),
        note: "莆田市秀屿区人民法院一审判决，被告人均未上诉，判决已生效，本案办结。",
      },
      platformFollowUp("2026-11-13", [
        { kind: "store_closed", account: 0, note: "依据生效判决永久关闭店铺。" },
        { kind: "store_closed", account: 1, note: "依据生效判决永久关闭店铺。" },
        { kind: "account_banned", account: 2, note: "天猫代购账号封禁，关联账号一并处置。" },
        {
          kind: "blacklist_candidate",
          enterprise: 0,
          publishable: ["name", "credit_code", "province", "category", "reason"],
          note: "经莆田市秀屿区人民法院生效判决认定制售假冒注册商标的商品，建议列入本季度“百家制售假企业”名单。",
        },
      ]),
    ],
    // ---- Declined by Putian: the goods are in Guangzhou (the platform is shown Guangzhou's MOU) ----
    "AC-2026-000011": [
      ...toPutian(bj("2026-10-27T10:00"), seededAt),
      {
        by: "supervisor@putian.demo",
        transition: "decline",
        reasonCode: "outside_jurisdiction",
        at: bj("2026-10-29T11:30"),
        note: "经核查，城厢区地址仅为店铺注册和退货地址，无生产、仓储；货物实际存放、发出地在广州市白云区石井街道，犯罪地不在我局辖区，建议移送广州市公安局。",
      },
    ],
    "AC-2026-000012": [
      ...toPutian(bj("2026-11-09T10:00"), seededAt),
      {
        by: "supervisor@putian.demo",
        transition: "return_for_info",
        at: bj("2026-11-11T09:40"),
        note: "请补充：1. 彪马公司的正式鉴定报告（目前仅有初步意见）；2. 郊尾镇发货地址的现场核查情况及照片；3. 两家店铺的收款账户信息及近六个月的销售明细。",
      },
    ],
    "AC-2026-000013": [...toPutian(bj("2026-11-11T10:00"), seededAt), accept(bj("2026-11-13T09:15"), "同意接收，指定黄建明办理。"), assign(bj("2026-11-13T09:20"))],
    "AC-2026-000014": [
      ...toPutian(bj("2026-11-03T10:00"), seededAt),
      accept(bj("2026-11-04T09:00"), "与西天尾镇案件关联，同意接收，并案侦查。"),
      assign(bj("2026-11-04T09:05")),
      investigate(bj("2026-11-05T14:30"), "已立案侦查，与 AC-2026-000007 并案。"),
      note(bj("2026-11-08T10:00"), "agency", "汀港村加工点白天关门，夜间开工，工人约六人。郑伟名下有一辆厢式货车，常停在汀港路口。"),
      note(bj("2026-11-12T17:20"), "shared", "已调取1688店铺的实名认证材料，正在核对资金流向。"),
      informationRequest("officer@putian.demo", ago(1), calendarDay(seededAt, 3), {
        subject: "请提供东峤镇三家店铺的订单明细及收款账户流水",
        body: "为核实销售金额，请平台提供：1. 三家店铺2026年8月1日至今的全部订单明细（含收货地址、金额、运单号）；2. 店铺绑定的收款账户及提现记录；3. 1688店铺“东峤板鞋批发”的实名认证资料。",
      }),
    ],
    "AC-2026-000015": toPutian(undefined, seededAt),
    "AC-2026-000016": toPutian(undefined, seededAt, "加工厂在莆田市涵江区，请莆田市公安局接收；义乌仓库和广州档口可一并查处或另行移送。"),
    "AC-2026-000017": toPutian(undefined, seededAt),
    "AC-2026-000018": [
      ...toPutian(bj("2026-11-02T10:00"), seededAt),
      accept(bj("2026-11-03T09:30")),
      assign(bj("2026-11-03T09:35")),
      investigate(bj("2026-11-04T15:00"), "已立案侦查，正在摸排厂房和仓库的人员、货物情况。"),
      note(bj("2026-11-10T21:00"), "agency", "厂房每晚开工，刘庄村仓库周末集中发货。计划择机同时搜查两处。"),
    ],
    "AC-2026-000019": [...toPutian(bj("2026-11-12T10:00"), seededAt), accept(bj("2026-11-14T10:20"), "同意接收，指定黄建明办理。"), assign(bj("2026-11-14T10:25"))],
    // Referred four days before seeding: Putian's three-day decision period has run out.
    "AC-2026-000020": toPutian(ago(4), seededAt),
  };
}

export async function seedDemoPolice(tx: Transaction, context: DemoWorldContext, options: { at?: Date } = {}): Promise<void> {
  const seededAt = options.at ?? new Date();
  const viewers = new Map<string, Viewer>();
  const world: PoliceSeedWorld = {
    tx,
    context,
    async viewer(email) {
      const known = viewers.get(email);
      if (known) return known;
      const viewer = await loadViewer(tx, { email });
      viewers.set(email, viewer);
      return viewer;
    },
  };

  for (const [reference, steps] of Object.entries(plans(seededAt))) {
    const caseId = context.caseIdByReference.get(reference);
    if (!caseId) continue;
    for (const step of steps) {
      if ("run" in step) {
        try {
          await step.run(world, caseId);
        } catch (error) {
          throw new Error(`Demo police seed: ${reference} ${step.label}: ${error instanceof Error ? error.message : String(error)}`);
        }
        continue;
      }
      const [current] = await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
      const input: TransitionInput = {
        caseId,
        version: current!.version,
        note: step.note ?? null,
        agencyId: step.agency ? (context.organisationIdByCode.get(step.agency) ?? null) : null,
        reasonCode: step.reasonCode ?? null,
      };
      const outcome = await applyTransition(tx, await world.viewer(step.by), step.transition, input, step.at ? { at: step.at } : {});
      if (!outcome.ok) {
        throw new Error(`Demo police seed: ${reference} ${step.transition} refused: ${JSON.stringify(outcome.refusal)}`);
      }
    }
  }
}

/**
 * The demo world's notifications as its people would have left them: the story's older news read (read_at two
 * hours after it came), only the last days' unread; and no e-mail copies waiting in the outbox — those of a
 * seeded past would have gone out at the time, and a demo world must not mail its demo accounts now (with SMTP
 * configured the copies would be sent at the first start). Runs once, after every part of the world is seeded.
 */
export async function settleDemoNotifications(tx: Transaction, options: { at?: Date } = {}): Promise<void> {
  const seededAt = options.at ?? new Date();
  await tx
    .update(notifications)
    .set({ readAt: sql`${notifications.createdAt} + interval '2 hours'` })
    .where(and(isNull(notifications.readAt), lt(notifications.createdAt, new Date(seededAt.getTime() - UNREAD_DAYS * DAY))));
  // Ids the notifier remembered for delivery that no longer exist are given up by it (notification-emails.server.ts).
  await tx.delete(outboxMessages).where(and(like(outboxMessages.kind, `${NOTIFICATION_EMAIL_KIND_PREFIX}%`), isNull(outboxMessages.sentAt)));
}
