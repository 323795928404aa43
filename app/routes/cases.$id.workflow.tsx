/**
 * POST /cases/:id/workflow: one workflow step on a lead (the intent), from the panel on /cases/:id.
 * A resource route: it renders nothing itself. With JavaScript the panel posts through a fetcher and gets
 * a refusal back as data, the typed text still in its form; without it, the browser is sent back to the
 * case with the refusal's code. Success always redirects to the case with a notice. GET goes to the case.
 * Recording a raid is not taken here: the raid form (/cases/:id/raids/new) takes that step with the raid.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireCaseForViewer } from "~/domain/case-access.server";
import { isTransition, TRANSITION_ACTION, type WorkflowRefusal } from "~/domain/case-workflow";
import { WorkflowFormSchema } from "~/domain/case-workflow.schema";
import { applyTransition } from "~/domain/case-workflow.server";
import { assertCan, requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.view");
  const caseRow = await requireCaseForViewer(await getDb(), viewer, params.id ?? "");
  return redirect(`/cases/${caseRow.id}`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "case.view");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const formData = await request.formData();
  const enhanced = formData.get("js") === "1";
  // A role that may never take the step is refused before its form is even read.
  const intent = formData.get("intent");
  if (isTransition(intent)) assertCan(viewer, TRANSITION_ACTION[intent]);
  const submission = parseWithZod(formData, { schema: WorkflowFormSchema });
  if (submission.status !== "success") {
    if (!enhanced) return redirect(backToCase(caseRow.id, { workflowError: "invalid" }));
    return json({ result: submission.reply(), refusal: null as WorkflowRefusal | null }, { status: 400 });
  }
  const { version, note, agencyId, reasonCode } = submission.value;
  // A raid is recorded with its sites and seizures on the raid form, which takes this step itself.
  if (submission.value.intent === "record_raid") {
    if (!enhanced) return redirect(backToCase(caseRow.id, { workflowError: "invalid" }));
    return json({ result: submission.reply({ formErrors: ["workflow.refusal.invalid"] }), refusal: null as WorkflowRefusal | null }, { status: 400 });
  }
  const outcome = await applyTransition(
    db,
    viewer,
    submission.value.intent,
    { caseId: caseRow.id, version, note: note ?? null, agencyId: agencyId ?? null, reasonCode: reasonCode ?? null },
    { ip: requestMeta(request, context).ip },
  );
  if (outcome.ok) return redirect(backToCase(caseRow.id, { done: outcome.transition }));
  if (!enhanced) {
    return redirect(backToCase(caseRow.id, { workflowError: outcome.refusal.code, intent: outcome.transition }));
  }
  const status = outcome.refusal.code === "stale" || outcome.refusal.code === "wrong_state" ? 409 : 422;
  return json({ result: submission.reply(), refusal: outcome.refusal as WorkflowRefusal | null }, { status });
}

function backToCase(caseId: string, query: Record<string, string>): string {
  return `/cases/${caseId}?${new URLSearchParams(query)}#workflow`;
}
