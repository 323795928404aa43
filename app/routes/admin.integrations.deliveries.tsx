import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DeliveryEntry } from "~/components/integrations/delivery-entry";
import { DELIVERY_STATUSES, DeliveryFiltersSchema } from "~/domain/integrations.schema";
import { requirePermission } from "~/domain/policy.server";
import { listWebhookDeliveries, retryWebhookDeliveryNow } from "~/domain/webhook-admin.server";
import type { DeliveryAttemptResult } from "~/domain/webhooks.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE } from "~/lib/i18n";
import { useRootData } from "~/root";
import administration from "~/styles/administration.css";
import styles from "~/styles/integrations.css";
import { isUuid } from "~/lib/ids";

export const handle = { titleKey: "integrations.deliveries.title" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: administration },
  { rel: "stylesheet", href: styles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "integrations.manage");
  const filters = DeliveryFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listWebhookDeliveries(await getDb(), viewer, filters);
  return json({ ...page, status: filters.status ?? null, paged: Boolean(filters.after) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "integrations.manage");
  const id = String((await request.formData()).get("deliveryId") ?? "");
  if (!isUuid(id)) return json({ result: null }, { status: 400 });
  const result = await retryWebhookDeliveryNow(await getDb(), viewer, id, requestMeta(request, context));
  return json({ result });
}

function RetryNotice({ result }: { result: DeliveryAttemptResult }) {
  const { t } = useTranslation();
  const key = result.outcome === "skipped" ? result.reason : result.outcome === "delivered" ? "delivered" : "unchanged";
  const text = t(`integrations.deliveries.retryResult.${key}`, {
    status: "responseStatus" in result ? result.responseStatus : "",
    error: "error" in result ? (result.error ?? "") : "",
  });
  return (
    <p className={result.outcome === "delivered" ? "notice" : "notice notice-warning"} role="status" data-testid="retry-result">
      {text}
    </p>
  );
}

export default function DeliveryLogPage() {
  const { t } = useTranslation();
  const { deliveries, nextCursor, status, paged } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const base = status ? `/admin/integrations/deliveries?status=${status}` : "/admin/integrations/deliveries";
  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/admin/integrations">{t("integrations.deliveries.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("integrations.deliveries.title")}</h1>
        <p className="muted">{t("integrations.deliveries.intro")}</p>
      </header>
      {actionData?.result ? <RetryNotice result={actionData.result as DeliveryAttemptResult} /> : null}
      <Form method="get" className="filters card delivery-filters" aria-label={t("admin.filters")}>
        <div className="field">
          <label htmlFor="delivery-status">{t("integrations.deliveries.filterStatus")}</label>
          <select id="delivery-status" name="status" defaultValue={status ?? ""}>
            <option value="">{t("admin.all")}</option>
            {DELIVERY_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`integrations.deliveries.status.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-buttons">
          <button type="submit" className="button">
            {t("admin.applyFilters")}
          </button>
          {status ? (
            <Link to="/admin/integrations/deliveries" className="button button-light">
              {t("admin.clearFilters")}
            </Link>
          ) : null}
        </div>
      </Form>
      <section className="card" aria-label={t("integrations.deliveries.title")}>
        {deliveries.length === 0 ? (
          <p className="muted">{t(status ? "integrations.deliveries.noneFiltered" : "integrations.deliveries.none")}</p>
        ) : (
          <ul className="delivery-list">
            {deliveries.map((delivery) => (
              <DeliveryEntry key={delivery.id} delivery={delivery} locale={locale} timeZone={timeZone} />
            ))}
          </ul>
        )}
        <nav className="pagination" aria-label={t("admin.pagination")}>
          {paged ? <Link to={base}>{t("admin.newest")}</Link> : null}
          {nextCursor ? <Link to={`${base}${status ? "&" : "?"}${new URLSearchParams({ after: nextCursor })}`}>{t("admin.older")}</Link> : null}
        </nav>
      </section>
    </div>
  );
}
