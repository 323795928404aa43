import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/ui/form";
import { CreateTokenSchema } from "~/domain/integrations.schema";
import { formatDateTime, type Locale } from "~/lib/i18n";
import { organisationName, ShownOnce } from "./shown-once";

export interface TokenView {
  id: string;
  name: string;
  tokenPrefix: string;
  organisationNameZh: string;
  organisationNameEn: string;
  createdAt: string;
  createdByName: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface OrganisationOption {
  id: string;
  kind: "platform" | "police";
  nameZh: string;
  nameEn: string;
}

export function TokensSection({
  tokens,
  organisations,
  defaultOrganisationId,
  created,
  lastResult,
  locale,
  timeZone,
}: {
  tokens: TokenView[];
  organisations: OrganisationOption[];
  defaultOrganisationId: string;
  created: { name: string; token: string } | null;
  lastResult: SubmissionResult<string[]> | undefined;
  locale: Locale;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "create-token",
    lastResult,
    defaultValue: { organisationId: defaultOrganisationId },
    constraint: getZodConstraint(CreateTokenSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateTokenSchema }),
  });
  return (
    <section className="card" aria-labelledby="tokens-title" id="tokens">
      <h2 id="tokens-title">{t("integrations.tokens.title")}</h2>
      <p className="muted">{t("integrations.tokens.intro")}</p>
      {created ? <ShownOnce title={t("integrations.tokens.createdTitle", { name: created.name })} label={t("integrations.tokens.tokenLabel")} value={created.token} testId="api-token" /> : null}
      {tokens.length === 0 ? (
        <p className="muted">{t("integrations.tokens.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("integrations.tokens.columns.name")}</th>
                <th scope="col">{t("integrations.tokens.columns.organisation")}</th>
                <th scope="col">{t("integrations.tokens.columns.created")}</th>
                <th scope="col">{t("integrations.tokens.columns.lastUsed")}</th>
                <th scope="col">{t("integrations.tokens.columns.status")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("admin.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} data-testid="api-token-row">
                  <td>
                    {token.name}
                    <div className="muted small">
                      <code>{token.tokenPrefix}…</code>
                    </div>
                  </td>
                  <td>{organisationName(token, locale)}</td>
                  <td className="small">{t("integrations.endpoints.createdBy", { time: formatDateTime(token.createdAt, locale, timeZone), name: token.createdByName })}</td>
                  <td className="nowrap small">{token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale, timeZone) : <span className="muted">{t("integrations.tokens.neverUsed")}</span>}</td>
                  <td>
                    {token.revokedAt ? (
                      <span className="flag flag-neutral">{t("integrations.tokens.revoked", { time: formatDateTime(token.revokedAt, locale, timeZone) })}</span>
                    ) : (
                      <span className="flag flag-ok">{t("integrations.tokens.active")}</span>
                    )}
                  </td>
                  <td className="cell-actions">
                    {token.revokedAt ? null : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke-token" />
                        <input type="hidden" name="id" value={token.id} />
                        <button type="submit" className="button button-light button-small" aria-label={t("integrations.tokens.revokeLabel", { name: token.name })}>
                          {t("integrations.tokens.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{t("integrations.tokens.addTitle")}</h3>
      <Form method="post" {...getFormProps(form)} className="form-narrow-card">
        <input type="hidden" name="intent" value="create-token" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field label={t("integrations.tokens.name")} htmlFor={fields.name.id} errorId={fields.name.errorId} errors={fields.name.errors}>
          <input {...getInputProps(fields.name, { type: "text" })} aria-describedby={`${fields.name.id}-hint ${fields.name.errorId}`} autoComplete="off" />
          <p id={`${fields.name.id}-hint`} className="field-hint">
            {t("integrations.tokens.nameHint")}
          </p>
        </Field>
        <Field label={t("integrations.tokens.organisation")} htmlFor={fields.organisationId.id} errorId={fields.organisationId.errorId} errors={fields.organisationId.errors}>
          <select {...getSelectProps(fields.organisationId)}>
            {organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {locale === "zh-CN" ? organisation.nameZh : organisation.nameEn} ({t(`organisationKind.${organisation.kind}`)})
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("integrations.tokens.add")}
        </button>
      </Form>
    </section>
  );
}
