import { can, type Action, type Viewer } from "~/domain/policy";

export interface NavigationItem {
  to: string;
  labelKey: string;
  /** Shown only to viewers the policy allows this action; the route itself enforces it again. */
  requires: Action;
}

/** The main navigation. A new page adds its entry here, with the policy action that guards its loader. */
export const NAVIGATION: readonly NavigationItem[] = [
  { to: "/", labelKey: "nav.home", requires: "portal.use" },
  { to: "/inbox", labelKey: "inbox.nav", requires: "case.investigate" },
  { to: "/cases", labelKey: "cases.nav.list", requires: "case.view" },
  { to: "/cases/new", labelKey: "cases.nav.newLead", requires: "case.create" },
  { to: "/dashboard", labelKey: "statistics.nav.dashboard", requires: "statistics.view" },
  { to: "/map", labelKey: "statistics.nav.map", requires: "statistics.view" },
  { to: "/blacklist", labelKey: "blacklist.nav", requires: "blacklist.view" },
  { to: "/operations", labelKey: "operations.nav", requires: "joint_operations.manage" },
  { to: "/verify", labelKey: "packet.nav", requires: "packet.verify" },
  { to: "/admin/mous", labelKey: "admin.nav.mous", requires: "mou.manage" },
  { to: "/admin/users", labelKey: "admin.nav.users", requires: "users.manage" },
  { to: "/admin/audit", labelKey: "admin.nav.audit", requires: "audit.view" },
  { to: "/admin/outbox", labelKey: "admin.nav.outbox", requires: "outbox.view" },
  { to: "/admin/integrations", labelKey: "integrations.nav", requires: "integrations.manage" },
  { to: "/account", labelKey: "account.nav", requires: "portal.use" },
];

export function navigationFor(viewer: Pick<Viewer, "role" | "organisationKind"> | null): NavigationItem[] {
  return NAVIGATION.filter((item) => can(viewer, item.requires));
}
