/**
 * The evidence files of a case, on the case page: the list (name, kind, size, SHA-256, who and when,
 * withdrawn and integrity-failure flags, links to download, view and the chain of custody) and, for those
 * who may add evidence, the uploader. The page includes `evidenceLinks` in its `links`.
 */
import { Link, useSearchParams } from "@remix-run/react";
import type { LinksFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { can } from "~/domain/policy";
import {
  decodeUploadNotice,
  formatFileSize,
  formatForContentType,
  type EvidenceListItem,
} from "~/domain/evidence";
import { DEFAULT_LOCALE, formatDateTime, formatNumber } from "~/lib/i18n";
import { useRootData } from "~/root";
import evidenceStyles from "~/styles/evidence.css";
import { EvidenceUploader } from "./evidence-uploader";
import { HashValue } from "./hash-value";
import { RejectionMessage } from "./rejection-message";

export const evidenceLinks: ReturnType<LinksFunction> = [{ rel: "stylesheet", href: evidenceStyles }];

export function EvidenceSection({
  caseId,
  evidence,
  canUpload,
  maxUploadBytes,
}: {
  caseId: string;
  evidence: EvidenceListItem[];
  /** The viewer may add evidence to this case now (evidence.upload, and the case still takes evidence). */
  canUpload: boolean;
  /** EVIDENCE_MAX_BYTES, so the uploader refuses a file too large before sending it (evidenceUploadLimit()). */
  maxUploadBytes?: number;
}) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const canDownload = can(root?.viewer ?? null, "evidence.download");
  const [searchParams] = useSearchParams();
  const notice = decodeUploadNotice(searchParams.get("evidence"));
  const failed = evidence.filter((file) => file.integrityFailedAt);
  const current = evidence.filter((file) => !file.withdrawnAt);

  return (
    <section id="evidence" className="card evidence-section" aria-labelledby="evidence-title">
      <h2 id="evidence-title">
        {t("evidence.section.title")} <span className="tag">{formatNumber(current.length, locale)}</span>
      </h2>

      {failed.length > 0 ? (
        <div className="evidence-alert" role="alert">
          <strong>{t("evidence.section.integrityAlertTitle", { count: failed.length })}</strong>
          <p>{t("evidence.section.integrityAlertBody")}</p>
        </div>
      ) : null}

      {notice && notice.stored > 0 ? (
        <div className="evidence-notice" role="status">
          <p>{t("evidence.section.storedNotice", { count: notice.stored })}</p>
        </div>
      ) : null}
      {notice && notice.refused.length > 0 ? (
        <div className="evidence-refusals" role="alert">
          {notice.refused.map((refusal, index) => (
            <RejectionMessage key={index} rejection={refusal.rejection} name={refusal.name} />
          ))}
        </div>
      ) : null}

      {evidence.length === 0 ? (
        <p className="muted">{t("evidence.section.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="evidence-table">
            <thead>
              <tr>
                <th scope="col">{t("evidence.columns.file")}</th>
                <th scope="col" className="numeric">
                  {t("evidence.columns.size")}
                </th>
                <th scope="col">{t("evidence.columns.sha256")}</th>
                <th scope="col">{t("evidence.columns.uploaded")}</th>
                <th scope="col">{t("evidence.columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {evidence.map((file) => {
                const custody = `/evidence/${file.id}/custody`;
                const viewable = Boolean(formatForContentType(file.contentType)?.inline);
                const needsReason = file.sensitivity === "restricted";
                const rowClass = [file.withdrawnAt ? "evidence-withdrawn" : "", file.integrityFailedAt ? "evidence-integrity-failed" : ""]
                  .filter(Boolean)
                  .join(" ");
                return (
                  <tr key={file.id} className={rowClass || undefined} data-evidence-id={file.id}>
                    <td>
                      <span className="evidence-name">{file.originalName}</span>
                      <div>
                        <span className="tag">{t(`caseVocabulary.evidenceKind.${file.kind}`)}</span>
                        {file.sensitivity !== "normal" ? (
                          <span className="evidence-flag evidence-flag-warn">{t(`caseVocabulary.sensitivity.${file.sensitivity}`)}</span>
                        ) : null}
                        {file.integrityFailedAt ? (
                          <span className="evidence-flag evidence-flag-danger">{t("evidence.flags.integrityFailed")}</span>
                        ) : null}
                        {file.withdrawnAt ? <span className="evidence-flag evidence-flag-muted">{t("evidence.flags.withdrawn")}</span> : null}
                      </div>
                      {file.description ? <p className="evidence-description">{file.description}</p> : null}
                      {file.withdrawnAt ? (
                        <p className="evidence-description">
                          {t("evidence.section.withdrawnDetail", {
                            name: file.withdrawnByName ?? "",
                            time: formatDateTime(file.withdrawnAt, locale, timeZone),
                            reason: file.withdrawnReason ?? "",
                          })}
                        </p>
                      ) : null}
                      {file.integrityFailedAt ? (
                        <p className="evidence-description">
                          {t("evidence.section.integrityDetail", { time: formatDateTime(file.integrityFailedAt, locale, timeZone) })}
                        </p>
                      ) : null}
                    </td>
                    <td className="numeric" title={t("evidence.section.exactBytes", { bytes: formatNumber(file.sizeBytes, locale) })}>
                      {formatFileSize(file.sizeBytes, locale)}
                    </td>
                    <td>
                      <HashValue value={file.sha256} />
                    </td>
                    <td>
                      {file.uploadedByName}
                      <span className="evidence-meta">{locale === "en" ? file.organisationNameEn : file.organisationNameZh}</span>
                      <span className="evidence-meta">{formatDateTime(file.uploadedAt, locale, timeZone)}</span>
                      {file.capturedBy || file.capturedAt ? (
                        <span className="evidence-meta">
                          {file.capturedBy && file.capturedAt
                            ? t("evidence.section.captured", { who: file.capturedBy, when: formatDateTime(file.capturedAt, locale, timeZone) })
                            : file.capturedBy
                              ? t("evidence.section.capturedBy", { who: file.capturedBy })
                              : t("evidence.section.capturedAt", { when: formatDateTime(file.capturedAt!, locale, timeZone) })}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <div className="evidence-actions">
                        {canDownload && !needsReason ? (
                          <a href={`/evidence/${file.id}`} aria-label={t("evidence.actions.downloadNamed", { name: file.originalName })}>
                            {t("evidence.actions.download")}
                          </a>
                        ) : null}
                        {canDownload && !needsReason && viewable ? (
                          <a href={`/evidence/${file.id}?inline=1`} target="_blank" rel="noreferrer" aria-label={t("evidence.actions.viewNamed", { name: file.originalName })}>
                            {t("evidence.actions.view")}
                          </a>
                        ) : null}
                        {canDownload && needsReason ? (
                          <Link to={custody}>{t("evidence.actions.downloadWithReason")}</Link>
                        ) : null}
                        <Link to={custody} aria-label={t("evidence.actions.custodyNamed", { name: file.originalName })}>
                          {t("evidence.actions.custody")}
                        </Link>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {canUpload ? <EvidenceUploader caseId={caseId} maxUploadBytes={maxUploadBytes} /> : null}
    </section>
  );
}
