/**
 * The lead's workflow (DOMAIN.md "The workflow") as data: which transition moves a case from which state to
 * which, under which policy action, taken by which side. Pure and shared with the browser, which uses it only
 * to show what a viewer may do; case-workflow.server.ts enforces it.
 *
 * Two layers, on purpose:
 * - STATUS_GRAPH is every move between states the portal may ever make, platform and police alike. It is
 *   the invariant: no transition row may leave it (case-workflow.test.ts walks random sequences to check).
 * - WORKFLOW_RULES are the transitions, one row per (state, transition), each naming its policy action and
 *   the side that takes it: the platform builds, reviews, refers and withdraws; the agency decides (accept,
 *   decline, return for information), investigates, raids, prosecutes and closes.
 */
import type { CaseStatus } from "~/lib/db.server";
import type { RoutingProblem } from "./mou-routing";
import { isReasonCode } from "./referrals";
import { can, ROLES, type Action, type OrganisationKind, type Role, type Viewer } from "./policy";

/** Every case status, in workflow order (the schema's enum; case-workflow.test.ts checks they agree). */
export const CASE_STATUSES = [
  "draft",
  "in_review",
  "approved",
  "submitted",
  "returned_for_info",
  "accepted",
  "declined",
  "investigating",
  "raided",
  "prosecution",
  "closed",
  "withdrawn",
] as const satisfies readonly CaseStatus[];

/**
 * Every move between states the workflow allows. Withdrawal is possible from any state before a police
 * agency has accepted the referral (a declined lead never was, so the platform can still withdraw it);
 * a declined lead may be referred again to another agency. Once accepted, a case only moves forward.
 */
export const STATUS_GRAPH: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  draft: ["in_review", "withdrawn"],
  in_review: ["approved", "draft", "withdrawn"],
  approved: ["submitted", "withdrawn"],
  submitted: ["accepted", "returned_for_info", "declined", "withdrawn"],
  returned_for_info: ["submitted", "withdrawn"],
  declined: ["submitted", "withdrawn"],
  accepted: ["investigating", "closed"],
  investigating: ["raided", "prosecution", "closed"],
  raided: ["prosecution", "closed"],
  prosecution: ["closed"],
  closed: [],
  withdrawn: [],
};

/** States from which a lead may still be withdrawn: before acceptance. */
export const WITHDRAWABLE_STATUSES = [
  "draft",
  "in_review",
  "approved",
  "submitted",
  "returned_for_info",
  "declined",
] as const satisfies readonly CaseStatus[];

export const TRANSITIONS = [
  "submit_for_review",
  "approve",
  "return_to_draft",
  "refer",
  "resubmit",
  "withdraw",
  "accept",
  "decline",
  "return_for_info",
  "start_investigation",
  "record_raid",
  "transfer_for_prosecution",
  "close",
] as const;
export type Transition = (typeof TRANSITIONS)[number];

export type NoteRequirement = "optional" | "required";

export interface TransitionRule {
  from: CaseStatus;
  transition: Transition;
  to: CaseStatus;
  /** The policy action the viewer must hold (policy.ts decides which roles hold it). */
  action: Action;
  /** Which side of the partnership takes it; the case scope query already limits which organisation. */
  side: OrganisationKind;
  /** The comments (review), reason (withdrawal) or note that goes on the timeline with it. */
  note: NoteRequirement;
  /** Two-person rule: never by the lead's author. */
  notByAuthor?: boolean;
  /** The lead must pass leadCompleteness (app/domain/cases.ts) first. */
  requiresCompleteLead?: boolean;
  /** The transition names a police agency, which must be eligible under an MOU in force (mou-routing). */
  requiresEligibleAgency?: boolean;
  /** A reason code must be chosen from a closed list (declineReason, closureReason in the schema). */
  reasonCode?: "decline" | "closure";
  /** The audit action recorded; the timeline translates it. */
  auditAction: string;
}

export const WORKFLOW_RULES: readonly TransitionRule[] = [
  {
    from: "draft",
    transition: "submit_for_review",
    to: "in_review",
    action: "case.submit_for_review",
    side: "platform",
    note: "optional",
    requiresCompleteLead: true,
    auditAction: "case.submitted_for_review",
  },
  {
    from: "in_review",
    transition: "approve",
    to: "approved",
    action: "case.review",
    side: "platform",
    note: "optional",
    notByAuthor: true,
    requiresCompleteLead: true,
    auditAction: "case.approved",
  },
  {
    from: "in_review",
    transition: "return_to_draft",
    to: "draft",
    action: "case.review",
    side: "platform",
    note: "required",
    auditAction: "case.returned_to_draft",
  },
  {
    from: "approved",
    transition: "refer",
    to: "submitted",
    action: "case.refer",
    side: "platform",
    note: "optional",
    requiresCompleteLead: true,
    requiresEligibleAgency: true,
    auditAction: "case.referred",
  },
  {
    // The agency asked questions; the platform answers them (the note) and sends the lead back to the same
    // agency, whose MOU must still be in force and cover it.
    from: "returned_for_info",
    transition: "resubmit",
    to: "submitted",
    action: "case.refer",
    side: "platform",
    note: "required",
    requiresCompleteLead: true,
    requiresEligibleAgency: true,
    auditAction: "case.resubmitted",
  },
  {
    // Declined by one agency: the platform may refer the lead to another whose MOU fits (the decline
    // shows which ones), or withdraw it.
    from: "declined",
    transition: "refer",
    to: "submitted",
    action: "case.refer",
    side: "platform",
    note: "optional",
    requiresCompleteLead: true,
    requiresEligibleAgency: true,
    auditAction: "case.referred",
  },
  // ---- The agency's decision, within the MOU's decision period ----
  {
    from: "submitted",
    transition: "accept",
    to: "accepted",
    action: "case.decide",
    side: "police",
    note: "optional",
    auditAction: "case.accepted",
  },
  {
    from: "submitted",
    transition: "decline",
    to: "declined",
    action: "case.decide",
    side: "police",
    note: "required",
    reasonCode: "decline",
    auditAction: "case.declined",
  },
  {
    // The note is the agency's questions; the platform answers them when it resubmits.
    from: "submitted",
    transition: "return_for_info",
    to: "returned_for_info",
    action: "case.decide",
    side: "police",
    note: "required",
    auditAction: "case.returned_for_info",
  },
  // ---- The investigation ----
  {
    from: "accepted",
    transition: "start_investigation",
    to: "investigating",
    action: "case.investigate",
    side: "police",
    note: "optional",
    auditAction: "case.investigation_started",
  },
  {
    // Taken by recording the first raid (app/domain/raids.server.ts), in the raid's transaction.
    from: "investigating",
    transition: "record_raid",
    to: "raided",
    action: "case.record_outcome",
    side: "police",
    note: "optional",
    auditAction: "case.raided",
  },
  ...(["investigating", "raided"] as const).map(
    (from): TransitionRule => ({
      from,
      transition: "transfer_for_prosecution",
      to: "prosecution",
      action: "case.record_outcome",
      side: "police",
      note: "optional",
      auditAction: "case.transferred_for_prosecution",
    }),
  ),
  ...(["accepted", "investigating", "raided", "prosecution"] as const).map(
    (from): TransitionRule => ({
      from,
      transition: "close",
      to: "closed",
      action: "case.record_outcome",
      side: "police",
      note: "required",
      reasonCode: "closure",
      auditAction: "case.closed",
    }),
  ),
  ...WITHDRAWABLE_STATUSES.map(
    (from): TransitionRule => ({
      from,
      transition: "withdraw",
      to: "withdrawn",
      action: "case.withdraw",
      side: "platform",
      note: "required",
      auditAction: "case.withdrawn",
    }),
  ),
];

/** The one policy action of each transition (every row of a transition names the same one). */
export const TRANSITION_ACTION: Readonly<Record<Transition, Action>> = {
  submit_for_review: "case.submit_for_review",
  approve: "case.review",
  return_to_draft: "case.review",
  refer: "case.refer",
  resubmit: "case.refer",
  withdraw: "case.withdraw",
  accept: "case.decide",
  decline: "case.decide",
  return_for_info: "case.decide",
  start_investigation: "case.investigate",
  record_raid: "case.record_outcome",
  transfer_for_prosecution: "case.record_outcome",
  close: "case.record_outcome",
};

/** The audit actions the workflow writes, for the timeline and its translations. */
export const WORKFLOW_AUDIT_ACTIONS = [...new Set(WORKFLOW_RULES.map((rule) => rule.auditAction))];

export function isTransition(value: unknown): value is Transition {
  return typeof value === "string" && (TRANSITIONS as readonly string[]).includes(value);
}

export function ruleFor(status: CaseStatus, transition: Transition): TransitionRule | undefined {
  return WORKFLOW_RULES.find((rule) => rule.from === status && rule.transition === transition);
}

export function rulesFrom(status: CaseStatus): TransitionRule[] {
  return WORKFLOW_RULES.filter((rule) => rule.from === status);
}

/** The states from which a transition can be taken at all. */
export function statusesAllowing(transition: Transition): CaseStatus[] {
  return WORKFLOW_RULES.filter((rule) => rule.transition === transition).map((rule) => rule.from);
}

/** Which roles may take a rule: those holding its action on its side. */
export function rolesFor(rule: Pick<TransitionRule, "action" | "side">): Role[] {
  return ROLES.filter((role) => can({ role, organisationKind: rule.side }, rule.action));
}

/** What the pure checks need to know about a case. */
export interface CaseFacts {
  status: CaseStatus;
  createdBy: string;
}

type WorkflowViewer = Pick<Viewer, "userId" | "role" | "organisationKind">;

/** Why a transition cannot be taken; the UI translates the code (workflow.refusal.<code>). */
export type WorkflowRefusal =
  | { code: "not_permitted"; transition: Transition }
  | { code: "wrong_state"; transition: Transition; status: CaseStatus }
  | { code: "own_lead" }
  | { code: "note_required"; transition: Transition }
  | { code: "note_too_long"; max: number }
  | { code: "reason_required"; transition: Transition }
  | { code: "stale"; status: CaseStatus; version: number; changedBy: string | null; changedAt: string | null }
  | { code: "incomplete"; missing: string[] }
  | { code: "agency_required" }
  | { code: "no_eligible_agency" }
  | { code: "agency_not_eligible"; agencyNameZh: string | null; agencyNameEn: string | null; problems: RoutingProblem[] }
  /** A declined lead goes to another agency, never back to one that declined it. */
  | { code: "agency_declined"; agencyNameZh: string | null; agencyNameEn: string | null };

export type TransitionCheck = { ok: true; rule: TransitionRule } | { ok: false; refusal: WorkflowRefusal };

/**
 * The checks that need nothing but the case's state and author: the rule exists for this state, the viewer
 * holds its action on its side, and the two-person rule. The server adds the version, completeness and
 * the MOU checks.
 */
export function checkTransition(viewer: WorkflowViewer, facts: CaseFacts, transition: Transition): TransitionCheck {
  const rule = ruleFor(facts.status, transition);
  if (!rule) return { ok: false, refusal: { code: "wrong_state", transition, status: facts.status } };
  if (viewer.organisationKind !== rule.side || !can(viewer, rule.action)) {
    return { ok: false, refusal: { code: "not_permitted", transition } };
  }
  if (rule.notByAuthor && facts.createdBy === viewer.userId) return { ok: false, refusal: { code: "own_lead" } };
  return { ok: true, rule };
}

/**
 * The next state of a case after a transition, or null where the table has no such row. The one place the
 * state moves: the server applies exactly what this returns.
 */
export function nextStatus(status: CaseStatus, transition: Transition): CaseStatus | null {
  return ruleFor(status, transition)?.to ?? null;
}

export const NOTE_MAX_LENGTH = 2000;

/**
 * What the form must carry for a rule: the note where it is required (and not too long), and a reason code
 * from the rule's closed list. Null when the input is enough. The server asks this before anything else
 * of the input; the property test asks it of the pure table.
 */
export function inputRefusal(
  rule: Pick<TransitionRule, "transition" | "note" | "reasonCode">,
  input: { note?: string | null; reasonCode?: string | null },
): WorkflowRefusal | null {
  const note = input.note?.trim() ?? "";
  if (rule.note === "required" && note === "") return { code: "note_required", transition: rule.transition };
  if (note.length > NOTE_MAX_LENGTH) return { code: "note_too_long", max: NOTE_MAX_LENGTH };
  if (rule.reasonCode && !isReasonCode(rule.reasonCode, input.reasonCode)) {
    return { code: "reason_required", transition: rule.transition };
  }
  return null;
}

// ---- What the detail page receives: the types live in workflow-view.ts (kept here for existing imports) ----
export type {
  TimelineActor,
  TimelineEntry,
  WorkflowActionView,
  WorkflowDecision,
  WorkflowNote,
  WorkflowReferralTarget,
  WorkflowView,
} from "./workflow-view";
