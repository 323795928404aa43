import { createReadableStreamFromReadable, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { findMouDocument } from "~/domain/mous.server";
import { openStoredEvidence } from "~/domain/evidence.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { notFound, requestMeta } from "~/lib/http.server";

/**
 * Downloads one of an MOU's signed documents. The evidence store checks the bytes against their SHA-256
 * first and records the download in the file's chain of custody and the audit log.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "mou.manage");
  const db = await getDb();
  const evidence = await findMouDocument(db, viewer, params.mouId ?? "", params.fileId ?? "");
  if (!evidence) throw notFound();
  const opened = await openStoredEvidence(db, viewer, evidence, { reason: "", view: false }, requestMeta(request, context));
  if (opened.status !== "ok") {
    // The bytes no longer match their hash (recorded by the store): the file is not handed out.
    throw redirect(`/admin/mous/${params.mouId}?notice=integrityFailed#documents`);
  }
  const fileName = encodeURIComponent(evidence.originalName);
  return new Response(createReadableStreamFromReadable(opened.stream), {
    headers: {
      "Content-Type": evidence.contentType,
      "Content-Length": String(evidence.sizeBytes),
      "Content-Disposition": `attachment; filename*=UTF-8''${fileName}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
