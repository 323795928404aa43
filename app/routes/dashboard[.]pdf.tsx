/**
 * GET /dashboard.pdf: the dashboard as a PDF in the viewer's language, with the filters of the query string,
 * every chart and its table. For publication: small counts suppressed (statistics-export.server.ts).
 * Recorded in the audit log.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPreferredLocale } from "~/domain/accounts.server";
import { requirePermission } from "~/domain/policy.server";
import { dashboardExportError, dashboardPdf, exportFileStamp, loadDashboardData, recordDashboardExport } from "~/domain/statistics-export.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { requestMeta } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "statistics.view");
  const db = await getDb();
  const locale = await resolveLocale(request, await getPreferredLocale(db, viewer.userId));
  const data = await loadDashboardData(db, viewer, new URL(request.url).searchParams);
  const invalid = dashboardExportError(data, locale);
  if (invalid) return invalid;
  const exportedAt = new Date();
  const pdf = await dashboardPdf(data, { locale, timeZone: env().timeZone, exportedAt, exportedBy: viewer });
  await recordDashboardExport(db, viewer, "pdf", data.filters, requestMeta(request, context));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": `attachment; filename="dashboard-${exportFileStamp(exportedAt)}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
