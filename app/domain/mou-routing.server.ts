/**
 * MOU-aware routing against the database: for a lead, every police agency of the partnership with its
 * verdict (mou-routing.ts decides each). The referral form offers only the eligible ones, and the workflow
 * asks again at submission, inside the transaction that records it: what the form sent is never trusted.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { caseSites, mous, organisations, type DbOrTx, type GoodsCategory, type Mou } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { divisionFullName } from "./divisions.server";
import { agencyVerdict, sortVerdicts, type AgencyVerdict, type MouTerms } from "./mou-routing";
import { todayIn } from "./mous";

export interface LeadToRoute {
  id: string;
  platformOrganisationId: string;
  category: GoodsCategory;
}

export interface RoutingOptions {
  /** The instant to judge at (defaults to now); MOU periods are compared as calendar days in the portal's zone. */
  at?: Date;
}

/** Every police agency of the partnership with its verdict for this lead, eligible ones first. */
export async function routeLead(db: DbOrTx, lead: LeadToRoute, options: RoutingOptions = {}): Promise<AgencyVerdict[]> {
  const timeZone = env().timeZone;
  const day = todayIn(timeZone, options.at);
  const [sites, agencies, agreements] = await Promise.all([
    db.select({ divisionCode: caseSites.divisionCode }).from(caseSites).where(eq(caseSites.caseId, lead.id)),
    db
      .select({ id: organisations.id, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn })
      .from(organisations)
      .where(and(eq(organisations.kind, "police"), isNull(organisations.deactivatedAt)))
      .orderBy(asc(organisations.code)),
    db.select().from(mous).where(eq(mous.platformOrganisationId, lead.platformOrganisationId)),
  ]);
  const routed = { category: lead.category, siteDivisionCodes: sites.map((site) => site.divisionCode) };
  return sortVerdicts(
    agencies.map((agency) =>
      agencyVerdict(
        agency,
        agreements.filter((mou) => mou.policeOrganisationId === agency.id).map((mou) => mouTerms(mou, timeZone)),
        routed,
        day,
        divisionFullName,
      ),
    ),
  );
}

/** The verdict for one agency, or null when it is not an active police agency of the partnership. */
export async function verdictForAgency(
  db: DbOrTx,
  lead: LeadToRoute,
  agencyId: string,
  options: RoutingOptions = {},
): Promise<AgencyVerdict | null> {
  const verdicts = await routeLead(db, lead, options);
  return verdicts.find((verdict) => verdict.agency.id === agencyId) ?? null;
}

function mouTerms(mou: Mou, timeZone: string): MouTerms {
  return {
    id: mou.id,
    reference: mou.reference,
    titleZh: mou.titleZh,
    titleEn: mou.titleEn,
    effectiveFrom: mou.effectiveFrom,
    effectiveUntil: mou.effectiveUntil,
    endedOn: mou.endedAt ? todayIn(timeZone, mou.endedAt) : null,
    endedReason: mou.endedReason,
    scopeCategories: mou.scopeCategories,
    territoryDivisionCodes: mou.territoryDivisionCodes,
    decisionPeriodDays: mou.decisionPeriodDays,
  };
}
