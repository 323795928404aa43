import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/ui/form";
import { CreateOrganisationSchema } from "~/domain/admin-users.schema";
import { isKnownDivision } from "~/domain/divisions.server";
import { createOrganisation } from "~/domain/organisations-admin.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "admin.organisations.newTitle" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "users.manage");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "users.manage");
  const submission = parseWithZod(await request.formData(), { schema: CreateOrganisationSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  if (submission.value.divisionCode && !isKnownDivision(submission.value.divisionCode)) {
    return json(submission.reply({ fieldErrors: { divisionCode: ["admin.validation.unknownDivision"] } }), { status: 400 });
  }
  const result = await createOrganisation(await getDb(), viewer, submission.value, requestMeta(request, context));
  if (!result.ok) return json(submission.reply({ fieldErrors: { [result.field]: [result.problem] } }), { status: 400 });
  return redirect("/admin/users?notice=organisationCreated");
}

export default function NewOrganisationPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-organisation",
    lastResult,
    constraint: getZodConstraint(CreateOrganisationSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateOrganisationSchema }),
  });
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/admin/users">{t("admin.invite.backToUsers")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("admin.organisations.newTitle")}</h1>
        <p className="muted">{t("admin.organisations.newIntro")}</p>
      </header>
      <Form method="post" {...getFormProps(form)} className="card form-narrow-card">
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field label={t("admin.organisations.kind")} htmlFor={fields.kind.id} errorId={fields.kind.errorId} errors={fields.kind.errors}>
          <select {...getSelectProps(fields.kind)}>
            <option value="">{t("admin.choose")}</option>
            <option value="police">{t("organisationKind.police")}</option>
            <option value="platform">{t("organisationKind.platform")}</option>
          </select>
        </Field>
        <Field label={t("admin.organisations.nameZh")} htmlFor={fields.nameZh.id} errorId={fields.nameZh.errorId} errors={fields.nameZh.errors}>
          <input {...getInputProps(fields.nameZh, { type: "text" })} lang="zh-CN" />
        </Field>
        <Field label={t("admin.organisations.nameEn")} htmlFor={fields.nameEn.id} errorId={fields.nameEn.errorId} errors={fields.nameEn.errors}>
          <input {...getInputProps(fields.nameEn, { type: "text" })} lang="en" />
        </Field>
        <Field label={t("admin.organisations.code")} htmlFor={fields.code.id} errorId={fields.code.errorId} errors={fields.code.errors}>
          <input {...getInputProps(fields.code, { type: "text" })} spellCheck={false} aria-describedby={`${fields.code.id}-hint ${fields.code.errorId}`} />
          <p id={`${fields.code.id}-hint`} className="field-hint">
            {t("admin.organisations.codeHint")}
          </p>
        </Field>
        <Field label={t("admin.organisations.division")} htmlFor={fields.divisionCode.id} errorId={fields.divisionCode.errorId} errors={fields.divisionCode.errors}>
          <input {...getInputProps(fields.divisionCode, { type: "text" })} inputMode="numeric" className="input-short" aria-describedby={`${fields.divisionCode.id}-hint ${fields.divisionCode.errorId}`} />
          <p id={`${fields.divisionCode.id}-hint`} className="field-hint">
            {t("admin.organisations.divisionHint")}
          </p>
        </Field>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("admin.organisations.create")}
        </button>
      </Form>
    </div>
  );
}
