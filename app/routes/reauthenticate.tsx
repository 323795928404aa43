import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/ui/form";
import { ReauthenticateSchema } from "~/domain/account-security.schema";
import { reauthenticate } from "~/domain/account-security.server";
import { requireViewerSession } from "~/domain/policy.server";
import { blankSessionCookie } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { requestMeta, safeRedirectPath } from "~/lib/http.server";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "account.reauth.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

// The step-up page that requireRecentReauthentication (policy.server.ts) sends users to before a sensitive
// action; back to where they were once they have proved who they are.
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireViewerSession(request, "portal.use");
  return json({ email: current.viewer.email, needsCode: Boolean(current.session.user.totpEnabledAt) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireViewerSession(request, "portal.use");
  const submission = parseWithZod(await request.formData(), { schema: ReauthenticateSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password", "code"] }), { status: 400 });
  }
  const result = await reauthenticate(await getDb(), current.viewer, current.session.token, submission.value, requestMeta(request, context));
  if (!result.ok) {
    if (result.problem === "account.reauth.locked") {
      return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
    }
    return json(submission.reply({ fieldErrors: { [result.field]: [result.problem] }, hideFields: ["password", "code"] }), { status: 401 });
  }
  return redirect(safeRedirectPath(submission.value.redirectTo));
}

export default function ReauthenticatePage() {
  const { t } = useTranslation();
  const { email, needsCode } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "reauthenticate",
    lastResult,
    constraint: getZodConstraint(ReauthenticateSchema),
    // One field and then buttons: checked on submit (a message appearing on blur would move the buttons
    // from under the pointer mid-click), and cleared as the user types.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReauthenticateSchema }),
  });
  return (
    <div className="auth-layout auth-layout-single">
      <section className="card auth-card" aria-labelledby="reauth-title">
        <h1 id="reauth-title">{t("account.reauth.title")}</h1>
        <p className="muted">{t("account.reauth.intro")}</p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field label={t("account.reauth.password")} htmlFor={fields.password.id} errorId={fields.password.errorId} errors={fields.password.errors}>
            <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
          </Field>
          {needsCode ? (
            <Field label={t("account.reauth.code")} htmlFor={fields.code.id} errorId={fields.code.errorId} errors={fields.code.errors}>
              <input {...getInputProps(fields.code, { type: "text" })} autoComplete="one-time-code" spellCheck={false} />
            </Field>
          ) : null}
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            {t("account.reauth.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
