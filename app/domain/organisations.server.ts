import { asc, count, eq, isNull, and } from "drizzle-orm";
import { organisations, users, type Database } from "~/lib/db.server";
import { assertCan } from "./policy.server";
import type { Viewer } from "./policy";

export interface OrganisationSummary {
  id: string;
  code: string;
  kind: "platform" | "police";
  nameZh: string;
  nameEn: string;
  divisionCode: string | null;
  activeUsers: number;
}

/** Every organisation of the partnership with its number of active accounts (administrators only). */
export async function listOrganisationsForViewer(db: Database, viewer: Viewer): Promise<OrganisationSummary[]> {
  assertCan(viewer, "organisations.view_all");
  return db
    .select({
      id: organisations.id,
      code: organisations.code,
      kind: organisations.kind,
      nameZh: organisations.nameZh,
      nameEn: organisations.nameEn,
      divisionCode: organisations.divisionCode,
      activeUsers: count(users.id),
    })
    .from(organisations)
    .leftJoin(users, and(eq(users.organisationId, organisations.id), isNull(users.deactivatedAt)))
    .where(isNull(organisations.deactivatedAt))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.kind), asc(organisations.code));
}
