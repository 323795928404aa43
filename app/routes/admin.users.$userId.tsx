import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SessionsTable } from "~/components/account/sessions-table";
import { AccountStatusFlag } from "~/components/admin/account-status";
import { ErrorList, Field } from "~/components/ui/form";
import { ReasonForm } from "~/components/ui/reason-form";
import { ChangeRoleSchema, DeactivateUserSchema, SimpleUserActionSchema } from "~/domain/admin-users.schema";
import {
  requirePermission,
  requireRecentReauthentication,
  SENSITIVE_ACTION_REAUTH_MINUTES,
} from "~/domain/policy.server";
import {
  changeUserRole,
  deactivateUser,
  getUserDetail,
  reactivateUser,
  resetUserTwoFactor,
  unlockUser,
} from "~/domain/users-admin.server";
import { getDb } from "~/lib/db.server";
import { notFound, requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "admin.users.detailTitle" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Changing a role or someone's two-factor setup needs a proof of identity this recent (step-up). */

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "users.manage");
  const user = await getUserDetail(await getDb(), viewer, params.userId ?? "");
  if (!user) throw notFound();
  return json({ user, self: user.id === viewer.userId });
}

type ActionData = { intent: "change-role" | "deactivate"; reply: SubmissionResult<string[]> } | { intent: "other"; problem: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "users.manage");
  const userId = params.userId ?? "";
  const db = await getDb();
  const meta = requestMeta(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/admin/users/${userId}`;

  if (intent === "change-role") {
    const submission = parseWithZod(formData, { schema: ChangeRoleSchema });
    if (submission.status !== "success") return json<ActionData>({ intent, reply: submission.reply() }, { status: 400 });
    // Step-up: the choice survives the detour through /reauthenticate.
    await requireRecentReauthentication(request, viewer, SENSITIVE_ACTION_REAUTH_MINUTES, {
      returnTo: `${back}?${new URLSearchParams({ role: submission.value.role })}#role`,
    });
    const result = await changeUserRole(db, viewer, userId, submission.value.role, meta);
    if (!result.ok) {
      if (result.problem === "admin.users.problem.notFound") throw notFound();
      return json<ActionData>({ intent, reply: submission.reply({ fieldErrors: { role: [result.problem] } }) }, { status: 400 });
    }
    return redirect(`${back}?notice=roleChanged`);
  }

  if (intent === "deactivate") {
    const submission = parseWithZod(formData, { schema: DeactivateUserSchema });
    if (submission.status !== "success") return json<ActionData>({ intent, reply: submission.reply() }, { status: 400 });
    const result = await deactivateUser(db, viewer, userId, submission.value.reason, meta);
    if (!result.ok) {
      if (result.problem === "admin.users.problem.notFound") throw notFound();
      return json<ActionData>({ intent, reply: submission.reply({ formErrors: [result.problem] }) }, { status: 400 });
    }
    return redirect(`${back}?notice=deactivated`);
  }

  const submission = parseWithZod(formData, { schema: SimpleUserActionSchema });
  if (submission.status !== "success") return json<ActionData>({ intent: "other", problem: "validation.invalidChoice" }, { status: 400 });
  const chosen = submission.value.intent;
  if (chosen === "reset-two-factor") await requireRecentReauthentication(request, viewer, SENSITIVE_ACTION_REAUTH_MINUTES, { returnTo: `${back}#account` });
  const run = { reactivate: reactivateUser, unlock: unlockUser, "reset-two-factor": resetUserTwoFactor }[chosen];
  const result = await run(db, viewer, userId, meta);
  if (!result.ok) {
    if (result.problem === "admin.users.problem.notFound") throw notFound();
    return json<ActionData>({ intent: "other", problem: result.problem }, { status: 400 });
  }
  return redirect(`${back}?notice=${{ reactivate: "reactivated", unlock: "unlocked", "reset-two-factor": "twoFactorReset" }[chosen]}`);
}

const NOTICES = ["roleChanged", "deactivated", "reactivated", "unlocked", "twoFactorReset"] as const;

function RoleForm({ current, allowed, lastResult }: { current: string; allowed: readonly string[]; lastResult: ActionData | undefined }) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const requested = searchParams.get("role");
  const [form, fields] = useForm({
    id: "change-role",
    lastResult: lastResult?.intent === "change-role" ? lastResult.reply : undefined,
    defaultValue: { role: requested && allowed.includes(requested) ? requested : current },
    constraint: getZodConstraint(ChangeRoleSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeRoleSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="inline-form">
      <input type="hidden" name="intent" value="change-role" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field label={t("admin.users.role")} htmlFor={fields.role.id} errorId={fields.role.errorId} errors={fields.role.errors}>
        <select {...getSelectProps(fields.role)}>
          {allowed.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {t("admin.users.changeRole")}
      </button>
    </Form>
  );
}

function IntentButton({ intent, label, danger = false }: { intent: string; label: string; danger?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={danger ? "button button-danger" : "button button-light"}>
        {label}
      </button>
    </Form>
  );
}

export default function UserDetailPage() {
  const { t } = useTranslation();
  const { user, self } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const when = (value: string | null) => (value ? formatDateTime(value, locale, timeZone) : t("admin.users.never"));
  const notice = searchParams.get("notice");
  const actionLabel = (action: string) => t(`audit.action.${action}`, { defaultValue: t("audit.unknownAction", { action }) });

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/admin/users">{t("admin.invite.backToUsers")}</Link>
      </p>
      <header className="page-header">
        <h1>
          {user.displayName} <AccountStatusFlag status={user.status} />
        </h1>
        <p className="muted">{user.email}</p>
      </header>
      {NOTICES.includes(notice as (typeof NOTICES)[number]) ? (
        <p className="notice" role="status">
          {t(`admin.users.notice.${notice}`)}
        </p>
      ) : null}
      {actionData?.intent === "other" ? (
        <p className="notice notice-danger" role="alert">
          {t(actionData.problem)}
        </p>
      ) : null}

      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title">{t("admin.users.facts")}</h2>
        <dl className="facts facts-wide">
          <div>
            <dt>{t("admin.users.columns.organisation")}</dt>
            <dd>{locale === "zh-CN" ? user.organisationNameZh : user.organisationNameEn}</dd>
          </div>
          <div>
            <dt>{t("admin.users.columns.role")}</dt>
            <dd>{t(`roles.${user.role}`)}</dd>
          </div>
          <div>
            <dt>{t("admin.users.created")}</dt>
            <dd>{when(user.createdAt)}</dd>
          </div>
          <div>
            <dt>{t("admin.users.lastSignIn")}</dt>
            <dd>
              {when(user.lastSignInAt)} {user.lastSignInIp ? <code>{user.lastSignInIp}</code> : null}
            </dd>
          </div>
          <div>
            <dt>{t("admin.users.columns.lastUsed")}</dt>
            <dd>{when(user.lastUsedAt)}</dd>
          </div>
          <div>
            <dt>{t("admin.users.passwordChanged")}</dt>
            <dd>{when(user.passwordChangedAt)}</dd>
          </div>
          <div>
            <dt>{t("admin.users.columns.twoFactor")}</dt>
            <dd>
              {user.twoFactorEnabledAt
                ? t("admin.users.twoFactorSince", { time: when(user.twoFactorEnabledAt), count: user.recoveryCodesLeft })
                : t("admin.users.twoFactorOff")}
            </dd>
          </div>
        </dl>
        {user.status === "deactivated" ? (
          <p className="notice notice-danger">
            {t("admin.users.deactivatedAt", {
              time: when(user.deactivatedAt),
              reason: user.deactivatedReason === "inactive" ? t("admin.users.inactiveReason") : (user.deactivatedReason ?? ""),
            })}
          </p>
        ) : null}
        {user.status === "locked" ? <p className="notice notice-warning">{t("admin.users.lockedUntil", { time: when(user.lockedUntil) })}</p> : null}
      </section>

      {self ? (
        <p className="notice notice-warning">{t("admin.users.selfNote")}</p>
      ) : (
        <>
          <section className="card" id="role" aria-labelledby="role-title">
            <h2 id="role-title">{t("admin.users.roleTitle")}</h2>
            <p className="muted">{t("admin.users.roleIntro")}</p>
            <RoleForm current={user.role} allowed={user.allowedRoles} lastResult={actionData} />
          </section>

          <section className="card" id="account" aria-labelledby="account-title">
            <h2 id="account-title">{t("admin.users.accountTitle")}</h2>
            {user.status === "locked" ? (
              <div className="action-block">
                <p>{t("admin.users.unlockIntro")}</p>
                <IntentButton intent="unlock" label={t("admin.users.unlock")} />
              </div>
            ) : null}
            {user.status === "deactivated" ? (
              <div className="action-block">
                <p>{t("admin.users.reactivateIntro")}</p>
                <IntentButton intent="reactivate" label={t("admin.users.reactivate")} />
              </div>
            ) : (
              <div className="action-block">
                <p>{t("admin.users.deactivateIntro", { count: user.sessions.length })}</p>
                <ReasonForm
                  id="deactivate"
                  intent="deactivate"
                  schema={DeactivateUserSchema}
                  lastResult={actionData?.intent === "deactivate" ? actionData.reply : undefined}
                  label={t("admin.users.deactivateReason")}
                  submitLabel={t("admin.users.deactivate")}
                  rows={2}
                />
              </div>
            )}
            {user.twoFactorEnabledAt ? (
              <div className="action-block">
                <p>{t("admin.users.resetTwoFactorIntro")}</p>
                <IntentButton intent="reset-two-factor" label={t("admin.users.resetTwoFactor")} danger />
              </div>
            ) : null}
          </section>
        </>
      )}

      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("admin.users.sessionsTitle", { count: user.sessions.length })}</h2>
        <SessionsTable sessions={user.sessions} />
      </section>

      <section className="card" aria-labelledby="events-title">
        <h2 id="events-title">{t("admin.users.eventsTitle")}</h2>
        <p className="muted">
          <Link to={`/admin/audit?${new URLSearchParams({ actor: user.email })}`}>{t("admin.users.allEvents")}</Link>
        </p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.audit.columns.time")}</th>
                <th scope="col">{t("admin.audit.columns.action")}</th>
                <th scope="col">{t("admin.audit.columns.outcome")}</th>
                <th scope="col">{t("admin.audit.columns.actor")}</th>
                <th scope="col">{t("admin.audit.columns.ip")}</th>
              </tr>
            </thead>
            <tbody>
              {user.recentEvents.map((event) => (
                <tr key={event.seq}>
                  <td className="nowrap">{formatDateTime(event.occurredAt, locale, timeZone)}</td>
                  <td>{actionLabel(event.action)}</td>
                  <td>
                    <span className={`status status-${event.outcome}`}>{t(`audit.outcome.${event.outcome}`)}</span>
                  </td>
                  <td>{event.actorLabel}</td>
                  <td>
                    <code>{event.ip ?? "—"}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
