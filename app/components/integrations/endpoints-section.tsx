import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/ui/form";
import { CreateEndpointSchema } from "~/domain/integrations.schema";
import { formatDateTime, type Locale } from "~/lib/i18n";
import { organisationName, ShownOnce } from "./shown-once";

export interface EndpointView {
  id: string;
  url: string;
  description: string;
  active: boolean;
  organisationNameZh: string;
  organisationNameEn: string;
  createdAt: string;
  createdByName: string;
  disabledAt: string | null;
  counts: { pending: number; retrying: number; delivered: number; failed: number };
}

export function EndpointsSection({
  endpoints,
  created,
  lastResult,
  retries,
  delaySeconds,
  locale,
  timeZone,
}: {
  endpoints: EndpointView[];
  created: { url: string; secret: string } | null;
  lastResult: SubmissionResult<string[]> | undefined;
  retries: number;
  delaySeconds: number;
  locale: Locale;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "create-endpoint",
    lastResult,
    constraint: getZodConstraint(CreateEndpointSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateEndpointSchema }),
  });
  return (
    <section className="card" aria-labelledby="endpoints-title" id="endpoints">
      <div className="section-header">
        <h2 id="endpoints-title">{t("integrations.endpoints.title")}</h2>
        <Link to="/admin/integrations/deliveries" className="button button-light">
          {t("integrations.deliveryLogLink")}
        </Link>
      </div>
      <p className="muted">{t("integrations.endpoints.intro", { retries, delay: delaySeconds })}</p>
      {created ? (
        <ShownOnce title={t("integrations.endpoints.createdTitle", { url: created.url })} label={t("integrations.endpoints.secretLabel")} value={created.secret} testId="webhook-secret" />
      ) : null}
      {endpoints.length === 0 ? (
        <p className="muted">{t("integrations.endpoints.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("integrations.endpoints.columns.endpoint")}</th>
                <th scope="col">{t("integrations.endpoints.columns.organisation")}</th>
                <th scope="col">{t("integrations.endpoints.columns.status")}</th>
                <th scope="col">{t("integrations.endpoints.columns.deliveries")}</th>
                <th scope="col">{t("integrations.endpoints.columns.created")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("admin.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <tr key={endpoint.id} data-testid="webhook-endpoint">
                  <td>
                    <code className="endpoint-url">{endpoint.url}</code>
                    {endpoint.description ? <div className="muted small">{endpoint.description}</div> : null}
                  </td>
                  <td>{organisationName(endpoint, locale)}</td>
                  <td>
                    {endpoint.active ? (
                      <span className="flag flag-ok">{t("integrations.endpoints.active")}</span>
                    ) : (
                      <span className="flag flag-neutral" title={endpoint.disabledAt ? t("integrations.endpoints.disabledAt", { time: formatDateTime(endpoint.disabledAt, locale, timeZone) }) : undefined}>
                        {t("integrations.endpoints.disabled")}
                      </span>
                    )}
                  </td>
                  <td className="small">
                    <ul className="plain-list">
                      <li>{t("integrations.endpoints.countDelivered", { count: endpoint.counts.delivered })}</li>
                      <li>{t("integrations.endpoints.countWaiting", { count: endpoint.counts.pending + endpoint.counts.retrying })}</li>
                      <li className={endpoint.counts.failed > 0 ? "count-failed" : undefined}>{t("integrations.endpoints.countFailed", { count: endpoint.counts.failed })}</li>
                    </ul>
                  </td>
                  <td className="small">{t("integrations.endpoints.createdBy", { time: formatDateTime(endpoint.createdAt, locale, timeZone), name: endpoint.createdByName })}</td>
                  <td className="cell-actions">
                    {endpoint.active ? (
                      <div className="actions-row">
                        <Form method="post">
                          <input type="hidden" name="intent" value="test-endpoint" />
                          <input type="hidden" name="id" value={endpoint.id} />
                          <button type="submit" className="button button-light button-small" aria-label={t("integrations.endpoints.testLabel", { url: endpoint.url })}>
                            {t("integrations.endpoints.test")}
                          </button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="disable-endpoint" />
                          <input type="hidden" name="id" value={endpoint.id} />
                          <button type="submit" className="button button-light button-small" aria-label={t("integrations.endpoints.disableLabel", { url: endpoint.url })}>
                            {t("integrations.endpoints.disable")}
                          </button>
                        </Form>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{t("integrations.endpoints.addTitle")}</h3>
      <Form method="post" {...getFormProps(form)} className="form-narrow-card">
        <input type="hidden" name="intent" value="create-endpoint" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field label={t("integrations.endpoints.url")} htmlFor={fields.url.id} errorId={fields.url.errorId} errors={fields.url.errors}>
          <input {...getInputProps(fields.url, { type: "url" })} aria-describedby={`${fields.url.id}-hint ${fields.url.errorId}`} placeholder="https://" autoComplete="off" />
          <p id={`${fields.url.id}-hint`} className="field-hint">
            {t("integrations.endpoints.urlHint")}
          </p>
        </Field>
        <Field label={t("integrations.endpoints.description")} htmlFor={fields.description.id} errorId={fields.description.errorId} errors={fields.description.errors}>
          <input {...getInputProps(fields.description, { type: "text" })} aria-describedby={`${fields.description.id}-hint ${fields.description.errorId}`} autoComplete="off" />
          <p id={`${fields.description.id}-hint`} className="field-hint">
            {t("integrations.endpoints.descriptionHint")}
          </p>
        </Field>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("integrations.endpoints.add")}
        </button>
      </Form>

      <details className="signature-help">
        <summary>{t("integrations.signature.title")}</summary>
        <p>{t("integrations.signature.body")}</p>
        <pre className="signature-format">{t("integrations.signature.header")}</pre>
        <p>{t("integrations.signature.check")}</p>
      </details>
    </section>
  );
}
