/**
 * MOU-aware routing, the pure part: whether one MOU allows referring one lead to its agency on a given day,
 * and if not, every reason why. mou-routing.server.ts reads the MOUs and applies this to each agency.
 *
 * An MOU is in force on a day when effective_from ≤ day ≤ effective_until (null = open-ended) and it has not
 * been ended (mous.ts, mouStanding); it covers a lead when the lead's category is in its scope and at least one suspected site lies
 * inside its territory (a province, city or district code covers the divisions below it).
 */
import type { GoodsCategory } from "~/lib/db.server";
import { divisionCovers } from "./divisions";
import { mouStanding } from "./mous";

export interface DivisionRef {
  code: string;
  /** The division's name (GB/T 2260, in Chinese), where known. */
  name: string | null;
}

export type RoutingProblem =
  | { code: "no_mou" }
  | { code: "not_yet_in_force"; mouReference: string; effectiveFrom: string }
  | { code: "expired"; mouReference: string; effectiveUntil: string }
  | { code: "ended"; mouReference: string; endedOn: string; endedReason: string | null }
  | { code: "category_out_of_scope"; mouReference: string; category: GoodsCategory; scope: GoodsCategory[] }
  | { code: "no_site_in_territory"; mouReference: string; territory: DivisionRef[]; sites: DivisionRef[] }
  | { code: "no_sites" };

export interface MouTerms {
  id: string;
  reference: string;
  titleZh: string;
  titleEn: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  /** The calendar day (YYYY-MM-DD, portal time zone) on which it was ended, if it was: ending takes effect at once. */
  endedOn: string | null;
  endedReason: string | null;
  scopeCategories: GoodsCategory[];
  territoryDivisionCodes: string[];
  decisionPeriodDays: number;
}

export interface LeadForRouting {
  category: GoodsCategory;
  siteDivisionCodes: string[];
}

export interface AgencyVerdict {
  agency: { id: string; code: string; nameZh: string; nameEn: string };
  eligible: boolean;
  /** The MOU that allows the referral, or the one closest to allowing it; null when there is none. */
  mou: {
    id: string;
    reference: string;
    titleZh: string;
    titleEn: string;
    effectiveFrom: string;
    effectiveUntil: string | null;
    decisionPeriodDays: number;
    scope: GoodsCategory[];
    territory: DivisionRef[];
  } | null;
  /** Empty when eligible; otherwise every reason the MOU does not allow it. */
  problems: RoutingProblem[];
}

type NameOf = (code: string) => string | null;
const noNames: NameOf = () => null;

/** Every reason this MOU does not allow referring the lead on `day`; empty when it does. */
export function mouProblems(mou: MouTerms, lead: LeadForRouting, day: string, nameOf: NameOf = noNames): RoutingProblem[] {
  const problems: RoutingProblem[] = [];
  // The registry's own rule for "in force" (mous.ts), so the MOU pages and routing never disagree.
  const standing = mouStanding({ effectiveFrom: mou.effectiveFrom, effectiveUntil: mou.effectiveUntil, endedAt: mou.endedOn }, day);
  if (standing.status === "ended") {
    problems.push({ code: "ended", mouReference: mou.reference, endedOn: mou.endedOn ?? day, endedReason: mou.endedReason });
  } else if (standing.status === "not_yet_in_force") {
    problems.push({ code: "not_yet_in_force", mouReference: mou.reference, effectiveFrom: mou.effectiveFrom });
  } else if (standing.status === "expired") {
    problems.push({ code: "expired", mouReference: mou.reference, effectiveUntil: mou.effectiveUntil ?? day });
  }
  if (!mou.scopeCategories.includes(lead.category)) {
    problems.push({
      code: "category_out_of_scope",
      mouReference: mou.reference,
      category: lead.category,
      scope: [...mou.scopeCategories],
    });
  }
  if (lead.siteDivisionCodes.length === 0) {
    problems.push({ code: "no_sites" });
  } else if (
    !lead.siteDivisionCodes.some((site) => mou.territoryDivisionCodes.some((territory) => divisionCovers(territory, site)))
  ) {
    problems.push({
      code: "no_site_in_territory",
      mouReference: mou.reference,
      territory: mou.territoryDivisionCodes.map((code) => ({ code, name: nameOf(code) })),
      sites: [...new Set(lead.siteDivisionCodes)].map((code) => ({ code, name: nameOf(code) })),
    });
  }
  return problems;
}

/**
 * One agency's verdict from all its MOUs with the platform: eligible if any allows the referral (the one in
 * force longest wins); otherwise the reasons of the MOU that comes closest (fewest problems, then the most
 * recent), so the investigator reads the reasons that matter.
 */
export function agencyVerdict(
  agency: AgencyVerdict["agency"],
  agencyMous: readonly MouTerms[],
  lead: LeadForRouting,
  day: string,
  nameOf: NameOf = noNames,
): AgencyVerdict {
  if (agencyMous.length === 0) return { agency, eligible: false, mou: null, problems: [{ code: "no_mou" }] };
  const judged = agencyMous
    .map((mou) => ({ mou, problems: mouProblems(mou, lead, day, nameOf) }))
    .sort(
      (a, b) =>
        a.problems.length - b.problems.length ||
        // Among eligible ones, the MOU that runs longest (open-ended first); otherwise the newest.
        (b.mou.effectiveUntil ?? "9999-12-31").localeCompare(a.mou.effectiveUntil ?? "9999-12-31") ||
        b.mou.effectiveFrom.localeCompare(a.mou.effectiveFrom),
    );
  const best = judged[0]!;
  return {
    agency,
    eligible: best.problems.length === 0,
    mou: {
      id: best.mou.id,
      reference: best.mou.reference,
      titleZh: best.mou.titleZh,
      titleEn: best.mou.titleEn,
      effectiveFrom: best.mou.effectiveFrom,
      effectiveUntil: best.mou.effectiveUntil,
      decisionPeriodDays: best.mou.decisionPeriodDays,
      scope: [...best.mou.scopeCategories],
      territory: best.mou.territoryDivisionCodes.map((code) => ({ code, name: nameOf(code) })),
    },
    problems: best.problems,
  };
}

/** Eligible agencies first, then by name; stable for the form. */
export function sortVerdicts(verdicts: AgencyVerdict[]): AgencyVerdict[] {
  return [...verdicts].sort(
    (a, b) => Number(b.eligible) - Number(a.eligible) || a.agency.code.localeCompare(b.agency.code),
  );
}
