/**
 * Tokens for machine clients of the JSON feed (`Authorization: Bearer acp_…`). A token acts for one
 * organisation, in that organisation's scope. It is shown once; only its SHA-256 is kept (a random 256-bit
 * token needs no slow hash), with a short prefix so administrators can tell tokens apart.
 */
import { and, asc, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { constantTimeEqual, randomToken, sha256Hex } from "~/lib/crypto.server";
import { apiTokens, organisations, users, type Database } from "~/lib/db.server";
import type { RequestMeta } from "~/lib/http.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import type { CreateTokenInput } from "./integrations.schema";
import { assertCan } from "./policy.server";
import type { OrganisationKind, Viewer } from "./policy";

export const API_TOKEN_PREFIX = "acp_";
const PREFIX_LENGTH = 12;
/** last_used_at is written at most this often per token, so a busy client does not write on every read. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiTokenRow {
  id: string;
  name: string;
  tokenPrefix: string;
  organisationId: string;
  organisationNameZh: string;
  organisationNameEn: string;
  createdAt: Date;
  createdByName: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listApiTokens(db: Database, viewer: Viewer): Promise<ApiTokenRow[]> {
  assertCan(viewer, "integrations.manage");
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      tokenPrefix: apiTokens.tokenPrefix,
      organisationId: apiTokens.organisationId,
      organisationNameZh: organisations.nameZh,
      organisationNameEn: organisations.nameEn,
      createdAt: apiTokens.createdAt,
      createdByName: users.displayName,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(organisations, eq(organisations.id, apiTokens.organisationId))
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .orderBy(sql`${apiTokens.revokedAt} is not null`, desc(apiTokens.createdAt));
}

/** The organisations a token may act for (every active one of the partnership). */
export async function listTokenOrganisations(db: Database, viewer: Viewer): Promise<{ id: string; kind: OrganisationKind; nameZh: string; nameEn: string }[]> {
  assertCan(viewer, "integrations.manage");
  const rows = await db
    .select({ id: organisations.id, kind: organisations.kind, nameZh: organisations.nameZh, nameEn: organisations.nameEn })
    .from(organisations)
    .where(isNull(organisations.deactivatedAt))
    .orderBy(asc(organisations.kind), asc(organisations.code));
  return rows.map((row) => ({ ...row, kind: row.kind as OrganisationKind }));
}

export type CreateTokenResult = { ok: true; id: string; token: string; name: string } | { ok: false; field: "organisationId"; problem: string };

export async function createApiToken(db: Database, viewer: Viewer, input: CreateTokenInput, meta: RequestMeta): Promise<CreateTokenResult> {
  assertCan(viewer, "integrations.manage");
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, input.organisationId));
  if (!organisation || organisation.deactivatedAt) return { ok: false, field: "organisationId", problem: "validation.invalidChoice" };
  const token = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        organisationId: organisation.id,
        name: input.name,
        tokenHash: sha256Hex(token),
        tokenPrefix: token.slice(0, PREFIX_LENGTH),
        createdBy: viewer.userId,
      })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, {
      action: "api_token.created",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "api_token",
      entityId: row!.id,
      details: { name: input.name, organisation: organisation.code, prefix: token.slice(0, PREFIX_LENGTH) },
    });
    return row!.id;
  });
  return { ok: true, id, token, name: input.name };
}

export async function revokeApiToken(db: Database, viewer: Viewer, id: string, meta: RequestMeta): Promise<"revoked" | "already_revoked" | "not_found"> {
  assertCan(viewer, "integrations.manage");
  return db.transaction(async (tx) => {
    const [token] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for("update");
    if (!token) return "not_found";
    if (token.revokedAt) return "already_revoked";
    await tx.update(apiTokens).set({ revokedAt: new Date(), revokedBy: viewer.userId }).where(eq(apiTokens.id, id));
    await recordAudit(tx, {
      action: "api_token.revoked",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "api_token",
      entityId: id,
      details: { name: token.name, prefix: token.tokenPrefix },
    });
    return "revoked";
  });
}

export interface TokenPrincipal {
  tokenId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
}

/** The bearer token of an Authorization header, or null when the header is absent or not "Bearer …". */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("Authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : "";
}

/** The organisation a live token acts for; null for an unknown or revoked token or a deactivated organisation. */
export async function authenticateApiToken(db: Database, token: string, now = new Date()): Promise<TokenPrincipal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const hash = sha256Hex(token);
  const [row] = await db
    .select({ token: apiTokens, organisation: organisations })
    .from(apiTokens)
    .innerJoin(organisations, eq(organisations.id, apiTokens.organisationId))
    .where(eq(apiTokens.tokenHash, hash))
    .limit(1);
  // The lookup is by hash (an index); the comparison of what was found is constant-time all the same.
  if (!row || !constantTimeEqual(row.token.tokenHash, hash)) return null;
  if (row.token.revokedAt || row.organisation.deactivatedAt) return null;
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, row.token.id),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS))),
        ),
      );
  }
  return { tokenId: row.token.id, organisationId: row.organisation.id, organisationKind: row.organisation.kind as OrganisationKind };
}
