/**
 * GET /blacklist/versions/:number.pdf (blacklist.view): a published version as PDF in the reader's language,
 * with only its published values.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { blacklistPdf } from "~/domain/blacklist-export.server";
import { getPreferredLocale } from "~/domain/accounts.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "blacklist.view");
  const number = params.number ?? "";
  if (!/^[1-9]\d{0,8}$/.test(number)) throw notFound();
  const db = await getDb();
  const locale = await resolveLocale(request, await getPreferredLocale(db, viewer.userId));
  const file = await blacklistPdf(db, viewer, Number(number), locale, { timeZone: env().timeZone });
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
