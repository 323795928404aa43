import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field } from "~/components/ui/form";
import { InviteUserSchema } from "~/domain/admin-users.schema";
import { INVITATION_TTL_HOURS, inviteUser } from "~/domain/invitations.server";
import { listAllOrganisations } from "~/domain/organisations-admin.server";
import { ORGANISATION_KINDS_FOR_ROLE, ROLES } from "~/domain/policy";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "admin.invite.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "users.manage");
  const organisations = (await listAllOrganisations(await getDb(), viewer)).filter((organisation) => !organisation.deactivatedAt);
  return json({ organisations, smtpConfigured: Boolean(env().smtpUrl), invitationHours: INVITATION_TTL_HOURS });
}

/** The portal's address for the link: PUBLIC_URL, or the address the administrator is using (checked by the Origin check). */
function baseUrlOf(request: Request): string {
  return env().publicUrl ?? new URL(request.url).origin;
}

type ActionData =
  | { ok: false; reply: SubmissionResult<string[]> }
  | { ok: true; email: string; link: string; expiresAt: string; delivery: "sent" | "failed" | "not_configured" };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "users.manage");
  const submission = parseWithZod(await request.formData(), { schema: InviteUserSchema });
  if (submission.status !== "success") return json<ActionData>({ ok: false, reply: submission.reply() }, { status: 400 });
  const result = await inviteUser(await getDb(), viewer, submission.value, baseUrlOf(request), requestMeta(request, context));
  if (!result.ok) {
    return json<ActionData>({ ok: false, reply: submission.reply({ fieldErrors: { [result.field]: [result.problem] } }) }, { status: 400 });
  }
  // The link is shown this once; only its hash is kept (and the copy in the outbox until it is sent).
  return json<ActionData>({
    ok: true,
    email: submission.value.email.trim().toLowerCase(),
    link: result.link,
    expiresAt: result.expiresAt.toISOString(),
    delivery: result.delivery,
  });
}

function Invited({ result }: { result: Extract<ActionData, { ok: true }> }) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  return (
    <section className="card card-success" aria-labelledby="invited-title" role="status">
      <h2 id="invited-title">{t("admin.invite.createdTitle", { email: result.email })}</h2>
      <p>{t(`admin.invite.delivery.${result.delivery}`)}</p>
      <p>{t("admin.invite.linkOnce", { time: formatDateTime(result.expiresAt, locale, timeZone) })}</p>
      <p>
        <code className="invite-link" data-testid="invitation-link">
          {result.link}
        </code>
      </p>
      <div className="actions-row">
        <Link to="/admin/users/invite" reloadDocument className="button button-light">
          {t("admin.invite.another")}
        </Link>
        <Link to="/admin/users#invitations" className="button button-light">
          {t("admin.invite.backToUsers")}
        </Link>
        {result.delivery === "sent" ? null : (
          <Link to="/admin/outbox" className="button button-light">
            {t("admin.invite.toOutbox")}
          </Link>
        )}
      </div>
    </section>
  );
}

export default function InviteUserPage() {
  const { t } = useTranslation();
  const { organisations, smtpConfigured, invitationHours } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const [form, fields] = useForm({
    id: "invite-user",
    lastResult: actionData && !actionData.ok ? actionData.reply : undefined,
    constraint: getZodConstraint(InviteUserSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteUserSchema }),
  });

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/admin/users">{t("admin.invite.backToUsers")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("admin.invite.title")}</h1>
        <p className="muted">
          {t("admin.invite.intro", { hours: invitationHours })} {t(smtpConfigured ? "admin.invite.bySmtp" : "admin.invite.byOutbox")}
        </p>
      </header>
      {actionData?.ok ? (
        <Invited result={actionData} />
      ) : (
        <Form method="post" {...getFormProps(form)} className="card form-narrow-card">
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field label={t("admin.invite.email")} htmlFor={fields.email.id} errorId={fields.email.errorId} errors={fields.email.errors}>
            <input {...getInputProps(fields.email, { type: "email" })} autoComplete="off" />
          </Field>
          <Field label={t("admin.invite.displayName")} htmlFor={fields.displayName.id} errorId={fields.displayName.errorId} errors={fields.displayName.errors}>
            <input {...getInputProps(fields.displayName, { type: "text" })} autoComplete="off" />
          </Field>
          <Field label={t("admin.invite.organisation")} htmlFor={fields.organisationId.id} errorId={fields.organisationId.errorId} errors={fields.organisationId.errors}>
            <select {...getSelectProps(fields.organisationId)}>
              <option value="">{t("admin.choose")}</option>
              {organisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {locale === "zh-CN" ? organisation.nameZh : organisation.nameEn} ({t(`organisationKind.${organisation.kind}`)})
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("admin.invite.role")} htmlFor={fields.role.id} errorId={fields.role.errorId} errors={fields.role.errors}>
            <select {...getSelectProps(fields.role)} aria-describedby={`${fields.role.id}-hint ${fields.role.errorId}`}>
              <option value="">{t("admin.choose")}</option>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)} — {ORGANISATION_KINDS_FOR_ROLE[role].map((kind) => t(`organisationKind.${kind}`)).join(" / ")}
                </option>
              ))}
            </select>
            <p id={`${fields.role.id}-hint`} className="field-hint">
              {t("admin.invite.roleHint")}
            </p>
          </Field>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("admin.invite.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
