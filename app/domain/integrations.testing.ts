/**
 * Test helpers for the outcome feed, webhooks and the job queue: the demo organisations and accounts (without
 * the rest of the demo world, so these tests do not depend on its cases), a referred case, an outcome event
 * recorded as a police update records it, and a local HTTP receiver.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS } from "../../db/demo-accounts";
import { cases, organisations, users, type Case } from "../../db/schema";
import { insertLead, viewerFor } from "./case-workflow.testing";
import { recordOutcomeEvent, type OutcomeEventKind } from "./outcome-events.server";

/** The demo organisations and accounts (no password anyone can use, no cases). */
export async function seedOrganisationsAndAccounts(db: Database): Promise<void> {
  const inserted = await db.insert(organisations).values([...DEMO_ORGANISATIONS]).returning();
  const byCode = new Map(inserted.map((organisation) => [organisation.code, organisation.id]));
  await db.insert(users).values(
    DEMO_ACCOUNTS.map((account) => ({
      email: account.email,
      displayName: account.displayName,
      role: account.role,
      organisationId: byCode.get(account.organisation)!,
      passwordHash: "not-a-password-hash",
    })),
  );
}

/** A lead of the platform's investigator, referred to (submitted to) the agency with `agencyCode`. */
export async function referredCase(db: Database, agencyCode: string): Promise<Case> {
  const investigator = await viewerFor(db, "investigator@platform.demo");
  const lead = await insertLead(db, investigator);
  const [agency] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, agencyCode));
  const [referred] = await db
    .update(cases)
    .set({ status: "submitted", targetAgencyId: agency!.id, submittedAt: new Date() })
    .where(eq(cases.id, lead.id))
    .returning();
  return referred!;
}

export async function recordEvent(
  db: Database,
  caseRow: Case,
  kind: OutcomeEventKind = "case.investigation_started",
  payload: Record<string, unknown> = {},
): Promise<{ id: string; seq: number }> {
  return db.transaction((tx) => recordOutcomeEvent(tx, { caseRow, kind, payload }));
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** The status of the next responses, in order; when empty, 200. */
  respondWith(...statuses: number[]): void;
  /** Resolves when `count` requests have come in (or rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 and a free port that records what it receives. */
export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const statuses: number[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = statuses.shift() ?? 200;
      response.writeHead(status, { "Content-Type": "text/plain" });
      response.end(status < 300 ? "ok" : `receiver says no (${status})`);
      for (const waiter of waiters.filter((entry) => requests.length >= entry.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/portal`,
    requests,
    respondWith: (...next) => statuses.push(...next),
    waitFor: (count, ms = 20_000) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`the receiver got ${requests.length} of ${count} requests`)), ms);
            waiters.push({
              count,
              resolve: () => {
                clearTimeout(timer);
                resolve();
              },
            });
          }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on which nothing listens (a port that was free a moment ago). */
export async function refusedUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/nothing-here`;
}
