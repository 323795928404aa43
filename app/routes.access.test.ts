/// <reference types="vite/client" />
/**
 * The route × role matrix: every route module's loader and action, called as every demo account and as a
 * signed-out visitor, must answer exactly as written here. A route file that is not listed fails the
 * test, so a new page cannot ship without someone deciding who may use it (docs/decisions/0003).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { desc, eq } from "drizzle-orm";
import { cases, evidenceFiles, informationRequests, jointOperations, mous, notifications, users } from "../db/schema";
import { DEMO_ACCOUNTS, seedDemoWorld } from "../db/seed";
import { createTestDatabase, type TestDatabase } from "../db/testing";
import { createUserSession } from "~/lib/auth.server";
import { useDatabaseForTesting } from "~/lib/db.server";
import { viewerFor } from "~/domain/case-workflow.testing";
import { createLead } from "~/domain/cases.server";
import { LeadFormSchema } from "~/domain/cases.schema";

type Principal = "anonymous" | (typeof DEMO_ACCOUNTS)[number]["email"];
/** A status code, "login" (sent to sign in), or "redirect:<location>". */
type Outcome = number | "login" | `redirect:${string}`;
type Expectation = (principal: Principal) => Outcome;

interface RouteAccess {
  /** May name a seeded case as {case:AC-2026-000002}: replaced by its id (also in params and outcomes). */
  path: string;
  params?: Record<string, string>;
  loader?: Expectation;
  action?: { body: Record<string, string>; expect: Expectation };
}

const everyone =
  (outcome: Outcome): Expectation =>
  () =>
    outcome;
const signedInOnly =
  (outcome: Outcome): Expectation =>
  (principal) =>
    principal === "anonymous" ? "login" : outcome;

const adminOnly =
  (outcome: Outcome): Expectation =>
  (principal) =>
    principal === "anonymous" ? "login" : principal === "admin@platform.demo" ? outcome : 403;

/** joint_operations.manage: administrators and platform leads. */
const operationManagers =
  (outcome: Outcome): Expectation =>
  (principal) =>
    principal === "anonymous" ? "login" : principal === "admin@platform.demo" || principal === "lead@platform.demo" ? outcome : 403;

const PLATFORM_CASE_WORKERS: readonly Principal[] = ["investigator@platform.demo", "lead@platform.demo"];

/**
 * Outcomes on AC-2026-000001 (referred to Putian): `inScope` for the platform's and Putian's case workers,
 * `readOnly` for management and administrators, 404 for the other agencies, sign-in for the signed-out.
 */
function evidenceOutcome(principal: Principal, outcomes: { inScope: Outcome; readOnly: Outcome }): Outcome {
  if (principal === "anonymous") return "login";
  if (principal.startsWith("management@") || principal === "admin@platform.demo") return outcomes.readOnly;
  if (principal.endsWith("@platform.demo") || principal.endsWith("@putian.demo")) return outcomes.inScope;
  return 404;
}

/** case.discuss on a case referred to Putian: its case workers and the platform's get `inScope`. */
function discussOutcome(principal: Principal, inScope: Outcome): Outcome {
  if (principal === "anonymous") return "login";
  if (principal.startsWith("management@") || principal === "admin@platform.demo") return 403;
  if (principal.endsWith("@platform.demo") || principal.endsWith("@putian.demo")) return inScope;
  return 404;
}

/**
 * Outcomes of the police records on AC-2026-000001: `inScope` for Putian's officer and supervisor, 404 for other
 * agencies' case workers (the case is not theirs), 403 for every role that may not write police records.
 */
function policeOutcome(principal: Principal, inScope: Outcome): Outcome {
  if (principal === "anonymous") return "login";
  if (principal === "officer@putian.demo" || principal === "supervisor@putian.demo") return inScope;
  if (/^(officer|supervisor)@/.test(principal)) return 404;
  return 403;
}

const ROUTES: Record<string, RouteAccess> = {
  "root.tsx": { path: "/", loader: everyone(200) },
  "routes/_index.tsx": { path: "/", loader: signedInOnly(200) },
  "routes/login.tsx": {
    path: "/login",
    loader: (principal) => (principal === "anonymous" ? 200 : "redirect:/"),
    // An empty form is a validation error for anyone; credentials are tested in accounts.server.test.ts.
    action: { body: {}, expect: everyone(400) },
  },
  "routes/logout.tsx": {
    path: "/logout",
    loader: everyone("redirect:/"),
    action: { body: {}, expect: everyone("redirect:/login?signedOut=1") },
  },
  "routes/set-language.tsx": {
    path: "/set-language",
    loader: everyone("redirect:/"),
    action: { body: { locale: "en", redirectTo: "/" }, expect: everyone("redirect:/") },
  },
  "routes/healthz.ts": { path: "/healthz", loader: everyone(200) },
  "routes/$.tsx": { path: "/no-such-page", loader: everyone(404), action: { body: {}, expect: everyone(404) } },
  // The lead pages (issue 3, W1a). {case:draft} is a draft the investigator opens in beforeAll (createLead):
  // the platform's case workers and management see it, no police agency does (drafts never leave the
  // platform), administrators have no case access. Empty forms are validation errors (400) for those who
  // may write, and change nothing.
  "routes/cases._index.tsx": {
    path: "/cases",
    loader: (principal) => (principal === "anonymous" ? "login" : principal === "admin@platform.demo" ? 403 : 200),
  },
  "routes/cases.new.tsx": {
    path: "/cases/new",
    loader: (principal) => (principal === "anonymous" ? "login" : PLATFORM_CASE_WORKERS.includes(principal) ? 200 : 403),
    action: { body: {}, expect: (principal) => (principal === "anonymous" ? "login" : PLATFORM_CASE_WORKERS.includes(principal) ? 400 : 403) },
  },
  "routes/cases.$id._index.tsx": {
    path: "/cases/{case:draft}",
    params: { id: "{case:draft}" },
    loader: (principal) =>
      principal === "anonymous"
        ? "login"
        : principal === "admin@platform.demo"
          ? 403
          : principal.endsWith("@platform.demo")
            ? 200
            : 404,
  },
  "routes/cases.$id.edit.tsx": {
    path: "/cases/{case:draft}/edit",
    params: { id: "{case:draft}" },
    loader: (principal) => (principal === "anonymous" ? "login" : PLATFORM_CASE_WORKERS.includes(principal) ? 200 : 403),
    action: {
      body: { version: "1" },
      expect: (principal) => (principal === "anonymous" ? "login" : PLATFORM_CASE_WORKERS.includes(principal) ? 400 : 403),
    },
  },
  "routes/resources.divisions.ts": { path: "/resources/divisions?parent=350300", loader: signedInOnly(200) },
  // The referral packet of AC-2026-000001 (referred to Putian): the platform's and Putian's case workers
  // export it; management and administrators may not (403); other agencies do not see the case (404).
  "routes/cases.$id.packet[.]pdf.tsx": {
    path: "/cases/{case:AC-2026-000001}/packet.pdf",
    params: { id: "{case:AC-2026-000001}" },
    loader: (principal) =>
      principal === "anonymous"
        ? "login"
        : ["investigator@platform.demo", "lead@platform.demo", "officer@putian.demo", "supervisor@putian.demo"].includes(principal)
          ? 200
          : principal.startsWith("management@") || principal === "admin@platform.demo"
            ? 403
            : 404,
  },
  // Every signed-in role may verify a packet (only cases in its scope are found); an empty form is a validation error.
  "routes/verify.tsx": { path: "/verify", loader: signedInOnly(200), action: { body: {}, expect: signedInOnly(400) } },
  // AC-2026-000002 is seeded approved, not yet referred: the platform's case workers and management see it,
  // no police agency does. The action's version is stale, so a permitted withdrawal is refused (409) and
  // changes nothing; management may see the case but take no step (403).
  "routes/cases.$id.workflow.tsx": {
    path: "/cases/{case:AC-2026-000002}/workflow",
    params: { id: "{case:AC-2026-000002}" },
    loader: (principal) =>
      principal === "anonymous"
        ? "login"
        : principal === "admin@platform.demo"
          ? 403
          : principal.endsWith("@platform.demo")
            ? "redirect:/cases/{case:AC-2026-000002}"
            : 404,
    action: {
      body: { intent: "withdraw", version: "1", note: "route matrix", js: "1" },
      expect: (principal) =>
        principal === "anonymous"
          ? "login"
          : principal === "investigator@platform.demo" || principal === "lead@platform.demo"
            ? 409
            : principal.endsWith("@platform.demo")
              ? 403
              : 404,
    },
  },
  // The police records (issue 4, helper B) on AC-2026-000001 (submitted to Putian, not yet accepted: the pages
  // open and say what cannot be recorded yet). Notes: everyone who sees the case reads them; only Putian's case
  // workers write (an empty note is a validation error). Raids and the outcome record: Putian's case workers only
  // (the platform, management and administrators 403; other agencies 404); an empty form is a validation error.
  // No raid is seeded under the id used here: 404 for those who may look. The platform's follow-up: the
  // platform's case workers only (403 for everyone else, who may not record it).
  "routes/cases.$id.notes.tsx": {
    path: "/cases/{case:AC-2026-000001}/notes",
    params: { id: "{case:AC-2026-000001}" },
    loader: (principal) => evidenceOutcome(principal, { inScope: 200, readOnly: principal === "admin@platform.demo" ? 403 : 200 }),
    action: { body: {}, expect: (principal) => policeOutcome(principal, 400) },
  },
  "routes/cases.$id.raids.new.tsx": {
    path: "/cases/{case:AC-2026-000001}/raids/new",
    params: { id: "{case:AC-2026-000001}" },
    loader: (principal) => policeOutcome(principal, 200),
    action: { body: {}, expect: (principal) => policeOutcome(principal, 400) },
  },
  "routes/cases.$id.raids.$raidId.tsx": {
    path: "/cases/{case:AC-2026-000001}/raids/00000000-0000-4000-8000-000000000000",
    params: { id: "{case:AC-2026-000001}", raidId: "00000000-0000-4000-8000-000000000000" },
    loader: (principal) => policeOutcome(principal, 404),
    action: { body: {}, expect: (principal) => policeOutcome(principal, 404) },
  },
  "routes/cases.$id.outcome.tsx": {
    path: "/cases/{case:AC-2026-000001}/outcome",
    params: { id: "{case:AC-2026-000001}" },
    loader: (principal) => policeOutcome(principal, 200),
    action: { body: {}, expect: (principal) => policeOutcome(principal, 400) },
  },
  "routes/cases.$id.platform-actions.tsx": {
    path: "/cases/{case:AC-2026-000001}/platform-actions",
    params: { id: "{case:AC-2026-000001}" },
    loader: (principal) => (principal === "anonymous" ? "login" : PLATFORM_CASE_WORKERS.includes(principal) ? 200 : 403),
    action: { body: {}, expect: (principal) => (principal === "anonymous" ? "login" : PLATFORM_CASE_WORKERS.includes(principal) ? 400 : 403) },
  },
  // Evidence (issue 3, W2), on AC-2026-000001 (referred to Putian) and its seeded "试购订单明细.csv" (the
  // platform's). Uploading, downloading and checking need evidence.upload/download (case workers only: 403 for
  // management and administrators); another agency does not see the case (404). The bodies change nothing: an
  // upload that is not multipart is refused (400), a withdrawal without a reason goes back to the form, and
  // Putian may not withdraw the platform's file (403).
  "routes/cases.$id.evidence.tsx": {
    path: "/cases/{case:AC-2026-000001}/evidence",
    params: { id: "{case:AC-2026-000001}" },
    action: { body: {}, expect: (principal) => evidenceOutcome(principal, { inScope: 400, readOnly: 403 }) },
  },
  "routes/evidence.$id.tsx": {
    path: "/evidence/{evidence:试购订单明细.csv}",
    params: { id: "{evidence:试购订单明细.csv}" },
    loader: (principal) => evidenceOutcome(principal, { inScope: 200, readOnly: 403 }),
    action: {
      body: {},
      expect: (principal) =>
        principal === "officer@putian.demo" || principal === "supervisor@putian.demo"
          ? 403
          : evidenceOutcome(principal, {
              inScope: "redirect:/evidence/{evidence:试购订单明细.csv}/custody?withdrawError=reasonRequired",
              readOnly: 403,
            }),
    },
  },
  // The custody page comes with seeing the case (management too); administrators see no case's files (404).
  "routes/evidence.$id_.custody.tsx": {
    path: "/evidence/{evidence:试购订单明细.csv}/custody",
    params: { id: "{evidence:试购订单明细.csv}" },
    loader: (principal) => (principal === "admin@platform.demo" ? 404 : evidenceOutcome(principal, { inScope: 200, readOnly: 200 })),
    action: { body: {}, expect: (principal) => evidenceOutcome(principal, { inScope: 400, readOnly: 403 }) },
  },
  // Administration and account security (issue 6, W4). Only administrators reach /admin/*: everyone else
  // 403, the signed-out to sign in. Empty forms are validation errors (400) and change nothing.
  "routes/admin.mous._index.tsx": { path: "/admin/mous", loader: adminOnly(200) },
  "routes/admin.mous.new.tsx": { path: "/admin/mous/new", loader: adminOnly(200), action: { body: {}, expect: adminOnly(400) } },
  "routes/admin.mous.$mouId._index.tsx": {
    path: "/admin/mous/{mou:MOU-PT-2016-01}",
    params: { mouId: "{mou:MOU-PT-2016-01}" },
    loader: adminOnly(200),
    action: { body: {}, expect: adminOnly(400) },
  },
  "routes/admin.mous.$mouId.edit.tsx": {
    path: "/admin/mous/{mou:MOU-PT-2016-01}/edit",
    params: { mouId: "{mou:MOU-PT-2016-01}" },
    loader: adminOnly(200),
    action: { body: {}, expect: adminOnly(400) },
  },
  // No document is seeded: an administrator asking for one that is not this MOU's gets 404.
  "routes/admin.mous.$mouId.documents.$fileId.tsx": {
    path: "/admin/mous/{mou:MOU-PT-2016-01}/documents/00000000-0000-4000-8000-000000000000",
    params: { mouId: "{mou:MOU-PT-2016-01}", fileId: "00000000-0000-4000-8000-000000000000" },
    loader: adminOnly(404),
  },
  "routes/admin.users._index.tsx": { path: "/admin/users", loader: adminOnly(200), action: { body: {}, expect: adminOnly(400) } },
  "routes/admin.users.invite.tsx": { path: "/admin/users/invite", loader: adminOnly(200), action: { body: {}, expect: adminOnly(400) } },
  "routes/admin.users.$userId.tsx": {
    path: "/admin/users/{user:officer@putian.demo}",
    params: { userId: "{user:officer@putian.demo}" },
    loader: adminOnly(200),
    action: { body: {}, expect: adminOnly(400) },
  },
  "routes/admin.organisations.new.tsx": {
    path: "/admin/organisations/new",
    loader: adminOnly(200),
    action: { body: {}, expect: adminOnly(400) },
  },
  "routes/admin.audit._index.tsx": { path: "/admin/audit", loader: adminOnly(200) },
  "routes/admin.audit.export.tsx": { path: "/admin/audit/export", loader: adminOnly(200) },
  "routes/admin.outbox.tsx": { path: "/admin/outbox", loader: adminOnly(200), action: { body: {}, expect: adminOnly(400) } },
  // The police inbox (issue 4, helper A): the agency's case workers (case.investigate), each seeing only their own
  // agency's referrals (inbox.server.test.ts); everyone else 403.
  "routes/inbox.tsx": {
    path: "/inbox",
    loader: (principal) =>
      principal === "anonymous" ? "login" : /^(officer|supervisor)@(putian|guangzhou|jinhua)\.demo$/.test(principal) ? 200 : 403,
  },
  // Assignments on AC-2026-000013 (accepted at Putian): case.assign is the supervisor's (403 for the rest); the
  // other agencies' supervisors do not see the case (404). The form names no officer: 400, nothing changes.
  "routes/cases.$id.assignments.tsx": {
    path: "/cases/{case:AC-2026-000013}/assignments",
    params: { id: "{case:AC-2026-000013}" },
    loader: (principal) =>
      principal === "anonymous"
        ? "login"
        : principal === "admin@platform.demo"
          ? 403
          : principal.endsWith("@platform.demo") || principal.endsWith("@putian.demo")
            ? "redirect:/cases/{case:AC-2026-000013}#assignments"
            : 404,
    action: {
      body: { intent: "assign", js: "1" },
      expect: (principal) =>
        principal === "anonymous"
          ? "login"
          : principal === "supervisor@putian.demo"
            ? 400
            : principal === "supervisor@guangzhou.demo"
              ? 404
              : 403,
    },
  },
  // Outcome feed and webhooks (issue 4, helper D). Integrations are administrators' (empty forms: 400). The JSON
  // feed answers in JSON, never with a sign-in redirect: 401 signed out, 403 for administrators (no feed.read),
  // 200 for every case worker and management, each in their own scope (app/domain/outcome-feed.server.test.ts).
  "routes/admin.integrations._index.tsx": { path: "/admin/integrations", loader: adminOnly(200), action: { body: {}, expect: adminOnly(400) } },
  "routes/admin.integrations.deliveries.tsx": {
    path: "/admin/integrations/deliveries",
    loader: adminOnly(200),
    action: { body: {}, expect: adminOnly(400) },
  },
  "routes/api.feed.ts": {
    path: "/api/feed?after=0&limit=5",
    loader: (principal) => (principal === "anonymous" ? 401 : principal === "admin@platform.demo" ? 403 : 200),
  },
  // Notifications (issue 4, helper C): everyone reads their own; another user's notification is 404, the
  // owner's opens its link (POST also marks it read). An empty "mark all" form is 400.
  // Joint operations (issue 5): administrators and platform leads manage them, everyone else 403. Attaching and
  // detaching leads (the operation page's action) is the platform lead's alone: administrators 403 there too.
  // Empty forms are validation errors (400) and change nothing.
  "routes/operations._index.tsx": { path: "/operations", loader: operationManagers(200) },
  "routes/operations.new.tsx": { path: "/operations/new", loader: operationManagers(200), action: { body: {}, expect: operationManagers(400) } },
  "routes/operations.$id._index.tsx": {
    path: "/operations/{operation:cloud-sword-2026}",
    params: { id: "{operation:cloud-sword-2026}" },
    loader: operationManagers(200),
    action: { body: {}, expect: (principal) => (principal === "anonymous" ? "login" : principal === "lead@platform.demo" ? 400 : 403) },
  },
  "routes/operations.$id.edit.tsx": {
    path: "/operations/{operation:cloud-sword-2026}/edit",
    params: { id: "{operation:cloud-sword-2026}" },
    loader: operationManagers(200),
    action: { body: {}, expect: operationManagers(400) },
  },
  // statistics.view: management on both sides (each in its own scope) and the platform lead; everyone else 403.
  "routes/map.tsx": {
    path: "/map?layer=factory&province=350000",
    loader: (principal) =>
      principal === "anonymous" ? "login" : principal.startsWith("management@") || principal === "lead@platform.demo" ? 200 : 403,
  },
  // The dashboard and its exports (same permission, same filters in the query string).
  "routes/dashboard.tsx": {
    path: "/dashboard?category=footwear_apparel&province=350000",
    loader: (principal) =>
      principal === "anonymous" ? "login" : principal.startsWith("management@") || principal === "lead@platform.demo" ? 200 : 403,
  },
  "routes/dashboard[.]pdf.tsx": {
    path: "/dashboard.pdf?category=footwear_apparel",
    loader: (principal) =>
      principal === "anonymous" ? "login" : principal.startsWith("management@") || principal === "lead@platform.demo" ? 200 : 403,
  },
  "routes/dashboard[.]csv.tsx": {
    path: "/dashboard.csv?from=2026-01-01",
    loader: (principal) =>
      principal === "anonymous" ? "login" : principal.startsWith("management@") || principal === "lead@platform.demo" ? 200 : 403,
  },
  "routes/notifications._index.tsx": { path: "/notifications", loader: signedInOnly(200), action: { body: {}, expect: signedInOnly(400) } },
  "routes/notifications.$id.tsx": {
    path: "/notifications/{notification:supervisor@putian.demo}",
    params: { id: "{notification:supervisor@putian.demo}" },
    loader: (principal) =>
      principal === "anonymous" ? "login" : principal === "supervisor@putian.demo" ? "redirect:{notificationLink:supervisor@putian.demo}" : 404,
    action: {
      body: {},
      expect: (principal) =>
        principal === "anonymous" ? "login" : principal === "supervisor@putian.demo" ? "redirect:{notificationLink:supervisor@putian.demo}" : 404,
    },
  },
  // Requests for information on AC-2026-000014 (investigating at Putian; the seed leaves Putian's request open).
  // case.discuss: the platform's and Putian's case workers; management and administrators 403; other agencies 404.
  // Empty forms are validation errors (400) and change nothing.
  "routes/cases.$id.requests._index.tsx": {
    path: "/cases/{case:AC-2026-000014}/requests",
    params: { id: "{case:AC-2026-000014}" },
    loader: (principal) => discussOutcome(principal, 200),
    action: { body: {}, expect: (principal) => discussOutcome(principal, 400) },
  },
  "routes/cases.$id.requests.$requestId.tsx": {
    path: "/cases/{case:AC-2026-000014}/requests/{request:请提供东峤镇三家店铺的订单明细及收款账户流水}",
    params: { id: "{case:AC-2026-000014}", requestId: "{request:请提供东峤镇三家店铺的订单明细及收款账户流水}" },
    loader: (principal) => discussOutcome(principal, 200),
    action: { body: {}, expect: (principal) => discussOutcome(principal, 400) },
  },
  "routes/account._index.tsx": { path: "/account", loader: signedInOnly(200), action: { body: {}, expect: signedInOnly(400) } },
  // The demo accounts have no TOTP, so setting it up needs no step-up here.
  "routes/account.two-factor.tsx": {
    path: "/account/two-factor",
    loader: signedInOnly(200),
    action: { body: {}, expect: signedInOnly(400) },
  },
  "routes/reauthenticate.tsx": { path: "/reauthenticate", loader: signedInOnly(200), action: { body: {}, expect: signedInOnly(400) } },
  // Only for a session waiting for its second factor: signed-in visitors go home, the signed-out to sign in.
  "routes/login_.two-factor.tsx": {
    path: "/login/two-factor",
    loader: signedInOnly("redirect:/"),
    action: { body: {}, expect: signedInOnly("redirect:/") },
  },
  // The blacklist (issue 5, H4): blacklist.view for investigators, platform leads and management of both sides; the
  // draft for the platform's case workers (blacklist.propose); corrections are a platform lead's (blacklist.publish).
  // Version 1 is seeded (db/seed-blacklist.ts). Empty forms are validation errors (400) and change nothing.
  "routes/blacklist._index.tsx": {
    path: "/blacklist",
    loader: (principal) => (principal === "anonymous" ? "login" : /^(investigator|lead|management)@/.test(principal) ? 200 : 403),
  },
  "routes/blacklist.draft.tsx": {
    path: "/blacklist/draft",
    loader: (principal) => (principal === "anonymous" ? "login" : PLATFORM_CASE_WORKERS.includes(principal) ? 200 : 403),
    action: { body: {}, expect: (principal) => (principal === "anonymous" ? "login" : PLATFORM_CASE_WORKERS.includes(principal) ? 400 : 403) },
  },
  "routes/blacklist.versions.$number.tsx": {
    path: "/blacklist/versions/1",
    params: { number: "1" },
    loader: (principal) => (principal === "anonymous" ? "login" : /^(investigator|lead|management)@/.test(principal) ? 200 : 403),
    action: { body: {}, expect: (principal) => (principal === "anonymous" ? "login" : principal === "lead@platform.demo" ? 400 : 403) },
  },
  "routes/blacklist.versions.$number[.]pdf.tsx": {
    path: "/blacklist/versions/1.pdf",
    params: { number: "1" },
    loader: (principal) => (principal === "anonymous" ? "login" : /^(investigator|lead|management)@/.test(principal) ? 200 : 403),
  },
  "routes/blacklist.versions.$number[.]csv.tsx": {
    path: "/blacklist/versions/1.csv",
    params: { number: "1" },
    loader: (principal) => (principal === "anonymous" ? "login" : /^(investigator|lead|management)@/.test(principal) ? 200 : 403),
  },
  // Public (the invited person has no account yet); a token never issued is 404 for everyone.
  "routes/invite.$token.tsx": {
    path: "/invite/not-an-issued-invitation-token-0000",
    params: { token: "not-an-issued-invitation-token-0000" },
    loader: everyone(404),
    action: { body: {}, expect: everyone(404) },
  },
};

const APP_DIR = path.dirname(fileURLToPath(import.meta.url));
const modules = import.meta.glob<{
  loader?: (args: LoaderFunctionArgs) => Promise<unknown>;
  action?: (args: ActionFunctionArgs) => Promise<unknown>;
}>(["./root.tsx", "./routes/**/*.{ts,tsx}", "!./routes/**/*.test.{ts,tsx}"]);

function routeFilesOnDisk(): string[] {
  const routesDir = path.join(APP_DIR, "routes");
  const files = fs.readdirSync(routesDir, { recursive: true, withFileTypes: true });
  return files
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !/\.test\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.relative(APP_DIR, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .concat("root.tsx")
    .sort();
}

let database: TestDatabase;
const userIds = new Map<string, string>();
const caseIds = new Map<string, string>();
const evidenceIds = new Map<string, string>();
const mouIds = new Map<string, string>();
const operationIds = new Map<string, string>();
const collaborationIds = new Map<string, string>();

/** Replaces {case:REFERENCE}, {evidence:NAME}, {mou:REFERENCE} and {user:EMAIL} with the seeded row's id. */
function resolve<T extends string | Outcome>(value: T): T {
  if (typeof value !== "string") return value;
  return value
    .replace(/\{case:([^}]+)\}/g, (_, reference: string) => {
      const id = caseIds.get(reference);
      if (!id) throw new Error(`The demo world has no case ${reference}`);
      return id;
    })
    .replace(/\{evidence:([^}]+)\}/g, (_, name: string) => {
      const id = evidenceIds.get(name);
      if (!id) throw new Error(`The demo world has no evidence file ${name}`);
      return id;
    })
    .replace(/\{mou:([^}]+)\}/g, (_, reference: string) => {
      const id = mouIds.get(reference);
      if (!id) throw new Error(`The demo world has no MOU ${reference}`);
      return id;
    })
    .replace(/\{operation:([^}]+)\}/g, (_, code: string) => {
      const id = operationIds.get(code);
      if (!id) throw new Error(`The demo world has no joint operation ${code}`);
      return id;
    })
    .replace(/\{user:([^}]+)\}/g, (_, email: string) => {
      const id = userIds.get(email);
      if (!id) throw new Error(`The demo world has no user ${email}`);
      return id;
    })
    // {request:SUBJECT}: a seeded request for information; {notification:EMAIL} / {notificationLink:EMAIL}: that user's newest notification.
    .replace(/\{(request|notification|notificationLink):([^}]+)\}/g, (_, kind: string, key: string) => {
      const value = collaborationIds.get(`${kind}:${key}`);
      if (!value) throw new Error(`The demo world has no ${kind} ${key}`);
      return value;
    }) as T;
}
const resolveParams = (params: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(params).map(([key, value]) => [key, resolve(value)]));

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "route-matrix-password" });
  for (const row of await database.db.select({ id: users.id, email: users.email }).from(users)) {
    userIds.set(row.email, row.id);
  }
  for (const row of await database.db.select({ id: cases.id, reference: cases.reference }).from(cases)) {
    caseIds.set(row.reference, row.id);
  }
  // Seeded evidence files by name ({evidence:NAME}).
  for (const row of await database.db.select({ id: evidenceFiles.id, name: evidenceFiles.originalName }).from(evidenceFiles)) {
    evidenceIds.set(row.name, row.id);
  }
  for (const row of await database.db.select({ id: mous.id, reference: mous.reference }).from(mous)) {
    mouIds.set(row.reference, row.id);
  }
  for (const row of await database.db.select({ id: jointOperations.id, code: jointOperations.code }).from(jointOperations)) {
    operationIds.set(row.code, row.id);
  }
  for (const row of await database.db.select({ id: informationRequests.id, subject: informationRequests.subject }).from(informationRequests)) {
    collaborationIds.set(`request:${row.subject}`, row.id);
  }
  for (const row of await database.db
    .select({ id: notifications.id, link: notifications.link, email: users.email })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .orderBy(desc(notifications.createdAt))) {
    if (collaborationIds.has(`notification:${row.email}`)) continue;
    collaborationIds.set(`notification:${row.email}`, row.id);
    collaborationIds.set(`notificationLink:${row.email}`, row.link);
  }
  // A draft of the investigator's, opened through the lead domain like any other: {case:draft}.
  const draft = await createLead(
    database.db,
    await viewerFor(database.db, "investigator@platform.demo"),
    LeadFormSchema.parse({ title: "路由矩阵测试草稿", category: "footwear_apparel" }),
    { ip: null },
  );
  if (!draft.ok) throw new Error("could not open the route matrix's draft");
  caseIds.set("draft", draft.caseId);
  useDatabaseForTesting(database);
});
afterAll(async () => {
  await database.destroy();
});

async function requestAs(principal: Principal, url: string, init: RequestInit = {}): Promise<Request> {
  const headers = new Headers(init.headers);
  if (principal !== "anonymous") {
    const { setCookie } = await createUserSession(database.db, userIds.get(principal)!, { ip: null, userAgent: null });
    headers.set("Cookie", setCookie.split(";")[0]!);
  }
  return new Request(new URL(url, "http://localhost"), { ...init, headers });
}

async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await call();
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (!(result instanceof Response)) return 200;
  const location = result.headers.get("Location");
  if (result.status >= 300 && result.status < 400 && location) {
    return location.startsWith("/login") && !location.includes("signedOut") ? "login" : `redirect:${location}`;
  }
  return result.status;
}

const context = { clientIp: "127.0.0.1", cspNonce: "" };
const principals: Principal[] = ["anonymous", ...DEMO_ACCOUNTS.map((account) => account.email)];

describe("route × role matrix", () => {
  it("lists every route module of the app, and only those", () => {
    expect(Object.keys(ROUTES).sort()).toEqual(routeFilesOnDisk());
  });

  it("has an expectation for every loader and action a route exports", async () => {
    for (const [file, access] of Object.entries(ROUTES)) {
      const module = await modules[`./${file}`]!();
      expect(Boolean(module.loader), `${file} loader listed`).toBe(Boolean(access.loader));
      expect(Boolean(module.action), `${file} action listed`).toBe(Boolean(access.action));
    }
  });

  for (const [file, access] of Object.entries(ROUTES)) {
    describe(file, () => {
      for (const principal of principals) {
        if (access.loader) {
          it(`GET ${access.path} as ${principal} → ${String(access.loader(principal))}`, async () => {
            const module = await modules[`./${file}`]!();
            const request = await requestAs(principal, resolve(access.path));
            const params = resolveParams(access.params);
            expect(await outcomeOf(() => module.loader!({ request, params, context }))).toBe(resolve(access.loader!(principal)));
          });
        }
        if (access.action) {
          const { body, expect: expected } = access.action;
          it(`POST ${access.path} as ${principal} → ${String(expected(principal))}`, async () => {
            const module = await modules[`./${file}`]!();
            const request = await requestAs(principal, resolve(access.path), {
              method: "POST",
              body: new URLSearchParams(body),
              headers: { "Content-Type": "application/x-www-form-urlencoded" },
            });
            const params = resolveParams(access.params);
            expect(await outcomeOf(() => module.action!({ request, params, context }))).toBe(resolve(expected(principal)));
          });
        }
      }
    });
  }
});

