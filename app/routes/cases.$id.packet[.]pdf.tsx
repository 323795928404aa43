/**
 * GET /cases/:id/packet.pdf: the referral packet of a case, built for the viewer (scoped, masked as they may
 * see it). Every download is an export: recorded in the custody of each evidence file and in the audit log,
 * so links to it must not be prefetched.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildReferralPacket } from "~/domain/packet.server";
import {
  requirePermission,
  requireRecentReauthentication,
  SENSITIVE_ACTION_REAUTH_MINUTES,
} from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { requestMeta } from "~/lib/http.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "packet.export");
  // Exporting evidence is a sensitive action (issue 6): a sign-in older than this asks for the password again.
  await requireRecentReauthentication(request, viewer, SENSITIVE_ACTION_REAUTH_MINUTES);
  const packet = await buildReferralPacket(await getDb(), viewer, params.id ?? "", {
    ...requestMeta(request, context),
    timeZone: env().timeZone,
  });
  return new Response(new Uint8Array(packet.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(packet.pdf.length),
      // ASCII name (reference + suffix), so no encoding of the header value is needed.
      "Content-Disposition": `attachment; filename="${packet.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Manifest-SHA256": packet.manifestHash,
    },
  });
}
