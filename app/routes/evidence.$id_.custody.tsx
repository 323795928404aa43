/**
 * /evidence/:id/custody — one evidence file and its chain of custody: what it is, its SHA-256, who uploaded
 * it, every touch since (who, when, what, why, the hash seen). From here a file can be downloaded with a
 * reason, checked again on request, or withdrawn with a reason. A refused download lands here and says why.
 */
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { evidenceLinks } from "~/components/evidence/evidence-section";
import { HashValue } from "~/components/evidence/hash-value";
import { ErrorList, Field } from "~/components/ui/form";
import { formatFileSize, formatForContentType } from "~/domain/evidence";
import { WithdrawEvidenceSchema } from "~/domain/evidence.schema";
import { getEvidenceDetail, listCustody, requireEvidenceForViewer, verifyEvidence } from "~/domain/evidence.server";
import { can, requirePermission, requireViewer } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { forbidden, requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE, formatDateTime, formatNumber } from "~/lib/i18n";
import { readSmallForm } from "~/lib/multipart.server";
import { useRootData } from "~/root";
import { recordCaseRead } from "~/domain/audit-reads.server";

export const handle = { titleKey: "evidence.custody.pageTitle" };
export const links: LinksFunction = () => evidenceLinks;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  // Metadata and custody come with seeing the case; a signed MOU document (no case) with managing MOUs.
  if (!can(viewer, "case.view") && !can(viewer, "mou.manage")) throw forbidden();
  const db = await getDb();
  const file = await getEvidenceDetail(db, viewer, params.id ?? "");
  const custody = await listCustody(db, viewer, file.id);
  if (file.caseId) {
    await recordCaseRead(db, viewer, file.caseId, { ...requestMeta(request, context), view: "evidence_custody" });
  }
  return json({
    file,
    custody,
    canDownload: can(viewer, file.caseId ? "evidence.download" : "mou.manage"),
    canVerify: can(viewer, "evidence.download"),
    canWithdraw: can(viewer, "evidence.withdraw") && file.ownOrganisation && !file.withdrawnAt,
  });
}

/** "Check integrity now": re-hashes the stored bytes and records the verification. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "evidence.download");
  const db = await getDb();
  const evidence = await requireEvidenceForViewer(db, viewer, params.id ?? "");
  const formData = await readSmallForm(request, 4096);
  if (formData?.get("intent") !== "verify") return json({ error: "unknown_intent" }, { status: 400 });
  const result = await verifyEvidence(db, viewer, evidence.id, requestMeta(request, context));
  return redirect(`/evidence/${evidence.id}/custody?verified=${result.intact ? "ok" : "failed"}`, { status: 303 });
}

export default function EvidenceCustodyPage() {
  const { file, custody, canDownload, canVerify, canWithdraw } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const refused = searchParams.get("refused");
  const verified = searchParams.get("verified");
  const withdrawError = searchParams.get("withdrawError");
  const viewable = Boolean(formatForContentType(file.contentType)?.inline);
  const restricted = file.sensitivity === "restricted";
  const when = (value: string | null) => (value ? formatDateTime(value, locale, timeZone) : t("evidence.section.unknownTime"));

  return (
    <>
      <header className="page-header">
        {file.caseId ? (
          <p>
            <Link to={`/cases/${file.caseId}#evidence`}>
              {t("evidence.custody.backToCase", { reference: file.caseReference ?? "", title: file.caseTitle ?? "" })}
            </Link>
          </p>
        ) : null}
        <h1>{file.originalName}</h1>
        <p className="muted">{t("evidence.custody.intro")}</p>
      </header>

      {refused === "integrity" || file.integrityFailedAt ? (
        <div className="evidence-alert" role="alert">
          <strong>{refused === "integrity" ? t("evidence.custody.refusedIntegrityTitle") : t("evidence.flags.integrityFailed")}</strong>
          <p>{t("evidence.custody.refusedIntegrityBody", { time: when(file.integrityFailedAt) })}</p>
        </div>
      ) : null}
      {refused === "reason" ? (
        <div className="evidence-alert" role="alert">
          <p>{t("evidence.custody.refusedReason")}</p>
        </div>
      ) : null}
      {verified === "ok" ? (
        <div className="evidence-notice" role="status">
          <p>{t("evidence.custody.verifiedOk")}</p>
        </div>
      ) : null}
      {verified === "failed" ? (
        <div className="evidence-alert" role="alert">
          <p>{t("evidence.custody.verifiedFailed")}</p>
        </div>
      ) : null}
      {searchParams.get("withdrawn") === "1" ? (
        <div className="evidence-notice" role="status">
          <p>{t("evidence.withdraw.done")}</p>
        </div>
      ) : null}

      <section className="card" aria-labelledby="evidence-facts">
        <h2 id="evidence-facts">{t("evidence.custody.factsTitle")}</h2>
        <dl className="facts custody-facts">
          <div>
            <dt>{t("evidence.fields.kind")}</dt>
            <dd>{t(`caseVocabulary.evidenceKind.${file.kind}`)}</dd>
          </div>
          <div>
            <dt>{t("evidence.columns.size")}</dt>
            <dd>
              {formatFileSize(file.sizeBytes, locale)}
              {file.sizeBytes >= 1024 ? (
                <span className="muted"> {t("evidence.section.exactBytes", { bytes: formatNumber(file.sizeBytes, locale) })}</span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t("evidence.custody.contentType")}</dt>
            <dd>
              <code>{file.contentType}</code>
            </dd>
          </div>
          <div>
            <dt>{t("evidence.fields.sensitivity")}</dt>
            <dd>{t(`caseVocabulary.sensitivity.${file.sensitivity}`)}</dd>
          </div>
          <div>
            <dt>{t("evidence.columns.sha256")}</dt>
            <dd>
              <HashValue value={file.sha256} />
            </dd>
          </div>
          <div>
            <dt>{t("evidence.columns.uploaded")}</dt>
            <dd>
              {file.uploadedByName} · {locale === "en" ? file.organisationNameEn : file.organisationNameZh}
              <span className="evidence-meta">{when(file.uploadedAt)}</span>
            </dd>
          </div>
          <div>
            <dt>{t("evidence.fields.capturedBy")}</dt>
            <dd>{file.capturedBy || t("evidence.section.unknownCapturer")}</dd>
          </div>
          <div>
            <dt>{t("evidence.fields.capturedAt")}</dt>
            <dd>{when(file.capturedAt)}</dd>
          </div>
          {file.description ? (
            <div>
              <dt>{t("evidence.fields.description")}</dt>
              <dd>{file.description}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("evidence.custody.state")}</dt>
            <dd>
              {file.withdrawnAt ? (
                <>
                  <span className="evidence-flag evidence-flag-muted">{t("evidence.flags.withdrawn")}</span>
                  <span className="evidence-meta">
                    {t("evidence.section.withdrawnDetail", { name: file.withdrawnByName ?? "", time: when(file.withdrawnAt), reason: file.withdrawnReason ?? "" })}
                  </span>
                </>
              ) : file.integrityFailedAt ? (
                <span className="evidence-flag evidence-flag-danger">{t("evidence.flags.integrityFailed")}</span>
              ) : (
                <span className="evidence-flag evidence-flag-ok">{t("evidence.flags.current")}</span>
              )}
            </dd>
          </div>
        </dl>
      </section>

      {canDownload || canVerify || canWithdraw ? (
        <div className="custody-actions">
          {canDownload ? (
            <section className="card" aria-labelledby="evidence-download">
              <h2 id="evidence-download">{t("evidence.download.title")}</h2>
              {/* A plain form: the answer is a file, not a page. */}
              <form method="get" action={`/evidence/${file.id}`}>
                <div className="field">
                  <label htmlFor="download-reason">{t(restricted ? "evidence.download.reasonRequired" : "evidence.download.reason")}</label>
                  <input id="download-reason" name="reason" maxLength={500} required={restricted} aria-describedby="download-reason-hint" />
                  <span id="download-reason-hint" className="field-hint">
                    {t("evidence.download.reasonHint")}
                  </span>
                </div>
                <div className="button-row">
                  <button type="submit" className="button">
                    {t("evidence.actions.download")}
                  </button>
                  {viewable ? (
                    <button type="submit" name="inline" value="1" className="button button-plain" formTarget="_blank">
                      {t("evidence.actions.view")}
                    </button>
                  ) : null}
                </div>
              </form>
            </section>
          ) : null}
          {canVerify ? (
            <section className="card" aria-labelledby="evidence-verify">
              <h2 id="evidence-verify">{t("evidence.verify.title")}</h2>
              <p className="muted">{t("evidence.verify.intro")}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="verify" />
                <button type="submit" className="button button-plain" disabled={navigation.state === "submitting"}>
                  {navigation.state === "submitting" ? t("evidence.verify.checking") : t("evidence.verify.submit")}
                </button>
              </Form>
            </section>
          ) : null}
          {canWithdraw ? <WithdrawForm evidenceId={file.id} initialError={withdrawError} /> : null}
        </div>
      ) : null}

      <section className="card" aria-labelledby="custody-title">
        <h2 id="custody-title">{t("evidence.custody.title")}</h2>
        <div className="table-wrap">
          <table className="custody-table">
            <thead>
              <tr>
                <th scope="col">{t("evidence.custody.columns.time")}</th>
                <th scope="col">{t("evidence.custody.columns.action")}</th>
                <th scope="col">{t("evidence.custody.columns.actor")}</th>
                <th scope="col">{t("evidence.custody.columns.reason")}</th>
                <th scope="col">{t("evidence.custody.columns.hash")}</th>
                <th scope="col">{t("evidence.custody.columns.ip")}</th>
              </tr>
            </thead>
            <tbody>
              {custody.map((event) => (
                <tr key={event.id} className={`custody-${event.action}`}>
                  <td>{when(event.occurredAt)}</td>
                  <td>{t(`caseVocabulary.custodyAction.${event.action}`)}</td>
                  <td>
                    {event.actorName ?? t("evidence.custody.system")}
                    {event.organisationNameZh ? (
                      <span className="evidence-meta">{locale === "en" ? event.organisationNameEn : event.organisationNameZh}</span>
                    ) : null}
                  </td>
                  <td>
                    {event.action === "integrity_failure"
                      ? t(event.reason === "verify" ? "evidence.custody.failedDuringVerify" : "evidence.custody.failedDuringDownload")
                      : event.reason || "—"}
                  </td>
                  <td>
                    {event.sha256 ? (
                      <>
                        <HashValue value={event.sha256} />
                        <span className={`evidence-flag ${event.sha256 === file.sha256 ? "evidence-flag-ok" : "evidence-flag-danger"}`}>
                          {event.sha256 === file.sha256 ? t("evidence.custody.hashMatches") : t("evidence.custody.hashDiffers")}
                        </span>
                      </>
                    ) : event.action === "integrity_failure" ? (
                      <span className="evidence-flag evidence-flag-danger">{t("evidence.custody.hashMissing")}</span>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{event.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function WithdrawForm({ evidenceId, initialError }: { evidenceId: string; initialError: string | null }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<SubmissionResult<string[]>>();
  const [form, fields] = useForm({
    id: "withdraw-evidence",
    lastResult: fetcher.data,
    constraint: getZodConstraint(WithdrawEvidenceSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WithdrawEvidenceSchema }),
  });
  const errors = [...(form.errors ?? []), ...(initialError ? [`evidence.withdraw.${initialError}`] : [])];
  return (
    <section className="card" aria-labelledby="evidence-withdraw">
      <h2 id="evidence-withdraw">{t("evidence.withdraw.title")}</h2>
      <p className="muted">{t("evidence.withdraw.intro")}</p>
      <fetcher.Form method="post" action={`/evidence/${evidenceId}`} {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={errors} />
        <Field label={t("evidence.withdraw.reason")} htmlFor={fields.reason.id} errorId={fields.reason.errorId} errors={fields.reason.errors}>
          <textarea {...getTextareaProps(fields.reason)} rows={3} />
        </Field>
        <button type="submit" className="button button-danger" disabled={fetcher.state !== "idle"}>
          {t("evidence.withdraw.submit")}
        </button>
      </fetcher.Form>
    </section>
  );
}
