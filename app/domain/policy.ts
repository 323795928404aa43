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
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERY_ROLE: readonly Role[] = ROLES;

const ALLOWED_ROLES: Record<Action, readonly Role[]> = {
  "portal.use": EVERY_ROLE,
  "account.set_locale": EVERY_ROLE,
  "organisations.view_all": ["administrator"],
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
