/**
 * A platform lead's correction of one entry of a published version: remove it, or amend its published values
 * (name, credit code, which fields are published), with a reason. Posted to the version's own page
 * (/blacklist/versions/:number), which records it (after the password step-up) and shows it at once.
 */
import { getCollectionProps, getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/ui/form";
import { BLACKLIST_CORRECTION_KINDS, PUBLISHABLE_FIELDS, publishedFields, type PublishedEntryView } from "~/domain/blacklist";
import { CorrectionSchema } from "~/domain/blacklist.schema";

export interface CorrectionReply {
  intent: "correct";
  entryId?: string;
  result: SubmissionResult<string[]>;
}

/** What the step-up detour keeps of a correction form: its values, in the address it comes back to. */
export function correctionReturnQuery(values: { entryId: string; kind: string; reason: string; enterpriseName: string; creditCode: string; publishableFields: string[] }): string {
  const query = new URLSearchParams({ correct: values.entryId, kind: values.kind, reason: values.reason, enterpriseName: values.enterpriseName, creditCode: values.creditCode });
  for (const field of values.publishableFields) query.append("publishableFields", field);
  return query.toString();
}

export function CorrectionForm({ number, entry, reply }: { number: number; entry: PublishedEntryView; reply: CorrectionReply | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  // Back from /reauthenticate: the values typed before the detour.
  const returning = searchParams.get("correct") === entry.id;
  const mine = reply?.entryId === entry.id ? reply : undefined;
  const [form, fields] = useForm({
    id: `correct-${entry.id}`,
    lastResult: mine?.result,
    constraint: getZodConstraint(CorrectionSchema),
    defaultValue: returning
      ? {
          kind: searchParams.get("kind") ?? "amended",
          reason: searchParams.get("reason") ?? "",
          enterpriseName: searchParams.get("enterpriseName") ?? "",
          creditCode: searchParams.get("creditCode") ?? "",
          publishableFields: searchParams.getAll("publishableFields"),
        }
      : { kind: "amended", publishableFields: publishedFields(entry.values) },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CorrectionSchema }),
  });
  const name = entry.values.name ?? "";
  const submitting = navigation.state === "submitting" && navigation.formData?.get("entryId") === entry.id;
  return (
    <details className="bl-details" open={Boolean(mine) || returning}>
      <summary>{t("blacklist.correctionForm.open")}</summary>
      <Form method="post" action={`/blacklist/versions/${number}`} {...getFormProps(form)} className="bl-form">
        <h3>{t("blacklist.correctionForm.title", { position: entry.position, name })}</h3>
        <p className="muted">{t("blacklist.correctionForm.intro")}</p>
        <input type="hidden" name="intent" value="correct" />
        <input type="hidden" name="entryId" value={entry.id} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <fieldset className="bl-choices">
          <legend>{t("blacklist.correctionForm.kind")}</legend>
          {getCollectionProps(fields.kind, { type: "radio", options: [...BLACKLIST_CORRECTION_KINDS] }).map((props) => (
            <label key={props.key} className="bl-choice">
              <input {...props} key={props.key} />
              {t(`blacklist.correctionForm.kindOption.${props.value}`)}
            </label>
          ))}
          <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
        </fieldset>
        <Field label={t("blacklist.correctionForm.reason")} htmlFor={fields.reason.id} errorId={fields.reason.errorId} errors={fields.reason.errors}>
          <textarea {...getTextareaProps(fields.reason)} key={fields.reason.key} rows={3} />
        </Field>
        <Field
          label={t("blacklist.correctionForm.enterpriseName")}
          htmlFor={fields.enterpriseName.id}
          errorId={fields.enterpriseName.errorId}
          errors={fields.enterpriseName.errors}
        >
          <input {...getInputProps(fields.enterpriseName, { type: "text" })} key={fields.enterpriseName.key} />
        </Field>
        <Field label={t("blacklist.correctionForm.creditCode")} htmlFor={fields.creditCode.id} errorId={fields.creditCode.errorId} errors={fields.creditCode.errors}>
          <input {...getInputProps(fields.creditCode, { type: "text" })} key={fields.creditCode.key} spellCheck={false} autoComplete="off" />
        </Field>
        <fieldset className="bl-choices">
          <legend>{t("blacklist.correctionForm.publishableFields")}</legend>
          {getCollectionProps(fields.publishableFields, { type: "checkbox", options: [...PUBLISHABLE_FIELDS] }).map((props) => (
            <label key={props.key} className="bl-choice">
              <input {...props} key={props.key} />
              {t(`blacklist.field.${props.value}`)}
            </label>
          ))}
          <ErrorList id={fields.publishableFields.errorId} errors={fields.publishableFields.errors} />
        </fieldset>
        <button type="submit" className="bl-button bl-button-danger" disabled={submitting}>
          {t("blacklist.correctionForm.submit")}
        </button>
      </Form>
    </details>
  );
}
