/**
 * GET /api/feed?after=<seq>&limit=<1–500>&case=<reference> — the outcome feed as JSON (README, "Outcome feed and
 * webhooks"). Read with `Authorization: Bearer <token>` (a token made on /admin/integrations) or in a signed-in
 * session with feed.read. Answers are JSON, errors too: 400 bad parameters, 401 no or bad credentials, 403 a
 * role without feed.read, 404 a case not in the reader's scope.
 */
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApiToken, bearerToken } from "~/domain/api-tokens.server";
import { parseFeedQuery, readOutcomeFeed, type FeedReader } from "~/domain/outcome-feed.server";
import { can } from "~/domain/policy";
import { getViewer } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";

const NO_STORE = { "Cache-Control": "no-store" };

function problem(status: number, error: string, headers: Record<string, string> = {}) {
  return json({ error }, { status, headers: { ...NO_STORE, ...headers } });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const db = await getDb();
  let reader: FeedReader;
  const token = bearerToken(request);
  if (token !== null) {
    // A request that brings a token is judged by the token alone, never by a cookie that came along.
    const principal = token ? await authenticateApiToken(db, token) : null;
    if (!principal) return problem(401, "invalid or revoked token", { "WWW-Authenticate": 'Bearer error="invalid_token"' });
    reader = { kind: "token", organisationId: principal.organisationId, organisationKind: principal.organisationKind };
  } else {
    const viewer = await getViewer(request);
    if (!viewer) return problem(401, "sign in, or send Authorization: Bearer <token>", { "WWW-Authenticate": "Bearer" });
    if (!can(viewer, "feed.read")) return problem(403, "your role may not read the outcome feed");
    reader = { kind: "viewer", viewer };
  }
  const parsed = parseFeedQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return problem(400, parsed.error);
  const result = await readOutcomeFeed(db, reader, parsed.query);
  if (!result.ok) return problem(404, "no such case in your scope");
  return json(result.page, { headers: NO_STORE });
}
