/**
 * /notifications: the viewer's own notifications, newest first, each in the viewer's language (from its kind
 * and params), with the case reference. Opening one (POST /notifications/:id) marks it read and goes to
 * its link; "mark all as read" posts here. Keyset pagination (?after=createdAt|id).
 */
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notificationQuote, notificationText } from "~/domain/notifications";
import { listNotifications, markAllNotificationsRead } from "~/domain/notifications.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";
import styles from "~/styles/collaboration.css";

export const handle = { titleKey: "collaboration.notifications.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "notifications.view");
  const cursor = new URL(request.url).searchParams.get("after");
  const page = await listNotifications(await getDb(), viewer, cursor);
  return json({ ...page, paged: Boolean(cursor) });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "notifications.view");
  const intent = (await request.formData()).get("intent");
  if (intent !== "mark_all_read") return json({ ok: false }, { status: 400 });
  const marked = await markAllNotificationsRead(await getDb(), viewer);
  return redirect(`/notifications?${new URLSearchParams({ marked: String(marked) })}`);
}

export default function NotificationsPage() {
  const { items, nextCursor, unread, paged } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const [searchParams] = useSearchParams();
  const marked = Number(searchParams.get("marked"));

  return (
    <div className="page notifications-page">
      <header className="page-header">
        <h1>{t("collaboration.notifications.title")}</h1>
        <p className="muted">{t("collaboration.notifications.intro")}</p>
      </header>
      {Number.isInteger(marked) && marked > 0 ? (
        <p className="notice" role="status">
          {t("collaboration.notifications.markedAllRead", { count: marked })}
        </p>
      ) : null}
      <section className="card" aria-labelledby="notifications-list-title">
        <div className="notifications-toolbar">
          <h2 id="notifications-list-title">
            {unread > 0 ? t("collaboration.notifications.unread", { count: unread }) : t("collaboration.notifications.allRead")}
          </h2>
          {unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="mark_all_read" />
              <button type="submit" className="button collab-button-quiet">
                {t("collaboration.notifications.markAllRead")}
              </button>
            </Form>
          ) : null}
        </div>
        {items.length === 0 ? (
          <p className="muted">{t("collaboration.notifications.empty")}</p>
        ) : (
          <ul className="notification-list" aria-label={t("collaboration.notifications.listLabel")}>
            {items.map((item) => {
              const quote = notificationQuote(item.params);
              return (
                <li key={item.id} className="notification-item" data-unread={item.readAt ? undefined : true} data-kind={item.kind} data-testid="notification">
                  {/* Opening is a POST: it marks the notification read, then goes to what it is about. */}
                  <Form method="post" action={`/notifications/${item.id}`} className="notification-open-form">
                    <button type="submit" className="notification-open">
                      {item.readAt ? null : <span className="collab-flag collab-flag-unread">{t("collaboration.notifications.unreadFlag")}</span>}
                      <span className="notification-text">
                        {notificationText(t, locale, timeZone, { kind: item.kind, params: item.params, reference: item.caseReference })}
                      </span>
                    </button>
                  </Form>
                  {quote ? <p className="notification-quote">{quote}</p> : null}
                  <p className="notification-meta muted collab-small">
                    <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, locale, timeZone)}</time>
                    {" · "}
                    {item.actorName ? t("collaboration.notifications.byActor", { name: item.actorName }) : t("collaboration.notifications.bySystem")}
                    {item.caseReference ? (
                      <>
                        {" · "}
                        <span className="case-reference">{item.caseReference}</span>
                      </>
                    ) : null}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
        <nav className="collab-pagination" aria-label={t("collaboration.notifications.pagination")}>
          {paged ? <Link to="/notifications">{t("collaboration.notifications.newest")}</Link> : null}
          {nextCursor ? <Link to={`/notifications?${new URLSearchParams({ after: nextCursor })}`}>{t("collaboration.notifications.older")}</Link> : null}
        </nav>
      </section>
    </div>
  );
}
