/**
 * POST /cases/:id/evidence: evidence files for a case, streamed (multipart/form-data, never
 * request.formData(), which would hold every file in memory). The uploader sends one file per request and
 * asks for JSON (a progress bar each); a form posted without JavaScript gets a redirect back to the case,
 * which shows what was kept and what was refused.
 */
import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireCaseForViewer } from "~/domain/case-access.server";
import { encodeUploadNotice, type EvidenceUploadAnswer } from "~/domain/evidence";
import { receiveEvidenceUpload } from "~/domain/evidence-upload.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "evidence.upload");
  const db = await getDb();
  const lead = await requireCaseForViewer(db, viewer, params.id ?? "");
  const outcome = await receiveEvidenceUpload(db, viewer, lead.id, request, requestMeta(request, context));
  const stored = outcome.stored.map((file) => ({
    id: file.id,
    originalName: file.originalName,
    sha256: file.sha256,
    sizeBytes: file.sizeBytes,
  }));
  const malformed = outcome.refused.some((refusal) => refusal.rejection.code === "malformed");

  if (malformed || (request.headers.get("Accept") ?? "").includes("application/json")) {
    const [first] = outcome.refused;
    const answer: EvidenceUploadAnswer = first
      ? { ok: false, originalName: first.originalName, rejection: first.rejection, stored }
      : { ok: true, files: stored };
    const status = !first ? 200 : malformed ? 400 : first.rejection.code === "too_large" ? 413 : 422;
    return json(answer, { status });
  }
  const notice = encodeUploadNotice({
    stored: stored.length,
    refused: outcome.refused.map((refusal) => ({ name: refusal.originalName, rejection: refusal.rejection })),
  });
  return redirect(`/cases/${lead.id}?evidence=${notice}#evidence`, { status: 303 });
}
