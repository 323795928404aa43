/**
 * The pieces of the workflow panel's forms: one form per step, posting to /cases/:id/workflow through a
 * fetcher (a refusal comes back next to the form with what was typed still in it; a success reloads the
 * case with a notice), and its fields. Without JavaScript the same forms post and redirect.
 */
import { getFormProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useFetcher } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/form";
import type { Transition } from "~/domain/case-workflow";
import { WorkflowFormSchema } from "~/domain/case-workflow.schema";
import { reasonCodesFor, type ReasonCodeKind } from "~/domain/referrals";
import { DEFAULT_LOCALE } from "~/lib/i18n";
import { useRootData } from "~/root";
import type { action as workflowAction } from "~/routes/cases.$id.workflow";
import { refusalText, type TextContext } from "./workflow-text";

export function useTextContext(): TextContext {
  const { t } = useTranslation();
  const root = useRootData();
  return { t, locale: root?.locale ?? DEFAULT_LOCALE, timeZone: root?.timeZone ?? "Asia/Shanghai" };
}

type OptionalField = FieldMetadata<string | undefined>;

export interface FormParts {
  fields: { note: OptionalField; agencyId: OptionalField; reasonCode: OptionalField };
  busy: boolean;
}

export function TransitionForm({
  caseId,
  version,
  formKey,
  title,
  children,
}: {
  caseId: string;
  version: number;
  formKey: string;
  title?: string;
  children: (parts: FormParts) => ReactNode;
}) {
  const context = useTextContext();
  const fetcher = useFetcher<typeof workflowAction>({ key: `workflow-${formKey}-${caseId}` });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const reply = fetcher.data;
  const [form, fields] = useForm({
    id: `workflow-${formKey}`,
    lastResult: fetcher.state === "idle" ? reply?.result : undefined,
    constraint: getZodConstraint(WorkflowFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WorkflowFormSchema }),
  });
  const refusal = fetcher.state === "idle" ? reply?.refusal : null;
  const explained = refusal ? refusalText(context, refusal) : null;
  const titleId = `workflow-${formKey}-title`;
  return (
    <div className="workflow-action" aria-labelledby={title ? titleId : undefined} role={title ? "group" : undefined}>
      {title ? <h3 id={titleId}>{title}</h3> : null}
      <fetcher.Form method="post" action={`/cases/${caseId}/workflow`} {...getFormProps(form)}>
        <input type="hidden" name="version" value={version} />
        {hydrated ? <input type="hidden" name="js" value="1" /> : null}
        {explained ? (
          <div className="workflow-error" role="alert">
            <p>{explained.message}</p>
            {explained.details.length ? (
              <ul>
                {explained.details.map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            ) : null}
            {refusal?.code === "stale" ? (
              <p>
                <a href={`/cases/${caseId}#workflow`}>{context.t("workflow.panel.reloadPage")}</a>
              </p>
            ) : null}
          </div>
        ) : null}
        <ErrorList id={form.errorId} errors={form.errors} />
        {children({
          fields: { note: fields.note, agencyId: fields.agencyId, reasonCode: fields.reasonCode },
          busy: fetcher.state !== "idle",
        })}
      </fetcher.Form>
    </div>
  );
}

export function NoteField({
  field,
  label,
  hint,
  required = false,
  rows = 3,
}: {
  field: OptionalField;
  label: string;
  hint?: string;
  required?: boolean;
  rows?: number;
}) {
  const hintId = `${field.id}-hint`;
  const describedBy = [hint ? hintId : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ");
  return (
    <div className="field" data-invalid={field.errors?.length ? true : undefined}>
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea {...getTextareaProps(field)} rows={rows} required={required} aria-describedby={describedBy || undefined} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A decline's or a closure's reason code, labelled from caseVocabulary. */
export function ReasonSelect({ field, kind, label }: { field: OptionalField; kind: ReasonCodeKind; label: string }) {
  const { t } = useTranslation();
  const vocabulary = kind === "decline" ? "declineReason" : "closureReason";
  return (
    <div className="field" data-invalid={field.errors?.length ? true : undefined}>
      <label htmlFor={field.id}>{label}</label>
      <select {...getSelectProps(field)} required aria-describedby={field.errors?.length ? field.errorId : undefined}>
        <option value="">{t("workflow.reasonPlaceholder")}</option>
        {reasonCodesFor(kind).map((code) => (
          <option key={code} value={code}>
            {t(`caseVocabulary.${vocabulary}.${code}`)}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SubmitButton({ intent, busy, secondary, danger }: { intent: Transition; busy: boolean; secondary?: boolean; danger?: boolean }) {
  const { t } = useTranslation();
  const variant = danger ? " workflow-button-danger" : secondary ? " workflow-button-secondary" : "";
  return (
    <button type="submit" name="intent" value={intent} className={`button workflow-button${variant}`} disabled={busy}>
      {t(`workflow.transition.${intent}`)}
    </button>
  );
}
