/** The workflow panel's forms, shared by the browser (instant feedback) and the action route (the real check). */
import { z } from "zod";
import { NOTE_MAX_LENGTH, TRANSITIONS, WORKFLOW_RULES, type Transition } from "./case-workflow";
import { isReasonCode, type ReasonCodeKind } from "./referrals";

const NOTE_REQUIRED = new Set<Transition>(WORKFLOW_RULES.filter((rule) => rule.note === "required").map((rule) => rule.transition));
const REASON_REQUIRED = new Map<Transition, ReasonCodeKind>(
  WORKFLOW_RULES.flatMap((rule) => (rule.reasonCode ? [[rule.transition, rule.reasonCode] as const] : [])),
);

export const WorkflowFormSchema = z
  .object({
    intent: z.enum(TRANSITIONS, { errorMap: () => ({ message: "validation.invalidChoice" }) }),
    version: z.coerce
      .number({ required_error: "workflow.refusal.stale_generic", invalid_type_error: "workflow.refusal.stale_generic" })
      .int("workflow.refusal.stale_generic")
      .positive("workflow.refusal.stale_generic"),
    note: z.string().trim().max(NOTE_MAX_LENGTH, `validation.tooLong?max=${NOTE_MAX_LENGTH}`).optional(),
    agencyId: z.string().trim().max(64, "workflow.refusal.agency_not_eligible_generic").optional(),
    /** A decline's or a closure's reason code (declineReason / closureReason). */
    reasonCode: z.string().trim().max(64, "validation.invalidChoice").optional(),
    /** Set by the panel once JavaScript runs: the answer is then data for the page, not a redirect. */
    js: z.string().optional(),
  })
  .superRefine((value, context) => {
    if (NOTE_REQUIRED.has(value.intent) && !value.note) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["note"], message: `workflow.noteRequired.${value.intent}` });
    }
    if (value.intent === "refer" && !value.agencyId) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["agencyId"], message: "workflow.refusal.agency_required" });
    }
    const reasonKind = REASON_REQUIRED.get(value.intent);
    if (reasonKind && !isReasonCode(reasonKind, value.reasonCode)) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["reasonCode"], message: `workflow.reasonRequired.${value.intent}` });
    }
  });

export type WorkflowForm = z.infer<typeof WorkflowFormSchema>;
