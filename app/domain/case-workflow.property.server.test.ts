/**
 * The workflow property through applyTransition on a real database: random walks (fast-check; fewer runs
 * than the pure ones in case-workflow.property.test.ts) of the demo actors — another agency's officers
 * included — trying transitions with and without a note or a reason code, each step's answer compared with
 * the model (case-workflow.model.testing.ts), and after every step the invariant checked on the stored
 * case: every change of state is an edge of STATUS_GRAPH by a rule the actor's role and side allow; nothing
 * leaves "closed" or "withdrawn"; the police never act before the lead was submitted to them; another
 * agency's officer is always refused without seeing the case (404, or 403 for a step their role never takes).
 */
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { cases } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { ruleFor, STATUS_GRAPH, TRANSITION_ACTION } from "./case-workflow";
import { applyTransition } from "./case-workflow.server";
import {
  ACTORS,
  AGENCIES,
  AUTHOR_ID,
  expectedOutcome,
  inputOf,
  START_NAMES,
  startModel,
  STARTS,
  stepArbitrary,
  transitionOf,
  type Agency,
  type Expected,
} from "./case-workflow.model.testing";
import { insertLead, organisationId, viewerFor } from "./case-workflow.testing";
import { can, type Viewer } from "./policy";

let database: TestDatabase;
const viewers = new Map<string, Viewer>();
const agencyIds = new Map<Agency, string>();
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "workflow-property-password" });
  for (const actor of ACTORS) viewers.set(actor.email, await viewerFor(database.db, actor.email));
  for (const agency of AGENCIES) agencyIds.set(agency, await organisationId(database.db, `${agency}-psb`));
}, 240_000);
afterAll(async () => {
  await database.destroy();
});

async function answerOf(promise: Promise<Awaited<ReturnType<typeof applyTransition>>>): Promise<Expected | { kind: "ok"; status: string }> {
  try {
    const outcome = await promise;
    return outcome.ok ? { kind: "ok", status: outcome.status } : { kind: "refused", code: outcome.refusal.code };
  } catch (thrown) {
    if (thrown instanceof Response && (thrown.status === 403 || thrown.status === 404)) return { kind: "thrown", status: thrown.status };
    throw thrown;
  }
}

async function stored(caseId: string) {
  const [row] = await db().select().from(cases).where(eq(cases.id, caseId));
  return row!;
}

describe("random walks through applyTransition", () => {
  it("answers every step as the model says and keeps the invariant on the stored case", async () => {
    const investigator = viewers.get("investigator@platform.demo")!;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...START_NAMES), fc.array(stepArbitrary, { minLength: 1, maxLength: 12 }), async (start, steps) => {
        // A fresh complete lead with its one site in Putian: only Putian's MOU fits it.
        const lead = await insertLead(db(), investigator, { divisions: ["350305"] });
        for (const step of STARTS[start]!) {
          const row = await stored(lead.id);
          const outcome = await applyTransition(db(), viewers.get(step.by)!, step.transition, {
            caseId: lead.id,
            version: row.version,
            note: step.note ?? null,
            reasonCode: step.reasonCode ?? null,
            agencyId: step.agency ? agencyIds.get(step.agency)! : null,
          });
          expect(outcome.ok, `start ${start}: ${step.transition}`).toBe(true);
        }
        let model = startModel(start);
        let submitted = model.submitted;

        for (const step of steps) {
          const actor = ACTORS[step.actor]!;
          const viewer = viewers.get(actor.email)!;
          const before = await stored(lead.id);
          expect(before.status).toBe(model.status);
          const transition = transitionOf(step, before.status);
          const input = inputOf(step, transition);
          const expected = expectedOutcome(model, actor, viewer.userId === investigator.userId ? AUTHOR_ID : viewer.userId, transition, input, ["putian"]);
          const answer = await answerOf(
            applyTransition(db(), viewer, transition, {
              caseId: lead.id,
              version: before.version,
              note: input.note,
              reasonCode: input.reasonCode,
              agencyId: input.agency ? agencyIds.get(input.agency)! : null,
            }),
          );
          const after = await stored(lead.id);
          const label = `${start}: ${actor.email} ${transition} from ${before.status} (${JSON.stringify(input)})`;

          // Another agency's officers never get past the case's scope.
          if (actor.agency && actor.agency !== "putian") {
            expect(answer, label).toEqual({ kind: "thrown", status: can(actor, TRANSITION_ACTION[transition]) ? 404 : 403 });
          }
          if (expected.kind === "moved") {
            expect(answer, label).toEqual({ kind: "ok", status: expected.to });
            model = expected.model;
          } else {
            expect(answer, label).toEqual(expected);
          }

          if (after.status !== before.status) {
            // The invariant, on what was stored.
            const rule = ruleFor(before.status, transition);
            expect(rule, label).toBeDefined();
            expect(STATUS_GRAPH[before.status], label).toContain(after.status);
            expect(rule!.to).toBe(after.status);
            expect(rule!.side, label).toBe(actor.organisationKind);
            expect(can(actor, rule!.action), label).toBe(true);
            expect(["closed", "withdrawn"], label).not.toContain(before.status);
            expect(after.version).toBe(before.version + 1);
            if (actor.organisationKind === "police") {
              expect(submitted, `${label}: police acted before submission`).toBe(true);
              expect(before.targetAgencyId).toBe(viewer.organisationId);
            }
            if (after.submittedAt) submitted = true;
          } else {
            expect(after.version, label).toBe(before.version);
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 600_000);
});

