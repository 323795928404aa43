/**
 * The prosecution threshold check beside a lead's amounts: per article, whether it is met and by which
 * amount, each criterion against its minimum, and where the values come from. Pure display of
 * evaluateThresholds (app/domain/thresholds.ts), so the form can show it live and the detail page the same.
 */
import { useTranslation } from "react-i18next";
import { evaluateThresholds, meetsAnyThreshold, type LeadAmounts, type ThresholdConfig } from "~/domain/thresholds";
import { DEFAULT_LOCALE, formatNumber } from "~/lib/i18n";
import { useRootData } from "~/root";

export function ThresholdCheck({ amounts, config, headingLevel = 3 }: { amounts: LeadAmounts; config: ThresholdConfig; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? DEFAULT_LOCALE;
  const results = evaluateThresholds(amounts, config);
  const yuan = (value: number) => t("cases.thresholds.yuan", { amount: formatNumber(value, locale) });
  const measures = (list: readonly string[]) => list.map((measure) => t(`cases.form.fields.${measure}`)).join(t("cases.thresholds.plus"));
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const assessed = results.some((result) => result.assessed);

  return (
    <section className="threshold-check" aria-labelledby="threshold-check-title" aria-live="polite">
      <Heading id="threshold-check-title">{t("cases.thresholds.title")}</Heading>
      <ul className="threshold-articles">
        {results.map((result) => {
          const state = !result.assessed ? "unassessed" : result.met ? "met" : "unmet";
          return (
            <li key={result.article} className="threshold-article" data-state={state}>
              <p className="threshold-head">
                <strong>{t(`caseVocabulary.article.${result.article}`)}</strong>
                <span className={`status threshold-${state}`}>
                  {state === "met" ? t("cases.thresholds.met") : state === "unmet" ? t("cases.thresholds.notMet") : t("cases.thresholds.notAssessed")}
                </span>
              </p>
              <table className="threshold-criteria">
                <thead>
                  <tr>
                    <th scope="col">{t("cases.detail.columns.measure")}</th>
                    <th scope="col" className="numeric">
                      {t("cases.detail.columns.value")}
                    </th>
                    <th scope="col">{t("cases.thresholds.threshold")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.criteria.map((criterion) => (
                    <tr key={criterion.id} data-met={criterion.met ? true : undefined}>
                      <th scope="row">
                        {measures(criterion.measures)}
                        {criterion.form === "attempted" ? <span className="muted"> {t("cases.thresholds.attempted")}</span> : null}
                      </th>
                      <td className="numeric">{criterion.value === null ? t("cases.detail.notSet") : yuan(criterion.value)}</td>
                      <td>
                        <span aria-hidden="true">{criterion.met ? "✓ " : ""}</span>
                        {t("cases.thresholds.criterion", { measures: "", minimum: yuan(criterion.minimum) }).trim()}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {result.met ? (
                <p className="threshold-met-by">
                  {t("cases.thresholds.metBy", { criteria: result.metBy.map((criterion) => measures(criterion.measures)).join(t("cases.completeness.separator")) })}
                </p>
              ) : null}
              <p className="threshold-source muted">
                {t("cases.thresholds.source")}: {locale === "zh-CN" ? result.source.zh : result.source.en}
              </p>
            </li>
          );
        })}
      </ul>
      {assessed && !meetsAnyThreshold(results) ? <p className="notice notice-warning">{t("cases.thresholds.belowAll")}</p> : null}
      <p className="muted threshold-note">
        {locale === "zh-CN" ? config.note.zh : config.note.en} {t("cases.thresholds.configuration", { id: config.id })}
      </p>
    </section>
  );
}
