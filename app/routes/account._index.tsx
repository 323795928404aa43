import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RecoveryCodes } from "~/components/account/recovery-codes";
import { SessionsTable } from "~/components/account/sessions-table";
import { ErrorList, Field } from "~/components/ui/form";
import { ChangePasswordSchema, EndSessionSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/domain/account-security.schema";
import { changePassword, endOwnSession, listOwnSessions } from "~/domain/account-security.server";
import { getPreferredLocale } from "~/domain/accounts.server";
import { requireRecentReauthentication, requireViewerSession } from "~/domain/policy.server";
import { countUnusedRecoveryCodes, disableOwnTwoFactor, regenerateRecoveryCodes } from "~/domain/two-factor.server";
import { blankSessionCookie } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE, formatDateTime, SUPPORTED_LOCALES } from "~/lib/i18n";
import { useRootData } from "~/root";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "account.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Minutes within which the user must have proved who they are before changing their two-factor setup. */
const TWO_FACTOR_REAUTH_MINUTES = 10;
const NOTICES = ["welcome", "passwordChanged", "sessionEnded", "otherSessionsEnded", "twoFactorEnrolled", "twoFactorDisabled", "recoveryCodeUsed"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, session } = await requireViewerSession(request, "portal.use");
  const db = await getDb();
  const [sessions, recoveryCodesLeft, preferredLocale] = await Promise.all([
    listOwnSessions(db, viewer, session.token),
    countUnusedRecoveryCodes(db, viewer.userId),
    getPreferredLocale(db, viewer.userId),
  ]);
  return json({
    viewer,
    preferredLocale,
    twoFactor: {
      enabledAt: session.user.totpEnabledAt,
      required: env().requireTwoFactor,
      recoveryCodesLeft,
    },
    passwordChangedAt: session.user.passwordChangedAt,
    sessions,
  });
}

type ActionData =
  | { intent: "change-password"; reply: SubmissionResult<string[]> }
  | { intent: "regenerate-codes"; recoveryCodes: string[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, session } = await requireViewerSession(request, "portal.use");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const db = await getDb();
  const meta = requestMeta(request, context);

  if (intent === "change-password") {
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
    const hideFields = ["currentPassword", "newPassword", "confirmPassword"];
    if (submission.status !== "success") {
      return json<ActionData>({ intent, reply: submission.reply({ hideFields }) }, { status: 400 });
    }
    const result = await changePassword(db, viewer, session.token, submission.value, meta);
    if (!result.ok) {
      if (result.problem === "account.password.locked") {
        return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
      }
      return json<ActionData>(
        { intent, reply: submission.reply({ fieldErrors: { [result.field]: [result.problem] }, hideFields }) },
        { status: 400 },
      );
    }
    return redirect(`/account?notice=passwordChanged&ended=${result.otherSessionsEnded}`);
  }

  if (intent === "end-session") {
    const submission = parseWithZod(formData, { schema: EndSessionSchema });
    if (submission.status !== "success") return redirect("/account");
    const ended = await endOwnSession(db, viewer, submission.value.sessionId, meta);
    return redirect(ended ? "/account?notice=sessionEnded" : "/account");
  }

  if (intent === "end-other-sessions") {
    const others = (await listOwnSessions(db, viewer, session.token)).filter((row) => !row.current);
    let ended = 0;
    for (const other of others) if (await endOwnSession(db, viewer, other.id, meta)) ended += 1;
    return redirect(`/account?notice=otherSessionsEnded&ended=${ended}`);
  }

  if (intent === "regenerate-codes") {
    await requireRecentReauthentication(request, viewer, TWO_FACTOR_REAUTH_MINUTES, { returnTo: "/account#two-factor" });
    const codes = await regenerateRecoveryCodes(db, viewer, meta);
    if (!codes) return redirect("/account");
    return json<ActionData>({ intent, recoveryCodes: codes });
  }

  if (intent === "disable-two-factor") {
    await requireRecentReauthentication(request, viewer, TWO_FACTOR_REAUTH_MINUTES, { returnTo: "/account#two-factor" });
    const disabled = await disableOwnTwoFactor(db, viewer, meta);
    return redirect(disabled ? "/account?notice=twoFactorDisabled" : "/account");
  }

  return json({ intent: "unknown" }, { status: 400 });
}

function Notice() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const notice = searchParams.get("notice");
  if (!NOTICES.includes(notice as (typeof NOTICES)[number])) return null;
  const count = Number(searchParams.get("ended") ?? searchParams.get("left") ?? 0) || 0;
  return (
    <p className={notice === "recoveryCodeUsed" ? "notice notice-warning" : "notice"} role="status">
      {t(`account.notice.${notice}`, { count })}
    </p>
  );
}

function ChangePasswordForm({ lastResult, email }: { lastResult: ActionData | undefined; email: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: lastResult?.intent === "change-password" ? lastResult.reply : undefined,
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "change-password";
  return (
    <Form method="post" {...getFormProps(form)} className="form-narrow">
      <input type="hidden" name="intent" value="change-password" />
      {/* For password managers: which account this password belongs to. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field label={t("account.password.current")} htmlFor={fields.currentPassword.id} errorId={fields.currentPassword.errorId} errors={fields.currentPassword.errors}>
        <input {...getInputProps(fields.currentPassword, { type: "password" })} autoComplete="current-password" />
      </Field>
      <Field label={t("account.password.new")} htmlFor={fields.newPassword.id} errorId={fields.newPassword.errorId} errors={fields.newPassword.errors}>
        <input {...getInputProps(fields.newPassword, { type: "password" })} autoComplete="new-password" aria-describedby={`password-rules ${fields.newPassword.errorId}`} />
        <p id="password-rules" className="field-hint">
          {t("account.password.rules", { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
        </p>
      </Field>
      <Field label={t("account.password.confirm")} htmlFor={fields.confirmPassword.id} errorId={fields.confirmPassword.errorId} errors={fields.confirmPassword.errors}>
        <input {...getInputProps(fields.confirmPassword, { type: "password" })} autoComplete="new-password" />
      </Field>
      <button type="submit" className="button" disabled={submitting}>
        {submitting ? t("account.password.submitting") : t("account.password.submit")}
      </button>
    </Form>
  );
}

export default function AccountPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const location = useLocation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const { viewer, twoFactor } = data;
  const organisationName = locale === "zh-CN" ? viewer.organisationNameZh : viewer.organisationNameEn;
  const others = data.sessions.filter((session) => !session.current).length;

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t("account.title")}</h1>
        <p className="muted">{t("account.intro")}</p>
        <Notice />
      </header>

      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("account.profile.title")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("account.profile.name")}</dt>
            <dd>{viewer.displayName}</dd>
          </div>
          <div>
            <dt>{t("account.profile.email")}</dt>
            <dd>{viewer.email}</dd>
          </div>
          <div>
            <dt>{t("account.profile.organisation")}</dt>
            <dd>{organisationName}</dd>
          </div>
          <div>
            <dt>{t("account.profile.role")}</dt>
            <dd>{t(`roles.${viewer.role}`)}</dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="language-title">
        <h2 id="language-title">{t("account.language.title")}</h2>
        <p className="muted">{t("account.language.intro")}</p>
        <Form method="post" action="/set-language" reloadDocument className="inline-form">
          <input type="hidden" name="redirectTo" value={location.pathname} />
          <div className="field">
            <label htmlFor="account-locale">{t("account.language.label")}</label>
            <select id="account-locale" name="locale" defaultValue={data.preferredLocale ?? locale}>
              {SUPPORTED_LOCALES.map((option) => (
                <option key={option} value={option} lang={option}>
                  {t(`language.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("account.language.submit")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{t("account.password.title")}</h2>
        <p className="muted">
          {t("account.password.intro")}{" "}
          {data.passwordChangedAt ? t("account.password.lastChanged", { time: formatDateTime(data.passwordChangedAt, locale, timeZone) }) : null}
        </p>
        <ChangePasswordForm lastResult={actionData} email={viewer.email} />
      </section>

      <section className="card" id="two-factor" aria-labelledby="two-factor-title">
        <h2 id="two-factor-title">{t("account.twoFactor.title")}</h2>
        {twoFactor.enabledAt ? (
          <>
            <p>
              <span className="flag flag-ok">{t("account.twoFactor.on")}</span>{" "}
              {t("account.twoFactor.enabledSince", { time: formatDateTime(twoFactor.enabledAt, locale, timeZone) })}
            </p>
            <p className={twoFactor.recoveryCodesLeft <= 3 ? "notice notice-warning" : "muted"}>
              {t("account.twoFactor.codesLeft", { count: twoFactor.recoveryCodesLeft })}
            </p>
            {actionData?.intent === "regenerate-codes" ? <RecoveryCodes codes={actionData.recoveryCodes} /> : null}
            <div className="actions-row">
              <Link to="/account/two-factor" className="button button-light">
                {t("account.twoFactor.replace")}
              </Link>
              <Form method="post">
                <input type="hidden" name="intent" value="regenerate-codes" />
                <button type="submit" className="button button-light">
                  {t("account.twoFactor.regenerate")}
                </button>
              </Form>
              {twoFactor.required ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="disable-two-factor" />
                  <button type="submit" className="button button-danger">
                    {t("account.twoFactor.disable")}
                  </button>
                </Form>
              )}
            </div>
            <p className="muted">{t("account.twoFactor.stepUpNote")}</p>
          </>
        ) : (
          <>
            <p>
              <span className="flag flag-warning">{t("account.twoFactor.off")}</span> {t("account.twoFactor.offIntro")}
            </p>
            <Link to="/account/two-factor" className="button">
              {t("account.twoFactor.setUp")}
            </Link>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("account.sessions.title")}</h2>
        <p className="muted">{t("account.sessions.intro")}</p>
        <SessionsTable sessions={data.sessions} endable />
        {others > 0 ? (
          <Form method="post" className="actions-row">
            <input type="hidden" name="intent" value="end-other-sessions" />
            <button type="submit" className="button button-light">
              {t("account.sessions.endOthers", { count: others })}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
