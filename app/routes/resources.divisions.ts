/**
 * GET /resources/divisions?parent=350000: the divisions one level below a province or city, for the
 * division picker (JSON). No parent: the provinces. Names are public (GB/T 2260), but the portal is not:
 * signed-in users only.
 */
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { childDivisions, isKnownDivision } from "~/domain/divisions.server";
import { requirePermission } from "~/domain/policy.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "portal.use");
  const parent = new URL(request.url).searchParams.get("parent") ?? "";
  if (parent !== "" && !isKnownDivision(parent)) {
    return json({ parent, children: [] }, { status: 404 });
  }
  // The list changes only with a new release of the data package.
  return json({ parent, children: childDivisions(parent) }, { headers: { "Cache-Control": "private, max-age=86400" } });
}
