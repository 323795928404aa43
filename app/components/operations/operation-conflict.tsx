/**
 * An edit refused because someone saved the operation first: who, when, which fields, and what they hold
 * now — with everything this user typed still in the form below, and a button to save it over the newer
 * version once they have read what changed.
 */
import { useTranslation } from "react-i18next";
import type { NamedOrganisation } from "~/domain/joint-operations";
import type { RecordConflict } from "~/domain/police";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";

export function OperationConflictNotice({
  conflict,
  agencies,
  operationId,
}: {
  conflict: RecordConflict;
  agencies: NamedOrganisation[];
  operationId: string;
}) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const fieldLabel = (field: string) => t(`operations.form.${field === "agencyIds" ? "agencies" : field}`);
  const show = (field: string, value: string) => {
    if (!value) return t("operations.conflict.empty");
    if (field !== "agencyIds") return value;
    return value
      .split(" ")
      .map((id) => {
        const agency = agencies.find((entry) => entry.id === id);
        return agency ? (locale === "zh-CN" ? agency.nameZh : agency.nameEn) : id;
      })
      .join(t("operations.listSeparator"));
  };
  const current = Object.entries(conflict.current);
  return (
    <div className="conflict-notice" role="alert">
      <h2>{t("operations.conflict.title")}</h2>
      <p>{t("operations.conflict.body", { version: conflict.currentVersion })}</p>
      {conflict.changes.length ? (
        <ul>
          {conflict.changes.map((change, index) => {
            const name = change.actorName ?? t("operations.conflict.someone");
            const time = formatDateTime(change.occurredAt, locale, timeZone);
            return (
              <li key={index}>
                {change.fields.length
                  ? t("operations.conflict.change", { name, time, what: change.fields.map(fieldLabel).join(t("operations.listSeparator")) })
                  : t("operations.conflict.changeNoFields", { name, time })}
              </li>
            );
          })}
        </ul>
      ) : null}
      {current.length ? (
        <>
          <p>{t("operations.conflict.nowStored")}</p>
          <dl className="facts conflict-values">
            {current.map(([field, value]) => (
              <div key={field}>
                <dt>{fieldLabel(field)}</dt>
                <dd>{show(field, value)}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      <p>{t("operations.conflict.yourInput")}</p>
      <div className="conflict-actions">
        <a href={`/operations/${operationId}`} target="_blank" rel="noreferrer">
          {t("operations.conflict.openCurrent")}
        </a>
        <button type="submit" name="overwriteVersion" value={conflict.currentVersion} className="button button-light">
          {t("operations.conflict.overwrite")}
        </button>
      </div>
    </div>
  );
}
