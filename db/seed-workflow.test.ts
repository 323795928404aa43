import { eq } from "drizzle-orm";
// db/seed first: entering through app/lib/db.server instead would evaluate the seed's modules (evidence.server
// uses a table at load time) before db.server has re-exported the schema.
import { seedDemoWorld, type DemoWorldContext } from "./seed";
import { cases, organisations, users } from "./schema";
import { getCaseTimeline } from "../app/domain/case-workflow.server";
import { insertLead, viewerFor } from "../app/domain/case-workflow.testing";
import { verifyAuditChain } from "../app/domain/audit.server";
import { seedDemoWorkflow } from "./seed-workflow";
import { createTestDatabase, type TestDatabase } from "./testing";

const REFERENCES = ["AC-2026-000001", "AC-2026-000002", "AC-2026-000003", "AC-2026-000004", "AC-2026-000005", "AC-2026-000006"];

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "seed-workflow-password" });
  // The demo leads come from the case seed (db/seed-cases.ts). Should it not provide them, the same
  // references are created here as plain complete drafts and moved by the workflow seed directly.
  const present = await database.db.select({ reference: cases.reference }).from(cases);
  if (!REFERENCES.every((reference) => present.some((row) => row.reference === reference))) {
    const investigator = await viewerFor(database.db, "investigator@platform.demo");
    const context: DemoWorldContext = { organisationIdByCode: new Map(), userIdByEmail: new Map(), caseIdByReference: new Map() };
    for (const row of await database.db.select().from(organisations)) context.organisationIdByCode.set(row.code, row.id);
    for (const row of await database.db.select().from(users)) context.userIdByEmail.set(row.email, row.id);
    for (const reference of REFERENCES) {
      const lead = await insertLead(database.db, investigator);
      await database.db.update(cases).set({ reference }).where(eq(cases.id, lead.id));
      context.caseIdByReference.set(reference, lead.id);
    }
    await database.db.transaction((tx) => seedDemoWorkflow(tx, context));
  }
});
afterAll(async () => {
  await database.destroy();
});

async function byReference(reference: string) {
  const [row] = await database.db.select().from(cases).where(eq(cases.reference, reference));
  return row!;
}

describe("the demo workflow seed", () => {
  it("leaves each demo lead in the state the story needs", async () => {
    const putian = await database.db.select().from(organisations).where(eq(organisations.code, "putian-psb"));
    const states = Object.fromEntries(
      await Promise.all(REFERENCES.map(async (reference) => [reference, (await byReference(reference)).status] as const)),
    );
    expect(states).toEqual({
      "AC-2026-000001": "submitted",
      "AC-2026-000002": "approved",
      "AC-2026-000003": "in_review",
      "AC-2026-000004": "draft",
      "AC-2026-000005": "submitted",
      "AC-2026-000006": "withdrawn",
    });
    for (const reference of ["AC-2026-000001", "AC-2026-000005"]) {
      const referred = await byReference(reference);
      expect(referred.targetAgencyId).toBe(putian[0]!.id);
      expect(referred.decisionDueAt!.getTime() - referred.submittedAt!.getTime()).toBe(3 * 24 * 60 * 60 * 1000);
    }
  });

  it("records a real timeline: reviews by the platform lead, the rest by the investigator", async () => {
    const supervisor = await viewerFor(database.db, "supervisor@putian.demo");
    const timeline = await getCaseTimeline(database.db, supervisor, (await byReference("AC-2026-000001")).id);
    const steps = timeline.filter((entry) => entry.toStatus).map((entry) => [entry.action, entry.actor?.name]);
    expect(steps).toEqual([
      ["case.submitted_for_review", "林晓雯"],
      ["case.returned_to_draft", "陈志远"],
      ["case.submitted_for_review", "林晓雯"],
      ["case.approved", "陈志远"],
      ["case.referred", "林晓雯"],
    ]);
    const withdrawn = await getCaseTimeline(
      database.db,
      await viewerFor(database.db, "investigator@platform.demo"),
      (await byReference("AC-2026-000006")).id,
    );
    expect(withdrawn.at(-1)).toMatchObject({ action: "case.withdrawn", toStatus: "withdrawn", note: expect.stringContaining("AC-2026-000001") });
    expect((await verifyAuditChain(database.db)).intact).toBe(true);
  });
});
