/**
 * What the case page receives about the workflow (computed on the server by workflow-view.server.ts and
 * case-timeline.server.ts, serialised to the browser). Types only.
 */
import type { CaseStatus, DeclineReason, GoodsCategory } from "~/lib/db.server";
import type { NoteRequirement, Transition, WorkflowRefusal } from "./case-workflow";
import type { AgencyVerdict } from "./mou-routing";
import type { OrganisationKind } from "./policy";

export interface WorkflowActionView {
  transition: Transition;
  to: CaseStatus;
  note: NoteRequirement;
  allowed: boolean;
  /** Why not, when not allowed. */
  refusal: WorkflowRefusal | null;
}

export interface WorkflowReferralTarget {
  agencyId: string;
  agencyNameZh: string;
  agencyNameEn: string;
  mouReference: string | null;
  submittedAt: string | null;
  decisionDueAt: string | null;
  /** Whether the decision period had run out when the page was drawn (the server's clock). */
  decisionOverdue: boolean;
}

export interface WorkflowNote {
  action: string;
  text: string;
  byName: string | null;
  at: string;
}

/** The agency's decision on the lead's latest referral (case_referrals), as both sides read it. */
export interface WorkflowDecision {
  decision: "accepted" | "declined" | "returned_for_info";
  declineReason: DeclineReason | null;
  /** The decline's reason text, the questions of a return for information, or the acceptance note. */
  note: string;
  byName: string | null;
  at: string;
  agencyNameZh: string;
  agencyNameEn: string;
}

/** What the viewer may do next with a case, and why not where not (computed on the server). */
export interface WorkflowView {
  status: CaseStatus;
  version: number;
  category: GoodsCategory;
  /** The transitions of the current state on the viewer's side, allowed or with the reason why not. */
  actions: WorkflowActionView[];
  /**
   * For referral: every agency with its verdict (eligible ones first); null when referral is not at hand.
   * After a decline, the agencies that declined the lead are left out of the eligible ones (see declinedBy).
   */
  agencies: AgencyVerdict[] | null;
  /** Agencies that declined this lead: it may not go back to them. */
  declinedBy: { agencyId: string; nameZh: string; nameEn: string }[];
  /** Where the lead went, once referred. */
  target: WorkflowReferralTarget | null;
  /** The agency's decision on the latest referral, once there is one. */
  decision: WorkflowDecision | null;
  /** The reviewer's comments when a lead was sent back to draft, or the reason it was withdrawn. */
  latestNote: WorkflowNote | null;
  /** When the view was computed (ISO), so the clock reads the same on server and browser. */
  computedAt: string;
}

export interface TimelineActor {
  name: string;
  organisationNameZh: string | null;
  organisationNameEn: string | null;
  organisationKind: OrganisationKind | null;
}

export interface TimelineEntry {
  seq: number;
  occurredAt: string;
  /** The audit action, translated by the UI. */
  action: string;
  actor: TimelineActor | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  /** The comments, reason or note given with it. */
  note: string | null;
  /** For referrals: the agency and MOU, and the decision deadline. */
  agencyNameZh: string | null;
  agencyNameEn: string | null;
  mouReference: string | null;
  decisionDueAt: string | null;
  /** For a decline or a closure: the reason code (labels under caseVocabulary.declineReason / closureReason). */
  reasonCode: string | null;
  /** For assignments: the officer concerned. */
  officerName: string | null;
}
