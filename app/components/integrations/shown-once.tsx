import { useTranslation } from "react-i18next";

/** A secret or token the portal keeps only sealed or hashed: shown this once, in a box that is easy to copy. */
export function ShownOnce({ title, label, value, testId }: { title: string; label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="card card-success shown-once" role="status">
      <h3>{title}</h3>
      <p>
        <strong>{t("integrations.copyOnce")}</strong>
      </p>
      <p className="shown-once-label">{label}</p>
      <code className="shown-once-value" data-testid={testId}>
        {value}
      </code>
    </div>
  );
}

/** Which organisation, in the page's language. */
export function organisationName(row: { organisationNameZh: string; organisationNameEn: string }, locale: string): string {
  return locale === "zh-CN" ? row.organisationNameZh : row.organisationNameEn;
}
