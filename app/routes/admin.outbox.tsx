import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOutbox, retryOutboxMessage } from "~/domain/outbox.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";
import styles from "~/styles/administration.css";
import { isUuid } from "~/lib/ids";

export const handle = { titleKey: "admin.outbox.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "outbox.view");
  const cursor = new URL(request.url).searchParams.get("after");
  const page = await listOutbox(await getDb(), viewer, cursor);
  return json({ ...page, smtpConfigured: Boolean(env().smtpUrl), paged: Boolean(cursor) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "outbox.view");
  const id = String((await request.formData()).get("messageId") ?? "");
  if (!isUuid(id)) return json({ ok: false }, { status: 400 });
  const outcome = await retryOutboxMessage(await getDb(), viewer, id, requestMeta(request, context));
  return redirect(`/admin/outbox?notice=${outcome === "sent" ? "sent" : outcome === "not_found" ? "alreadySent" : "failed"}`);
}

export default function OutboxPage() {
  const { t } = useTranslation();
  const { messages, nextCursor, smtpConfigured, paged } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const notice = searchParams.get("notice");
  return (
    <div className="page page-wide">
      <header className="page-header">
        <h1>{t("admin.outbox.title")}</h1>
        <p className="muted">{t(smtpConfigured ? "admin.outbox.introSmtp" : "admin.outbox.introNoSmtp")}</p>
      </header>
      {notice === "sent" || notice === "failed" || notice === "alreadySent" ? (
        <p className={notice === "failed" ? "notice notice-danger" : "notice"} role="status">
          {t(`admin.outbox.notice.${notice}`)}
        </p>
      ) : null}
      <section className="card" aria-labelledby="outbox-list-title">
        <h2 id="outbox-list-title">{t("admin.outbox.listTitle")}</h2>
        {messages.length === 0 ? (
          <p className="muted">{t("admin.outbox.none")}</p>
        ) : (
          <ul className="message-list">
            {messages.map((message) => (
              <li key={message.id} className="message" data-testid="outbox-message">
                <div className="message-head">
                  <div>
                    <strong>{message.subject}</strong>
                    <div className="muted small">
                      {t("admin.outbox.to", { address: message.toAddress })} · {formatDateTime(message.createdAt, locale, timeZone)}
                    </div>
                  </div>
                  <div>
                    {message.sentAt ? (
                      <span className="flag flag-ok">{t("admin.outbox.sentAt", { time: formatDateTime(message.sentAt, locale, timeZone) })}</span>
                    ) : message.lastError ? (
                      <span className="flag flag-danger">{t("admin.outbox.failed")}</span>
                    ) : (
                      <span className="flag flag-neutral">{t("admin.outbox.waiting")}</span>
                    )}
                  </div>
                </div>
                {message.lastError && !message.sentAt ? <p className="small muted">{t("admin.outbox.lastError", { error: message.lastError })}</p> : null}
                <details>
                  <summary>{t("admin.outbox.showBody")}</summary>
                  <pre className="message-body">{message.bodyText}</pre>
                </details>
                {smtpConfigured && !message.sentAt ? (
                  <Form method="post">
                    <input type="hidden" name="messageId" value={message.id} />
                    <button type="submit" className="button button-light button-small">
                      {t("admin.outbox.retry")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <nav className="pagination" aria-label={t("admin.pagination")}>
          {paged ? <Link to="/admin/outbox">{t("admin.newest")}</Link> : null}
          {nextCursor ? <Link to={`/admin/outbox?${new URLSearchParams({ after: nextCursor })}`}>{t("admin.older")}</Link> : null}
        </nav>
      </section>
    </div>
  );
}
