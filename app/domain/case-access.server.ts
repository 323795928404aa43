/**
 * Which cases a viewer may see (need to know), as a SQL condition that every case query includes, so an
 * out-of-scope case is simply not found: 404 from the query itself, never a forgotten `if`.
 *
 * - Platform staff see the leads of their own platform organisation.
 * - A police agency sees only what was referred to it: cases with target_agency_id = the agency, from the
 *   moment they were submitted (drafts and leads under review never leave the platform).
 * - Management reads in the same scope as its organisation; administrators have no case access.
 */
import { and, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { cases, type Case, type DbOrTx } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { can, type Viewer } from "./policy";
import { isUuid } from "~/lib/ids";

export function caseScopeCondition(viewer: Viewer): SQL {
  if (!can(viewer, "case.view")) return sql`false`;
  return organisationCaseScopeCondition({ id: viewer.organisationId, kind: viewer.organisationKind });
}

/** The same scope for an organisation as a whole: outcome-feed tokens act for their organisation, not a person. */
export function organisationCaseScopeCondition(organisation: { id: string; kind: Viewer["organisationKind"] }): SQL {
  if (organisation.kind === "platform") return eq(cases.platformOrganisationId, organisation.id);
  return and(eq(cases.targetAgencyId, organisation.id), isNotNull(cases.submittedAt))!;
}

/** The case, if the viewer may see it; otherwise a 404 Response is thrown (the same as a case that does not exist). */
export async function requireCaseForViewer(db: DbOrTx, viewer: Viewer, caseId: string): Promise<Case> {
  if (!isUuid(caseId)) throw notFound();
  const [found] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), caseScopeCondition(viewer)))
    .limit(1);
  if (!found) throw notFound();
  return found;
}
