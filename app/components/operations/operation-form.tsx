import { getCollectionProps, getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/ui/form";
import type { NamedOrganisation, OperationFormActionData } from "~/domain/joint-operations";
import { OperationFormSchema } from "~/domain/joint-operations.schema";
import { DEFAULT_LOCALE } from "~/lib/i18n";
import { useRootData } from "~/root";
import { OperationConflictNotice } from "./operation-conflict";

export interface OperationFormDefaults {
  code?: string;
  nameZh?: string;
  nameEn?: string;
  description?: string;
  startsOn?: string;
  endsOn?: string;
  agencyIds?: string[];
}

export function OperationForm({
  actionData,
  defaults,
  version,
  agencies,
  submitLabel,
  operationId,
}: {
  actionData: OperationFormActionData | undefined;
  defaults: OperationFormDefaults;
  /** Edits only: the version the form was loaded at. */
  version?: number;
  agencies: NamedOrganisation[];
  submitLabel: string;
  /** Edits only: for the conflict notice's link to the operation as it is now. */
  operationId?: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const name = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);
  const [form, fields] = useForm({
    id: "operation-form",
    lastResult: actionData?.result,
    defaultValue: defaults,
    constraint: getZodConstraint(OperationFormSchema),
    // On submit, not on blur: a message appearing on blur moves the fields below from under the pointer mid-click.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OperationFormSchema }),
  });
  const startedFrom = actionData?.version ?? version;
  const submitting = navigation.state === "submitting";

  return (
    <Form method="post" {...getFormProps(form)} className="operation-form">
      {startedFrom ? <input type="hidden" name="version" value={startedFrom} /> : null}
      {actionData?.conflict && operationId ? (
        <OperationConflictNotice conflict={actionData.conflict} agencies={agencies} operationId={operationId} />
      ) : (
        <ErrorList id={form.errorId} errors={form.errors} />
      )}

      <fieldset className="card">
        <legend>{t("operations.form.identity")}</legend>
        <Field label={t("operations.form.code")} htmlFor={fields.code.id} errorId={fields.code.errorId} errors={fields.code.errors}>
          <input
            {...getInputProps(fields.code, { type: "text" })}
            className="input-code"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${fields.code.id}-hint ${fields.code.errorId}`}
          />
          <p id={`${fields.code.id}-hint`} className="field-hint">
            {t("operations.form.codeHint")}
          </p>
        </Field>
        <div className="form-grid">
          <Field label={t("operations.form.nameZh")} htmlFor={fields.nameZh.id} errorId={fields.nameZh.errorId} errors={fields.nameZh.errors}>
            <input {...getInputProps(fields.nameZh, { type: "text" })} lang="zh-CN" />
          </Field>
          <Field label={t("operations.form.nameEn")} htmlFor={fields.nameEn.id} errorId={fields.nameEn.errorId} errors={fields.nameEn.errors}>
            <input {...getInputProps(fields.nameEn, { type: "text" })} lang="en" />
          </Field>
        </div>
        <Field
          label={t("operations.form.description")}
          htmlFor={fields.description.id}
          errorId={fields.description.errorId}
          errors={fields.description.errors}
        >
          <textarea {...getTextareaProps(fields.description)} rows={4} />
        </Field>
      </fieldset>

      <fieldset className="card">
        <legend>{t("operations.form.period")}</legend>
        <div className="form-grid">
          <Field label={t("operations.form.startsOn")} htmlFor={fields.startsOn.id} errorId={fields.startsOn.errorId} errors={fields.startsOn.errors}>
            <input {...getInputProps(fields.startsOn, { type: "date" })} />
          </Field>
          <Field label={t("operations.form.endsOn")} htmlFor={fields.endsOn.id} errorId={fields.endsOn.errorId} errors={fields.endsOn.errors}>
            <input {...getInputProps(fields.endsOn, { type: "date" })} aria-describedby={`${fields.endsOn.id}-hint ${fields.endsOn.errorId}`} />
            <p id={`${fields.endsOn.id}-hint`} className="field-hint">
              {t("operations.form.endsOnHint")}
            </p>
          </Field>
        </div>
      </fieldset>

      <fieldset className="card" aria-describedby={fields.agencyIds.errorId}>
        <legend>{t("operations.form.agencies")}</legend>
        <p className="muted small">{t("operations.form.agenciesHint")}</p>
        <div className="checkbox-grid">
          {getCollectionProps(fields.agencyIds, { type: "checkbox", options: agencies.map((agency) => agency.id) }).map(({ key, ...props }) => {
            const agency = agencies.find((entry) => entry.id === props.value)!;
            return (
              <label key={key} className="checkbox">
                <input {...props} />
                <span>{name(agency)}</span>
              </label>
            );
          })}
        </div>
        <ErrorList id={fields.agencyIds.errorId} errors={fields.agencyIds.errors} />
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button" disabled={submitting}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
