/**
 * Administrators' work on organisations: every organisation with its accounts, and adding one (a new police
 * partner must exist before an MOU can be signed with it or its officers invited). Organisations are never
 * deleted; the home page's overview stays in organisations.server.ts.
 */
import { asc, count, eq } from "drizzle-orm";
import { organisations, users, type Database, type Organisation } from "~/lib/db.server";
import type { RequestMeta } from "~/lib/http.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { assertCan } from "./policy.server";
import type { Viewer } from "./policy";

export interface OrganisationRow extends Pick<Organisation, "id" | "code" | "nameZh" | "nameEn" | "divisionCode" | "deactivatedAt"> {
  kind: "platform" | "police";
  accounts: number;
}

/** Every organisation, active or not, with its number of accounts; for administrators' lists and choices. */
export async function listAllOrganisations(db: Database, viewer: Viewer): Promise<OrganisationRow[]> {
  assertCan(viewer, "users.manage");
  const rows = await db
    .select({
      id: organisations.id,
      code: organisations.code,
      kind: organisations.kind,
      nameZh: organisations.nameZh,
      nameEn: organisations.nameEn,
      divisionCode: organisations.divisionCode,
      deactivatedAt: organisations.deactivatedAt,
      accounts: count(users.id),
    })
    .from(organisations)
    .leftJoin(users, eq(users.organisationId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.kind), asc(organisations.code));
  return rows.map((row) => ({ ...row, kind: row.kind as "platform" | "police" }));
}

export type CreateOrganisationResult = { ok: true; id: string } | { ok: false; field: "code"; problem: "admin.organisations.codeTaken" };

export async function createOrganisation(
  db: Database,
  viewer: Viewer,
  input: { kind: "platform" | "police"; code: string; nameZh: string; nameEn: string; divisionCode?: string },
  meta: RequestMeta,
): Promise<CreateOrganisationResult> {
  assertCan(viewer, "users.manage");
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, input.code));
    if (taken) return { ok: false, field: "code", problem: "admin.organisations.codeTaken" } as const;
    const [created] = await tx
      .insert(organisations)
      .values({ kind: input.kind, code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, divisionCode: input.divisionCode ?? null })
      .returning({ id: organisations.id });
    await recordAudit(tx, {
      action: "organisation.created",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "organisation",
      entityId: created!.id,
      details: { ...input },
    });
    return { ok: true, id: created!.id } as const;
  });
}
