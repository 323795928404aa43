/**
 * Province → city → district, GB/T 2260. With JavaScript, choosing a level fetches the one below from
 * /resources/divisions. Without it, the page arrives with the lists for the codes already chosen (loader
 * or action: divisionOptionsFor), and a "show the choices below" button posts the form to get the next list
 * (a conform validate intent: nothing is saved, nothing typed is lost).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/form";
import { useHydrated } from "~/components/ui/use-hydrated";
import type { AnyField, LeadFormMetadata } from "./lead-form-fields";
import type { DivisionOption } from "~/domain/divisions";

type OptionsByParent = Record<string, DivisionOption[]>;

interface DivisionOptionsContextValue {
  options: OptionsByParent;
  failed: Set<string>;
  load(parent: string): void;
}

const DivisionOptionsContext = createContext<DivisionOptionsContextValue | null>(null);

export function DivisionOptionsProvider({ initial, children }: { initial: OptionsByParent; children: ReactNode }) {
  const [options, setOptions] = useState<OptionsByParent>(initial);
  const [failed, setFailed] = useState<Set<string>>(() => new Set());
  const [pending] = useState(() => new Set<string>());

  // A server reply (no-JS refresh, or a refused save) may bring lists the browser has not fetched.
  useEffect(() => {
    setOptions((current) => ({ ...initial, ...current }));
  }, [initial]);

  const load = useCallback(
    (parent: string) => {
      if (!parent || options[parent] || pending.has(parent)) return;
      pending.add(parent);
      fetch(`/resources/divisions?parent=${encodeURIComponent(parent)}`, { headers: { Accept: "application/json" } })
        .then(async (response) => {
          if (!response.ok) throw new Error(String(response.status));
          const body = (await response.json()) as { children: DivisionOption[] };
          setOptions((current) => ({ ...current, [parent]: body.children }));
          setFailed((current) => {
            const next = new Set(current);
            next.delete(parent);
            return next;
          });
        })
        .catch(() => setFailed((current) => new Set(current).add(parent)))
        .finally(() => pending.delete(parent));
    },
    [options, pending],
  );

  const value = useMemo(() => ({ options, failed, load }), [options, failed, load]);
  return <DivisionOptionsContext.Provider value={value}>{children}</DivisionOptionsContext.Provider>;
}

function useDivisionOptions(): DivisionOptionsContextValue {
  const value = useContext(DivisionOptionsContext);
  if (!value) throw new Error("DivisionPicker needs a DivisionOptionsProvider");
  return value;
}

export function DivisionPicker({
  form,
  legend,
  name,
  province,
  city,
  district,
  required,
}: {
  form: LeadFormMetadata;
  legend: string;
  /** The fieldset the three selects belong to (a site, a logistics record): validated by the no-JS refresh. */
  name: string;
  province: AnyField;
  city: AnyField;
  district: AnyField;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const { options, failed, load } = useDivisionOptions();
  const initial = (field: AnyField) => (typeof field.initialValue === "string" ? field.initialValue : "");
  const [provinceCode, setProvinceCode] = useState<string>(() => initial(province));
  const [cityCode, setCityCode] = useState<string>(() => initial(city));
  const [districtCode, setDistrictCode] = useState<string>(() => initial(district));

  useEffect(() => {
    if (provinceCode) load(provinceCode);
    if (cityCode) load(cityCode);
  }, [provinceCode, cityCode, load]);

  const cities = provinceCode ? options[provinceCode] : undefined;
  const districts = cityCode ? options[cityCode] : undefined;
  const loadFailed = failed.has(provinceCode) || failed.has(cityCode);
  const errors = [...(province.errors ?? []), ...(city.errors ?? []), ...(district.errors ?? [])];
  const errorId = `${province.id}-division-error`;
  const describedBy = errors.length ? errorId : undefined;

  const select = (
    field: AnyField,
    label: string,
    value: string,
    list: DivisionOption[] | undefined,
    onChange: (code: string) => void,
    enabled: boolean,
  ) => (
    <div className="division-level">
      <label htmlFor={field.id}>{label}</label>
      <select
        id={field.id}
        name={field.name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        // Before hydration every level stays usable: a browser without JavaScript posts to get the lists.
        disabled={hydrated && !enabled}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy}
      >
        <option value="">{list === undefined && value && hydrated ? t("cases.form.divisionPicker.loading") : t("cases.form.choose")}</option>
        {/* A chosen code whose list has not arrived yet stays selected (and is posted) meanwhile. */}
        {value && !list?.some((option) => option.code === value) ? <option value={value}>{value}</option> : null}
        {list?.map((option) => (
          <option key={option.code} value={option.code}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <fieldset className="division-picker" data-invalid={errors.length ? true : undefined}>
      <legend>
        {legend}
        {required ? <span className="required-mark"> {t("cases.form.required")}</span> : null}
      </legend>
      <div className="division-levels">
        {select(province, t("cases.form.divisionPicker.province"), provinceCode, options[""], (code) => {
          setProvinceCode(code);
          setCityCode("");
          setDistrictCode("");
        }, true)}
        {select(city, t("cases.form.divisionPicker.city"), cityCode, cities, (code) => {
          setCityCode(code);
          setDistrictCode("");
        }, Boolean(provinceCode))}
        {select(district, t("cases.form.divisionPicker.district"), districtCode, districts, setDistrictCode, Boolean(cityCode && districts?.length))}
      </div>
      {hydrated && cityCode && districts?.length === 0 ? <p className="muted field-hint">{t("cases.form.divisionPicker.noDistricts")}</p> : null}
      {loadFailed ? (
        <p className="field-errors" role="alert">
          {t("cases.form.divisionPicker.failed")}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={[...new Set(errors)]} />
      {hydrated ? null : (
        <button {...form.validate.getButtonProps({ name })} className="button button-quiet">
          {t("cases.form.divisionPicker.refresh")}
        </button>
      )}
    </fieldset>
  );
}
