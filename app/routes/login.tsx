import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/ui/form";
import { signIn } from "~/domain/accounts.server";
import { SignInSchema } from "~/domain/accounts.schema";
import { getSessionInAnyStage, STAGE_PAGES } from "~/domain/policy.server";
import { DEMO_ACCOUNTS, getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { requestMeta, safeRedirectPath } from "~/lib/http.server";

export const handle = { titleKey: "login.title" };

/** Where a session half-way through signing in goes next, keeping where the user was heading. */
function continueSigningIn(stage: keyof typeof STAGE_PAGES, redirectTo: string): string {
  return redirectTo === "/" ? STAGE_PAGES[stage] : `${STAGE_PAGES[stage]}?${new URLSearchParams({ redirectTo })}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  // Signing in is for the signed-out; a signed-in visitor goes where they were heading, and one half-way
  // through (second factor or enrolment still to do) goes on to that step.
  const current = await getSessionInAnyStage(request);
  if (current) {
    const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"));
    throw redirect(current.session.stage === "complete" ? redirectTo : continueSigningIn(current.session.stage, redirectTo));
  }
  return json({
    demoAccounts: env().seedDemo ? DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })) : [],
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SignInSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await signIn(await getDb(), submission.value, requestMeta(request, context));
  if (!result.ok) {
    const message = result.reason === "too_many_attempts" ? "login.tooManyAttempts" : "login.invalidCredentials";
    return json(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.reason === "too_many_attempts" ? 429 : 401,
    });
  }
  const redirectTo = safeRedirectPath(submission.value.redirectTo);
  const next = result.next === "home" ? redirectTo : continueSigningIn(result.next, redirectTo);
  return redirect(next, { headers: { "Set-Cookie": result.setCookie } });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { demoAccounts } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult,
    constraint: getZodConstraint(SignInSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });
  const submitting = navigation.state === "submitting" && navigation.formAction === "/login";

  return (
    <div className="auth-layout">
      <section className="card auth-card" aria-labelledby="login-title">
        <h1 id="login-title">{t("login.title")}</h1>
        <p className="muted">{t("login.intro")}</p>
        {searchParams.get("signedOut") ? (
          <p className="notice" role="status">
            {t("login.signedOut")}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field label={t("login.email")} htmlFor={fields.email.id} errorId={fields.email.errorId} errors={fields.email.errors}>
            <input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" />
          </Field>
          <Field
            label={t("login.password")}
            htmlFor={fields.password.id}
            errorId={fields.password.errorId}
            errors={fields.password.errors}
          >
            <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
          </Field>
          <button type="submit" className="button button-primary" disabled={submitting}>
            {submitting ? t("login.submitting") : t("login.submit")}
          </button>
        </Form>
      </section>
      {demoAccounts.length > 0 ? (
        <aside className="card demo-card" aria-labelledby="demo-title">
          <h2 id="demo-title">{t("login.demoTitle")}</h2>
          <p className="muted">{t("login.demoHint")}</p>
          <ul className="demo-accounts">
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <code>{account.email}</code>
                <span>{t(`roles.${account.role}`)}</span>
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
    </div>
  );
}
