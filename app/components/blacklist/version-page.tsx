/**
 * The page of a published version (/blacklist shows the latest, /blacklist/versions/:number any): facts,
 * downloads, the list, its corrections and every version. A platform lead finds a correction form under each
 * entry; the platform's case workers a link to the draft.
 */
import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PublishedVersionView, VersionSummary } from "~/domain/blacklist";
import { CorrectionForm, type CorrectionReply } from "./correction-form";
import { CorrectionsSection, ExportLinks, PublishedEntriesTable, VersionFacts, VersionsList } from "./published";

export interface VersionPageData {
  version: PublishedVersionView | null;
  versions: VersionSummary[];
  canPropose: boolean;
  canCorrect: boolean;
}

export function BlacklistNotice() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const notice = searchParams.get("notice");
  if (notice === "published") {
    return (
      <p className="notice" role="status">
        {t("blacklist.notice.published", { number: searchParams.get("number") ?? "" })}
      </p>
    );
  }
  if (notice === "corrected") {
    return (
      <p className="notice" role="status">
        {t("blacklist.notice.corrected")}
      </p>
    );
  }
  return null;
}

export function VersionPage({ data, reply, heading }: { data: VersionPageData; reply?: CorrectionReply; heading: "list" | "version" }) {
  const { t } = useTranslation();
  const { version } = data;
  return (
    <div className="page bl-page">
      <header className="page-header">
        {heading === "version" && version ? (
          <p className="bl-kicker">
            <Link to="/blacklist">{t("blacklist.title")}</Link>
          </p>
        ) : null}
        <h1>{heading === "version" && version ? t("blacklist.version.title", { number: version.number }) : t("blacklist.title")}</h1>
        <p className="muted">{t("blacklist.intro")}</p>
        {data.canPropose ? (
          <p>
            <Link to="/blacklist/draft" className="bl-button bl-button-quiet">
              {t("blacklist.draftLink")}
            </Link>
          </p>
        ) : null}
      </header>
      <BlacklistNotice />
      {version ? (
        <>
          <section className="card" aria-labelledby="version-title">
            <h2 id="version-title">{t("blacklist.version.heading", { number: version.number, quarter: version.quarter })}</h2>
            {version.number === version.latestNumber ? (
              <p className="muted">{t("blacklist.version.latest")}</p>
            ) : (
              <p className="notice notice-warning bl-not-latest">
                {t("blacklist.version.notLatest", { number: version.latestNumber })}{" "}
                <Link to={`/blacklist/versions/${version.latestNumber}`}>{t("blacklist.version.openLatest")}</Link>
              </p>
            )}
            <VersionFacts version={version} />
            <ExportLinks number={version.number} />
            <PublishedEntriesTable
              version={version}
              renderEntryTools={data.canCorrect ? (entry) => <CorrectionForm number={version.number} entry={entry} reply={reply} /> : undefined}
            />
            <p className="muted bl-permanent">{t("blacklist.version.permanent")}</p>
          </section>
          <CorrectionsSection version={version} />
        </>
      ) : (
        <p className="card muted">{t("blacklist.noneYet")}</p>
      )}
      {data.versions.length ? <VersionsList versions={data.versions} current={version?.number ?? null} /> : null}
    </div>
  );
}
