/**
 * Property: whoever tries whatever, in whatever order, the workflow table never moves a case along an edge
 * the state graph does not have, nor by a role or side the rule does not allow; nothing leaves "closed" or
 * "withdrawn"; the police never act on a lead before it was submitted to their agency; another agency
 * never acts at all. Random walks of fast-check over the pure table (many runs); the same walks go through
 * applyTransition on a database in case-workflow.property.server.test.ts.
 */
import fc from "fast-check";
import { checkTransition, inputRefusal, STATUS_GRAPH, TRANSITION_ACTION } from "./case-workflow";
import {
  ACTORS,
  AUTHOR_ID,
  expectedOutcome,
  inputOf,
  inScope,
  START_NAMES,
  startModel,
  stepArbitrary,
  transitionOf,
  type ModelCase,
} from "./case-workflow.model.testing";
import { can } from "./policy";

const TERMINAL = new Set(["closed", "withdrawn"]);

describe("random walks over the workflow table", () => {
  it("only ever moves along the state graph, by a role and side the rule allows", () => {
    fc.assert(
      fc.property(fc.constantFrom(...START_NAMES), fc.array(stepArbitrary, { maxLength: 40 }), (start, steps) => {
        let model: ModelCase = startModel(start);
        for (const step of steps) {
          const actor = ACTORS[step.actor]!;
          const userId = actor.email === "investigator@platform.demo" ? AUTHOR_ID : actor.email;
          const transition = transitionOf(step, model.status);
          const input = inputOf(step, transition);
          const check = checkTransition({ userId, role: actor.role, organisationKind: actor.organisationKind }, { status: model.status, createdBy: AUTHOR_ID }, transition);
          const outcome = expectedOutcome(model, actor, userId, transition, input, ["putian"]);
          if (outcome.kind !== "moved") {
            // Whatever refused it, the table alone never lets a terminal state go.
            if (TERMINAL.has(model.status)) expect(check.ok).toBe(false);
            continue;
          }
          // The move is the table's own row, allowed to this role on this side, on an edge of the graph.
          expect(check.ok).toBe(true);
          if (!check.ok) return;
          const { rule } = check;
          expect(inputRefusal(rule, input)).toBeNull();
          expect(STATUS_GRAPH[model.status]).toContain(rule.to);
          expect(rule.side).toBe(actor.organisationKind);
          expect(can(actor, rule.action)).toBe(true);
          expect(rule.action).toBe(TRANSITION_ACTION[transition]);
          expect(TERMINAL.has(model.status)).toBe(false);
          if (rule.notByAuthor) expect(userId).not.toBe(AUTHOR_ID);
          if (actor.organisationKind === "police") {
            // The police act only on what was submitted to their own agency.
            expect(model.submitted).toBe(true);
            expect(model.target).toBe(actor.agency);
            expect(inScope(actor, model)).toBe(true);
          }
          model = outcome.model;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("reaches every state, and every row of the table, from the starts", () => {
    const reachedStates = new Set<string>();
    const usedRows = new Set<string>();
    fc.assert(
      fc.property(fc.constantFrom(...START_NAMES), fc.array(stepArbitrary, { maxLength: 30 }), (start, steps) => {
        let model = startModel(start);
        reachedStates.add(model.status);
        for (const step of steps) {
          const actor = ACTORS[step.actor]!;
          const userId = actor.email === "investigator@platform.demo" ? AUTHOR_ID : actor.email;
          const transition = transitionOf(step, model.status);
          const outcome = expectedOutcome(model, actor, userId, transition, inputOf(step, transition), ["putian"]);
          if (outcome.kind === "moved") {
            usedRows.add(`${model.status}/${transition}`);
            model = outcome.model;
            reachedStates.add(model.status);
          }
        }
      }),
      { numRuns: 2000, seed: 20261122 },
    );
    // The walks are worth something only if they get everywhere (refer-after-decline has no eligible agency here).
    expect([...reachedStates].sort()).toEqual(Object.keys(STATUS_GRAPH).sort());
    expect(usedRows.size).toBeGreaterThanOrEqual(20);
  });
});
