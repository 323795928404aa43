import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditDetails } from "~/components/admin/audit-details";
import { MouStandingFlag, TerritoryList } from "~/components/admin/mou-standing";
import { RejectionMessage } from "~/components/evidence/rejection-message";
import { ReasonForm } from "~/components/ui/reason-form";
import { formatFileSize, type EvidenceRejection } from "~/domain/evidence";
import { EndMouSchema } from "~/domain/mous.schema";
import { attachMouDocument, endMou, getMouDetail } from "~/domain/mous.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { notFound, requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { MultipartError, multipartBoundary, parseMultipart } from "~/lib/multipart.server";
import { useRootData } from "~/root";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "admin.mous.detailTitle" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "mou.manage");
  const mou = await getMouDetail(await getDb(), viewer, params.mouId ?? "");
  if (!mou) throw notFound();
  return json({ mou });
}

type ActionData =
  | { intent: "end"; reply: ReturnType<ReturnType<typeof endSubmission>["reply"]> }
  | { intent: "upload"; rejection: EvidenceRejection };

function endSubmission(formData: FormData) {
  return parseWithZod(formData, { schema: EndMouSchema });
}

/** The signed document: a multipart body with one `file` part, streamed into the evidence store. */
async function upload(request: Request, mouId: string, viewer: Awaited<ReturnType<typeof requirePermission>>, meta: ReturnType<typeof requestMeta>) {
  const boundary = multipartBoundary(request.headers.get("Content-Type"));
  if (!boundary || !request.body) return json<ActionData>({ intent: "upload", rejection: { code: "malformed" } }, { status: 400 });
  const db = await getDb();
  try {
    for await (const part of parseMultipart(request.body, boundary)) {
      if (part.name !== "file" || !part.filename) continue;
      const result = await attachMouDocument(db, viewer, mouId, { originalName: part.filename, declaredType: part.contentType, stream: part.body }, meta);
      if (result.ok) return redirect(`/admin/mous/${mouId}?notice=documentAttached#documents`);
      if (result.rejection.code === "not_found") throw notFound();
      return json<ActionData>({ intent: "upload", rejection: result.rejection }, { status: 400 });
    }
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    return json<ActionData>({ intent: "upload", rejection: { code: "malformed" } }, { status: 400 });
  }
  return json<ActionData>({ intent: "upload", rejection: { code: "no_file" } }, { status: 400 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "mou.manage");
  const mouId = params.mouId ?? "";
  const meta = requestMeta(request, context);
  if (multipartBoundary(request.headers.get("Content-Type"))) return upload(request, mouId, viewer, meta);

  const submission = endSubmission(await request.formData());
  if (submission.status !== "success") return json<ActionData>({ intent: "end", reply: submission.reply() }, { status: 400 });
  const result = await endMou(await getDb(), viewer, mouId, submission.value, meta);
  if (!result.ok) {
    if (result.problem === "admin.mous.problem.notFound") throw notFound();
    return json<ActionData>({ intent: "end", reply: submission.reply({ formErrors: [result.problem] }) }, { status: 409 });
  }
  return redirect(`/admin/mous/${mouId}?notice=ended`);
}

const NOTICES = ["created", "saved", "ended", "documentAttached", "integrityFailed"] as const;

export default function MouDetailPage() {
  const { t } = useTranslation();
  const { mou } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const name = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);
  const notice = searchParams.get("notice");
  const actionLabel = (action: string) => t(`audit.action.${action}`, { defaultValue: t("audit.unknownAction", { action }) });

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/admin/mous">{t("admin.mous.backToList")}</Link>
      </p>
      <header className="page-header page-header-actions">
        <div>
          <h1>
            {mou.reference} <MouStandingFlag standing={mou.standing} />
          </h1>
          <p className="lead">{locale === "zh-CN" ? mou.titleZh : mou.titleEn}</p>
          <p className="muted small" lang={locale === "zh-CN" ? "en" : "zh-CN"}>
            {locale === "zh-CN" ? mou.titleEn : mou.titleZh}
          </p>
        </div>
        {mou.endedAt ? null : (
          <Link to={`/admin/mous/${mou.id}/edit`} className="button">
            {t("admin.mous.edit")}
          </Link>
        )}
      </header>
      {NOTICES.includes(notice as (typeof NOTICES)[number]) ? (
        <p className={notice === "integrityFailed" ? "notice notice-danger" : "notice"} role="status">
          {t(`admin.mous.notice.${notice}`)}
        </p>
      ) : null}
      {mou.endedAt ? (
        <div className="notice notice-danger" role="note">
          <p>
            <strong>{t("admin.mous.endedOn", { time: formatDateTime(mou.endedAt, locale, timeZone) })}</strong>
          </p>
          <p>{t("admin.mous.endedReason", { reason: mou.endedReason ?? "" })}</p>
          <p className="small">{t("admin.mous.endedEffect")}</p>
        </div>
      ) : mou.standing.status === "expired" ? (
        <p className="notice notice-danger" role="note">
          {t("admin.mous.expiredEffect", { date: mou.effectiveUntil })}
        </p>
      ) : mou.standing.status === "expiring" ? (
        <p className="notice notice-warning" role="note">
          {t("admin.mous.expiringEffect", { count: mou.standing.daysLeft ?? 0, date: mou.effectiveUntil })}
        </p>
      ) : null}

      <section className="card" aria-labelledby="terms-title">
        <h2 id="terms-title">{t("admin.mous.terms")}</h2>
        <dl className="facts facts-wide">
          <div>
            <dt>{t("admin.mous.columns.police")}</dt>
            <dd>{name(mou.police)}</dd>
          </div>
          <div>
            <dt>{t("admin.mous.columns.platform")}</dt>
            <dd>{name(mou.platform)}</dd>
          </div>
          <div>
            <dt>{t("admin.mous.form.signedOn")}</dt>
            <dd>{mou.signedOn}</dd>
          </div>
          <div>
            <dt>{t("admin.mous.columns.period")}</dt>
            <dd>
              {mou.effectiveFrom} – {mou.effectiveUntil ?? t("admin.mous.openEnded")}
            </dd>
          </div>
          <div>
            <dt>{t("admin.mous.columns.decisionPeriod")}</dt>
            <dd>{t("admin.mous.days", { count: mou.decisionPeriodDays })}</dd>
          </div>
          <div>
            <dt>{t("admin.mous.version")}</dt>
            <dd>{mou.version}</dd>
          </div>
        </dl>
        <h3>{t("admin.mous.columns.scope")}</h3>
        <p>
          {mou.scopeCategories.map((category) => (
            <span key={category} className="tag">
              {t(`caseVocabulary.category.${category}`)}
            </span>
          ))}
        </p>
        <h3>{t("admin.mous.columns.territory")}</h3>
        <TerritoryList territory={mou.territory} />
      </section>

      <section className="card" aria-labelledby="contacts-title">
        <h2 id="contacts-title">{t("admin.mous.form.contacts")}</h2>
        {mou.liaisonContacts.length === 0 ? (
          <p className="muted">{t("admin.mous.noContacts")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.mous.form.contactSide")}</th>
                  <th scope="col">{t("admin.mous.form.contactName")}</th>
                  <th scope="col">{t("admin.mous.form.contactTitle")}</th>
                  <th scope="col">{t("admin.mous.form.contactPhone")}</th>
                  <th scope="col">{t("admin.mous.form.contactEmail")}</th>
                </tr>
              </thead>
              <tbody>
                {mou.liaisonContacts.map((contact, index) => (
                  <tr key={`${contact.name}-${index}`}>
                    <td>{t(`admin.mous.side.${contact.side}`)}</td>
                    <td>{contact.name}</td>
                    <td>{contact.title}</td>
                    <td>{contact.phone}</td>
                    <td>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" id="documents" aria-labelledby="documents-title">
        <h2 id="documents-title">{t("admin.mous.documents.title")}</h2>
        <p className="muted">{t("admin.mous.documents.intro")}</p>
        {mou.documentFiles.length === 0 ? (
          <p className="notice notice-warning">{t("admin.mous.documents.none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.mous.documents.file")}</th>
                  <th scope="col">{t("admin.mous.documents.uploaded")}</th>
                  <th scope="col" className="numeric">
                    {t("admin.mous.documents.size")}
                  </th>
                  <th scope="col">{t("admin.mous.documents.sha256")}</th>
                </tr>
              </thead>
              <tbody>
                {mou.documentFiles.map((file) => (
                  <tr key={file.id}>
                    <td>
                      <a href={`/admin/mous/${mou.id}/documents/${file.id}`} download>
                        {file.originalName}
                      </a>
                    </td>
                    <td>
                      {formatDateTime(file.uploadedAt, locale, timeZone)}
                      <div className="muted small">{file.uploadedBy}</div>
                    </td>
                    <td className="numeric">{formatFileSize(file.sizeBytes, locale)}</td>
                    <td>
                      <code className="hash">{file.sha256}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {actionData?.intent === "upload" ? (
          <div className="notice notice-danger" role="alert">
            <RejectionMessage rejection={actionData.rejection} />
          </div>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="inline-form" reloadDocument>
          <div className="field">
            <label htmlFor="mou-document">{t("admin.mous.documents.choose")}</label>
            <input id="mou-document" type="file" name="file" required accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,.ofd,application/pdf,image/*" />
          </div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("admin.mous.documents.upload")}
          </button>
        </Form>
      </section>

      {mou.endedAt ? null : (
        <section className="card card-danger" aria-labelledby="end-title">
          <h2 id="end-title">{t("admin.mous.end.title")}</h2>
          <p>{t("admin.mous.end.intro")}</p>
          <ReasonForm
            id="end-mou"
            intent="end"
            schema={EndMouSchema}
            lastResult={actionData?.intent === "end" ? actionData.reply : undefined}
            label={t("admin.mous.end.reason")}
            submitLabel={t("admin.mous.end.submit")}
            hidden={{ version: mou.version }}
          />
        </section>
      )}

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t("admin.mous.history")}</h2>
        {mou.history.length === 0 ? (
          <p className="muted">{t("admin.mous.noHistory")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.audit.columns.time")}</th>
                  <th scope="col">{t("admin.audit.columns.action")}</th>
                  <th scope="col">{t("admin.audit.columns.actor")}</th>
                  <th scope="col">{t("admin.audit.columns.details")}</th>
                </tr>
              </thead>
              <tbody>
                {mou.history.map((entry) => (
                  <tr key={entry.seq}>
                    <td className="nowrap">{formatDateTime(entry.occurredAt, locale, timeZone)}</td>
                    <td>{actionLabel(entry.action)}</td>
                    <td>{entry.actorLabel}</td>
                    <td>
                      <AuditDetails details={entry.details} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
