/** The workflow panel's forms, shared by the browser (instant feedback) and the action route (the real check). */
import { z } from "zod";
import { NOTE_MAX_LENGTH, TRANSITIONS, WORKFLOW_RULES, type Transition } from "./case-workflow";

const NOTE_REQUIRED = new Set<Transition>(WORKFLOW_RULES.filter((rule) => rule.note === "required").map((rule) => rule.transition));

export const WorkflowFormSchema = z
  .object({
    intent: z.enum(TRANSITIONS, { errorMap: () => ({ message: "validation.invalidChoice" }) }),
    version: z.coerce
      .number({ required_error: "workflow.refusal.stale_generic", invalid_type_error: "workflow.refusal.stale_generic" })
      .int("workflow.refusal.stale_generic")
      .positive("workflow.refusal.stale_generic"),
    note: z.string().trim().max(NOTE_MAX_LENGTH, `validation.tooLong?max=${NOTE_MAX_LENGTH}`).optional(),
    agencyId: z.string().trim().max(64, "workflow.refusal.agency_not_eligible_generic").optional(),
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
  });

export type WorkflowForm = z.infer<typeof WorkflowFormSchema>;
