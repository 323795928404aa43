/**
 * Demo MOUs and joint operations. Putian's scope is the one in DOMAIN.md. Guangzhou's MOU runs out within
 * 30 days of seeding (so the registry flags it); Jinhua's has expired (so it is never offered for referral).
 */
import type { Transaction } from "./client";
import { jointOperations, mous, type GoodsCategory } from "./schema";
import type { DemoWorldContext } from "./seed";

function isoDay(offsetDays: number, from = new Date()): string {
  const day = new Date(from.getTime() + offsetDays * 24 * 60 * 60 * 1000);
  return day.toISOString().slice(0, 10);
}

export async function seedDemoMous(tx: Transaction, context: DemoWorldContext): Promise<void> {
  const platform = context.organisationIdByCode.get("platform-ip")!;
  const admin = context.userIdByEmail.get("admin@platform.demo")!;
  const demoMous: {
    reference: string;
    titleZh: string;
    titleEn: string;
    police: string;
    signedOn: string;
    effectiveFrom: string;
    effectiveUntil: string | null;
    scope: GoodsCategory[];
    territory: string[];
    contacts: object[];
  }[] = [
    {
      reference: "MOU-PT-2016-01",
      titleZh: "平台与莆田市公安局打击假冒伪劣商品合作备忘录",
      titleEn: "MOU between the platform and Putian PSB on combating counterfeit goods",
      police: "putian-psb",
      signedOn: "2016-01-08",
      effectiveFrom: "2016-01-08",
      effectiveUntil: isoDay(730),
      scope: ["food_drugs", "mother_baby", "auto_parts", "footwear_apparel", "household_appliances"],
      territory: ["350300"],
      contacts: [
        { side: "police", name: "郑国华", title: "经侦支队副支队长", phone: "0594-2xxxxxx", email: "supervisor@putian.demo" },
        { side: "platform", name: "陈志远", title: "知识产权专项组负责人", phone: "0571-8xxxxxxx", email: "lead@platform.demo" },
      ],
    },
    {
      reference: "MOU-GZ-2023-02",
      titleZh: "平台与广州市公安局知识产权保护协作备忘录",
      titleEn: "MOU between the platform and Guangzhou PSB on IP protection",
      police: "guangzhou-psb",
      signedOn: "2023-12-20",
      effectiveFrom: "2024-01-01",
      effectiveUntil: isoDay(25),
      scope: ["digital_accessories", "cosmetics", "footwear_apparel"],
      territory: ["440100"],
      contacts: [{ side: "police", name: "何丽萍", title: "食药环侦支队", phone: "020-8xxxxxxx", email: "supervisor@guangzhou.demo" }],
    },
    {
      reference: "MOU-JH-2021-01",
      titleZh: "平台与金华市公安局打假协作备忘录",
      titleEn: "MOU between the platform and Jinhua PSB on anti-counterfeiting",
      police: "jinhua-psb",
      signedOn: "2021-03-01",
      effectiveFrom: "2021-03-01",
      effectiveUntil: isoDay(-45),
      scope: ["footwear_apparel", "household_appliances", "luggage_leather"],
      territory: ["330700"],
      contacts: [],
    },
  ];
  await tx.insert(mous).values(
    demoMous.map((mou) => ({
      reference: mou.reference,
      titleZh: mou.titleZh,
      titleEn: mou.titleEn,
      platformOrganisationId: platform,
      policeOrganisationId: context.organisationIdByCode.get(mou.police)!,
      signedOn: mou.signedOn,
      effectiveFrom: mou.effectiveFrom,
      effectiveUntil: mou.effectiveUntil,
      scopeCategories: mou.scope,
      territoryDivisionCodes: mou.territory,
      decisionPeriodDays: 3,
      liaisonContacts: mou.contacts,
      createdBy: admin,
    })),
  );
  await tx.insert(jointOperations).values([
    { code: "cloud-sword-2026", nameZh: "“云剑-2026”专项行动", nameEn: "Cloud Sword 2026", startsOn: "2026-03-01", endsOn: "2026-12-31" },
    { code: "spring-shoes-2026", nameZh: "莆田制售假鞋专项整治", nameEn: "Putian counterfeit footwear campaign", startsOn: "2026-01-01", endsOn: null },
  ]);
}
