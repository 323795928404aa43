/**
 * The outcome record's form (/cases/:id/outcome): filing, persons, charges, and the criminal or the
 * administrative route. With JavaScript only the chosen route's fields are shown (the other's are disabled,
 * so they are not sent); without it both are shown and the server says which do not belong. A save over a
 * newer version shows who changed what, with everything typed kept.
 */
import { getCollectionProps, getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ChoiceSelect, LeadField, TextArea, TextInput } from "~/components/cases/lead-form-fields";
import { translateMessage } from "~/components/ui/form";
import { useHydrated } from "~/components/ui/use-hydrated";
import { OutcomeFormSchema } from "~/domain/case-outcomes.schema";
import { CRIMINAL_ARTICLES } from "~/domain/cases.schema";
import { FILING_DECISIONS, OUTCOME_ROUTES, VERDICTS, type RecordConflict } from "~/domain/police";
import { RecordConflictNotice } from "./conflict-notice";

export interface OutcomeFormReply {
  result: SubmissionResult<string[]>;
  version?: number;
  conflict?: RecordConflict;
  notAllowed?: string;
}

export function OutcomeForm({
  caseId,
  reply,
  defaultValue,
  version,
  today,
}: {
  caseId: string;
  reply: OutcomeFormReply | undefined;
  defaultValue: Record<string, unknown>;
  version: number;
  /** The latest day the date fields accept (the portal's time zone). */
  today: string;
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof OutcomeFormSchema>>({
    id: "outcome-form",
    lastResult: reply?.result,
    defaultValue: defaultValue as never,
    constraint: getZodConstraint(OutcomeFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OutcomeFormSchema }),
  });
  const saving = navigation.state === "submitting";
  const fieldErrors = Object.entries(form.allErrors).filter(([name]) => name !== "");
  const errorCount = fieldErrors.reduce((sum, [, errors]) => sum + errors.length, 0);
  const route = typeof fields.route.value === "string" ? fields.route.value : "";
  const filing = typeof fields.filingDecision.value === "string" ? fields.filingDecision.value : "";
  const label = (field: string) => t(`police.outcome.fields.${field}`, { defaultValue: field });
  const date = (field: (typeof fields)["filedOn"], name: string) => (
    <LeadField field={field} label={label(name)}>
      <input {...getInputProps(field, { type: "date" })} key={field.key} max={today} />
    </LeadField>
  );
  const count = (field: (typeof fields)["detained"], name: string) => (
    <TextInput field={field} label={label(name)} inputMode="numeric" />
  );

  return (
    <Form method="post" {...getFormProps(form)} className="lead-form police-form">
      <input type="hidden" name="version" value={version} />
      {form.errors?.length || errorCount ? (
        <div className="form-error-summary" role="alert" tabIndex={-1}>
          {errorCount ? <p className="form-error-summary-title">{t("police.errorSummary", { count: errorCount })}</p> : null}
          {form.errors?.map((error) => <p key={error}>{translateMessage(t, error)}</p>)}
          {errorCount ? (
            <ul>
              {fieldErrors.map(([name, errors]) => (
                <li key={name}>
                  {label(name.replace(/\[\d+\]$/, ""))}
                  {t("police.colon")}
                  {errors.map((error) => translateMessage(t, error)).join(" ")}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {reply?.notAllowed ? (
        <p className="notice notice-warning" role="alert">
          {t("police.outcome.notAllowed", { status: t(`caseVocabulary.status.${reply.notAllowed}`) })}
        </p>
      ) : null}
      {reply?.conflict ? (
        <RecordConflictNotice
          conflict={reply.conflict}
          caseId={caseId}
          fieldLabel={label}
          formatValue={(field, value) => outcomeValueText(t, field, value)}
        />
      ) : null}

      <section className="card form-section" aria-labelledby="outcome-filing-title">
        <h2 id="outcome-filing-title">{t("police.outcome.sections.filing")}</h2>
        <div className="field-grid">
          <ChoiceSelect
            field={fields.filingDecision}
            label={label("filingDecision")}
            values={FILING_DECISIONS}
            vocabulary="filingDecision"
            allowEmpty="choose"
          />
          <TextInput field={fields.policeCaseNumber} label={label("policeCaseNumber")} hint={t("police.outcome.hints.policeCaseNumber")} />
          {!hydrated || filing === "filed" ? date(fields.filedOn, "filedOn") : null}
        </div>
        {!hydrated || filing === "not_filed" ? <TextArea field={fields.notFiledReason} label={label("notFiledReason")} rows={3} /> : null}
      </section>

      <section className="card form-section" aria-labelledby="outcome-persons-title">
        <h2 id="outcome-persons-title">{t("police.outcome.sections.persons")}</h2>
        <p className="muted section-hint">{t("police.outcome.hints.persons")}</p>
        <div className="field-grid">
          {count(fields.detained, "detained")}
          {count(fields.arrested, "arrested")}
          {count(fields.onBail, "onBail")}
          {count(fields.residentialSurveillance, "residentialSurveillance")}
        </div>
      </section>

      <section className="card form-section" aria-labelledby="outcome-charges-title">
        <h2 id="outcome-charges-title">{t("police.outcome.sections.charges")}</h2>
        <fieldset className="checkbox-group">
          <legend className="visually-hidden">{label("charges")}</legend>
          {getCollectionProps(fields.charges, { type: "checkbox", options: [...CRIMINAL_ARTICLES] }).map((props) => (
            <label key={props.key} className="checkbox">
              <input {...props} key={props.key} />
              {t(`caseVocabulary.article.${props.value}`)}
            </label>
          ))}
        </fieldset>
      </section>

      <section className="card form-section" aria-labelledby="outcome-route-title">
        <h2 id="outcome-route-title">{t("police.outcome.sections.route")}</h2>
        <fieldset className="police-choice" aria-describedby={fields.route.errorId}>
          <legend>{label("route")}</legend>
          {getCollectionProps(fields.route, { type: "radio", options: [...OUTCOME_ROUTES] }).map((props) => (
            <label key={props.key} className="checkbox">
              <input {...props} key={props.key} />
              {t(`caseVocabulary.outcomeRoute.${props.value}`)}
            </label>
          ))}
          {fields.route.errors?.length ? (
            <ul id={fields.route.errorId} className="field-errors" role="alert">
              {fields.route.errors.map((error) => (
                <li key={error}>{translateMessage(t, error)}</li>
              ))}
            </ul>
          ) : null}
        </fieldset>

        <fieldset className="nested-group police-route" disabled={hydrated && route !== "criminal"} hidden={hydrated && route !== "criminal"}>
          <legend>{t("police.outcome.sections.criminal")}</legend>
          <div className="field-grid">
            {date(fields.transferredToProcuratorateOn, "transferredToProcuratorateOn")}
            <TextInput field={fields.procuratorate} label={label("procuratorate")} wide />
            {date(fields.indictedOn, "indictedOn")}
            <TextInput field={fields.court} label={label("court")} wide />
            {date(fields.judgmentOn, "judgmentOn")}
            <ChoiceSelect field={fields.verdict} label={label("verdict")} values={VERDICTS} vocabulary="verdict" allowEmpty="none" />
            <TextInput field={fields.finesYuan} label={label("finesYuan")} inputMode="decimal" />
          </div>
          <TextArea field={fields.sentence} label={label("sentence")} rows={3} hint={t("police.outcome.hints.sentence")} />
        </fieldset>

        <fieldset
          className="nested-group police-route"
          disabled={hydrated && route !== "administrative"}
          hidden={hydrated && route !== "administrative"}
        >
          <legend>{t("police.outcome.sections.administrative")}</legend>
          <div className="field-grid">
            <TextInput field={fields.administrativeAuthority} label={label("administrativeAuthority")} wide />
            {date(fields.administrativeDecidedOn, "administrativeDecidedOn")}
            <TextInput field={fields.administrativeFineYuan} label={label("administrativeFineYuan")} inputMode="decimal" />
          </div>
          <TextArea field={fields.administrativeDecision} label={label("administrativeDecision")} rows={3} />
        </fieldset>
        {hydrated && !route ? <p className="muted">{t("police.outcome.hints.route")}</p> : null}
      </section>

      <div className="form-actions">
        <button type="submit" className="button button-save" disabled={saving}>
          {saving ? t("police.saving") : t("police.outcome.save")}
        </button>
        <Link to={`/cases/${caseId}#outcome`}>{t("police.cancel")}</Link>
      </div>
    </Form>
  );
}

/** A stored value of the outcome record as it reads (codes through the vocabulary). */
export function outcomeValueText(t: TFunction, field: string, value: string): string {
  if (field === "filingDecision") return t(`caseVocabulary.filingDecision.${value}`);
  if (field === "route") return t(`caseVocabulary.outcomeRoute.${value}`);
  if (field === "verdict") return t(`caseVocabulary.verdict.${value}`);
  if (field === "charges") {
    return value
      .split(", ")
      .map((article) => t("police.articleShort", { number: article.replace(/^art/, "") }))
      .join(t("police.summary.listSeparator"));
  }
  return value;
}
