/**
 * A model of the workflow for the property tests (case-workflow.property.test.ts on the pure table,
 * case-workflow.property.server.test.ts through applyTransition on a database): the demo actors, random
 * steps (who tries which transition, with or without a note and a reason code, naming which agency), the
 * case as the model sees it (state, where it was referred, who declined it), and what applyTransition must
 * answer to each step, in the order it checks. Built from the policy and the table only where they are
 * the rules under test; the scope (who sees the case) is modelled independently of case-access.server.ts.
 */
import fc from "fast-check";
import type { CaseStatus } from "~/lib/db.server";
import { checkTransition, inputRefusal, rulesFrom, TRANSITION_ACTION, TRANSITIONS, type Transition, type WorkflowRefusal } from "./case-workflow";
import { can, type OrganisationKind, type Role } from "./policy";
import { CLOSURE_REASONS, DECLINE_REASONS } from "./referrals";

export type Agency = "putian" | "guangzhou" | "jinhua";
export const AGENCIES: readonly Agency[] = ["putian", "guangzhou", "jinhua"];

export interface Actor {
  email: string;
  role: Role;
  organisationKind: OrganisationKind;
  /** The agency of a police account; null on the platform. */
  agency: Agency | null;
}

/** The demo accounts, including officers of agencies the lead is never referred to. */
export const ACTORS: readonly Actor[] = [
  { email: "investigator@platform.demo", role: "investigator", organisationKind: "platform", agency: null },
  { email: "lead@platform.demo", role: "platform_lead", organisationKind: "platform", agency: null },
  { email: "management@platform.demo", role: "management", organisationKind: "platform", agency: null },
  { email: "admin@platform.demo", role: "administrator", organisationKind: "platform", agency: null },
  { email: "officer@putian.demo", role: "police_officer", organisationKind: "police", agency: "putian" },
  { email: "supervisor@putian.demo", role: "police_supervisor", organisationKind: "police", agency: "putian" },
  { email: "management@putian.demo", role: "management", organisationKind: "police", agency: "putian" },
  { email: "officer@guangzhou.demo", role: "police_officer", organisationKind: "police", agency: "guangzhou" },
  { email: "supervisor@guangzhou.demo", role: "police_supervisor", organisationKind: "police", agency: "guangzhou" },
  { email: "officer@jinhua.demo", role: "police_officer", organisationKind: "police", agency: "jinhua" },
];

/** The lead's author in the model (the investigator) and someone else, as user ids for checkTransition. */
export const AUTHOR_ID = "author";

export interface ModelCase {
  status: CaseStatus;
  target: Agency | null;
  /** Whether the lead was ever submitted to an agency (before that no agency sees it). */
  submitted: boolean;
  declinedBy: Agency[];
}

export interface Step {
  actor: number;
  /** Pick among the transitions of the current state (any side), so that walks get deep; otherwise any. */
  fromAvailable: boolean;
  transition: number;
  note: boolean;
  reason: "valid" | "wrong_list" | "none";
  /** The agency a referral names (index into AGENCIES), or none. */
  agency: number;
}

export const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  actor: fc.nat({ max: ACTORS.length - 1 }),
  fromAvailable: fc.boolean(),
  transition: fc.nat({ max: 50 }),
  note: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  reason: fc.oneof(
    { weight: 4, arbitrary: fc.constant("valid" as const) },
    { weight: 1, arbitrary: fc.constant("wrong_list" as const) },
    { weight: 1, arbitrary: fc.constant("none" as const) },
  ),
  agency: fc.nat({ max: AGENCIES.length }),
});

export function transitionOf(step: Step, status: CaseStatus): Transition {
  const available = rulesFrom(status).map((rule) => rule.transition);
  if (step.fromAvailable && available.length) return available[step.transition % available.length]!;
  return TRANSITIONS[step.transition % TRANSITIONS.length]!;
}

export interface StepInput {
  note: string | null;
  reasonCode: string | null;
  agency: Agency | null;
}

export function inputOf(step: Step, transition: Transition): StepInput {
  const codes = transition === "close" ? CLOSURE_REASONS : DECLINE_REASONS;
  const other = transition === "close" ? DECLINE_REASONS : CLOSURE_REASONS;
  return {
    note: step.note ? `属性测试 ${transition}` : null,
    reasonCode: step.reason === "valid" ? codes[step.actor % codes.length]! : step.reason === "wrong_list" ? other[0]! : null,
    agency: AGENCIES[step.agency] ?? null,
  };
}

/** Who sees the case: the platform (it is the platform's lead); an agency once it was submitted to it. */
export function inScope(actor: Actor, model: ModelCase): boolean {
  if (actor.organisationKind === "platform") return actor.role !== "administrator";
  return model.submitted && model.target === actor.agency;
}

export type Expected =
  | { kind: "thrown"; status: 403 | 404 }
  | { kind: "refused"; code: WorkflowRefusal["code"] }
  | { kind: "moved"; to: CaseStatus; model: ModelCase };

/**
 * What applyTransition must answer, in its order: 403 for a role that never takes the transition, 404 out
 * of scope, then the table (state, side, two-person rule), the form's note and reason code, and for a
 * referral the agency (named, not one that declined, eligible).
 */
export function expectedOutcome(model: ModelCase, actor: Actor, userId: string, transition: Transition, input: StepInput, eligible: readonly Agency[]): Expected {
  if (!can(actor, TRANSITION_ACTION[transition])) return { kind: "thrown", status: 403 };
  if (!inScope(actor, model)) return { kind: "thrown", status: 404 };
  const check = checkTransition({ userId, role: actor.role, organisationKind: actor.organisationKind }, { status: model.status, createdBy: AUTHOR_ID }, transition);
  if (!check.ok) return { kind: "refused", code: check.refusal.code };
  const missing = inputRefusal(check.rule, { note: input.note, reasonCode: input.reasonCode });
  if (missing) return { kind: "refused", code: missing.code };
  const next: ModelCase = { ...model, status: check.rule.to, declinedBy: [...model.declinedBy] };
  if (check.rule.requiresEligibleAgency) {
    const agency = transition === "refer" ? input.agency : model.target;
    if (!agency) return { kind: "refused", code: "agency_required" };
    if (transition === "refer" && model.declinedBy.includes(agency)) return { kind: "refused", code: "agency_declined" };
    if (!eligible.includes(agency)) return { kind: "refused", code: "agency_not_eligible" };
    next.target = agency;
    next.submitted = true;
  }
  if (transition === "decline" && model.target) next.declinedBy.push(model.target);
  return { kind: "moved", to: check.rule.to, model: next };
}

/** Ways into the workflow for a walk to start from, each as the steps (actor email, transition, input) that get there. */
export const STARTS: Readonly<Record<string, readonly { by: string; transition: Transition; note?: string; reasonCode?: string; agency?: Agency }[]>> = {
  draft: [],
  in_review: [{ by: "investigator@platform.demo", transition: "submit_for_review" }],
  approved: [
    { by: "investigator@platform.demo", transition: "submit_for_review" },
    { by: "lead@platform.demo", transition: "approve" },
  ],
  submitted: [
    { by: "investigator@platform.demo", transition: "submit_for_review" },
    { by: "lead@platform.demo", transition: "approve" },
    { by: "investigator@platform.demo", transition: "refer", agency: "putian" },
  ],
  declined: [
    { by: "investigator@platform.demo", transition: "submit_for_review" },
    { by: "lead@platform.demo", transition: "approve" },
    { by: "investigator@platform.demo", transition: "refer", agency: "putian" },
    { by: "supervisor@putian.demo", transition: "decline", note: "不属管辖", reasonCode: "outside_jurisdiction" },
  ],
  accepted: [
    { by: "investigator@platform.demo", transition: "submit_for_review" },
    { by: "lead@platform.demo", transition: "approve" },
    { by: "investigator@platform.demo", transition: "refer", agency: "putian" },
    { by: "supervisor@putian.demo", transition: "accept" },
  ],
  investigating: [
    { by: "investigator@platform.demo", transition: "submit_for_review" },
    { by: "lead@platform.demo", transition: "approve" },
    { by: "investigator@platform.demo", transition: "refer", agency: "putian" },
    { by: "supervisor@putian.demo", transition: "accept" },
    { by: "officer@putian.demo", transition: "start_investigation" },
  ],
};
export const START_NAMES = Object.keys(STARTS);

/** The model after a start's steps (they are all expected to succeed). */
export function startModel(start: string): ModelCase {
  let model: ModelCase = { status: "draft", target: null, submitted: false, declinedBy: [] };
  for (const step of STARTS[start] ?? []) {
    const actor = ACTORS.find((candidate) => candidate.email === step.by)!;
    const outcome = expectedOutcome(
      model,
      actor,
      actor.email === "investigator@platform.demo" ? AUTHOR_ID : actor.email,
      step.transition,
      { note: step.note ?? null, reasonCode: step.reasonCode ?? null, agency: step.agency ?? null },
      ["putian"],
    );
    if (outcome.kind !== "moved") throw new Error(`start ${start}: ${step.transition} would not move the case (${JSON.stringify(outcome)})`);
    model = outcome.model;
  }
  return model;
}
