/**
 * A save refused because someone saved the record first: who, when, which fields, and what they hold now —
 * with everything this user typed still in the form below, and a button to save it over the newer version
 * once they have read what changed.
 */
import { useTranslation } from "react-i18next";
import type { RecordConflict } from "~/domain/police";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";

export function RecordConflictNotice({
  conflict,
  fieldLabel,
  formatValue,
  caseId,
}: {
  conflict: RecordConflict;
  /** The form's label of a changed field. */
  fieldLabel: (field: string) => string;
  /** How a stored value reads (dates, codes); the text itself by default. */
  formatValue?: (field: string, value: string) => string;
  caseId: string;
}) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const current = Object.entries(conflict.current);
  return (
    <div className="conflict-notice police-conflict" role="alert">
      <h2>{t("police.conflict.title")}</h2>
      <p>{t("police.conflict.body", { version: conflict.currentVersion })}</p>
      {conflict.changes.length ? (
        <ul>
          {conflict.changes.map((change, index) => {
            const name = change.actorName ?? t("police.conflict.someone");
            const time = formatDateTime(change.occurredAt, locale, timeZone);
            return (
              <li key={index}>
                {change.fields.length
                  ? t("police.conflict.change", { name, time, what: change.fields.map(fieldLabel).join(t("police.summary.listSeparator")) })
                  : t("police.conflict.changeNoFields", { name, time })}
              </li>
            );
          })}
        </ul>
      ) : null}
      {current.length ? (
        <>
          <p className="police-conflict-now">{t("police.conflict.nowStored")}</p>
          <dl className="facts police-conflict-values">
            {current.map(([field, value]) => (
              <div key={field}>
                <dt>{fieldLabel(field)}</dt>
                <dd>{value ? (formatValue ? formatValue(field, value) : value) : t("police.conflict.empty")}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      <p>{t("police.conflict.yourInput")}</p>
      <div className="conflict-actions">
        <a href={`/cases/${caseId}#outcome`} target="_blank" rel="noreferrer">
          {t("police.conflict.openCurrent")}
        </a>
        <button type="submit" name="overwriteVersion" value={conflict.currentVersion} className="button button-secondary-light">
          {t("police.conflict.overwrite")}
        </button>
      </div>
    </div>
  );
}
