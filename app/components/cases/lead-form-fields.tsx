/**
 * The building blocks of the lead form: a labelled field with its hint and errors, selects over the
 * vocabulary, and a repeatable section whose add/remove buttons are conform intents (they work without
 * JavaScript: the server answers the intent and the page comes back with the row added or removed).
 */
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata, type FormMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/form";

// The lead form's value is checked by its zod schema; these generic pieces take any field of it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LeadFormMetadata = FormMetadata<any, string[]>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyField = FieldMetadata<any, any, string[]>;
type Meta = AnyField;

export function LeadField({
  field,
  label,
  hint,
  required,
  children,
  wide,
}: {
  field: Meta;
  label: string;
  hint?: string;
  required?: boolean;
  children: ReactNode;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className={wide ? "field field-wide" : "field"} data-invalid={field.errors?.length ? true : undefined}>
      <label htmlFor={field.id}>
        {label}
        {required ? <span className="required-mark"> {t("cases.form.required")}</span> : null}
      </label>
      {children}
      {hint ? (
        <p className="field-hint" id={field.descriptionId}>
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** The hint's id; conform adds the error list's id itself when the field is invalid. */
function describedBy(field: Meta, hint?: string): string | undefined {
  return hint ? field.descriptionId : undefined;
}

export function TextInput({
  field,
  label,
  hint,
  required,
  inputMode,
  type = "text",
  autoComplete = "off",
  placeholder,
  wide,
}: {
  field: AnyField;
  label: string;
  hint?: string;
  required?: boolean;
  inputMode?: "text" | "decimal" | "numeric" | "tel";
  type?: "text" | "date" | "tel";
  autoComplete?: string;
  placeholder?: string;
  wide?: boolean;
}) {
  const props = getInputProps(field, { type, ariaDescribedBy: describedBy(field, hint) });
  return (
    <LeadField field={field} label={label} hint={hint} required={required} wide={wide}>
      <input {...props} key={props.key} inputMode={inputMode} autoComplete={autoComplete} placeholder={placeholder} />
    </LeadField>
  );
}

export function TextArea({ field, label, hint, rows = 4 }: { field: AnyField; label: string; hint?: string; rows?: number }) {
  const props = getTextareaProps(field, { ariaDescribedBy: describedBy(field, hint) });
  return (
    <LeadField field={field} label={label} hint={hint} wide>
      <textarea {...props} key={props.key} rows={rows} />
    </LeadField>
  );
}

/** A select over a closed set; `vocabulary` names the caseVocabulary group its labels come from. */
export function ChoiceSelect({
  field,
  label,
  values,
  vocabulary,
  required,
  allowEmpty,
  labelOf,
}: {
  field: AnyField;
  label: string;
  values: readonly string[];
  vocabulary?: string;
  required?: boolean;
  /** Offer "choose…" (for a choice without a default) or "none" (for an optional one). */
  allowEmpty?: "choose" | "none";
  labelOf?: (value: string) => string;
}) {
  const { t } = useTranslation();
  const props = getSelectProps(field, { ariaDescribedBy: describedBy(field) });
  return (
    <LeadField field={field} label={label} required={required}>
      <select {...props} key={props.key}>
        {allowEmpty ? <option value="">{allowEmpty === "choose" ? t("cases.form.choose") : t("cases.form.none")}</option> : null}
        {values.map((value) => (
          <option key={value} value={value}>
            {labelOf ? labelOf(value) : t(`caseVocabulary.${vocabulary}.${value}`)}
          </option>
        ))}
      </select>
    </LeadField>
  );
}

export type ListName = "brands" | "sites" | "accounts" | "enterprises" | "persons" | "logistics" | "testPurchases" | "linkReasons";

/** A repeatable group: heading, hint, the rows (each a fieldset with its own remove button), an add button. */
export function RepeatableSection<Item>({
  form,
  list,
  listName,
  items,
  defaultItem,
  max,
  renderItem,
  level = "section",
  hint,
}: {
  form: LeadFormMetadata;
  list: { name: string; errors?: string[]; errorId: string };
  listName: ListName;
  items: Array<{ key?: string } & Item>;
  defaultItem: Record<string, unknown>;
  max: number;
  renderItem: (item: Item, index: number) => ReactNode;
  level?: "section" | "nested";
  hint?: string;
}) {
  const { t } = useTranslation();
  const Legend = level === "section" ? "h3" : "h4";
  return (
    <div className={level === "section" ? "repeatable" : "repeatable repeatable-nested"}>
      {hint ? <p className="muted section-hint">{hint}</p> : null}
      {items.length === 0 ? <p className="muted empty-list">{t(`cases.form.empty.${listName}`)}</p> : null}
      <ol className="repeatable-items">
        {items.map((item, index) => {
          const title = t(`cases.form.item.${listName}`, { number: index + 1 });
          return (
            <li key={item.key ?? index} className="repeatable-item">
              <fieldset aria-label={title}>
                <div className="repeatable-item-head">
                  <Legend className="repeatable-item-title">{title}</Legend>
                  <button
                    {...form.remove.getButtonProps({ name: list.name, index })}
                    className="button button-quiet button-danger"
                    aria-label={t("cases.form.removeItem", { item: title })}
                  >
                    {t("cases.form.remove")}
                  </button>
                </div>
                <div className="repeatable-item-body">{renderItem(item, index)}</div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <ErrorList id={list.errorId} errors={list.errors} />
      {items.length < max ? (
        <button {...form.insert.getButtonProps({ name: list.name, defaultValue: defaultItem as never })} className="button button-secondary-light">
          {t(`cases.form.add.${listName}`)}
        </button>
      ) : null}
    </div>
  );
}
