import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/ui/form";
import { AcceptInvitationSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/domain/account-security.schema";
import { acceptInvitation, findInvitation, type InvitationState } from "~/domain/invitations.server";
import { getSessionInAnyStage, STAGE_PAGES } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { formatDateTime, DEFAULT_LOCALE } from "~/lib/i18n";
import { requestMeta } from "~/lib/http.server";
import { useRootData } from "~/root";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "account.invite.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** A link that is not (or no longer) usable: 404 for one never issued, 410 for one used, revoked or expired. */
function unusable(state: InvitationState | "unknown") {
  return json({ state, invitation: null, signedInAs: null }, { status: state === "unknown" ? 404 : 410 });
}

// Public: the person invited has no account yet. The token is the credential; the database holds its hash.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await findInvitation(await getDb(), params.token ?? "");
  if (!found) return unusable("unknown");
  if (found.state !== "valid") return unusable(found.state);
  const current = await getSessionInAnyStage(request);
  return json({
    state: found.state,
    invitation: {
      email: found.invitation.email,
      displayName: found.invitation.displayName,
      role: found.invitation.role,
      organisationNameZh: found.organisation.nameZh,
      organisationNameEn: found.organisation.nameEn,
      expiresAt: found.invitation.expiresAt,
    },
    // Someone already signed in on this browser must sign out first: the new account would replace theirs.
    signedInAs: current?.viewer.email ?? null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await getDb();
  const found = await findInvitation(db, params.token ?? "");
  if (!found) return unusable("unknown");
  if (found.state !== "valid") return unusable(found.state);
  if (await getSessionInAnyStage(request)) {
    return json({ state: "signed_in" as const, reply: null }, { status: 409 });
  }
  const submission = parseWithZod(await request.formData(), { schema: AcceptInvitationSchema });
  const hideFields = ["newPassword", "confirmPassword"];
  if (submission.status !== "success") {
    return json({ state: "invalid_form" as const, reply: submission.reply({ hideFields }) }, { status: 400 });
  }
  const result = await acceptInvitation(db, params.token ?? "", submission.value, requestMeta(request, context));
  if (!result.ok) {
    if (result.problem === "invalid") return unusable("used");
    const reply =
      "field" in result
        ? submission.reply({ fieldErrors: { [result.field]: [result.problem] }, hideFields })
        : submission.reply({ formErrors: [result.problem], hideFields });
    return json({ state: "invalid_form" as const, reply }, { status: 400 });
  }
  const next = result.next === "enrolment" ? STAGE_PAGES.enrolment : "/account?notice=welcome";
  return redirect(next, { headers: { "Set-Cookie": result.setCookie } });
}

function Unusable({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <div className="auth-layout auth-layout-single">
      <section className="card auth-card" aria-labelledby="invite-title">
        <h1 id="invite-title">{t("account.invite.unusableTitle")}</h1>
        <p>{t(`account.invite.unusable.${state === "unknown" ? "unknown" : state}`)}</p>
        <p className="muted">{t("account.invite.askAgain")}</p>
        <Link to="/login">{t("account.invite.toSignIn")}</Link>
      </section>
    </div>
  );
}

export default function InvitePage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const [form, fields] = useForm({
    id: "accept-invitation",
    lastResult: actionData && "reply" in actionData ? actionData.reply : undefined,
    defaultValue: { displayName: data.invitation?.displayName ?? "" },
    constraint: getZodConstraint(AcceptInvitationSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }),
  });

  const state = actionData?.state && actionData.state !== "invalid_form" && actionData.state !== "signed_in" ? actionData.state : data.state;
  if (!data.invitation || state !== "valid") return <Unusable state={state} />;
  const invitation = data.invitation;
  const signedInAs = actionData?.state === "signed_in" ? (data.signedInAs ?? "") : data.signedInAs;

  return (
    <div className="auth-layout auth-layout-single">
      <section className="card auth-card" aria-labelledby="invite-title">
        <h1 id="invite-title">{t("account.invite.title")}</h1>
        <p>
          {t("account.invite.intro", {
            organisation: locale === "zh-CN" ? invitation.organisationNameZh : invitation.organisationNameEn,
            role: t(`roles.${invitation.role}`),
          })}
        </p>
        <p className="muted">{t("account.invite.expires", { time: formatDateTime(invitation.expiresAt, locale, timeZone) })}</p>
        {signedInAs ? (
          <div className="notice notice-warning" role="alert">
            <p>{t("account.invite.signedIn", { email: signedInAs })}</p>
            <Form method="post" action="/logout">
              <button type="submit" className="button button-light">
                {t("account.invite.signOutFirst")}
              </button>
            </Form>
          </div>
        ) : (
          <Form method="post" {...getFormProps(form)}>
            <ErrorList id={form.errorId} errors={form.errors} />
            <div className="field">
              <label htmlFor="invite-email">{t("account.invite.email")}</label>
              <input id="invite-email" type="email" value={invitation.email} autoComplete="username" readOnly />
            </div>
            <Field label={t("account.invite.displayName")} htmlFor={fields.displayName.id} errorId={fields.displayName.errorId} errors={fields.displayName.errors}>
              <input {...getInputProps(fields.displayName, { type: "text" })} autoComplete="name" />
            </Field>
            <Field label={t("account.password.new")} htmlFor={fields.newPassword.id} errorId={fields.newPassword.errorId} errors={fields.newPassword.errors}>
              <input {...getInputProps(fields.newPassword, { type: "password" })} autoComplete="new-password" aria-describedby={`invite-password-rules ${fields.newPassword.errorId}`} />
              <p id="invite-password-rules" className="field-hint">
                {t("account.password.rules", { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
              </p>
            </Field>
            <Field label={t("account.password.confirm")} htmlFor={fields.confirmPassword.id} errorId={fields.confirmPassword.errorId} errors={fields.confirmPassword.errors}>
              <input {...getInputProps(fields.confirmPassword, { type: "password" })} autoComplete="new-password" />
            </Field>
            <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
              {t("account.invite.submit")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
