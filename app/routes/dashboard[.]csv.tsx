/**
 * GET /dashboard.csv: the dashboard's figures as CSV (one row per figure, for machines; format in
 * statistics-export.server.ts), with the filters of the query string. For publication: small counts
 * suppressed. Recorded in the audit log.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPreferredLocale } from "~/domain/accounts.server";
import { requirePermission } from "~/domain/policy.server";
import { dashboardCsv, dashboardExportError, exportFileStamp, loadDashboardData, recordDashboardExport } from "~/domain/statistics-export.server";
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
  const csv = dashboardCsv(data, { locale, timeZone: env().timeZone, exportedAt, exportedBy: viewer });
  await recordDashboardExport(db, viewer, "csv", data.filters, requestMeta(request, context));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="dashboard-${exportFileStamp(exportedAt)}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
