/**
 * The server-side guards over policy.ts. Every loader and every action calls one of these first:
 * Remix runs loaders in parallel and actions on their own, so a parent route's check protects nothing.
 *
 * Only a complete session counts as signed in. A session still waiting for the user's second factor, or for
 * a required TOTP enrolment, is treated as signed out everywhere except the page that completes it
 * (docs/decisions/0010-two-factor-sessions-and-step-up.md).
 */
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import {
  lastAuthenticatedAt,
  readSessionToken,
  validateSessionToken,
  type SessionStage,
  type ValidSession,
} from "~/lib/auth.server";
import { getDb, organisations } from "~/lib/db.server";
import { forbidden } from "~/lib/http.server";
import { viewerFromRows } from "./viewers.server";
import { can, type Action, type Viewer } from "./policy";

export interface ViewerSession {
  viewer: Viewer;
  session: ValidSession;
}

/** Where a session in each unfinished stage is sent to finish signing in. */
export const STAGE_PAGES: Record<Exclude<SessionStage, "complete">, string> = {
  second_factor: "/login/two-factor",
  enrolment: "/account/two-factor",
};

/** The caller's session whatever its stage (signed in, or half-way through signing in), or null. */
export async function getSessionInAnyStage(request: Request): Promise<ViewerSession | null> {
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
  const viewer = viewerFromRows(session.user, organisation);
  return { viewer, session };
}

/** The signed-in viewer and their session; null when signed out or not finished signing in. */
export async function getViewerSession(request: Request): Promise<ViewerSession | null> {
  const current = await getSessionInAnyStage(request);
  return current && current.session.stage === "complete" ? current : null;
}

export async function getViewer(request: Request): Promise<Viewer | null> {
  return (await getViewerSession(request))?.viewer ?? null;
}

function currentPath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("index"); // Remix's marker for an index route's action, not part of the page
  const search = url.searchParams.toString();
  return `${url.pathname}${search ? `?${search}` : ""}`;
}

function withRedirectTo(page: string, back: string): string {
  return back === "/" ? page : `${page}?${new URLSearchParams({ redirectTo: back })}`;
}

/** Signed in (with the session), or sent to /login (or to finish signing in), and back here afterwards. */
async function requireCompleteSession(request: Request): Promise<ViewerSession> {
  const current = await getSessionInAnyStage(request);
  if (current?.session.stage === "complete") return current;
  const back = currentPath(request);
  throw redirect(withRedirectTo(current ? STAGE_PAGES[current.session.stage] : "/login", back));
}

/** Signed in, or sent to /login (or to finish signing in), and back here afterwards. */
export async function requireViewer(request: Request): Promise<Viewer> {
  return (await requireCompleteSession(request)).viewer;
}

/** requirePermission, returning the session too: for pages about the session or account themselves. */
export async function requireViewerSession(request: Request, action: Action): Promise<ViewerSession> {
  const current = await requireCompleteSession(request);
  assertCan(current.viewer, action);
  return current;
}

/** The half-signed-in session that the page for `stage` finishes; otherwise to /login (or home if signed in). */
export async function requireSessionInStage(request: Request, stage: Exclude<SessionStage, "complete">): Promise<ViewerSession> {
  const current = await getSessionInAnyStage(request);
  if (current?.session.stage === stage) return current;
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  if (!current) throw redirect(redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : "/login");
  if (current.session.stage === "complete") throw redirect("/");
  throw redirect(withRedirectTo(STAGE_PAGES[current.session.stage], redirectTo ?? "/"));
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

/**
 * Step-up for sensitive actions (changing roles, approving a blacklist, exporting evidence): unless this
 * session proved its user's identity within `maxAgeMinutes` (sign-in, second factor or re-authentication),
 * sends the user to /reauthenticate, which brings them back to `returnTo` (default: this page; an action
 * may add the values of its form so the user does not have to choose them again). Call it after the
 * permission guard, in the action that does the sensitive thing (and in its loader too if merely showing
 * the page should ask). See docs/decisions/0010-two-factor-sessions-and-step-up.md.
 */
/** How recent a proof of identity sensitive actions want (role changes, exporting evidence). */
export const SENSITIVE_ACTION_REAUTH_MINUTES = 10;

export async function requireRecentReauthentication(
  request: Request,
  viewer: Viewer,
  maxAgeMinutes: number,
  options: { returnTo?: string } = {},
): Promise<void> {
  const current = await requireCompleteSession(request);
  if (current.viewer.userId !== viewer.userId) throw forbidden();
  if (Date.now() - lastAuthenticatedAt(current.session).getTime() <= maxAgeMinutes * 60_000) return;
  const back = options.returnTo ?? currentPath(request);
  throw redirect(`/reauthenticate?${new URLSearchParams({ redirectTo: back })}`);
}

export { can } from "./policy";
