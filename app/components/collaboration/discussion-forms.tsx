/**
 * The forms of requests for information and comments. They work without JavaScript (plain posts; the
 * server's reply keeps what was typed), and check on submit in the browser with the same schemas.
 */
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/ui/form";
import { CloseRequestSchema, CommentSchema, NewRequestSchema } from "~/domain/information-requests.schema";

type Reply = SubmissionResult<string[]> | undefined;

export function NewRequestForm({
  caseId,
  defaultDueDate,
  today,
  maxDays,
  lastResult,
}: {
  caseId: string;
  defaultDueDate: string;
  today: string;
  maxDays: number;
  lastResult: Reply;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-request-form",
    lastResult,
    defaultValue: { dueDate: defaultDueDate },
    constraint: getZodConstraint(NewRequestSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewRequestSchema }),
  });
  return (
    <Form method="post" action={`/cases/${caseId}/requests`} {...getFormProps(form)} className="collab-form">
      <input type="hidden" name="intent" value="create_request" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field label={t("collaboration.requests.form.subject")} htmlFor={fields.subject.id} errorId={fields.subject.errorId} errors={fields.subject.errors}>
        <input {...getInputProps(fields.subject, { type: "text" })} autoComplete="off" />
      </Field>
      <Field label={t("collaboration.requests.form.body")} htmlFor={fields.body.id} errorId={fields.body.errorId} errors={fields.body.errors}>
        <textarea {...getTextareaProps(fields.body)} rows={4} />
      </Field>
      <Field label={t("collaboration.requests.form.dueDate")} htmlFor={fields.dueDate.id} errorId={fields.dueDate.errorId} errors={fields.dueDate.errors}>
        <input
          {...getInputProps(fields.dueDate, { type: "date" })}
          min={today}
          className="collab-date"
          aria-describedby={`${fields.dueDate.id}-hint ${fields.dueDate.errorId}`}
        />
        <p id={`${fields.dueDate.id}-hint`} className="collab-hint">
          {t("collaboration.requests.form.dueHint", { days: maxDays })}
        </p>
      </Field>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {t("collaboration.requests.form.submit")}
      </button>
    </Form>
  );
}

export function CommentForm({
  id,
  action,
  label,
  submitLabel,
  lastResult,
}: {
  id: string;
  action: string;
  label: string;
  submitLabel: string;
  lastResult: Reply;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(CommentSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CommentSchema }),
  });
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="collab-form">
      <input type="hidden" name="intent" value="comment" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field label={label} htmlFor={fields.body.id} errorId={fields.body.errorId} errors={fields.body.errors}>
        <textarea {...getTextareaProps(fields.body)} rows={4} />
      </Field>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {submitLabel}
      </button>
    </Form>
  );
}

export function CloseRequestForm({ version, lastResult }: { version: number; lastResult: Reply }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form] = useForm({
    id: "close-request",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CloseRequestSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="collab-form">
      <input type="hidden" name="intent" value="close" />
      <input type="hidden" name="version" value={version} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <button type="submit" className="button collab-button-quiet" disabled={navigation.state === "submitting"}>
        {t("collaboration.requests.thread.closeSubmit")}
      </button>
    </Form>
  );
}
