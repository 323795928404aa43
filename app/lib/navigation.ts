import { can, type Action, type Viewer } from "~/domain/policy";

export interface NavigationItem {
  to: string;
  labelKey: string;
  /** Shown only to viewers the policy allows this action; the route itself enforces it again. */
  requires: Action;
}

/** The main navigation. A new page adds its entry here, with the policy action that guards its loader. */
export const NAVIGATION: readonly NavigationItem[] = [{ to: "/", labelKey: "nav.home", requires: "portal.use" }];

export function navigationFor(viewer: Pick<Viewer, "role" | "organisationKind"> | null): NavigationItem[] {
  return NAVIGATION.filter((item) => can(viewer, item.requires));
}
