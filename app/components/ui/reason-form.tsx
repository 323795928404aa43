import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { ErrorList, Field } from "./form";

/**
 * A form whose one field is a required reason, posted with an intent (end an MOU, deactivate a user…).
 * Checked on submit, not on blur: a message appearing on blur would move the button from under the pointer
 * mid-click. Errors clear as the user types; the server's reply keeps what was typed.
 */
export function ReasonForm({
  id,
  intent,
  schema,
  lastResult,
  label,
  submitLabel,
  rows = 3,
  hidden = {},
}: {
  id: string;
  intent: string;
  schema: z.ZodTypeAny;
  lastResult: SubmissionResult<string[]> | undefined;
  label: string;
  submitLabel: string;
  rows?: number;
  /** Other values the action needs (e.g. the record's version). */
  hidden?: Record<string, string | number>;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm<{ reason: string }>({
    id,
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="form-narrow">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field label={label} htmlFor={fields.reason.id} errorId={fields.reason.errorId} errors={fields.reason.errors}>
        <textarea {...getTextareaProps(fields.reason)} rows={rows} />
      </Field>
      <button type="submit" className="button button-danger" disabled={navigation.state === "submitting"}>
        {submitLabel}
      </button>
    </Form>
  );
}
