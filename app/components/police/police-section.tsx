/**
 * The police side of /cases/:id, for both sides (getPoliceSection): the investigation notes the viewer may
 * read (and the form to add one, for the agency), then the outcome — raids with their sites and seizures and
 * the totals, persons, charges, filing, prosecution or the administrative outcome — and the platform's
 * follow-up, each with the link to record or edit it for whoever may.
 */
import { Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatQuantity, formatYuan, type OutcomeView, type PoliceSectionView, type RaidView, type SeizureTotals } from "~/domain/police";
import { DEFAULT_LOCALE, formatDateTime, type Locale } from "~/lib/i18n";
import { useRootData } from "~/root";
import policeStyles from "~/styles/police.css";
import { NoteForm, NoteList } from "./case-notes";
import { PlatformActionList } from "./platform-actions";

/** The section's stylesheet, for the `links` of the page that renders it. */
export const policeLinks = [{ rel: "stylesheet", href: policeStyles }];

const NOTICES = ["noteAdded", "raidRecorded", "raidRecordedMoved", "raidUpdated", "outcomeSaved", "platformActionRecorded"] as const;

function useLocaleData() {
  const root = useRootData();
  return { locale: (root?.locale ?? DEFAULT_LOCALE) as Locale, timeZone: root?.timeZone ?? "Asia/Shanghai" };
}

export function PoliceSection({ caseId, section }: { caseId: string; section: PoliceSectionView }) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  if (!section.visible) return null;
  const notice = searchParams.get("police");
  const known = NOTICES.find((key) => key === notice);
  return (
    <>
      {known ? (
        <p className="notice" role="status">
          {t(`police.notice.${known}`, { status: t("caseVocabulary.status.raided") })}
        </p>
      ) : null}
      <section id="notes" className="card police-section" aria-labelledby="notes-title">
        <h2 id="notes-title">{t("police.notes.title")}</h2>
        <p className="muted">{t(section.can.addNote ? "police.notes.introAgency" : "police.notes.introShared")}</p>
        <NoteList notes={section.notes} />
        {section.can.addNote ? <NoteForm caseId={caseId} /> : null}
      </section>

      <section id="outcome" className="card police-section" aria-labelledby="outcome-title">
        <div className="police-section-head">
          <h2 id="outcome-title">{t("police.section.outcomeTitle")}</h2>
          <div className="police-section-actions">
            {section.can.recordRaid ? (
              <Link to={`/cases/${caseId}/raids/new`} className="button">
                {t("police.section.recordRaid")}
              </Link>
            ) : null}
            {section.can.editOutcome ? (
              <Link to={`/cases/${caseId}/outcome`} className="button button-secondary-light">
                {section.outcome ? t("police.section.editOutcome") : t("police.section.startOutcome")}
              </Link>
            ) : null}
          </div>
        </div>
        {section.raids.length ? <Totals totals={section.totals} raids={section.raids.length} /> : null}

        <h3>{t("police.section.raidsTitle")}</h3>
        {section.raids.length ? (
          <ol className="police-raids">
            {section.raids.map((raid, index) => (
              <li key={raid.id}>
                <RaidCard caseId={caseId} raid={raid} number={index + 1} canEdit={section.can.recordRaid} />
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t("police.section.noRaids")}</p>
        )}

        <h3>{t("police.section.outcomeRecord")}</h3>
        {section.outcome ? <OutcomeFacts outcome={section.outcome} /> : <p className="muted">{t("police.section.noOutcome")}</p>}
      </section>

      <section id="follow-up" className="card police-section" aria-labelledby="follow-up-title">
        <div className="police-section-head">
          <h2 id="follow-up-title">{t("police.section.followUpTitle")}</h2>
          {section.can.recordPlatformAction ? (
            <Link to={`/cases/${caseId}/platform-actions`} className="button button-secondary-light">
              {t("police.section.recordFollowUp")}
            </Link>
          ) : null}
        </div>
        <PlatformActionList actions={section.platformActions} />
      </section>
    </>
  );
}

function Totals({ totals, raids }: { totals: SeizureTotals; raids: number }) {
  const { t } = useTranslation();
  const { locale } = useLocaleData();
  return (
    <dl className="facts police-totals" aria-label={t("police.section.totalsLabel")}>
      <div>
        <dt>{t("police.section.totals.raids")}</dt>
        <dd>{raids}</dd>
      </div>
      <div>
        <dt>{t("police.section.totals.value")}</dt>
        <dd>
          {formatYuan(totals.valueYuan, locale)}
          {totals.unvalued ? <span className="muted"> {t("police.section.totals.unvalued", { count: totals.unvalued })}</span> : null}
        </dd>
      </div>
      <div>
        <dt>{t("police.section.totals.quantities")}</dt>
        <dd>
          {totals.quantities.length
            ? totals.quantities
                .map((row) => t("police.quantityWithUnit", { quantity: formatQuantity(row.quantity, locale), unit: t(`caseVocabulary.seizureUnit.${row.unit}`) }))
                .join(t("police.summary.listSeparator"))
            : "—"}
        </dd>
      </div>
      <div>
        <dt>{t("police.section.totals.labels")}</dt>
        <dd>{new Intl.NumberFormat(locale).format(totals.counterfeitLabels)}</dd>
      </div>
    </dl>
  );
}

function RaidCard({ caseId, raid, number, canEdit }: { caseId: string; raid: RaidView; number: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useLocaleData();
  return (
    <article className="police-raid" aria-labelledby={`raid-${raid.id}-title`}>
      <div className="police-section-head">
        <h4 id={`raid-${raid.id}-title`}>{t("police.section.raidTitle", { number, time: formatDateTime(raid.raidedAt, locale, timeZone) })}</h4>
        {canEdit ? (
          <Link to={`/cases/${caseId}/raids/${raid.id}`} className="button button-quiet">
            {t("police.section.editRaid")}
          </Link>
        ) : null}
      </div>
      <dl className="facts">
        {raid.units ? <Fact label={t("police.raid.fields.units")}>{raid.units}</Fact> : null}
        {raid.platformStaff ? <Fact label={t("police.raid.fields.platformStaff")}>{raid.platformStaff}</Fact> : null}
        <Fact label={t("police.section.recordedBy")}>
          {raid.updatedByName
            ? t("police.section.recordedAndUpdated", { name: raid.recordedByName, updatedBy: raid.updatedByName, time: formatDateTime(raid.updatedAt, locale, timeZone) })
            : raid.recordedByName}
        </Fact>
      </dl>
      {raid.summary ? <p className="police-raid-summary">{raid.summary}</p> : null}
      <h5>{t("police.section.sites", { count: raid.sites.length })}</h5>
      <ul className="plain-list police-sites">
        {raid.sites.map((site) => (
          <li key={site.position}>
            <span className="tag">{t(`caseVocabulary.siteType.${site.type}`)}</span> {site.address}
            <span className="muted">
              {" · "}
              {site.divisionName ?? site.divisionCode}
              {site.caseSiteId ? ` · ${t("police.section.leadSite")}` : ` · ${t("police.section.newSite")}`}
            </span>
          </li>
        ))}
      </ul>
      <h5>{t("police.section.seizures", { count: raid.seizures.length })}</h5>
      {raid.seizures.length ? (
        <div className="table-wrap">
          <table className="police-seizures">
            <thead>
              <tr>
                <th scope="col">{t("police.seizure.fields.product")}</th>
                <th scope="col" className="numeric">{t("police.seizure.fields.quantity")}</th>
                <th scope="col" className="numeric">{t("police.seizure.fields.counterfeitLabels")}</th>
                <th scope="col" className="numeric">{t("police.seizure.fields.valueYuan")}</th>
                <th scope="col">{t("police.seizure.fields.seizureList")}</th>
              </tr>
            </thead>
            <tbody>
              {raid.seizures.map((seizure) => (
                <tr key={seizure.position}>
                  <td>
                    {seizure.product}
                    {seizure.brand ? <span className="muted"> · {seizure.brand}</span> : null}
                    {seizure.equipment ? <div className="muted">{t("police.section.equipment", { equipment: seizure.equipment })}</div> : null}
                    {seizure.notes ? <div className="muted">{seizure.notes}</div> : null}
                  </td>
                  <td className="numeric">
                    {t("police.quantityWithUnit", { quantity: formatQuantity(seizure.quantity, locale), unit: t(`caseVocabulary.seizureUnit.${seizure.unit}`) })}
                  </td>
                  <td className="numeric">{new Intl.NumberFormat(locale).format(seizure.counterfeitLabels)}</td>
                  <td className="numeric">
                    {seizure.valueYuan ? formatYuan(seizure.valueYuan, locale) : "—"}
                    {seizure.valuationMethod ? <div className="muted">{t(`caseVocabulary.valuationMethod.${seizure.valuationMethod}`)}</div> : null}
                  </td>
                  <td>
                    {seizure.seizureList ? (
                      <Link to={`/evidence/${seizure.seizureList.id}/custody`}>
                        {seizure.seizureList.originalName}
                        {seizure.seizureList.withdrawn ? ` (${t("police.section.withdrawn")})` : ""}
                      </Link>
                    ) : (
                      <span className="muted">{t("police.section.noSeizureList")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("police.section.raidTotal")}</th>
                <td className="numeric">
                  {raid.totals.quantities
                    .map((row) => t("police.quantityWithUnit", { quantity: formatQuantity(row.quantity, locale), unit: t(`caseVocabulary.seizureUnit.${row.unit}`) }))
                    .join(t("police.summary.listSeparator"))}
                </td>
                <td className="numeric">{new Intl.NumberFormat(locale).format(raid.totals.counterfeitLabels)}</td>
                <td className="numeric">{formatYuan(raid.totals.valueYuan, locale)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      ) : (
        <p className="muted">{t("police.section.noSeizures")}</p>
      )}
    </article>
  );
}

function Fact({ label, children, text }: { label: string; children: ReactNode; text?: boolean }) {
  return (
    <div className={text ? "police-fact-text" : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function OutcomeFacts({ outcome }: { outcome: OutcomeView }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useLocaleData();
  const label = (field: string) => t(`police.outcome.fields.${field}`);
  const money = (value: string | null) => (value ? formatYuan(value, locale) : null);
  return (
    <div className="police-outcome">
      <dl className="facts">
        <Fact label={label("filingDecision")}>
          {outcome.filingDecision ? t(`caseVocabulary.filingDecision.${outcome.filingDecision}`) : t("police.section.notYet")}
          {outcome.filedOn ? <span className="muted"> · {outcome.filedOn}</span> : null}
        </Fact>
        {outcome.policeCaseNumber ? <Fact label={label("policeCaseNumber")}>{outcome.policeCaseNumber}</Fact> : null}
        {outcome.notFiledReason ? <Fact label={label("notFiledReason")} text>{outcome.notFiledReason}</Fact> : null}
        <Fact label={t("police.outcome.sections.persons")}>
          {t("police.section.persons", {
            detained: outcome.detained,
            arrested: outcome.arrested,
            onBail: outcome.onBail,
            residentialSurveillance: outcome.residentialSurveillance,
          })}
        </Fact>
        <Fact label={label("charges")}>
          {outcome.charges.length ? (
            <ul className="tag-list">
              {outcome.charges.map((article) => (
                <li key={article} className="tag">
                  {t(`caseVocabulary.article.${article}`)}
                </li>
              ))}
            </ul>
          ) : (
            t("police.section.notYet")
          )}
        </Fact>
        <Fact label={label("route")}>{outcome.route ? t(`caseVocabulary.outcomeRoute.${outcome.route}`) : t("police.section.notYet")}</Fact>
      </dl>
      {outcome.route === "criminal" ? (
        <dl className="facts">
          {outcome.transferredToProcuratorateOn || outcome.procuratorate ? (
            <Fact label={label("transferredToProcuratorateOn")}>{[outcome.transferredToProcuratorateOn, outcome.procuratorate].filter(Boolean).join(" · ")}</Fact>
          ) : null}
          {outcome.indictedOn ? <Fact label={label("indictedOn")}>{outcome.indictedOn}</Fact> : null}
          {outcome.court ? <Fact label={label("court")}>{outcome.court}</Fact> : null}
          {outcome.judgmentOn ? <Fact label={label("judgmentOn")}>{outcome.judgmentOn}</Fact> : null}
          {outcome.verdict ? <Fact label={label("verdict")}>{t(`caseVocabulary.verdict.${outcome.verdict}`)}</Fact> : null}
          {outcome.sentence ? <Fact label={label("sentence")} text>{outcome.sentence}</Fact> : null}
          {outcome.finesYuan ? <Fact label={label("finesYuan")}>{money(outcome.finesYuan)}</Fact> : null}
        </dl>
      ) : null}
      {outcome.route === "administrative" ? (
        <dl className="facts">
          {outcome.administrativeAuthority ? <Fact label={label("administrativeAuthority")}>{outcome.administrativeAuthority}</Fact> : null}
          {outcome.administrativeDecidedOn ? <Fact label={label("administrativeDecidedOn")}>{outcome.administrativeDecidedOn}</Fact> : null}
          {outcome.administrativeDecision ? <Fact label={label("administrativeDecision")} text>{outcome.administrativeDecision}</Fact> : null}
          {outcome.administrativeFineYuan ? <Fact label={label("administrativeFineYuan")}>{money(outcome.administrativeFineYuan)}</Fact> : null}
        </dl>
      ) : null}
      {outcome.closureReason ? (
        <p>
          {t("police.section.closed", {
            reason: t(`caseVocabulary.closureReason.${outcome.closureReason}`),
            time: outcome.closedAt ? formatDateTime(outcome.closedAt, locale, timeZone) : "",
          })}
        </p>
      ) : null}
      {outcome.updatedByName ? (
        <p className="muted">
          {t("police.section.outcomeUpdated", { name: outcome.updatedByName, time: formatDateTime(outcome.updatedAt, locale, timeZone), version: outcome.version })}
        </p>
      ) : null}
    </div>
  );
}
