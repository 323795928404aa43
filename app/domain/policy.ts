/**
 * The one policy module: which role may do what (docs/decisions/0003-one-policy-module.md).
 *
 * Pure and shared with the UI, which uses `can` only to hide what a viewer may not use; the server enforces
 * through the guards in policy.server.ts, in every loader and every action. Record-level scope (which
 * organisation's or agency's data) is applied by the domain queries, which take the viewer.
 */

export const ROLES = [
  "investigator",
  "platform_lead",
  "police_officer",
  "police_supervisor",
  "management",
  "administrator",
] as const;
export type Role = (typeof ROLES)[number];

export type OrganisationKind = "platform" | "police";

/** Which side of the partnership may hold each role. Management exists on both sides. */
export const ORGANISATION_KINDS_FOR_ROLE: Record<Role, readonly OrganisationKind[]> = {
  investigator: ["platform"],
  platform_lead: ["platform"],
  administrator: ["platform"],
  police_officer: ["police"],
  police_supervisor: ["police"],
  management: ["platform", "police"],
};

export const ACTIONS = [
  /** See one's own home page and account activity. */
  "portal.use",
  /** Choose the portal language for one's own account. */
  "account.set_locale",
  /** See every organisation of the partnership and how many accounts each has. */
  "organisations.view_all",

  // Cases. Which cases a viewer sees is decided by the scoped query (app/domain/case-access.server.ts):
  // the platform sees its own leads; an agency sees only what was referred to it.
  /** List and open cases in the viewer's scope. */
  "case.view",
  /** Start a lead. */
  "case.create",
  /** Edit a lead while it is a draft (the domain also checks the state). */
  "case.edit",
  /** Send a draft to a platform lead for review. */
  "case.submit_for_review",
  /** Approve a lead, or send it back with comments; never one's own (two-person rule, in the domain). */
  "case.review",
  /** Refer an approved lead to a police agency under an MOU. */
  "case.refer",
  /** Withdraw a lead before a police agency has accepted it. */
  "case.withdraw",
  /** See suspects' identity numbers and phones unmasked. */
  "case.view_personal_data",

  // The police side (issue 4). The agency sees only what was referred to it (the scope query).
  /** Accept, decline or return a referral for information, within the decision period. */
  "case.decide",
  /** Assign officers of the agency to a case, and end assignments. */
  "case.assign",
  /** Start the investigation, write investigation notes. */
  "case.investigate",
  /** Record raids, seizures, persons, charges, prosecution or the administrative outcome; close the case. */
  "case.record_outcome",
  /** Record the platform's follow-up: stores closed, accounts banned, blacklist candidates. */
  "case.record_platform_action",
  /** Ask the other side for information and comment on a case (both sides of a case in scope). */
  "case.discuss",

  /** Read one's own notifications (the bell). */
  "notifications.view",
  /** Read the outcome feed (JSON, with a cursor) of the cases in one's scope. */
  "feed.read",
  /** Configure webhook endpoints and feed tokens, and read the delivery log. */
  "integrations.manage",

  // Evidence and its chain of custody.
  /** Upload evidence files to a case in scope. */
  "evidence.upload",
  /** Download (and so view) evidence files; listing their metadata comes with case.view. */
  "evidence.download",
  /** Withdraw an evidence file with a reason (it stays in the record). */
  "evidence.withdraw",
  /** Export the referral packet PDF. */
  "packet.export",
  /** Check a referral packet against what the portal holds. */
  "packet.verify",

  // Management's view of the partnership (issue 5). Figures are aggregates scoped to the viewer's organisation:
  // the platform's management sees every agency, an agency's management only its own.
  /** Read the joint-operation statistics (/dashboard) and the counterfeit map (/map), and export them. */
  "statistics.view",
  /** Create and change joint operations (name, period, agencies). */
  "joint_operations.manage",
  /** Attach leads in the viewer's scope to a joint operation, or detach them. */
  "joint_operations.attach_case",
  /** Read the published blacklist versions and export them. */
  "blacklist.view",
  /** Propose enterprises for the next blacklist version. */
  "blacklist.propose",
  /** Review proposals, sign off and publish a blacklist version, record corrections (step-up required). */
  "blacklist.publish",

  // Administration.
  /** Register, change and end MOUs. */
  "mou.manage",
  /** Invite users, set roles, deactivate and unlock accounts. */
  "users.manage",
  /** Read the whole audit log and export it. */
  "audit.view",
  /** Read the e-mail outbox. */
  "outbox.view",
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERY_ROLE: readonly Role[] = ROLES;
const PLATFORM_CASE_WORKERS: readonly Role[] = ["investigator", "platform_lead"];
const POLICE_CASE_WORKERS: readonly Role[] = ["police_officer", "police_supervisor"];
const CASE_WORKERS: readonly Role[] = [...PLATFORM_CASE_WORKERS, ...POLICE_CASE_WORKERS];

const ALLOWED_ROLES: Record<Action, readonly Role[]> = {
  "portal.use": EVERY_ROLE,
  "account.set_locale": EVERY_ROLE,
  "organisations.view_all": ["administrator"],

  // Management reads cases in its own scope and changes nothing; administrators manage the partnership,
  // not its cases, so they have no case access at all (need to know).
  "case.view": [...CASE_WORKERS, "management"],
  "case.create": PLATFORM_CASE_WORKERS,
  "case.edit": PLATFORM_CASE_WORKERS,
  "case.submit_for_review": PLATFORM_CASE_WORKERS,
  "case.review": ["platform_lead"],
  "case.refer": PLATFORM_CASE_WORKERS,
  "case.withdraw": PLATFORM_CASE_WORKERS,
  // The investigator who records them and the police who act on them; reviewers and management see masks.
  "case.view_personal_data": ["investigator", ...POLICE_CASE_WORKERS],
  // The supervisor decides on referrals and assigns officers (role duties); officers work the cases.
  "case.decide": ["police_supervisor"],
  "case.assign": ["police_supervisor"],
  "case.investigate": POLICE_CASE_WORKERS,
  "case.record_outcome": POLICE_CASE_WORKERS,
  "case.record_platform_action": PLATFORM_CASE_WORKERS,
  "case.discuss": CASE_WORKERS,

  "notifications.view": EVERY_ROLE,
  // Management reads outcomes in its own scope; machine clients use tokens acting for their organisation.
  "feed.read": [...CASE_WORKERS, "management"],
  "integrations.manage": ["administrator"],

  "evidence.upload": CASE_WORKERS,
  "evidence.download": CASE_WORKERS,
  "evidence.withdraw": CASE_WORKERS,
  "packet.export": CASE_WORKERS,
  "packet.verify": EVERY_ROLE,

  // Management reads; the platform lead, who approves leads and manages the blacklist, reads the figures too.
  "statistics.view": ["management", "platform_lead"],
  "joint_operations.manage": ["administrator", "platform_lead"],
  // Attaching touches case data, so only a case worker with the case in scope (administrators have no case access).
  "joint_operations.attach_case": ["platform_lead"],
  "blacklist.view": ["investigator", "platform_lead", "management"],
  "blacklist.propose": PLATFORM_CASE_WORKERS,
  "blacklist.publish": ["platform_lead"],

  "mou.manage": ["administrator"],
  "users.manage": ["administrator"],
  "audit.view": ["administrator"],
  "outbox.view": ["administrator"],
};

export interface Viewer {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  organisationKind: OrganisationKind;
  organisationCode: string;
  organisationNameZh: string;
  organisationNameEn: string;
}

export function can(viewer: Pick<Viewer, "role" | "organisationKind"> | null | undefined, action: Action): boolean {
  if (!viewer) return false;
  // A role held in the wrong kind of organisation grants nothing, whatever the matrix says.
  if (!ORGANISATION_KINDS_FOR_ROLE[viewer.role].includes(viewer.organisationKind)) return false;
  return ALLOWED_ROLES[action].includes(viewer.role);
}

export function isRoleAllowedInOrganisation(role: Role, kind: OrganisationKind): boolean {
  return ORGANISATION_KINDS_FOR_ROLE[role].includes(kind);
}
