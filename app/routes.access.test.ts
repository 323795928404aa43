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
import { users } from "../db/schema";
import { DEMO_ACCOUNTS, seedDemoWorld } from "../db/seed";
import { createTestDatabase, type TestDatabase } from "../db/testing";
import { createUserSession } from "~/lib/auth.server";
import { useDatabaseForTesting } from "~/lib/db.server";

type Principal = "anonymous" | (typeof DEMO_ACCOUNTS)[number]["email"];
/** A status code, "login" (sent to sign in), or "redirect:<location>". */
type Outcome = number | "login" | `redirect:${string}`;
type Expectation = (principal: Principal) => Outcome;

interface RouteAccess {
  path: string;
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

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "route-matrix-password" });
  for (const row of await database.db.select({ id: users.id, email: users.email }).from(users)) {
    userIds.set(row.email, row.id);
  }
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
            const request = await requestAs(principal, access.path);
            expect(await outcomeOf(() => module.loader!({ request, params: {}, context }))).toBe(access.loader!(principal));
          });
        }
        if (access.action) {
          const { body, expect: expected } = access.action;
          it(`POST ${access.path} as ${principal} → ${String(expected(principal))}`, async () => {
            const module = await modules[`./${file}`]!();
            const request = await requestAs(principal, access.path, {
              method: "POST",
              body: new URLSearchParams(body),
              headers: { "Content-Type": "application/x-www-form-urlencoded" },
            });
            expect(await outcomeOf(() => module.action!({ request, params: {}, context }))).toBe(expected(principal));
          });
        }
      }
    });
  }
});

