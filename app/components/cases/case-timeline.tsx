/**
 * The case timeline (getCaseTimeline): every step recorded against the case, oldest first, with who (name
 * and organisation), when, what, the change of state, and why. The same for the platform and the agency.
 */
import { useTranslation } from "react-i18next";
import type { TimelineEntry } from "~/domain/case-workflow";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";

const NOTE_LABELS = new Set([
  "case.returned_to_draft",
  "case.approved",
  "case.withdrawn",
  "case.resubmitted",
  "case.declined",
  "case.returned_for_info",
  "case.closed",
]);
/** Which vocabulary a step's reason code is from. */
const REASON_VOCABULARY: Record<string, string> = { "case.declined": "declineReason", "case.closed": "closureReason" };

export function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  // Steps of other parts of the portal (the lead form, evidence…) are named by their own audit labels.
  const what = (action: string) =>
    t(`workflow.timeline.event.${action}`, {
      defaultValue: t(`audit.action.${action}`, { defaultValue: t("audit.unknownAction", { action }) }),
    });
  const localName = (zh: string | null, en: string | null) => (locale === "zh-CN" ? zh : en) ?? zh ?? en ?? "";

  return (
    <section id="timeline" className="card case-timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("workflow.timeline.title")}</h2>
      <p className="muted">{t("workflow.timeline.intro")}</p>
      {entries.length === 0 ? (
        <p className="muted">{t("workflow.timeline.empty")}</p>
      ) : (
        <ol className="timeline">
          {entries.map((entry) => (
            <li key={entry.seq} className="timeline-entry" data-action={entry.action}>
              <p className="timeline-what">
                <strong>{what(entry.action)}</strong>
                {entry.fromStatus && entry.toStatus ? (
                  <span className="timeline-status">
                    {t("workflow.timeline.statusChange", {
                      from: t(`caseVocabulary.status.${entry.fromStatus}`),
                      to: t(`caseVocabulary.status.${entry.toStatus}`),
                    })}
                  </span>
                ) : null}
              </p>
              <p className="timeline-meta">
                <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, locale, timeZone)}</time>
                <span className="timeline-actor">
                  {entry.actor ? entry.actor.name : t("workflow.timeline.unknownActor")}
                  {entry.actor && (entry.actor.organisationNameZh || entry.actor.organisationNameEn) ? (
                    <span className="muted"> · {localName(entry.actor.organisationNameZh, entry.actor.organisationNameEn)}</span>
                  ) : null}
                </span>
              </p>
              {entry.agencyNameZh || entry.agencyNameEn ? (
                <p className="timeline-detail">
                  {t("workflow.timeline.referredTo", {
                    agency: localName(entry.agencyNameZh, entry.agencyNameEn),
                    mou: entry.mouReference ?? "",
                  })}
                  {entry.decisionDueAt ? (
                    <span className="muted">
                      {" · "}
                      {t("workflow.timeline.decisionDue", { time: formatDateTime(entry.decisionDueAt, locale, timeZone) })}
                    </span>
                  ) : null}
                </p>
              ) : null}
              {entry.reasonCode && REASON_VOCABULARY[entry.action] ? (
                <p className="timeline-detail timeline-reason">
                  {t("workflow.timeline.reasonCode", {
                    reason: t(`caseVocabulary.${REASON_VOCABULARY[entry.action]}.${entry.reasonCode}`, { defaultValue: entry.reasonCode }),
                  })}
                </p>
              ) : null}
              {entry.officerName ? <p className="timeline-detail">{t("workflow.timeline.officer", { name: entry.officerName })}</p> : null}
              {entry.note ? (
                <div className="timeline-note">
                  <span className="timeline-note-label">
                    {t(`workflow.timeline.note.${NOTE_LABELS.has(entry.action) ? entry.action : "other"}`)}
                  </span>
                  <blockquote>{entry.note}</blockquote>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
