import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/ui/form";
import { SecondFactorSchema } from "~/domain/account-security.schema";
import { signOut } from "~/domain/accounts.server";
import { requireSessionInStage } from "~/domain/policy.server";
import { completeSecondFactor } from "~/domain/two-factor.server";
import { blankSessionCookie } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { requestMeta, safeRedirectPath } from "~/lib/http.server";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "account.secondFactor.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

// Only for a session whose password step is done and whose second factor is not: signed-in visitors go
// home, signed-out ones to /login (requireSessionInStage).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSessionInStage(request, "second_factor");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireSessionInStage(request, "second_factor");
  const formData = await request.formData();
  const meta = requestMeta(request, context);
  const db = await getDb();
  if (formData.get("intent") === "cancel") {
    await signOut(db, current.viewer, current.session.token, meta);
    return redirect("/login?signedOut=1", { headers: { "Set-Cookie": blankSessionCookie() } });
  }
  const submission = parseWithZod(formData, { schema: SecondFactorSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["code"] }), { status: 400 });
  }
  const result = await completeSecondFactor(db, current.session, submission.value.code, meta);
  if (!result.ok) {
    if (result.reason === "locked") {
      // The lock ended the session: start again from the sign-in page, which gives the usual message.
      return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
    }
    return json(submission.reply({ formErrors: ["account.secondFactor.wrongCode"], hideFields: ["code"] }), { status: 401 });
  }
  const redirectTo = safeRedirectPath(submission.value.redirectTo);
  if (result.method === "recovery_code") {
    // The user should know a code was used up, and how many are left.
    return redirect(`/account?${new URLSearchParams({ notice: "recoveryCodeUsed", left: String(result.recoveryCodesLeft) })}`);
  }
  return redirect(redirectTo);
}

export default function SecondFactorPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "second-factor",
    lastResult,
    constraint: getZodConstraint(SecondFactorSchema),
    // One field and then buttons: checked on submit (a message appearing on blur would move the buttons
    // from under the pointer mid-click), and cleared as the user types.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SecondFactorSchema }),
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") !== "cancel";
  return (
    <div className="auth-layout auth-layout-single">
      <section className="card auth-card" aria-labelledby="second-factor-title">
        <h1 id="second-factor-title">{t("account.secondFactor.title")}</h1>
        <p className="muted">{t("account.secondFactor.intro")}</p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field label={t("account.secondFactor.code")} htmlFor={fields.code.id} errorId={fields.code.errorId} errors={fields.code.errors}>
            <input
              {...getInputProps(fields.code, { type: "text" })}
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              // eslint-disable-next-line jsx-a11y/no-autofocus -- the only field of a one-step form
              autoFocus
              aria-describedby={`${fields.code.id}-hint ${fields.code.errorId}`}
            />
            <p id={`${fields.code.id}-hint`} className="field-hint">
              {t("account.secondFactor.hint")}
            </p>
          </Field>
          <button type="submit" className="button button-primary" disabled={submitting}>
            {submitting ? t("account.secondFactor.submitting") : t("account.secondFactor.submit")}
          </button>
        </Form>
        <Form method="post" className="secondary-action">
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit" className="button button-light">
            {t("account.secondFactor.cancel")}
          </button>
        </Form>
      </section>
    </div>
  );
}
