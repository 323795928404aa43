import { type LoaderFunctionArgs } from "@remix-run/node";
import { auditFiltersFrom } from "~/domain/audit-viewer.schema";
import { exportAuditCsv } from "~/domain/audit-viewer.server";
import { getPreferredLocale } from "~/domain/accounts.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n.server";

/** The audit log as CSV, with the filters of the viewer page; the export is itself audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "audit.view");
  const db = await getDb();
  const locale = await resolveLocale(request, await getPreferredLocale(db, viewer.userId));
  const filters = auditFiltersFrom(new URL(request.url).searchParams);
  const { stream } = await exportAuditCsv(db, viewer, filters, locale, requestMeta(request, context));
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${stamp}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
