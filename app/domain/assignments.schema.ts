/** The assignment panel's forms (assign, take off the case, make lead), for the browser and the action route. */
import { z } from "zod";
import { isUuid } from "~/lib/ids";


export const ASSIGNMENT_INTENTS = ["assign", "unassign", "make_lead"] as const;
export type AssignmentIntent = (typeof ASSIGNMENT_INTENTS)[number];

export const AssignmentFormSchema = z
  .object({
    intent: z.enum(ASSIGNMENT_INTENTS, { errorMap: () => ({ message: "validation.invalidChoice" }) }),
    officerId: z.string().trim().optional(),
    assignmentId: z.string().trim().optional(),
    lead: z.literal("on").optional(),
    /** Set once JavaScript runs: the answer is then data for the page, not a redirect. */
    js: z.string().optional(),
  })
  .superRefine((value, context) => {
    if (value.intent === "assign" && !isUuid(value.officerId)) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["officerId"], message: "assignment.errors.officerRequired" });
    }
    if (value.intent !== "assign" && !isUuid(value.assignmentId)) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["assignmentId"], message: "assignment.errors.not_assigned" });
    }
  });

export type AssignmentForm = z.infer<typeof AssignmentFormSchema>;
