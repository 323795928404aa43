/**
 * The operation form's action, shared by /operations/new and /operations/:id/edit: parse, save, and answer
 * with the field errors (400), a conflict with someone else's save (409) — the user's input kept either way —
 * or a redirect to the operation.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect } from "@remix-run/node";
import { getDb } from "~/lib/db.server";
import type { RequestMeta } from "~/lib/http.server";
import type { OperationFormActionData } from "./joint-operations";
import { OperationFormSchema } from "./joint-operations.schema";
import { createOperation, updateOperation } from "./joint-operations.server";
import type { Viewer } from "./policy";

function versionOf(raw: FormDataEntryValue | null): number | undefined {
  const value = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

export async function submitOperationForm(
  request: Request,
  viewer: Viewer,
  meta: RequestMeta,
  target: { operationId: string } | null,
): Promise<Response> {
  const formData = await request.formData();
  // "Save my version over theirs" posts the version the user has now seen; a plain save, the one the page started from.
  const startedFrom = versionOf(formData.get("overwriteVersion")) ?? versionOf(formData.get("version"));
  if (target && startedFrom) formData.set("version", String(startedFrom));
  const submission = parseWithZod(formData, { schema: OperationFormSchema });
  const reply = (data: Omit<OperationFormActionData, "version">, status: number) =>
    json<OperationFormActionData>({ ...data, version: target ? startedFrom : undefined }, { status });
  if (submission.status !== "success") return reply({ result: submission.reply() }, 400);

  const db = await getDb();
  const result = target
    ? await updateOperation(db, viewer, target.operationId, { ...submission.value, version: startedFrom }, meta)
    : await createOperation(db, viewer, { ...submission.value, version: undefined }, meta);
  if (result.ok) return redirect(`/operations/${result.id}?notice=${target ? "saved" : "created"}`);
  if (result.field) return reply({ result: submission.reply({ fieldErrors: { [result.field]: [result.problem] } }) }, 400);
  return reply({ result: submission.reply({ formErrors: [result.problem] }), conflict: result.conflict }, 409);
}
