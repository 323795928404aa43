/**
 * GET /blacklist/versions/:number.csv (blacklist.view): a published version as CSV (UTF-8 with a byte-order mark) in the reader's language,
 * with only its published values.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { blacklistCsv } from "~/domain/blacklist-export.server";
import { getPreferredLocale } from "~/domain/accounts.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "blacklist.view");
  const number = params.number ?? "";
  if (!/^[1-9]\d{0,8}$/.test(number)) throw notFound();
  const db = await getDb();
  const locale = await resolveLocale(request, await getPreferredLocale(db, viewer.userId));
  const file = await blacklistCsv(db, viewer, Number(number), locale);
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.body.length),
      // ASCII name (version and quarter), so no encoding of the header value is needed.
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
