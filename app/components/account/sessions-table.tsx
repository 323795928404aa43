import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, DEFAULT_LOCALE } from "~/lib/i18n";
import { describeUserAgent } from "~/lib/user-agent";
import { useRootData } from "~/root";

export interface SessionRow {
  id: string;
  createdAt: string;
  lastActiveAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** Open sessions: device, address, start, last activity; with an "end" button each when `endable`. */
export function SessionsTable({ sessions, endable = false }: { sessions: readonly SessionRow[]; endable?: boolean }) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  if (sessions.length === 0) return <p className="muted">{t("account.sessions.none")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("account.sessions.device")}</th>
            <th scope="col">{t("account.sessions.ip")}</th>
            <th scope="col">{t("account.sessions.started")}</th>
            <th scope="col">{t("account.sessions.lastActive")}</th>
            {endable ? (
              <th scope="col">
                <span className="visually-hidden">{t("account.sessions.actions")}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <td>
                <span title={session.userAgent ?? undefined}>{describeUserAgent(session.userAgent) ?? t("account.sessions.unknownDevice")}</span>
                {session.current ? <span className="tag">{t("account.sessions.current")}</span> : null}
              </td>
              <td>
                <code>{session.ip ?? "—"}</code>
              </td>
              <td>{formatDateTime(session.createdAt, locale, timeZone)}</td>
              <td>{formatDateTime(session.lastActiveAt, locale, timeZone)}</td>
              {endable ? (
                <td className="cell-actions">
                  {session.current ? (
                    <span className="muted">{t("account.sessions.thisOne")}</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="end-session" />
                      <input type="hidden" name="sessionId" value={session.id} />
                      <button
                        type="submit"
                        className="button button-light button-small"
                        aria-label={t("account.sessions.endLabel", {
                          device: describeUserAgent(session.userAgent) ?? t("account.sessions.unknownDevice"),
                          time: formatDateTime(session.createdAt, locale, timeZone),
                        })}
                      >
                        {t("account.sessions.end")}
                      </button>
                    </Form>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
