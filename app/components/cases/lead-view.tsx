/**
 * The whole lead, readable: summary, charges, brands, sites, accounts, enterprises, persons (masked as the
 * server sent them), amounts beside the prosecution threshold check, logistics and test purchases.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { LeadDetail } from "~/domain/cases";
import type { ThresholdConfig } from "~/domain/thresholds";
import { DEFAULT_LOCALE, formatNumber } from "~/lib/i18n";
import { useRootData } from "~/root";
import { ThresholdCheck } from "./threshold-check";

type Lead = Omit<LeadDetail, "case"> & { case: Omit<LeadDetail["case"], "createdAt" | "updatedAt" | "approvedAt" | "submittedAt" | "decisionDueAt"> };

function Section({ id, title, children, count }: { id: string; title: string; children: ReactNode; count?: number }) {
  return (
    <section id={id} className="card lead-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {title}
        {count !== undefined ? <span className="count-tag">{count}</span> : null}
      </h2>
      {children}
    </section>
  );
}

function Empty() {
  const { t } = useTranslation();
  return <p className="muted">{t("cases.detail.none")}</p>;
}

export function LeadView({ lead, thresholds }: { lead: Lead; thresholds: ThresholdConfig }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? DEFAULT_LOCALE;
  const dash = t("cases.detail.notSet");
  const yuan = (value: string | null) => (value === null ? dash : t("cases.thresholds.yuan", { amount: formatNumber(Number(value), locale) }));
  const count = (value: number | null) => (value === null ? dash : formatNumber(value, locale));
  const text = (value: string | null | undefined) => (value ? value : dash);

  return (
    <div className="lead-view">
      <Section id="lead-summary" title={t("cases.detail.sections.summary")}>
        {lead.case.summary ? (
          lead.case.summary.split(/\n+/).map((paragraph, index) => <p key={index}>{paragraph}</p>)
        ) : (
          <p className="muted">{t("cases.detail.noSummary")}</p>
        )}
        <h3>{t("cases.detail.sections.charges")}</h3>
        {lead.case.suspectedCharges.length ? (
          <ul className="tag-list">
            {lead.case.suspectedCharges.map((article) => (
              <li key={article} className="tag">
                {t(`caseVocabulary.article.${article}`)}
              </li>
            ))}
          </ul>
        ) : (
          <Empty />
        )}
        <h3>{t("cases.detail.sections.brands")}</h3>
        {lead.brands.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("cases.detail.columns.brand")}</th>
                  <th scope="col">{t("cases.detail.columns.rightsHolder")}</th>
                  <th scope="col">{t("cases.detail.columns.trademark")}</th>
                </tr>
              </thead>
              <tbody>
                {lead.brands.map((brand, index) => (
                  <tr key={index}>
                    <td>{brand.brand}</td>
                    <td>{text(brand.rightsHolder)}</td>
                    <td>{text(brand.trademarkRegistrationNo)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty />
        )}
      </Section>

      <Section id="lead-sites" title={t("cases.detail.sections.sites")} count={lead.sites.length}>
        {lead.sites.length ? (
          <ol className="record-list">
            {lead.sites.map((site, index) => (
              <li key={index} className="record">
                <p className="record-title">
                  <span className="tag">{t(`caseVocabulary.siteType.${site.type}`)}</span> {site.address}
                </p>
                <dl className="record-facts">
                  <div>
                    <dt>{t("cases.detail.columns.division")}</dt>
                    <dd>
                      {site.divisionName} <code className="muted">{site.divisionCode}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("cases.detail.columns.coordinates")}</dt>
                    <dd>
                      {site.latitude && site.longitude
                        ? t("cases.detail.coordinates", {
                            latitude: site.latitude,
                            longitude: site.longitude,
                            system: site.coordinateSystem ? t(`caseVocabulary.coordinateSystem.${site.coordinateSystem}`) : dash,
                          })
                        : dash}
                      {site.precisionMeters !== null ? <span className="muted"> {t("cases.detail.precision", { meters: site.precisionMeters })}</span> : null}
                    </dd>
                  </div>
                  <div>
                    <dt>{t("cases.detail.columns.source")}</dt>
                    <dd>{t(`caseVocabulary.locationSource.${site.locationSource}`)}</dd>
                  </div>
                </dl>
                {site.notes ? <p className="record-notes">{site.notes}</p> : null}
              </li>
            ))}
          </ol>
        ) : (
          <Empty />
        )}
      </Section>

      <Section id="lead-accounts" title={t("cases.detail.sections.accounts")} count={lead.accounts.length}>
        {lead.accounts.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("cases.detail.columns.store")}</th>
                  <th scope="col">{t("cases.detail.columns.seller")}</th>
                  <th scope="col">{t("cases.detail.columns.status")}</th>
                  <th scope="col" className="numeric">
                    {t("cases.detail.columns.gmv")}
                  </th>
                  <th scope="col" className="numeric">
                    {t("cases.detail.columns.orders")}
                  </th>
                  <th scope="col">{t("cases.detail.columns.period")}</th>
                  <th scope="col">{t("cases.detail.columns.reasons")}</th>
                </tr>
              </thead>
              <tbody>
                {lead.accounts.map((account, index) => (
                  <tr key={index}>
                    <td>
                      <span className="tag">{t(`caseVocabulary.marketplace.${account.marketplace}`)}</span> <code>{account.storeId}</code>
                      {account.storeName ? <div>{account.storeName}</div> : null}
                    </td>
                    <td>
                      <code>{text(account.sellerId)}</code>
                    </td>
                    <td>{t(`caseVocabulary.storeStatus.${account.status}`)}</td>
                    <td className="numeric">{yuan(account.gmv)}</td>
                    <td className="numeric">{count(account.orders)}</td>
                    <td className="nowrap">
                      {account.periodFrom || account.periodTo ? t("cases.detail.period", { from: text(account.periodFrom), to: text(account.periodTo) }) : dash}
                    </td>
                    <td>
                      {account.linkReasons.length ? (
                        <ul className="plain-list">
                          {account.linkReasons.map((link) => (
                            <li key={link.reason}>
                              {t("cases.detail.linkReason", { reason: t(`caseVocabulary.linkReason.${link.reason}`), confidence: link.confidence })}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        dash
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty />
        )}
      </Section>

      <Section id="lead-parties" title={t("cases.detail.sections.enterprises")} count={lead.enterprises.length}>
        {lead.enterprises.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("cases.detail.columns.name")}</th>
                  <th scope="col">{t("cases.detail.columns.creditCode")}</th>
                  <th scope="col">{t("cases.detail.columns.role")}</th>
                  <th scope="col">{t("cases.detail.columns.address")}</th>
                </tr>
              </thead>
              <tbody>
                {lead.enterprises.map((enterprise, index) => (
                  <tr key={index}>
                    <td>{enterprise.name}</td>
                    <td>
                      <code>{text(enterprise.creditCode)}</code>
                    </td>
                    <td>{t(`caseVocabulary.enterpriseRole.${enterprise.role}`)}</td>
                    <td>{text(enterprise.address)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty />
        )}
        <h3>
          {t("cases.detail.sections.persons")}
          <span className="count-tag">{lead.persons.length}</span>
        </h3>
        {lead.personalDataMasked && lead.persons.length ? <p className="muted">{t("cases.detail.personalDataMasked")}</p> : null}
        {lead.persons.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("cases.detail.columns.personName")}</th>
                  <th scope="col">{t("cases.detail.columns.role")}</th>
                  <th scope="col">{t("cases.detail.columns.idNumber")}</th>
                  <th scope="col">{t("cases.detail.columns.phone")}</th>
                  <th scope="col">{t("cases.detail.columns.notes")}</th>
                </tr>
              </thead>
              <tbody>
                {lead.persons.map((person) => (
                  <tr key={person.id}>
                    <td>{person.name}</td>
                    <td>{t(`caseVocabulary.personRole.${person.role}`)}</td>
                    <td>
                      <code>{text(person.idNumber)}</code>
                    </td>
                    <td>
                      <code>{text(person.phone)}</code>
                    </td>
                    <td>{text(person.notes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty />
        )}
      </Section>

      <Section id="lead-amounts" title={t("cases.detail.sections.amounts")}>
        <div className="amounts-layout">
          <dl className="amounts">
            {(["salesAmount", "unsoldGoodsValue", "illegalBusinessVolume", "illegalGains"] as const).map((measure) => (
              <div key={measure}>
                <dt>{t(`cases.form.fields.${measure}`)}</dt>
                <dd>{yuan(lead.amounts[measure])}</dd>
              </div>
            ))}
          </dl>
          <ThresholdCheck amounts={lead.amounts} config={thresholds} />
        </div>
      </Section>

      <Section id="lead-logistics" title={t("cases.detail.sections.logistics")} count={lead.logistics.length}>
        {lead.logistics.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("cases.detail.columns.courier")}</th>
                  <th scope="col">{t("cases.detail.columns.waybill")}</th>
                  <th scope="col">{t("cases.detail.columns.shipFrom")}</th>
                  <th scope="col" className="numeric">
                    {t("cases.detail.columns.volume")}
                  </th>
                  <th scope="col">{t("cases.detail.columns.notes")}</th>
                </tr>
              </thead>
              <tbody>
                {lead.logistics.map((row, index) => (
                  <tr key={index}>
                    <td>{row.courier}</td>
                    <td>
                      <code>{text(row.waybillNo)}</code>
                    </td>
                    <td>
                      {text(row.shipFromAddress)}
                      {row.shipFromDivisionName ? <div className="muted">{row.shipFromDivisionName}</div> : null}
                    </td>
                    <td className="numeric">{count(row.dailyVolume)}</td>
                    <td>{text(row.notes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty />
        )}
      </Section>

      <Section id="lead-test-purchases" title={t("cases.detail.sections.testPurchases")} count={lead.testPurchases.length}>
        {lead.testPurchases.length ? (
          <ol className="record-list">
            {lead.testPurchases.map((purchase, index) => (
              <li key={index} className="record">
                <p className="record-title">
                  <code>{purchase.orderNo}</code> · {yuan(purchase.amount)} · {text(purchase.purchasedOn)}
                </p>
                <dl className="record-facts">
                  <div>
                    <dt>{t("cases.detail.columns.store")}</dt>
                    <dd>
                      <code>{text(purchase.storeId)}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("cases.detail.columns.waybill")}</dt>
                    <dd>
                      <code>{text(purchase.waybillNo)}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("cases.detail.columns.sample")}</dt>
                    <dd>{text(purchase.sampleDescription)}</dd>
                  </div>
                  <div>
                    <dt>{t("cases.detail.columns.location")}</dt>
                    <dd>{text(purchase.sampleLocation)}</dd>
                  </div>
                </dl>
                <p className="record-notes">
                  <strong>{t("cases.detail.columns.report")}</strong> {text(purchase.authenticationReport)}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <Empty />
        )}
      </Section>
    </div>
  );
}
