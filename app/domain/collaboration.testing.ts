/**
 * Test helpers for notifications, requests for information and the clock sweeps: a lead referred to Putian
 * through the real transitions, optionally moved further along (written straight into the tables, so these
 * tests do not depend on the police-side domain code), with officer@putian.demo assigned.
 */
import { and, eq } from "drizzle-orm";
import type { Database as Db } from "../../db/client";
import { caseAssignments, cases, notifications, outboxMessages, type CaseStatus } from "../../db/schema";
import { approveLead, referLead, submitForReview } from "./case-workflow.server";
import { insertLead, organisationId, viewerFor } from "./case-workflow.testing";
import type { Viewer } from "./policy";

export const DEMO = {
  investigator: "investigator@platform.demo",
  lead: "lead@platform.demo",
  platformManagement: "management@platform.demo",
  admin: "admin@platform.demo",
  officer: "officer@putian.demo",
  supervisor: "supervisor@putian.demo",
  guangzhouOfficer: "officer@guangzhou.demo",
} as const;

export type DemoViewers = Record<keyof typeof DEMO, Viewer>;

export async function demoViewers(db: Db): Promise<DemoViewers> {
  const entries = await Promise.all(Object.entries(DEMO).map(async ([key, email]) => [key, await viewerFor(db, email)] as const));
  return Object.fromEntries(entries) as DemoViewers;
}

/** A lead by the investigator, reviewed by the platform lead, referred to Putian at `at`; then put in `status`. */
export async function referredCase(db: Db, viewers: DemoViewers, options: { status?: CaseStatus; at?: Date } = {}) {
  const putian = await organisationId(db, "putian-psb");
  const lead = await insertLead(db, viewers.investigator);
  const at = options.at ?? new Date();
  await submitForReview(db, viewers.investigator, { caseId: lead.id, version: 1 }, { at });
  await approveLead(db, viewers.lead, { caseId: lead.id, version: 2 }, { at });
  const referred = await referLead(db, viewers.investigator, { caseId: lead.id, version: 3, agencyId: putian }, { at });
  if (!referred.ok) throw new Error(`could not refer the test lead: ${JSON.stringify(referred)}`);
  if (options.status && options.status !== "submitted") {
    await db.update(cases).set({ status: options.status }).where(eq(cases.id, lead.id));
    await db
      .insert(caseAssignments)
      .values({ caseId: lead.id, officerId: viewers.officer.userId, isLead: true, assignedBy: viewers.supervisor.userId, assignedAt: at });
  }
  const [row] = await db.select().from(cases).where(eq(cases.id, lead.id));
  return row!;
}

export async function notificationsOf(db: Db, userId: string, caseId?: string) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), caseId ? eq(notifications.caseId, caseId) : undefined));
}

export async function outboxOf(db: Db, userId: string) {
  return db.select().from(outboxMessages).where(eq(outboxMessages.recipientUserId, userId));
}
