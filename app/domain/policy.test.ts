import { ACTIONS, ROLES, can, isRoleAllowedInOrganisation, type Action, type OrganisationKind, type Role } from "./policy";

const HOME_KIND: Record<Role, OrganisationKind> = {
  investigator: "platform",
  platform_lead: "platform",
  administrator: "platform",
  management: "police",
  police_officer: "police",
  police_supervisor: "police",
};

// The matrix, written out a second time on purpose: a change to policy.ts must be made here too, so that
// widening a permission is always a visible, reviewed decision.
const PLATFORM: readonly Role[] = ["investigator", "platform_lead"];
const POLICE: readonly Role[] = ["police_officer", "police_supervisor"];
const EXPECTED: Record<Action, readonly Role[]> = {
  "portal.use": ROLES,
  "account.set_locale": ROLES,
  "organisations.view_all": ["administrator"],
  "case.view": [...PLATFORM, ...POLICE, "management"],
  "case.create": PLATFORM,
  "case.edit": PLATFORM,
  "case.submit_for_review": PLATFORM,
  "case.review": ["platform_lead"],
  "case.refer": PLATFORM,
  "case.withdraw": PLATFORM,
  "case.view_personal_data": ["investigator", ...POLICE],
  "case.decide": ["police_supervisor"],
  "case.assign": ["police_supervisor"],
  "case.investigate": POLICE,
  "case.record_outcome": POLICE,
  "case.record_platform_action": PLATFORM,
  "case.discuss": [...PLATFORM, ...POLICE],
  "notifications.view": ROLES,
  "feed.read": [...PLATFORM, ...POLICE, "management"],
  "integrations.manage": ["administrator"],
  "evidence.upload": [...PLATFORM, ...POLICE],
  "evidence.download": [...PLATFORM, ...POLICE],
  "evidence.withdraw": [...PLATFORM, ...POLICE],
  "packet.export": [...PLATFORM, ...POLICE],
  "packet.verify": ROLES,
  "statistics.view": ["management", "platform_lead"],
  "joint_operations.manage": ["administrator", "platform_lead"],
  "joint_operations.attach_case": ["platform_lead"],
  "blacklist.view": ["investigator", "platform_lead", "management"],
  "blacklist.propose": PLATFORM,
  "blacklist.publish": ["platform_lead"],
  "mou.manage": ["administrator"],
  "users.manage": ["administrator"],
  "audit.view": ["administrator"],
  "outbox.view": ["administrator"],
};

describe("policy matrix", () => {
  for (const action of ACTIONS) {
    for (const role of ROLES) {
      const allowed = EXPECTED[action].includes(role);
      it(`${allowed ? "allows" : "refuses"} ${role} to ${action}`, () => {
        expect(can({ role, organisationKind: HOME_KIND[role] }, action)).toBe(allowed);
      });
    }
  }

  it("grants nothing to the signed-out", () => {
    for (const action of ACTIONS) expect(can(null, action)).toBe(false);
  });

  it("grants nothing to a role held in the wrong kind of organisation", () => {
    expect(can({ role: "administrator", organisationKind: "police" }, "organisations.view_all")).toBe(false);
    expect(can({ role: "police_officer", organisationKind: "platform" }, "portal.use")).toBe(false);
    expect(can({ role: "investigator", organisationKind: "police" }, "portal.use")).toBe(false);
  });

  it("lets management exist on both sides, and police roles only in police agencies", () => {
    expect(isRoleAllowedInOrganisation("management", "platform")).toBe(true);
    expect(isRoleAllowedInOrganisation("management", "police")).toBe(true);
    expect(isRoleAllowedInOrganisation("police_supervisor", "platform")).toBe(false);
    expect(isRoleAllowedInOrganisation("platform_lead", "police")).toBe(false);
  });
});
