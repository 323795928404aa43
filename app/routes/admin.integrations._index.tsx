import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EndpointsSection } from "~/components/integrations/endpoints-section";
import { TokensSection } from "~/components/integrations/tokens-section";
import { createApiToken, listApiTokens, listTokenOrganisations, revokeApiToken } from "~/domain/api-tokens.server";
import { CreateEndpointSchema, CreateTokenSchema, RecordActionSchema } from "~/domain/integrations.schema";
import { requirePermission, requireRecentReauthentication, SENSITIVE_ACTION_REAUTH_MINUTES } from "~/domain/policy.server";
import {
  createWebhookEndpoint,
  disableWebhookEndpoint,
  listWebhookEndpoints,
  sendWebhookTestEvent,
  type TestEventResult,
} from "~/domain/webhook-admin.server";
import { WEBHOOK_RETRY_DELAY_SECONDS, WEBHOOK_RETRY_LIMIT } from "~/domain/webhooks.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE } from "~/lib/i18n";
import { useRootData } from "~/root";
import administration from "~/styles/administration.css";
import styles from "~/styles/integrations.css";

export const handle = { titleKey: "integrations.title" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: administration },
  { rel: "stylesheet", href: styles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "integrations.manage");
  const db = await getDb();
  const [endpoints, tokens, organisations] = await Promise.all([
    listWebhookEndpoints(db, viewer),
    listApiTokens(db, viewer),
    listTokenOrganisations(db, viewer),
  ]);
  return json({
    endpoints,
    tokens,
    organisations,
    defaultOrganisationId: viewer.organisationId,
    retries: WEBHOOK_RETRY_LIMIT,
    delaySeconds: WEBHOOK_RETRY_DELAY_SECONDS,
  });
}

type Reply = SubmissionResult<string[]>;
/** The secret or token is in the answer to the POST that made it, and nowhere else, ever again. */
type ActionData =
  | { form: "endpoint"; reply: Reply; created?: { url: string; secret: string } }
  | { form: "token"; reply: Reply; created?: { name: string; token: string } }
  | { form: "test"; test: TestEventResult }
  | { form: "invalid" };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "integrations.manage");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const db = await getDb();
  const meta = requestMeta(request, context);

  if (intent === "create-endpoint") {
    const submission = parseWithZod(formData, { schema: CreateEndpointSchema });
    if (submission.status !== "success") return json<ActionData>({ form: "endpoint", reply: submission.reply() }, { status: 400 });
    // A new secret is minted: ask for a recent proof of identity, like other sensitive administration.
    await requireRecentReauthentication(request, viewer, SENSITIVE_ACTION_REAUTH_MINUTES, { returnTo: "/admin/integrations#endpoints" });
    const created = await createWebhookEndpoint(db, viewer, submission.value, meta);
    return json<ActionData>({ form: "endpoint", reply: submission.reply({ resetForm: true }), created: { url: created.url, secret: created.secret } });
  }
  if (intent === "create-token") {
    const submission = parseWithZod(formData, { schema: CreateTokenSchema });
    if (submission.status !== "success") return json<ActionData>({ form: "token", reply: submission.reply() }, { status: 400 });
    await requireRecentReauthentication(request, viewer, SENSITIVE_ACTION_REAUTH_MINUTES, { returnTo: "/admin/integrations#tokens" });
    const result = await createApiToken(db, viewer, submission.value, meta);
    if (!result.ok) return json<ActionData>({ form: "token", reply: submission.reply({ fieldErrors: { [result.field]: [result.problem] } }) }, { status: 400 });
    return json<ActionData>({ form: "token", reply: submission.reply({ resetForm: true }), created: { name: result.name, token: result.token } });
  }

  const parsed = RecordActionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json<ActionData>({ form: "invalid" }, { status: 400 });
  const { id } = parsed.data;
  switch (parsed.data.intent) {
    case "disable-endpoint": {
      const outcome = await disableWebhookEndpoint(db, viewer, id, meta);
      return redirect(`/admin/integrations?notice=${outcome}#endpoints`);
    }
    case "revoke-token": {
      const outcome = await revokeApiToken(db, viewer, id, meta);
      return redirect(`/admin/integrations?notice=${outcome}#tokens`);
    }
    case "test-endpoint": {
      const test = await sendWebhookTestEvent(db, viewer, id, meta);
      return json<ActionData>({ form: "test", test });
    }
  }
}

const REDIRECT_NOTICES = ["disabled", "already_disabled", "revoked", "already_revoked", "not_found"] as const;

function TestNotice({ test }: { test: TestEventResult }) {
  const { t } = useTranslation();
  const text =
    test.outcome === "delivered"
      ? t("integrations.notice.testDelivered", { status: test.responseStatus, ms: test.durationMs })
      : test.outcome === "failed"
        ? t("integrations.notice.testFailed", { error: test.error ?? "" })
        : test.outcome === "disabled"
          ? t("integrations.notice.testDisabled")
          : test.outcome === "secret_unreadable"
            ? t("integrations.notice.testSecretUnreadable")
            : t("integrations.notice.not_found");
  return (
    <p className={test.outcome === "delivered" ? "notice" : "notice notice-danger"} role="status" data-testid="test-event-result">
      {text}
    </p>
  );
}

export default function IntegrationsPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const notice = REDIRECT_NOTICES.find((value) => value === searchParams.get("notice"));
  const endpointResult = actionData?.form === "endpoint" ? actionData : undefined;
  const tokenResult = actionData?.form === "token" ? actionData : undefined;
  return (
    <div className="page page-wide">
      <header className="page-header">
        <h1>{t("integrations.title")}</h1>
        <p className="muted">{t("integrations.intro")}</p>
      </header>
      {notice ? (
        <p className={notice === "not_found" ? "notice notice-warning" : "notice"} role="status">
          {t(`integrations.notice.${notice}`)}
        </p>
      ) : null}
      {actionData?.form === "test" ? <TestNotice test={actionData.test} /> : null}
      <EndpointsSection
        endpoints={data.endpoints}
        created={endpointResult?.created ?? null}
        lastResult={endpointResult?.reply}
        retries={data.retries}
        delaySeconds={data.delaySeconds}
        locale={locale}
        timeZone={timeZone}
      />
      <TokensSection
        tokens={data.tokens}
        organisations={data.organisations}
        defaultOrganisationId={data.defaultOrganisationId}
        created={tokenResult?.created ?? null}
        lastResult={tokenResult?.reply}
        locale={locale}
        timeZone={timeZone}
      />
    </div>
  );
}
