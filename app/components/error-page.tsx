import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const PAGES: Record<number, { title: string; body: string }> = {
  403: { title: "errors.forbiddenTitle", body: "errors.forbiddenBody" },
  404: { title: "errors.notFoundTitle", body: "errors.notFoundBody" },
  503: { title: "errors.unavailableTitle", body: "errors.unavailableBody" },
};
const SERVER_ERROR = { title: "errors.serverTitle", body: "errors.serverBody" };

/** The one error page, for every route: 403, 404, 503 and anything unexpected (shown as 500, no details). */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const page = PAGES[status] ?? SERVER_ERROR;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-status">{t("errors.statusCode", { status })}</p>
      <h1 id="error-title">{t(page.title)}</h1>
      <p>{t(page.body)}</p>
      <p>
        <Link to="/" className="button">
          {t("errors.backHome")}
        </Link>
      </p>
    </section>
  );
}
