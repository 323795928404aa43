import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountStatusFlag } from "~/components/admin/account-status";
import { RevokeInvitationSchema, USER_STATUSES, UserFiltersSchema } from "~/domain/admin-users.schema";
import { disableInactiveAccounts, INACTIVITY_LIMIT_DAYS } from "~/domain/accounts.server";
import { INVITATION_TTL_HOURS, listPendingInvitations, revokeInvitation } from "~/domain/invitations.server";
import { listAllOrganisations } from "~/domain/organisations-admin.server";
import { ROLES } from "~/domain/policy";
import { requirePermission } from "~/domain/policy.server";
import { listUsers, USER_LIST_LIMIT } from "~/domain/users-admin.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE, formatDateTime, formatNumber } from "~/lib/i18n";
import { useRootData } from "~/root";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "admin.users.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "users.manage");
  const db = await getDb();
  // The 90-day rule is applied at sign-in; sweeping here too keeps this list truthful (see accounts.server).
  await disableInactiveAccounts(db);
  const filters = UserFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [users, invitations, organisations] = await Promise.all([
    listUsers(db, viewer, filters),
    listPendingInvitations(db, viewer),
    listAllOrganisations(db, viewer),
  ]);
  // Constants of .server modules reach the component through the loader (the browser bundle has none).
  return json({
    users,
    invitations,
    organisations,
    viewerId: viewer.userId,
    limits: { inactivityDays: INACTIVITY_LIMIT_DAYS, listLimit: USER_LIST_LIMIT, invitationHours: INVITATION_TTL_HOURS },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "users.manage");
  const submission = parseWithZod(await request.formData(), { schema: RevokeInvitationSchema });
  if (submission.status !== "success") return json({ ok: false }, { status: 400 });
  const revoked = await revokeInvitation(await getDb(), viewer, submission.value.invitationId, requestMeta(request, context));
  return redirect(`/admin/users?notice=${revoked ? "invitationRevoked" : "invitationGone"}#invitations`);
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { users, invitations, organisations, viewerId, limits } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const name = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);
  const filtered = ["q", "organisation", "role", "status"].some((key) => searchParams.get(key));
  const notice = searchParams.get("notice");

  return (
    <div className="page page-wide">
      <header className="page-header page-header-actions">
        <div>
          <h1>{t("admin.users.title")}</h1>
          <p className="muted">{t("admin.users.intro", { days: limits.inactivityDays })}</p>
        </div>
        <Link to="/admin/users/invite" className="button">
          {t("admin.users.invite")}
        </Link>
      </header>
      {notice === "invitationRevoked" || notice === "invitationGone" || notice === "organisationCreated" ? (
        <p className="notice" role="status">
          {t(`admin.users.notice.${notice}`)}
        </p>
      ) : null}

      <Form method="get" className="filters card" aria-label={t("admin.filters")}>
        <div className="field">
          <label htmlFor="user-q">{t("admin.users.filterText")}</label>
          <input id="user-q" type="search" name="q" defaultValue={searchParams.get("q") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="user-organisation">{t("admin.users.filterOrganisation")}</label>
          <select id="user-organisation" name="organisation" defaultValue={searchParams.get("organisation") ?? ""}>
            <option value="">{t("admin.all")}</option>
            {organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {name(organisation)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-role">{t("admin.users.filterRole")}</label>
          <select id="user-role" name="role" defaultValue={searchParams.get("role") ?? ""}>
            <option value="">{t("admin.all")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-status">{t("admin.users.filterStatus")}</label>
          <select id="user-status" name="status" defaultValue={searchParams.get("status") ?? ""}>
            <option value="">{t("admin.all")}</option>
            {USER_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`admin.users.statusFilter.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-buttons">
          <button type="submit" className="button">
            {t("admin.applyFilters")}
          </button>
          {filtered ? (
            <Link to="/admin/users" className="button button-light">
              {t("admin.clearFilters")}
            </Link>
          ) : null}
        </div>
      </Form>

      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">{t("admin.users.listTitle", { count: users.length })}</h2>
        {users.length >= limits.listLimit ? <p className="notice notice-warning">{t("admin.users.limited", { limit: limits.listLimit })}</p> : null}
        {users.length === 0 ? (
          <p className="muted">{t("admin.users.none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.users.columns.user")}</th>
                  <th scope="col">{t("admin.users.columns.organisation")}</th>
                  <th scope="col">{t("admin.users.columns.role")}</th>
                  <th scope="col">{t("admin.users.columns.status")}</th>
                  <th scope="col">{t("admin.users.columns.twoFactor")}</th>
                  <th scope="col">{t("admin.users.columns.lastUsed")}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((user) => (
                  <tr key={user.id}>
                    <td>
                      <Link to={`/admin/users/${user.id}`}>{user.displayName}</Link>
                      {user.id === viewerId ? <span className="tag">{t("admin.users.you")}</span> : null}
                      <div className="muted small">{user.email}</div>
                    </td>
                    <td>{name({ nameZh: user.organisationNameZh, nameEn: user.organisationNameEn })}</td>
                    <td>{t(`roles.${user.role}`)}</td>
                    <td>
                      <AccountStatusFlag status={user.status} reason={user.deactivatedReason} />
                    </td>
                    <td>{user.twoFactorEnabled ? t("admin.users.twoFactorOn") : <span className="muted">{t("admin.users.twoFactorOff")}</span>}</td>
                    <td className="nowrap">{formatDateTime(user.lastUsedAt, locale, timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" id="invitations" aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t("admin.users.invitationsTitle")}</h2>
        <p className="muted">{t("admin.users.invitationsIntro", { hours: limits.invitationHours })}</p>
        {invitations.length === 0 ? (
          <p className="muted">{t("admin.users.noInvitations")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.users.columns.invitee")}</th>
                  <th scope="col">{t("admin.users.columns.organisation")}</th>
                  <th scope="col">{t("admin.users.columns.role")}</th>
                  <th scope="col">{t("admin.users.columns.invitedBy")}</th>
                  <th scope="col">{t("admin.users.columns.expires")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("admin.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>
                      {invitation.displayName || invitation.email}
                      <div className="muted small">{invitation.email}</div>
                    </td>
                    <td>{name({ nameZh: invitation.organisationNameZh, nameEn: invitation.organisationNameEn })}</td>
                    <td>{t(`roles.${invitation.role}`)}</td>
                    <td>{invitation.invitedByEmail}</td>
                    <td className="nowrap">{formatDateTime(invitation.expiresAt, locale, timeZone)}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke-invitation" />
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button type="submit" className="button button-light button-small" aria-label={t("admin.users.revokeLabel", { email: invitation.email })}>
                          {t("admin.users.revoke")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="organisations-title">
        <div className="section-header">
          <h2 id="organisations-title">{t("admin.organisations.title")}</h2>
          <Link to="/admin/organisations/new" className="button button-light">
            {t("admin.organisations.new")}
          </Link>
        </div>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.organisations.columns.name")}</th>
                <th scope="col">{t("admin.organisations.columns.kind")}</th>
                <th scope="col">{t("admin.organisations.columns.code")}</th>
                <th scope="col">{t("admin.organisations.columns.division")}</th>
                <th scope="col" className="numeric">
                  {t("admin.organisations.columns.accounts")}
                </th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((organisation) => (
                <tr key={organisation.id}>
                  <td>
                    <Link to={`/admin/users?organisation=${organisation.id}`}>{name(organisation)}</Link>
                  </td>
                  <td>{t(`organisationKind.${organisation.kind}`)}</td>
                  <td>
                    <code>{organisation.code}</code>
                  </td>
                  <td>
                    <code>{organisation.divisionCode ?? "—"}</code>
                  </td>
                  <td className="numeric">{formatNumber(organisation.accounts, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
