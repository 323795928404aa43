/** The answer of /verify: match or not, the hashes, what changed (when the PDF was given), and warnings. */
import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formatFileSize } from "~/domain/evidence";
import type { ManifestFile, VerificationResult } from "~/domain/packet";
import { DEFAULT_LOCALE, formatDateTime, type Locale } from "~/lib/i18n";
import { useRootData } from "~/root";

export function VerificationOutcome({ result }: { result: VerificationResult }) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale: Locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const heading = useRef<HTMLHeadingElement>(null);
  // A new answer takes the focus (and so the screen) to itself: below the forms it would go unseen.
  useEffect(() => heading.current?.focus(), [result]);

  if (result.status === "unknown_case") {
    return (
      <section className="card verify-result verify-result-mismatch" aria-labelledby="verify-result-title" aria-live="polite">
        <h2 id="verify-result-title" ref={heading} tabIndex={-1}>
          {t("packet.verify.resultTitle")}
        </h2>
        <p className="verify-verdict" role="status">
          {t("packet.verify.unknownCase", { reference: result.caseReference })}
        </p>
      </section>
    );
  }

  const matched = result.status === "match";
  const difference = result.difference;
  return (
    <section className={`card verify-result verify-result-${result.status}`} aria-labelledby="verify-result-title" aria-live="polite">
      <h2 id="verify-result-title" ref={heading} tabIndex={-1}>
          {t("packet.verify.resultTitle")}
        </h2>
      <p className="verify-verdict" role="status">
        {t(matched ? "packet.verify.match" : "packet.verify.mismatch", { reference: result.caseReference })}
      </p>
      <dl className="verify-facts">
        <div>
          <dt>{t("packet.verify.reference")}</dt>
          <dd>
            <Link to={`/cases/${result.caseId}`}>{result.caseReference}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("packet.verify.claimedHash")}</dt>
          <dd>
            <code className="verify-hash">{result.claimedHash}</code>
          </dd>
        </div>
        <div>
          <dt>{t("packet.verify.currentHash")}</dt>
          <dd>
            <code className="verify-hash">{result.currentHash}</code>
          </dd>
        </div>
        <div>
          <dt>{t("packet.verify.fileCount")}</dt>
          <dd>{result.currentFileCount}</dd>
        </div>
      </dl>

      {result.embeddedManifestAltered ? <p className="verify-warning">{t("packet.verify.altered")}</p> : null}
      {result.pdfChecked ? (
        <p className={result.issued ? "verify-note" : "verify-warning"}>
          {result.issued
            ? t("packet.verify.issued", {
                name: result.issued.exportedBy ?? t("packet.verify.unknownExporter"),
                time: formatDateTime(result.issued.exportedAt, locale, timeZone),
              })
            : t("packet.verify.notIssued")}
        </p>
      ) : null}
      {!matched && !result.pdfChecked ? <p className="verify-note">{t("packet.verify.codeOnly")}</p> : null}
      {!matched && result.pdfChecked && !difference && !result.embeddedManifestAltered ? (
        <p className="verify-note">{t("packet.verify.noDifferenceListed")}</p>
      ) : null}

      {difference ? (
        <>
          <FileList title={t("packet.verify.added")} files={difference.added} />
          <FileList title={t("packet.verify.withdrawnSince")} files={difference.withdrawnSince} />
          <FileList title={t("packet.verify.missing")} files={difference.missing} />
          <FileList title={t("packet.verify.changed")} files={difference.changed.map((change) => change.current)} />
        </>
      ) : null}

      {result.integrityFailures.length > 0 ? (
        <p className="verify-warning">
          {t("packet.verify.integrityFailures", { names: result.integrityFailures.map((file) => file.name).join(locale === "zh-CN" ? "、" : ", ") })}
        </p>
      ) : null}
      <p className="muted verify-recorded">{t("packet.verify.recorded")}</p>
    </section>
  );
}

function FileList({ title, files }: { title: string; files: ManifestFile[] }) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale: Locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  if (files.length === 0) return null;
  return (
    <div className="verify-files">
      <h3>{title}</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("packet.verify.columns.name")}</th>
              <th scope="col">{t("packet.verify.columns.kind")}</th>
              <th scope="col" className="numeric">
                {t("packet.verify.columns.size")}
              </th>
              <th scope="col">{t("packet.verify.columns.uploadedAt")}</th>
              <th scope="col">{t("packet.verify.columns.sha256")}</th>
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <tr key={file.id}>
                <td>{file.name}</td>
                <td>{t(`caseVocabulary.evidenceKind.${file.kind}`, { defaultValue: file.kind })}</td>
                <td className="numeric">{formatFileSize(file.sizeBytes, locale)}</td>
                <td>{formatDateTime(file.uploadedAt, locale, timeZone)}</td>
                <td>
                  <code className="verify-hash">{file.sha256}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
