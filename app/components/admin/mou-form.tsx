import {
  getCollectionProps,
  getFieldsetProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/ui/form";
import { GOODS_CATEGORIES } from "~/domain/cases.schema";
import { LIAISON_SIDES } from "~/domain/mous";
import { MAX_LIAISON_CONTACTS, MouFormSchema } from "~/domain/mous.schema";
import { DEFAULT_LOCALE } from "~/lib/i18n";
import { useRootData } from "~/root";
import { TerritoryList } from "./mou-standing";

export interface MouFormDefaults {
  version?: number;
  reference?: string;
  titleZh?: string;
  titleEn?: string;
  policeOrganisationId?: string;
  signedOn?: string;
  effectiveFrom?: string;
  effectiveUntil?: string;
  scopeCategories?: string[];
  territory?: string;
  decisionPeriodDays?: number;
  contacts?: { side: string; name: string; title: string; phone: string; email: string }[];
}

/** Existing contacts plus empty rows to add more (no JavaScript needed), up to the maximum. */
function withBlankContacts(contacts: MouFormDefaults["contacts"] = []) {
  const blanks = Math.max(0, Math.min(2, MAX_LIAISON_CONTACTS - contacts.length));
  return [...contacts, ...Array.from({ length: blanks }, () => ({ side: "police", name: "", title: "", phone: "", email: "" }))];
}

export function MouForm({
  lastResult,
  defaults,
  agencies,
  territoryPreview,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaults: MouFormDefaults;
  agencies: { id: string; nameZh: string; nameEn: string }[];
  /** The saved territory with place names, shown beside the codes. */
  territoryPreview?: { code: string; name: string | null }[];
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const [form, fields] = useForm({
    id: "mou-form",
    lastResult,
    defaultValue: { ...defaults, contacts: withBlankContacts(defaults.contacts) },
    constraint: getZodConstraint(MouFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MouFormSchema }),
  });
  const contacts = fields.contacts.getFieldList();
  const submitting = navigation.state === "submitting";

  return (
    <Form method="post" {...getFormProps(form)} className="mou-form">
      {defaults.version ? <input type="hidden" name="version" value={defaults.version} /> : null}
      <ErrorList id={form.errorId} errors={form.errors} />

      <fieldset className="card">
        <legend>{t("admin.mous.form.identity")}</legend>
        <div className="form-grid">
          <Field label={t("admin.mous.form.reference")} htmlFor={fields.reference.id} errorId={fields.reference.errorId} errors={fields.reference.errors}>
            <input {...getInputProps(fields.reference, { type: "text" })} autoComplete="off" />
          </Field>
          <Field
            label={t("admin.mous.form.police")}
            htmlFor={fields.policeOrganisationId.id}
            errorId={fields.policeOrganisationId.errorId}
            errors={fields.policeOrganisationId.errors}
          >
            <select {...getSelectProps(fields.policeOrganisationId)}>
              <option value="">{t("admin.choose")}</option>
              {agencies.map((agency) => (
                <option key={agency.id} value={agency.id}>
                  {locale === "zh-CN" ? agency.nameZh : agency.nameEn}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label={t("admin.mous.form.titleZh")} htmlFor={fields.titleZh.id} errorId={fields.titleZh.errorId} errors={fields.titleZh.errors}>
          <input {...getInputProps(fields.titleZh, { type: "text" })} lang="zh-CN" />
        </Field>
        <Field label={t("admin.mous.form.titleEn")} htmlFor={fields.titleEn.id} errorId={fields.titleEn.errorId} errors={fields.titleEn.errors}>
          <input {...getInputProps(fields.titleEn, { type: "text" })} lang="en" />
        </Field>
      </fieldset>

      <fieldset className="card">
        <legend>{t("admin.mous.form.period")}</legend>
        <div className="form-grid form-grid-3">
          <Field label={t("admin.mous.form.signedOn")} htmlFor={fields.signedOn.id} errorId={fields.signedOn.errorId} errors={fields.signedOn.errors}>
            <input {...getInputProps(fields.signedOn, { type: "date" })} />
          </Field>
          <Field label={t("admin.mous.form.effectiveFrom")} htmlFor={fields.effectiveFrom.id} errorId={fields.effectiveFrom.errorId} errors={fields.effectiveFrom.errors}>
            <input {...getInputProps(fields.effectiveFrom, { type: "date" })} />
          </Field>
          <Field label={t("admin.mous.form.effectiveUntil")} htmlFor={fields.effectiveUntil.id} errorId={fields.effectiveUntil.errorId} errors={fields.effectiveUntil.errors}>
            <input {...getInputProps(fields.effectiveUntil, { type: "date" })} aria-describedby={`${fields.effectiveUntil.id}-hint ${fields.effectiveUntil.errorId}`} />
            <p id={`${fields.effectiveUntil.id}-hint`} className="field-hint">
              {t("admin.mous.form.effectiveUntilHint")}
            </p>
          </Field>
        </div>
        <Field
          label={t("admin.mous.form.decisionPeriod")}
          htmlFor={fields.decisionPeriodDays.id}
          errorId={fields.decisionPeriodDays.errorId}
          errors={fields.decisionPeriodDays.errors}
        >
          <input
            {...getInputProps(fields.decisionPeriodDays, { type: "number" })}
            className="input-short"
            aria-describedby={`${fields.decisionPeriodDays.id}-hint ${fields.decisionPeriodDays.errorId}`}
          />
          <p id={`${fields.decisionPeriodDays.id}-hint`} className="field-hint">
            {t("admin.mous.form.decisionPeriodHint")}
          </p>
        </Field>
      </fieldset>

      <fieldset className="card" aria-describedby={fields.scopeCategories.errorId}>
        <legend>{t("admin.mous.form.scope")}</legend>
        <div className="checkbox-grid">
          {getCollectionProps(fields.scopeCategories, { type: "checkbox", options: [...GOODS_CATEGORIES] }).map(({ key, ...props }) => (
            <label key={key} className="checkbox">
              <input {...props} />
              <span>{t(`caseVocabulary.category.${props.value}`)}</span>
            </label>
          ))}
        </div>
        <ErrorList id={fields.scopeCategories.errorId} errors={fields.scopeCategories.errors} />
      </fieldset>

      <fieldset className="card">
        <legend>{t("admin.mous.form.territory")}</legend>
        <Field label={t("admin.mous.form.territoryCodes")} htmlFor={fields.territory.id} errorId={fields.territory.errorId} errors={fields.territory.errors}>
          <textarea
            {...getTextareaProps(fields.territory)}
            rows={2}
            spellCheck={false}
            aria-describedby={`${fields.territory.id}-hint ${fields.territory.errorId}`}
          />
          <p id={`${fields.territory.id}-hint`} className="field-hint">
            {t("admin.mous.form.territoryHint")}
          </p>
        </Field>
        {territoryPreview?.length ? (
          <div className="territory-preview">
            <p className="muted small">{t("admin.mous.form.territorySaved")}</p>
            <TerritoryList territory={territoryPreview} />
          </div>
        ) : null}
      </fieldset>

      <fieldset className="card">
        <legend>{t("admin.mous.form.contacts")}</legend>
        <p className="muted">{t("admin.mous.form.contactsHint")}</p>
        {contacts.map((contact, index) => {
          const contactFields = contact.getFieldset();
          return (
            <fieldset key={contact.key} {...getFieldsetProps(contact)} className="contact-row">
              <legend className="visually-hidden">{t("admin.mous.form.contactNumber", { number: index + 1 })}</legend>
              <Field label={t("admin.mous.form.contactSide")} htmlFor={contactFields.side.id} errorId={contactFields.side.errorId} errors={contactFields.side.errors}>
                <select {...getSelectProps(contactFields.side)}>
                  {LIAISON_SIDES.map((side) => (
                    <option key={side} value={side}>
                      {t(`admin.mous.side.${side}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t("admin.mous.form.contactName")} htmlFor={contactFields.name.id} errorId={contactFields.name.errorId} errors={contactFields.name.errors}>
                <input {...getInputProps(contactFields.name, { type: "text" })} autoComplete="off" />
              </Field>
              <Field label={t("admin.mous.form.contactTitle")} htmlFor={contactFields.title.id} errorId={contactFields.title.errorId} errors={contactFields.title.errors}>
                <input {...getInputProps(contactFields.title, { type: "text" })} autoComplete="off" />
              </Field>
              <Field label={t("admin.mous.form.contactPhone")} htmlFor={contactFields.phone.id} errorId={contactFields.phone.errorId} errors={contactFields.phone.errors}>
                <input {...getInputProps(contactFields.phone, { type: "tel" })} autoComplete="off" />
              </Field>
              <Field label={t("admin.mous.form.contactEmail")} htmlFor={contactFields.email.id} errorId={contactFields.email.errorId} errors={contactFields.email.errors}>
                <input {...getInputProps(contactFields.email, { type: "email" })} autoComplete="off" />
              </Field>
            </fieldset>
          );
        })}
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button" disabled={submitting}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
