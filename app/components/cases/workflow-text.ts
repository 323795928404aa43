/**
 * Plain-words rendering of workflow refusals and MOU routing problems, in the viewer's language. Shared by
 * the workflow panel and anything else that explains why a step or an agency is not available.
 */
import type { TFunction } from "i18next";
import type { WorkflowRefusal } from "~/domain/case-workflow";
import type { AgencyVerdict, DivisionRef, RoutingProblem } from "~/domain/mou-routing";
import { formatDateTime, type Locale } from "~/lib/i18n";

export interface TextContext {
  t: TFunction;
  locale: Locale;
  timeZone: string;
}

function list({ t }: TextContext, items: string[]): string {
  return items.join(t("workflow.listSeparator"));
}

function places(context: TextContext, divisions: DivisionRef[]): string {
  return list(context, divisions.map((division) => division.name ?? division.code));
}

export function agencyName(locale: Locale, agency: { nameZh: string; nameEn: string }): string {
  return locale === "zh-CN" ? agency.nameZh : agency.nameEn;
}

export function problemText(context: TextContext, problem: RoutingProblem): string {
  const { t } = context;
  switch (problem.code) {
    case "no_mou":
    case "no_sites":
      return t(`workflow.problem.${problem.code}`);
    case "not_yet_in_force":
      return t("workflow.problem.not_yet_in_force", { mou: problem.mouReference, date: problem.effectiveFrom });
    case "expired":
      return t("workflow.problem.expired", { mou: problem.mouReference, date: problem.effectiveUntil });
    case "ended": {
      const ended = t("workflow.problem.ended", { mou: problem.mouReference, date: problem.endedOn });
      return problem.endedReason ? `${ended} ${t("workflow.problem.endedReason", { reason: problem.endedReason })}` : ended;
    }
    case "category_out_of_scope":
      return t("workflow.problem.category_out_of_scope", {
        mou: problem.mouReference,
        category: t(`caseVocabulary.category.${problem.category}`),
        scope: list(context, problem.scope.map((category) => t(`caseVocabulary.category.${category}`))),
      });
    case "no_site_in_territory":
      return t("workflow.problem.no_site_in_territory", {
        mou: problem.mouReference,
        sites: places(context, problem.sites),
        territory: places(context, problem.territory),
      });
  }
}

export function verdictProblems(context: TextContext, verdict: AgencyVerdict): string[] {
  return verdict.problems.map((problem) => problemText(context, problem));
}

/** The refusal as a sentence, and (for an agency that cannot receive the lead) the reasons under it. */
export function refusalText(context: TextContext, refusal: WorkflowRefusal): { message: string; details: string[] } {
  const { t, locale, timeZone } = context;
  switch (refusal.code) {
    case "not_permitted":
      return { message: t("workflow.refusal.not_permitted", { transition: t(`workflow.transition.${refusal.transition}`) }), details: [] };
    case "wrong_state":
      return { message: t("workflow.refusal.wrong_state", { status: t(`caseVocabulary.status.${refusal.status}`) }), details: [] };
    case "note_required":
      return { message: t(`workflow.noteRequired.${refusal.transition}`), details: [] };
    case "note_too_long":
      return { message: t("workflow.refusal.note_too_long", { max: refusal.max }), details: [] };
    case "reason_required":
      return { message: t(`workflow.reasonRequired.${refusal.transition}`), details: [] };
    case "stale":
      return {
        message:
          refusal.changedAt && refusal.changedBy
            ? t("workflow.refusal.stale", {
                status: t(`caseVocabulary.status.${refusal.status}`),
                by: refusal.changedBy,
                time: formatDateTime(refusal.changedAt, locale, timeZone),
              })
            : t("workflow.refusal.stale_generic"),
        details: [],
      };
    case "incomplete":
      return {
        message: t("workflow.refusal.incomplete", {
          // The lead form's own names for what is missing (leadCompleteness, cases.ts).
          items: refusal.missing.map((item) => t(`cases.completeness.${item}`, { defaultValue: item })).join(t("cases.completeness.separator")),
        }),
        details: [],
      };
    case "agency_not_eligible":
      return {
        message: t("workflow.refusal.agency_not_eligible", {
          agency:
            refusal.agencyNameZh && refusal.agencyNameEn
              ? agencyName(locale, { nameZh: refusal.agencyNameZh, nameEn: refusal.agencyNameEn })
              : t("workflow.refusal.unknownAgency"),
        }),
        details: refusal.problems.map((problem) => problemText(context, problem)),
      };
    case "agency_declined":
      return {
        message: t("workflow.refusal.agency_declined", {
          agency:
            refusal.agencyNameZh && refusal.agencyNameEn
              ? agencyName(locale, { nameZh: refusal.agencyNameZh, nameEn: refusal.agencyNameEn })
              : t("workflow.refusal.unknownAgency"),
        }),
        details: [],
      };
    case "own_lead":
    case "agency_required":
    case "no_eligible_agency":
      return { message: t(`workflow.refusal.${refusal.code}`), details: [] };
  }
}

/** The message for a refusal that came back as a code only (the form was posted without JavaScript). */
export function refusalCodeText(t: TFunction, code: string, intent: string | null): string {
  switch (code) {
    case "stale":
    case "wrong_state":
    case "incomplete":
    case "agency_not_eligible":
      return t(`workflow.refusal.${code}_generic`);
    case "not_permitted":
      return t("workflow.refusal.not_permitted", { transition: t(`workflow.transition.${intent ?? "refer"}`) });
    case "note_required":
    case "own_lead":
    case "agency_required":
    case "no_eligible_agency":
    case "agency_declined_generic":
      return t(`workflow.refusal.${code}`);
    case "agency_declined":
      return t("workflow.refusal.agency_declined_generic");
    case "reason_required":
      return intent === "decline" || intent === "close" ? t(`workflow.reasonRequired.${intent}`) : t("workflow.refusal.invalid");
    default:
      return t("workflow.refusal.invalid");
  }
}
