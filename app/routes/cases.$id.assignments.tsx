/**
 * POST /cases/:id/assignments: the supervisor assigns an officer of the agency to the case, makes one the
 * lead officer, or takes one off the case (the assignment panel on /cases/:id). A resource route, like
 * the workflow's: with JavaScript the panel posts through a fetcher and gets a refusal back as data;
 * without it, the browser goes back to the case with the refusal's code. GET goes to the case.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireCaseForViewer } from "~/domain/case-access.server";
import { AssignmentFormSchema } from "~/domain/assignments.schema";
import { assignOfficer, makeLeadOfficer, unassignOfficer, type AssignmentRefusal } from "~/domain/assignments.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.view");
  const caseRow = await requireCaseForViewer(await getDb(), viewer, params.id ?? "");
  return redirect(`/cases/${caseRow.id}#assignments`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "case.assign");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const formData = await request.formData();
  const enhanced = formData.get("js") === "1";
  const submission = parseWithZod(formData, { schema: AssignmentFormSchema });
  if (submission.status !== "success") {
    if (!enhanced) return redirect(backToCase(caseRow.id, { assignmentError: "invalid" }));
    return json({ result: submission.reply(), refusal: null as AssignmentRefusal | null }, { status: 400 });
  }
  const { intent, officerId, assignmentId, lead } = submission.value;
  const meta = { ip: requestMeta(request, context).ip };
  const outcome =
    intent === "assign"
      ? await assignOfficer(db, viewer, { caseId: caseRow.id, officerId: officerId!, lead: lead === "on" }, meta)
      : intent === "unassign"
        ? await unassignOfficer(db, viewer, { caseId: caseRow.id, assignmentId: assignmentId! }, meta)
        : await makeLeadOfficer(db, viewer, { caseId: caseRow.id, assignmentId: assignmentId! }, meta);
  if (outcome.ok) return redirect(backToCase(caseRow.id, { assignmentDone: intent }));
  if (!enhanced) return redirect(backToCase(caseRow.id, { assignmentError: outcome.refusal.code }));
  return json({ result: submission.reply(), refusal: outcome.refusal as AssignmentRefusal | null }, { status: 409 });
}

function backToCase(caseId: string, query: Record<string, string>): string {
  return `/cases/${caseId}?${new URLSearchParams(query)}#assignments`;
}
