/**
 * The server-side guards over policy.ts. Every loader and every action calls one of these first:
 * Remix runs loaders in parallel and actions on their own, so a parent route's check protects nothing.
 */
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { readSessionToken, validateSessionToken, type ValidSession } from "~/lib/auth.server";
import { getDb, organisations } from "~/lib/db.server";
import { forbidden } from "~/lib/http.server";
import { can, type Action, type OrganisationKind, type Role, type Viewer } from "./policy";

export interface ViewerSession {
  viewer: Viewer;
  session: ValidSession;
}

export async function getViewerSession(request: Request): Promise<ViewerSession | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const db = await getDb();
  const session = await validateSessionToken(db, token);
  if (!session) return null;
  const [organisation] = await db
    .select()
    .from(organisations)
    .where(eq(organisations.id, session.user.organisationId))
    .limit(1);
  if (!organisation || organisation.deactivatedAt) return null;
  const viewer: Viewer = {
    userId: session.user.id,
    email: session.user.email,
    displayName: session.user.displayName,
    role: session.user.role as Role,
    organisationId: organisation.id,
    organisationKind: organisation.kind as OrganisationKind,
    organisationCode: organisation.code,
    organisationNameZh: organisation.nameZh,
    organisationNameEn: organisation.nameEn,
  };
  return { viewer, session };
}

export async function getViewer(request: Request): Promise<Viewer | null> {
  return (await getViewerSession(request))?.viewer ?? null;
}

function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  const params = back === "/" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
  return redirect(`/login${params}`);
}

/** Signed in, or sent to /login (and back here afterwards). */
export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request);
  if (!viewer) throw signInRedirect(request);
  return viewer;
}

/** Signed in and allowed `action`, or 403. */
export async function requirePermission(request: Request, action: Action): Promise<Viewer> {
  const viewer = await requireViewer(request);
  assertCan(viewer, action);
  return viewer;
}

export function assertCan(viewer: Viewer, action: Action): void {
  if (!can(viewer, action)) throw forbidden();
}

export { can } from "./policy";
