import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RecoveryCodes } from "~/components/account/recovery-codes";
import { ErrorList, Field } from "~/components/ui/form";
import { EnrolTotpSchema } from "~/domain/account-security.schema";
import { signOut } from "~/domain/accounts.server";
import {
  getSessionInAnyStage,
  requireRecentReauthentication,
  requireViewerSession,
  type ViewerSession,
} from "~/domain/policy.server";
import { completeTotpEnrolment, resumeTotpEnrolment, startTotpEnrolment } from "~/domain/two-factor.server";
import { blankSessionCookie } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { requestMeta, safeRedirectPath } from "~/lib/http.server";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "account.twoFactor.setupTitle" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Minutes within which a signed-in user replacing their authenticator must have proved who they are. */
const REPLACE_REAUTH_MINUTES = 10;

/**
 * Two ways in: a signed-in user setting up (or replacing) their authenticator, and a user who has just
 * entered their password but must enrol before anything else (REQUIRE_TWO_FACTOR). Anyone else is sent to
 * sign in, or to finish signing in.
 */
async function requireEnrolmentAccess(request: Request): Promise<ViewerSession & { forced: boolean }> {
  const current = await getSessionInAnyStage(request);
  if (current?.session.stage === "enrolment") return { ...current, forced: true };
  const signedIn = await requireViewerSession(request, "portal.use");
  // Replacing a working authenticator is a sensitive change: ask for the credentials again first.
  if (signedIn.session.user.totpEnabledAt) await requireRecentReauthentication(request, signedIn.viewer, REPLACE_REAUTH_MINUTES);
  return { ...signedIn, forced: false };
}

async function enrolmentView(user: { id: string; email: string }, sealed?: string) {
  // After a mistyped code, the same secret again: the user has already scanned it.
  const enrolment = (sealed ? await resumeTotpEnrolment(user, sealed) : null) ?? (await startTotpEnrolment(user));
  return { secret: enrolment.secret, qrDataUrl: enrolment.qrDataUrl, enrolment: enrolment.enrolment };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireEnrolmentAccess(request);
  const { user } = current.session;
  return json({
    forced: current.forced,
    replacing: Boolean(user.totpEnabledAt),
    required: env().requireTwoFactor,
    email: user.email,
    enrolment: await enrolmentView(user),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireEnrolmentAccess(request);
  const formData = await request.formData();
  if (current.forced && formData.get("intent") === "cancel") {
    // Half-signed-in users have no header menu: this is their way out.
    await signOut(await getDb(), current.viewer, current.session.token, requestMeta(request, context));
    return redirect("/login?signedOut=1", { headers: { "Set-Cookie": blankSessionCookie() } });
  }
  const submission = parseWithZod(formData, { schema: EnrolTotpSchema });
  const { user } = current.session;
  const sealed = typeof formData.get("enrolment") === "string" ? String(formData.get("enrolment")) : undefined;
  if (submission.status !== "success") {
    return json({ done: false as const, reply: submission.reply({ hideFields: ["code"] }), enrolment: await enrolmentView(user, sealed) }, { status: 400 });
  }
  const result = await completeTotpEnrolment(await getDb(), current.session, submission.value, requestMeta(request, context));
  if (!result.ok) {
    const message = result.reason === "expired" ? "account.twoFactor.enrolmentExpired" : "account.twoFactor.wrongCode";
    return json(
      {
        done: false as const,
        reply: submission.reply({ fieldErrors: { code: [message] }, hideFields: ["code"] }),
        // An expired enrolment starts over with a new secret; a wrong code keeps the one already scanned.
        enrolment: await enrolmentView(user, result.reason === "expired" ? undefined : sealed),
      },
      { status: 400 },
    );
  }
  const back = safeRedirectPath(submission.value.redirectTo, current.forced ? "/" : "/account?notice=twoFactorEnrolled");
  return json({ done: true as const, recoveryCodes: result.recoveryCodes, continueTo: back });
}

// A new secret on every load would replace the one the user is scanning; after a submission, keep the page.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod === "POST" ? false : defaultShouldRevalidate;

export default function TwoFactorSetupPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const enrolment = actionData && !actionData.done ? actionData.enrolment : data.enrolment;
  const [form, fields] = useForm({
    id: "totp-enrolment",
    lastResult: actionData && !actionData.done ? actionData.reply : undefined,
    constraint: getZodConstraint(EnrolTotpSchema),
    // One field and then buttons: checked on submit (a message appearing on blur would move the buttons
    // from under the pointer mid-click), and cleared as the user types.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EnrolTotpSchema }),
  });

  if (actionData?.done) {
    return (
      <div className="page page-narrow">
        <header className="page-header">
          <h1>{t("account.twoFactor.doneTitle")}</h1>
          <p className="notice" role="status">
            {t("account.twoFactor.doneBody")}
          </p>
        </header>
        <div className="card">
          <RecoveryCodes codes={actionData.recoveryCodes} />
          <p>
            <Link to={actionData.continueTo} className="button">
              {t("account.twoFactor.continue")}
            </Link>
          </p>
        </div>
      </div>
    );
  }

  const groupedSecret = enrolment.secret.replace(/(.{4})/g, "$1 ").trim();
  return (
    <div className="page page-narrow">
      <header className="page-header">
        <h1>{t(data.replacing ? "account.twoFactor.replaceTitle" : "account.twoFactor.setupTitle")}</h1>
        <p className="muted">{t(data.forced ? "account.twoFactor.requiredIntro" : data.replacing ? "account.twoFactor.replaceIntro" : "account.twoFactor.setupIntro")}</p>
      </header>
      <section className="card" aria-labelledby="step-scan">
        <h2 id="step-scan">{t("account.twoFactor.stepScan")}</h2>
        <p>{t("account.twoFactor.scanHelp")}</p>
        <div className="totp-setup">
          <img src={enrolment.qrDataUrl} alt={t("account.twoFactor.qrAlt", { email: data.email })} width={208} height={208} className="qr" />
          <div>
            <p>{t("account.twoFactor.manualHelp")}</p>
            <p>
              <code className="totp-secret" data-testid="totp-secret">
                {groupedSecret}
              </code>
            </p>
            <p className="muted">{t("account.twoFactor.manualDetails")}</p>
          </div>
        </div>
      </section>
      <section className="card" aria-labelledby="step-confirm">
        <h2 id="step-confirm">{t("account.twoFactor.stepConfirm")}</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="enrolment" value={enrolment.enrolment} />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field label={t("account.twoFactor.code")} htmlFor={fields.code.id} errorId={fields.code.errorId} errors={fields.code.errors}>
            <input {...getInputProps(fields.code, { type: "text" })} inputMode="numeric" autoComplete="one-time-code" className="input-short" />
          </Field>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("account.twoFactor.confirm")}
          </button>
        </Form>
      </section>
      {data.forced ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit" className="button button-light">
            {t("account.secondFactor.cancel")}
          </button>
        </Form>
      ) : (
        <p>
          <Link to="/account">{t("account.twoFactor.backToAccount")}</Link>
        </p>
      )}
    </div>
  );
}
