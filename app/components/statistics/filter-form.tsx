/**
 * The filters of the statistics pages (/dashboard, /map): referral date range, agency (platform viewers
 * only), goods category, province and joint operation. A plain GET form, so it works without JavaScript
 * and every view is a link; the parameter names are STATISTICS_FILTER_PARAMS. A value the server could not
 * use comes back with its message (an i18n key) and stays in its field as typed.
 */
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasStatisticsFilters, STATISTICS_FILTER_PARAMS, type StatisticsFilterErrors, type StatisticsFilters } from "~/domain/statistics";
import { useRootData } from "~/root";
import { DEFAULT_LOCALE } from "~/lib/i18n";
import type { GoodsCategory } from "../../../db/schema";
import { provinceLabel, type ProvinceName } from "./provinces";

/** What the form offers: built on the server by statisticsFilterFormOptions (filter-options.server.ts). */
export interface StatisticsFilterFormOptions {
  /** Empty for an agency's management: it sees its own agency only, so there is nothing to choose. */
  agencies: Array<{ id: string; nameZh: string; nameEn: string }>;
  jointOperations: Array<{ id: string; code: string; nameZh: string; nameEn: string; startsOn: string; endsOn: string | null }>;
  provinces: ProvinceName[];
  categories: GoodsCategory[];
}

export interface StatisticsFilterFormProps {
  /** Where the form is sent (GET), e.g. "/dashboard" or "/map". */
  action: string;
  filters: StatisticsFilters;
  options: StatisticsFilterFormOptions;
  errors: StatisticsFilterErrors;
  /** Extra parameters kept when the filters change (e.g. the map's layer). */
  hidden?: Record<string, string>;
}

export function StatisticsFilterForm({ action, filters, options, errors, hidden }: StatisticsFilterFormProps) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? DEFAULT_LOCALE;
  const [searchParams] = useSearchParams();
  const name = (row: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? row.nameZh : row.nameEn);
  /** What the field shows: the value in force, or what was typed when it could not be used. */
  const shown = (field: keyof StatisticsFilters) =>
    errors[field] ? (searchParams.get(STATISTICS_FILTER_PARAMS[field]) ?? "") : (filters[field] ?? "");
  const resetTo = hidden && Object.keys(hidden).length ? `${action}?${new URLSearchParams(hidden)}` : action;

  const field = (key: keyof StatisticsFilters, label: string, control: (props: ControlProps) => JSX.Element, wide = false) => {
    const id = `statistics-filter-${STATISTICS_FILTER_PARAMS[key]}`;
    const errorId = `${id}-error`;
    const error = errors[key];
    return (
      <div className={wide ? "field statistics-field-wide" : "field"} data-invalid={error ? true : undefined}>
        <label htmlFor={id}>{label}</label>
        {control({
          id,
          name: STATISTICS_FILTER_PARAMS[key],
          defaultValue: shown(key),
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? errorId : undefined,
        })}
        {error ? (
          <ul id={errorId} className="field-errors" role="alert">
            <li>{t(error)}</li>
          </ul>
        ) : null}
      </div>
    );
  };

  return (
    <section className="card statistics-filters" aria-labelledby="statistics-filters-title">
      <h2 id="statistics-filters-title" className="statistics-filters-title">
        {t("statistics.filters.title")}
      </h2>
      {/* Keyed by the query, so the fields show the filters in force after each navigation. */}
      <Form method="get" action={action} className="statistics-filter-grid" key={searchParams.toString()}>
        {/* An agency asked for by address when there is no agency to choose: said above the fields. */}
        {options.agencies.length === 0 && errors.agencyId ? (
          <ul className="field-errors statistics-form-errors" role="alert">
            <li>{t(errors.agencyId)}</li>
          </ul>
        ) : null}
        {Object.entries(hidden ?? {}).map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
        {field("from", t("statistics.filters.from"), (props) => <input type="date" {...props} />)}
        {field("to", t("statistics.filters.to"), (props) => <input type="date" {...props} />)}
        {options.agencies.length > 0
          ? field("agencyId", t("statistics.filters.agency"), (props) => (
              <select {...props}>
                <option value="">{t("statistics.filters.allAgencies")}</option>
                {options.agencies.map((agency) => (
                  <option key={agency.id} value={agency.id}>
                    {name(agency)}
                  </option>
                ))}
              </select>
            ))
          : null}
        {field("category", t("statistics.filters.category"), (props) => (
          <select {...props}>
            <option value="">{t("statistics.filters.allCategories")}</option>
            {options.categories.map((category) => (
              <option key={category} value={category}>
                {t(`caseVocabulary.category.${category}`)}
              </option>
            ))}
          </select>
        ))}
        {field("provinceCode", t("statistics.filters.province"), (props) => (
          <select {...props}>
            <option value="">{t("statistics.filters.allProvinces")}</option>
            {options.provinces.map((province) => (
              <option key={province.code} value={province.code}>
                {provinceLabel(province, locale)}
              </option>
            ))}
          </select>
        ))}
        {field("jointOperationId", t("statistics.filters.operation"), (props) => (
          <select {...props}>
            <option value="">{t("statistics.filters.allOperations")}</option>
            {options.jointOperations.map((operation) => (
              <option key={operation.id} value={operation.id}>
                {`${name(operation)} (${operation.code})`}
              </option>
            ))}
          </select>
        ), true)}
        <div className="statistics-filter-actions">
          <button type="submit" className="button">
            {t("statistics.filters.apply")}
          </button>
          {hasStatisticsFilters(filters) || Object.keys(errors).length > 0 ? (
            <Link to={resetTo} className="statistics-reset">
              {t("statistics.filters.reset")}
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

interface ControlProps {
  id: string;
  name: string;
  defaultValue: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}
