import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { DeliveryStatus } from "~/domain/integrations.schema";
import { formatDateTime, type Locale } from "~/lib/i18n";

export interface DeliveryView {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  endpointUrl: string;
  endpointActive: boolean;
  eventKind: string;
  eventSeq: number;
  caseReference: string;
  attemptLog: {
    attempt: number;
    attemptedAt: string;
    durationMs: number;
    responseStatus: number | null;
    error: string | null;
    responseExcerpt: string | null;
  }[];
}

const FLAG: Record<DeliveryStatus, string> = {
  pending: "flag-neutral",
  retrying: "flag-warning",
  delivered: "flag-ok",
  failed: "flag-danger",
};

/** One delivery of the log: the event, where it went, its status, and every attempt with what came back. */
/** A log wants the second: attempts a few seconds apart would otherwise read the same. */
function formatWithSeconds(value: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(new Date(value));
}

export function DeliveryEntry({ delivery, locale, timeZone }: { delivery: DeliveryView; locale: Locale; timeZone: string }) {
  const { t } = useTranslation();
  const when = (value: string) => formatDateTime(value, locale, timeZone);
  const kind = t(`integrations.eventKind.${delivery.eventKind}`, { defaultValue: delivery.eventKind });
  return (
    <li className="delivery" data-testid="webhook-delivery" data-status={delivery.status}>
      <div className="delivery-head">
        <div>
          <strong>{t("integrations.deliveries.event", { kind, reference: delivery.caseReference, seq: delivery.eventSeq })}</strong>{" "}
          <code className="small">{delivery.eventKind}</code>
          <div className="muted small">
            {t("integrations.deliveries.to", { url: delivery.endpointUrl })} {delivery.endpointActive ? null : t("integrations.deliveries.endpointDisabled")}
          </div>
          <div className="muted small">
            {t("integrations.deliveries.created", { time: when(delivery.createdAt) })}
            {delivery.deliveredAt ? ` · ${t("integrations.deliveries.deliveredAt", { time: when(delivery.deliveredAt) })}` : null}
            {delivery.nextAttemptAt && delivery.status === "retrying" ? ` · ${t("integrations.deliveries.nextAttempt", { time: when(delivery.nextAttemptAt) })}` : null}
          </div>
        </div>
        <div className="delivery-status">
          <span className={`flag ${FLAG[delivery.status]}`} data-testid="delivery-status">
            {t(`integrations.deliveries.status.${delivery.status}`)}
          </span>
          <span className="muted small">{t("integrations.deliveries.attemptsCount", { count: delivery.attempts })}</span>
          {delivery.status !== "delivered" && delivery.endpointActive ? (
            <Form method="post">
              <input type="hidden" name="deliveryId" value={delivery.id} />
              <button type="submit" className="button button-light button-small" aria-label={t("integrations.deliveries.retryLabel", { seq: delivery.eventSeq })}>
                {t("integrations.deliveries.retry")}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
      {delivery.attemptLog.length === 0 ? (
        <p className="muted small">{t("integrations.deliveries.noAttempts")}</p>
      ) : (
        <div className="table-wrap">
          <table className="attempts-table">
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  {t("integrations.deliveries.columns.attempt")}
                </th>
                <th scope="col">{t("integrations.deliveries.columns.time")}</th>
                <th scope="col">{t("integrations.deliveries.columns.response")}</th>
                <th scope="col" className="numeric">
                  {t("integrations.deliveries.columns.duration")}
                </th>
                <th scope="col">{t("integrations.deliveries.columns.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {delivery.attemptLog.map((attempt) => (
                <tr key={attempt.attempt} data-testid="delivery-attempt">
                  <td className="numeric">{attempt.attempt}</td>
                  <td className="nowrap">{formatWithSeconds(attempt.attemptedAt, locale, timeZone)}</td>
                  <td>
                    {attempt.responseStatus === null ? (
                      <span className="flag flag-danger">{t("integrations.deliveries.noResponse")}</span>
                    ) : (
                      <span className={`flag ${attempt.responseStatus >= 200 && attempt.responseStatus < 300 ? "flag-ok" : "flag-danger"}`}>HTTP {attempt.responseStatus}</span>
                    )}
                  </td>
                  <td className="numeric nowrap">{t("integrations.deliveries.durationMs", { ms: attempt.durationMs })}</td>
                  <td className="attempt-detail">
                    {attempt.error ? <div>{attempt.error}</div> : null}
                    {attempt.responseExcerpt ? <code className="small">{attempt.responseExcerpt}</code> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}
