/**
 * A published blacklist version as everyone who may read the blacklist sees it: its facts, its entries with
 * only their published values ("—" for a field not published), the corrections recorded against it and the
 * corrections it carries out, the downloads, and the list of every published version.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PUBLISHABLE_FIELDS, type CorrectionView, type PublishedEntryView, type PublishedVersionView, type VersionSummary } from "~/domain/blacklist";
import { changeText, correctionStatus, publishedValueText } from "./text";

export { publishedValueText };
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";

export function useFormatTime() {
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  return (value: string) => formatDateTime(value, locale, timeZone);
}

/** A field that is not published: a dash, read out as "not published". */
export function NotPublished() {
  const { t } = useTranslation();
  return (
    <span className="bl-unpublished" title={t("blacklist.notPublished")}>
      <span aria-hidden="true">—</span>
      <span className="bl-sr-only">{t("blacklist.notPublished")}</span>
    </span>
  );
}

export function VersionFacts({ version }: { version: PublishedVersionView }) {
  const { t } = useTranslation();
  const time = useFormatTime();
  return (
    <dl className="facts bl-facts" aria-label={t("blacklist.version.facts")}>
      <div>
        <dt>{t("blacklist.version.number")}</dt>
        <dd>{version.number}</dd>
      </div>
      <div>
        <dt>{t("blacklist.version.quarter")}</dt>
        <dd>{version.quarter}</dd>
      </div>
      <div>
        <dt>{t("blacklist.version.publishedAt")}</dt>
        <dd>{time(version.publishedAt)}</dd>
      </div>
      <div>
        <dt>{t("blacklist.version.signedOffBy")}</dt>
        <dd>{version.signedOffByName}</dd>
      </div>
      <div>
        <dt>{t("blacklist.version.entries")}</dt>
        <dd>{version.entries.length}</dd>
      </div>
      {version.publicationNote ? (
        <div className="bl-facts-wide">
          <dt>{t("blacklist.version.publicationNote")}</dt>
          <dd className="bl-plain">{version.publicationNote}</dd>
        </div>
      ) : null}
    </dl>
  );
}

export function ExportLinks({ number }: { number: number }) {
  const { t } = useTranslation();
  return (
    <p className="bl-exports">
      <span className="muted">{t("blacklist.exports.title")}</span>
      {/* Plain links: a download, not a page to prefetch or render. */}
      <a className="bl-button bl-button-quiet" href={`/blacklist/versions/${number}.pdf`} aria-label={t("blacklist.exports.pdfLabel", { number })} download>
        {t("blacklist.exports.pdf")}
      </a>
      <a className="bl-button bl-button-quiet" href={`/blacklist/versions/${number}.csv`} aria-label={t("blacklist.exports.csvLabel", { number })} download>
        {t("blacklist.exports.csv")}
      </a>
    </p>
  );
}

export function PublishedEntriesTable({
  version,
  renderEntryTools,
}: {
  version: PublishedVersionView;
  /** Extra controls under an entry (the correction form for a platform lead). */
  renderEntryTools?: (entry: PublishedEntryView) => ReactNode;
}) {
  const { t } = useTranslation();
  if (!version.entries.length) return <p className="muted">{t("blacklist.version.empty")}</p>;
  return (
    <div className="table-wrap">
      <table className="bl-table" data-testid="blacklist-entries">
        <caption className="bl-sr-only">{t("blacklist.version.listCaption", { number: version.number, quarter: version.quarter })}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              {t("blacklist.field.position")}
            </th>
            {PUBLISHABLE_FIELDS.map((field) => (
              <th key={field} scope="col">
                {t(`blacklist.field.${field}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {version.entries.map((entry) => (
            <tr key={entry.id} id={`entry-${entry.id}`} data-corrected={entry.corrections.length ? true : undefined}>
              <td className="numeric">{entry.position}</td>
              {PUBLISHABLE_FIELDS.map((field) => {
                const text = publishedValueText(t, field, entry.values, entry.provinceName);
                return (
                  <td key={field} className={field === "credit_code" ? "bl-code" : undefined}>
                    {field === "name" ? (
                      <>
                        {text ?? <NotPublished />}
                        {entry.corrections.map((correction) => (
                          <p key={correction.id} className="bl-entry-correction">
                            {correctionStatus(t, correction)}
                          </p>
                        ))}
                        {renderEntryTools ? renderEntryTools(entry) : null}
                      </>
                    ) : (
                      (text ?? <NotPublished />)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CorrectionItem({ correction, carriedOut, provinceNames }: { correction: CorrectionView; carriedOut?: boolean; provinceNames: Record<string, string> }) {
  const { t } = useTranslation();
  const time = useFormatTime();
  const about = correction.entryPosition
    ? t("blacklist.corrections.about", { position: correction.entryPosition, name: correction.entryName ?? "" })
    : t("blacklist.corrections.aboutName", { name: correction.entryName ?? "" });
  return (
    <li className="bl-correction" data-kind={correction.kind}>
      <p className="bl-correction-title">
        <span className="bl-tag">{carriedOut ? t("blacklist.corrections.carriesOutItem", { number: correction.correctsVersion }) : t(`blacklist.corrections.kindTitle.${correction.kind}`)}</span>{" "}
        <strong>{about}</strong>
        {carriedOut ? <span className="muted"> · {t(`blacklist.corrections.kind.${correction.kind}`)}</span> : null}
      </p>
      <p>
        <span className="muted">
          {t("blacklist.corrections.reason")}
          {t("blacklist.colon")}
        </span>
        <span className="bl-plain">{correction.reason}</span>
      </p>
      {correction.changes.length ? (
        <ul className="bl-amendment" aria-label={t("blacklist.corrections.changes")}>
          {correction.changes.map((change) => (
            <li key={change.field}>{changeText(t, change, provinceNames)}</li>
          ))}
        </ul>
      ) : null}
      <p className="muted">
        {t("blacklist.corrections.recorded", { name: correction.recordedByName, time: time(correction.recordedAt) })}{" "}
        {carriedOut ? null : correction.correctedInVersion ? (
          <Link to={`/blacklist/versions/${correction.correctedInVersion}`}>{t("blacklist.corrections.correctedIn", { number: correction.correctedInVersion })}</Link>
        ) : (
          t("blacklist.corrections.pending")
        )}
      </p>
    </li>
  );
}

export function CorrectionsSection({ version }: { version: PublishedVersionView }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="card" id="corrections" aria-labelledby="corrections-title">
        <h2 id="corrections-title">{t("blacklist.corrections.title")}</h2>
        {version.corrections.length ? (
          <ul className="bl-corrections">
            {version.corrections.map((correction) => (
              <CorrectionItem key={correction.id} correction={correction} provinceNames={version.provinceNames} />
            ))}
          </ul>
        ) : (
          <p className="muted">{t("blacklist.corrections.none")}</p>
        )}
      </section>
      {version.carriesOut.length ? (
        <section className="card" aria-labelledby="carries-out-title">
          <h2 id="carries-out-title">{t("blacklist.corrections.carriesOutTitle")}</h2>
          <ul className="bl-corrections">
            {version.carriesOut.map((correction) => (
              <CorrectionItem key={correction.id} correction={correction} carriedOut provinceNames={version.provinceNames} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function VersionsList({ versions, current }: { versions: VersionSummary[]; current: number | null }) {
  const { t } = useTranslation();
  const time = useFormatTime();
  return (
    <section className="card" aria-labelledby="versions-title">
      <h2 id="versions-title">{t("blacklist.versions.title")}</h2>
      <ul className="bl-versions">
        {versions.map((version) => (
          <li key={version.number}>
            <Link to={`/blacklist/versions/${version.number}`} aria-current={version.number === current ? "page" : undefined}>
              {t("blacklist.versions.item", { number: version.number, quarter: version.quarter })}
            </Link>{" "}
            <span className="muted">
              {t("blacklist.versions.meta", { date: time(version.publishedAt), entries: version.entries, corrections: version.corrections })}
              {version.number === current ? ` ${t("blacklist.versions.current")}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
