/**
 * The agency's decision as both sides read it on the workflow panel: the questions of a return for
 * information (shown prominently to the platform, which answers them by resubmitting), the reason of a
 * decline, and after a decline the other agencies whose MOU fits (the re-routing suggestions, offered by
 * the refer form below) and the agencies the lead may not go back to.
 */
import type { WorkflowView } from "~/domain/case-workflow";
import { formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";
import { useTextContext } from "./workflow-form";
import { agencyName } from "./workflow-text";

export function DecisionNotice({ workflow }: { workflow: WorkflowView }) {
  const { t, locale, timeZone } = useTextContext();
  const side = useRootData()?.viewer?.organisationKind ?? "platform";
  const decision = workflow.decision;
  if (!decision) return null;
  const shows =
    (workflow.status === "returned_for_info" && decision.decision === "returned_for_info") ||
    (workflow.status === "declined" && decision.decision === "declined");
  if (!shows) return null;
  const agency = agencyName(locale, { nameZh: decision.agencyNameZh, nameEn: decision.agencyNameEn });
  const returned = decision.decision === "returned_for_info";
  const hint = returned
    ? t(side === "platform" ? "workflow.decision.returnedHint" : "workflow.decision.returnedHintPolice")
    : side === "police"
      ? t("workflow.decision.declinedHintPolice")
      : null;
  return (
    <div className={`workflow-decision workflow-decision-${decision.decision}`} role="region" aria-labelledby="workflow-decision-title">
      <h3 id="workflow-decision-title">{t(returned ? "workflow.decision.returnedTitle" : "workflow.decision.declinedTitle", { agency })}</h3>
      <p className="workflow-decision-by muted">
        {t("workflow.decision.by", { name: decision.byName ?? t("workflow.timeline.unknownActor"), time: formatDateTime(decision.at, locale, timeZone) })}
      </p>
      {decision.declineReason ? (
        <p className="workflow-decision-reason">
          {t("workflow.decision.reason", { reason: t(`caseVocabulary.declineReason.${decision.declineReason}`) })}
        </p>
      ) : null}
      {decision.note ? <blockquote>{decision.note}</blockquote> : null}
      {hint ? <p className="workflow-decision-hint">{hint}</p> : null}
    </div>
  );
}

/** After a decline: the agencies whose MOU fits (not those that declined), and those it may not go back to. */
export function ReroutingSuggestions({ workflow }: { workflow: WorkflowView }) {
  const { t, locale } = useTextContext();
  if (workflow.status !== "declined" || !workflow.agencies) return null;
  const suggested = workflow.agencies.filter((verdict) => verdict.eligible);
  const declined = workflow.declinedBy.map((agency) => agencyName(locale, agency)).join(t("workflow.listSeparator"));
  return (
    <div className="workflow-reroute" role="region" aria-labelledby="workflow-reroute-title">
      <h3 id="workflow-reroute-title">{t("workflow.reroute.title")}</h3>
      {suggested.length ? (
        <>
          <p className="muted">{t("workflow.reroute.intro")}</p>
          <ul className="workflow-reroute-list">
            {suggested.map((verdict) => (
              <li key={verdict.agency.id} data-agency={verdict.agency.code}>
                <strong>{agencyName(locale, verdict.agency)}</strong>{" "}
                <span className="muted">
                  {t("workflow.refer.agencyOption", { mou: verdict.mou?.reference ?? "", days: verdict.mou?.decisionPeriodDays ?? 0 })}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("workflow.reroute.none")}</p>
      )}
      {declined ? <p className="muted">{t("workflow.reroute.declinedBy", { agencies: declined })}</p> : null}
    </div>
  );
}
