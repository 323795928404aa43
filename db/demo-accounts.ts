/**
 * Who the demo world is made of. Kept apart from db/seed.ts (which imports the domain to write the cases)
 * so that the sign-in page can list the accounts without loading the seeding code.
 */
import type { NewOrganisation, UserRole } from "./schema";

export const DEMO_ORGANISATIONS = [
  {
    code: "platform-ip",
    kind: "platform",
    nameZh: "平台治理部知识产权专项组",
    nameEn: "Platform Governance Department, IP Special Team",
    divisionCode: "330100",
  },
  {
    code: "putian-psb",
    kind: "police",
    nameZh: "莆田市公安局",
    nameEn: "Putian Municipal Public Security Bureau",
    divisionCode: "350300",
  },
  {
    code: "guangzhou-psb",
    kind: "police",
    nameZh: "广州市公安局",
    nameEn: "Guangzhou Municipal Public Security Bureau",
    divisionCode: "440100",
  },
  {
    code: "jinhua-psb",
    kind: "police",
    nameZh: "金华市公安局",
    nameEn: "Jinhua Municipal Public Security Bureau",
    divisionCode: "330700",
  },
] as const satisfies readonly (NewOrganisation & { code: string })[];

type DemoOrganisationCode = (typeof DEMO_ORGANISATIONS)[number]["code"];

export const DEMO_ACCOUNTS: readonly {
  email: string;
  displayName: string;
  role: UserRole;
  organisation: DemoOrganisationCode;
}[] = [
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

