/**
 * The demo world the server seeds with SEED_DEMO=true (db/seed.ts), written out here on purpose: the suite
 * checks the seed rather than reading it back. No imports, so playwright.config.ts can load it too.
 */

/** The seed's default DEMO_PASSWORD; playwright.config.ts passes it to the server explicitly. */
export const DEMO_PASSWORD = "portal-demo-2026";

export type Role = "investigator" | "platform_lead" | "police_officer" | "police_supervisor" | "management" | "administrator";

export interface DemoOrganisation {
  nameZh: string;
  nameEn: string;
}

export const DEMO_ORGANISATIONS = {
  "platform-ip": { nameZh: "平台治理部知识产权专项组", nameEn: "Platform Governance Department, IP Special Team" },
  "putian-psb": { nameZh: "莆田市公安局", nameEn: "Putian Municipal Public Security Bureau" },
  "guangzhou-psb": { nameZh: "广州市公安局", nameEn: "Guangzhou Municipal Public Security Bureau" },
  "jinhua-psb": { nameZh: "金华市公安局", nameEn: "Jinhua Municipal Public Security Bureau" },
} as const satisfies Record<string, DemoOrganisation>;

export type OrganisationCode = keyof typeof DEMO_ORGANISATIONS;

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  organisation: OrganisationCode;
}

/**
 * Accounts some spec changes for good, so no other spec may rely on their state:
 * - supervisor@guangzhou.demo: language.spec.ts saves Chinese as the account's language;
 * - officer@jinhua.demo: lockout.spec.ts locks it (that spec runs last, see playwright.config.ts).
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "investigator@platform.demo", displayName: "林晓雯", role: "investigator", organisation: "platform-ip" },
  { email: "lead@platform.demo", displayName: "陈志远", role: "platform_lead", organisation: "platform-ip" },
  { email: "management@platform.demo", displayName: "王海峰", role: "management", organisation: "platform-ip" },
  { email: "admin@platform.demo", displayName: "赵敏", role: "administrator", organisation: "platform-ip" },
  { email: "officer@putian.demo", displayName: "黄建明", role: "police_officer", organisation: "putian-psb" },
  { email: "supervisor@putian.demo", displayName: "郑国华", role: "police_supervisor", organisation: "putian-psb" },
  { email: "management@putian.demo", displayName: "吴德胜", role: "management", organisation: "putian-psb" },
  { email: "officer@guangzhou.demo", displayName: "李卫东", role: "police_officer", organisation: "guangzhou-psb" },
  { email: "supervisor@guangzhou.demo", displayName: "何丽萍", role: "police_supervisor", organisation: "guangzhou-psb" },
  { email: "officer@jinhua.demo", displayName: "周斌", role: "police_officer", organisation: "jinhua-psb" },
];

/**
 * Every case referred up to this day (Beijing time) is one of the demo history's (db/seed-history.ts), all
 * closed; the live demo cases (the earliest referred in May 2026) and everything the specs create are referred
 * later. A statistics filter ending on this day therefore reads figures that nothing the suite does can move,
 * not even the minute sweep applying an earlier spec's referral between two requests, which is what a
 * comparison across two requests (the page and its export, the platform and an agency) needs. db/bulk-generate.server.test.ts checks it against the seed.
 */
export const DEMO_SETTLED_UNTIL = "2026-04-30";
