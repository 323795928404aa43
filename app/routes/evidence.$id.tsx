/**
 * /evidence/:id — GET sends the file after checking its SHA-256 again (Content-Disposition attachment with
 * the original name; `?inline=1` shows a safe format in the browser; `?reason=` goes into the chain of
 * custody, and restricted files need one). A file whose bytes no longer match is refused and recorded: the
 * browser lands on the file's custody page, which says so. POST withdraws the file with a reason.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { DownloadReasonSchema, WithdrawEvidenceSchema } from "~/domain/evidence.schema";
import { openEvidenceForDownload, requireWithdrawableEvidence, withdrawEvidence } from "~/domain/evidence.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { contentDisposition, responseBodyFromReadable } from "~/lib/file-response.server";
import { requestMeta } from "~/lib/http.server";
import { readSmallForm } from "~/lib/multipart.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "evidence.download");
  const url = new URL(request.url);
  const reason = DownloadReasonSchema.safeParse(url.searchParams.get("reason") ?? "");
  const opened = await openEvidenceForDownload(
    await getDb(),
    viewer,
    params.id ?? "",
    { reason: reason.success ? reason.data : "", view: url.searchParams.get("inline") === "1" },
    requestMeta(request, context),
  );
  const custodyPage = `/evidence/${opened.evidence.id}/custody`;
  if (opened.status === "integrity_failure") return redirect(`${custodyPage}?refused=integrity`, { status: 303 });
  if (opened.status === "reason_required") return redirect(`${custodyPage}?refused=reason`, { status: 303 });

  const { evidence, stream, inline } = opened;
  const headers = new Headers({
    "Content-Type": evidence.contentType,
    "Content-Length": String(evidence.sizeBytes),
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", evidence.originalName),
    // Evidence is never cached, and never transformed on the way (compression would change what is hashed).
    "Cache-Control": "private, no-store, no-transform",
    "X-Content-Type-Options": "nosniff",
  });
  // Shown files run nothing: a sandbox for everything but PDF, whose viewer a sandbox would stop.
  if (inline && evidence.contentType !== "application/pdf") {
    headers.set("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; media-src 'self'");
  }
  return new Response(responseBodyFromReadable(stream, { signal: request.signal, waitForDrain: context.waitForDrain }), {
    status: 200,
    headers,
  });
}

/** The withdrawal form is a few lines of text: anything bigger was not sent by it (and is not read). */
const MAX_FORM_BYTES = 64 * 1024;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "evidence.withdraw");
  const db = await getDb();
  const evidence = await requireWithdrawableEvidence(db, viewer, params.id ?? "");
  // Remix's own fetch (the custody page with JavaScript) asks with ?_data; a plain form post gets a page back.
  const fromScript = new URL(request.url).searchParams.has("_data");
  const custodyPage = `/evidence/${evidence.id}/custody`;
  const formData = await readSmallForm(request, MAX_FORM_BYTES);
  if (!formData) {
    return fromScript
      ? json({ status: "error", error: { "": ["evidence.withdraw.tooLarge"] } }, { status: 413 })
      : redirect(`${custodyPage}?withdrawError=tooLarge`, { status: 303 });
  }
  const submission = parseWithZod(formData, { schema: WithdrawEvidenceSchema });
  if (submission.status !== "success") {
    return fromScript ? json(submission.reply(), { status: 400 }) : redirect(`${custodyPage}?withdrawError=reasonRequired`, { status: 303 });
  }
  const result = await withdrawEvidence(db, viewer, evidence.id, submission.value.reason, requestMeta(request, context));
  if (!result.ok) {
    return fromScript
      ? json(submission.reply({ formErrors: ["evidence.withdraw.alreadyWithdrawn"] }), { status: 409 })
      : redirect(`${custodyPage}?withdrawError=alreadyWithdrawn`, { status: 303 });
  }
  return redirect(`${custodyPage}?withdrawn=1`, { status: 303 });
}
