/**
 * The lead form (/cases/new and /cases/:id/edit): every part of a lead in sections, repeatable rows with
 * add/remove, the division pickers, the threshold check beside the amounts, the errors next to each field
 * and summarised at the top, and — when someone else saved first — what they changed, with everything this
 * user typed still in the form. One zod schema (LeadFormSchema) checks it in the browser and on the server.
 */
import { getCollectionProps, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { z } from "zod";
import { useTranslation } from "react-i18next";
import { translateMessage } from "~/components/ui/form";
import type { LeadConflictView, LeadFormReply, LeadStatus } from "~/domain/cases";
import {
  CASE_PRIORITIES,
  COORDINATE_SYSTEMS,
  CRIMINAL_ARTICLES,
  ENTERPRISE_ROLES,
  GOODS_CATEGORIES,
  LEAD_LIMITS,
  LeadFormSchema,
  LINK_REASONS,
  LOCATION_SOURCES,
  MARKETPLACES,
  PERSON_ROLES,
  SITE_TYPES,
  STORE_STATUSES,
} from "~/domain/cases.schema";
import type { DivisionOption } from "~/domain/divisions";
import type { ThresholdConfig } from "~/domain/thresholds";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";
import { DivisionOptionsProvider, DivisionPicker } from "./division-picker";
import { ChoiceSelect, RepeatableSection, TextArea, TextInput } from "./lead-form-fields";
import { ThresholdCheck } from "./threshold-check";

const SECTIONS = ["envelope", "brands", "sites", "accounts", "enterprises", "persons", "amounts", "logistics", "testPurchases"] as const;

export function LeadForm({
  id,
  reply,
  defaultValue,
  version,
  caseId,
  jointOperations,
  thresholds,
  divisionOptions,
  personalDataHidden,
  cancelTo,
}: {
  id: string;
  reply: LeadFormReply | undefined;
  defaultValue?: Record<string, unknown>;
  /** The version the page was drawn from (edit only): a save from an older one is refused, not applied. */
  version?: number;
  caseId?: string;
  jointOperations: Array<{ id: string; nameZh: string; nameEn: string }>;
  thresholds: ThresholdConfig;
  divisionOptions: Record<string, DivisionOption[]>;
  /** The viewer sees masks: stored identity numbers and phones are not in the form, and are kept if left empty. */
  personalDataHidden: boolean;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof LeadFormSchema>>({
    id,
    lastResult: reply?.result,
    // Strings as inputs hold them (leadFormDefaults); the schema reads them as the browser would post them.
    defaultValue: defaultValue as never,
    constraint: getZodConstraint(LeadFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LeadFormSchema }),
  });
  const saving = navigation.state === "submitting" && navigation.formData?.get("__intent__") === null;
  const localName = (row: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? row.nameZh : row.nameEn);
  const fieldErrors = Object.entries(form.allErrors).filter(([name]) => name !== "");
  const errorCount = fieldErrors.reduce((sum, [, errors]) => sum + errors.length, 0);
  const conflict = reply?.conflict;

  const sites = fields.sites.getFieldList();
  const accounts = fields.accounts.getFieldList();

  return (
    <DivisionOptionsProvider initial={{ ...divisionOptions, ...reply?.divisionOptions }}>
      <Form method="post" {...getFormProps(form)} className="lead-form">
        {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}

        {form.errors?.length || errorCount ? (
          <div className="form-error-summary" role="alert" aria-labelledby={`${form.id}-summary-title`} tabIndex={-1}>
            {errorCount ? (
              <p id={`${form.id}-summary-title`} className="form-error-summary-title">
                {t("cases.form.errorSummary", { count: errorCount })}
              </p>
            ) : null}
            {form.errors?.map((error) => <p key={error}>{translateMessage(t, error)}</p>)}
            {errorCount ? (
              <ul>
                {fieldErrors.map(([name, errors]) => (
                  <li key={name}>
                    <a href={`#${form.id}-${name}`}>{fieldLabel(t, name)}</a>
                    {t("cases.form.errorSeparator")}
                    {errors.map((error) => translateMessage(t, error)).join(" ")}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        {conflict ? <ConflictNotice conflict={conflict} caseId={caseId} /> : null}

        <nav className="form-contents" aria-label={t("cases.form.contents")}>
          <ol>
            {SECTIONS.map((section) => (
              <li key={section}>
                <a href={`#section-${section}`}>{t(`cases.form.sections.${section}`)}</a>
              </li>
            ))}
          </ol>
        </nav>

        <section id="section-envelope" className="card form-section" aria-labelledby="section-envelope-title">
          <h2 id="section-envelope-title">{t("cases.form.sections.envelope")}</h2>
          <div className="field-grid">
            <TextInput field={fields.title} label={t("cases.form.fields.title")} required wide />
            <ChoiceSelect field={fields.category} label={t("cases.form.fields.category")} values={GOODS_CATEGORIES} vocabulary="category" required allowEmpty="choose" />
            <ChoiceSelect field={fields.priority} label={t("cases.form.fields.priority")} values={CASE_PRIORITIES} vocabulary="priority" />
            <ChoiceSelect
              field={fields.jointOperationId}
              label={t("cases.form.fields.jointOperationId")}
              values={jointOperations.map((operation) => operation.id)}
              labelOf={(value) => localName(jointOperations.find((operation) => operation.id === value)!)}
              allowEmpty="none"
            />
            <TextArea field={fields.summary} label={t("cases.form.fields.summary")} rows={6} />
          </div>
          <fieldset className="checkbox-group" aria-describedby={`${fields.suspectedCharges.id}-hint`}>
            <legend>{t("cases.form.fields.suspectedCharges")}</legend>
            <p className="field-hint" id={`${fields.suspectedCharges.id}-hint`}>
              {t("cases.form.hints.suspectedCharges")}
            </p>
            {getCollectionProps(fields.suspectedCharges, { type: "checkbox", options: [...CRIMINAL_ARTICLES] }).map((props) => (
              <label key={props.key} className="checkbox">
                <input {...props} key={props.key} />
                {t(`caseVocabulary.article.${props.value}`)}
              </label>
            ))}
          </fieldset>
        </section>

        <section id="section-brands" className="card form-section" aria-labelledby="section-brands-title">
          <h2 id="section-brands-title">{t("cases.form.sections.brands")}</h2>
          <RepeatableSection
            form={form}
            list={fields.brands}
            listName="brands"
            items={fields.brands.getFieldList()}
            defaultItem={{}}
            max={LEAD_LIMITS.brands}
            renderItem={(item) => {
              const brand = item.getFieldset();
              return (
                <div className="field-grid">
                  <TextInput field={brand.brand} label={t("cases.form.fields.brand")} required />
                  <TextInput field={brand.rightsHolder} label={t("cases.form.fields.rightsHolder")} />
                  <TextInput field={brand.trademarkRegistrationNo} label={t("cases.form.fields.trademarkRegistrationNo")} />
                </div>
              );
            }}
          />
        </section>

        <section id="section-sites" className="card form-section" aria-labelledby="section-sites-title">
          <h2 id="section-sites-title">{t("cases.form.sections.sites")}</h2>
          <RepeatableSection
            form={form}
            list={fields.sites}
            listName="sites"
            items={sites}
            hint={t("cases.form.hints.sites")}
            defaultItem={{ type: "factory", locationSource: "waybill_ship_from" }}
            max={LEAD_LIMITS.sites}
            renderItem={(item) => {
              const site = item.getFieldset();
              return (
                <>
                  <div className="field-grid">
                    <ChoiceSelect field={site.type} label={t("cases.form.fields.type")} values={SITE_TYPES} vocabulary="siteType" required />
                    <ChoiceSelect field={site.locationSource} label={t("cases.form.fields.locationSource")} values={LOCATION_SOURCES} vocabulary="locationSource" required />
                    <TextInput field={site.address} label={t("cases.form.fields.address")} required wide />
                  </div>
                  <DivisionPicker
                    form={form}
                    name={item.name}
                    legend={t("cases.form.fields.division")}
                    province={site.provinceCode}
                    city={site.cityCode}
                    district={site.districtCode}
                    required
                  />
                  <div className="field-grid field-grid-4">
                    <TextInput field={site.latitude} label={t("cases.form.fields.latitude")} inputMode="decimal" hint={t("cases.form.hints.coordinates")} />
                    <TextInput field={site.longitude} label={t("cases.form.fields.longitude")} inputMode="decimal" />
                    <ChoiceSelect field={site.coordinateSystem} label={t("cases.form.fields.coordinateSystem")} values={COORDINATE_SYSTEMS} vocabulary="coordinateSystem" allowEmpty="none" />
                    <TextInput field={site.precisionMeters} label={t("cases.form.fields.precisionMeters")} inputMode="numeric" />
                  </div>
                  <TextArea field={site.notes} label={t("cases.form.fields.notes")} rows={2} />
                </>
              );
            }}
          />
        </section>

        <section id="section-accounts" className="card form-section" aria-labelledby="section-accounts-title">
          <h2 id="section-accounts-title">{t("cases.form.sections.accounts")}</h2>
          <RepeatableSection
            form={form}
            list={fields.accounts}
            listName="accounts"
            items={accounts}
            hint={t("cases.form.hints.accounts")}
            defaultItem={{ marketplace: "taobao", status: "active" }}
            max={LEAD_LIMITS.accounts}
            renderItem={(item) => {
              const account = item.getFieldset();
              return (
                <>
                  <div className="field-grid">
                    <ChoiceSelect field={account.marketplace} label={t("cases.form.fields.marketplace")} values={MARKETPLACES} vocabulary="marketplace" required />
                    <TextInput field={account.storeId} label={t("cases.form.fields.storeId")} required />
                    <TextInput field={account.sellerId} label={t("cases.form.fields.sellerId")} />
                    <TextInput field={account.storeName} label={t("cases.form.fields.storeName")} />
                    <ChoiceSelect field={account.status} label={t("cases.form.fields.status")} values={STORE_STATUSES} vocabulary="storeStatus" />
                  </div>
                  <div className="field-grid field-grid-4">
                    <TextInput field={account.gmv} label={t("cases.form.fields.gmv")} inputMode="decimal" />
                    <TextInput field={account.orders} label={t("cases.form.fields.orders")} inputMode="numeric" />
                    <TextInput field={account.periodFrom} label={t("cases.form.fields.periodFrom")} type="date" />
                    <TextInput field={account.periodTo} label={t("cases.form.fields.periodTo")} type="date" />
                  </div>
                  <fieldset className="nested-group">
                    <legend>{t("cases.form.fields.linkReasons")}</legend>
                    <RepeatableSection
                      form={form}
                      list={account.linkReasons}
                      listName="linkReasons"
                      level="nested"
                      items={account.linkReasons.getFieldList()}
                      defaultItem={{ reason: nextLinkReason(account.linkReasons.value) }}
                      max={LEAD_LIMITS.linkReasons}
                      renderItem={(reasonItem) => {
                        const link = reasonItem.getFieldset();
                        return (
                          <div className="field-grid field-grid-2">
                            <ChoiceSelect field={link.reason} label={t("cases.form.fields.reason")} values={LINK_REASONS} vocabulary="linkReason" required />
                            <TextInput field={link.confidence} label={t("cases.form.fields.confidence")} inputMode="numeric" hint={t("cases.form.hints.confidence")} required />
                          </div>
                        );
                      }}
                    />
                  </fieldset>
                </>
              );
            }}
          />
        </section>

        <section id="section-enterprises" className="card form-section" aria-labelledby="section-enterprises-title">
          <h2 id="section-enterprises-title">{t("cases.form.sections.enterprises")}</h2>
          <RepeatableSection
            form={form}
            list={fields.enterprises}
            listName="enterprises"
            items={fields.enterprises.getFieldList()}
            defaultItem={{ role: "manufacturer" }}
            max={LEAD_LIMITS.enterprises}
            renderItem={(item) => {
              const enterprise = item.getFieldset();
              return (
                <div className="field-grid">
                  <TextInput field={enterprise.name} label={t("cases.form.fields.enterpriseName")} required />
                  <TextInput field={enterprise.creditCode} label={t("cases.form.fields.creditCode")} hint={t("cases.form.hints.creditCode")} />
                  <ChoiceSelect field={enterprise.role} label={t("cases.form.fields.role")} values={ENTERPRISE_ROLES} vocabulary="enterpriseRole" />
                  <TextInput field={enterprise.address} label={t("cases.form.fields.address")} wide />
                </div>
              );
            }}
          />
        </section>

        <section id="section-persons" className="card form-section" aria-labelledby="section-persons-title">
          <h2 id="section-persons-title">{t("cases.form.sections.persons")}</h2>
          <RepeatableSection
            form={form}
            list={fields.persons}
            listName="persons"
            items={fields.persons.getFieldList()}
            hint={t("cases.form.hints.persons")}
            defaultItem={{ role: "controller" }}
            max={LEAD_LIMITS.persons}
            renderItem={(item) => {
              const person = item.getFieldset();
              const stored = Boolean(person.id.initialValue);
              const hiddenHint = personalDataHidden && stored ? t("cases.form.hints.personalDataHidden") : undefined;
              return (
                <div className="field-grid">
                  {person.id.initialValue ? <input {...getInputProps(person.id, { type: "hidden" })} key={person.id.key} /> : null}
                  <ChoiceSelect field={person.role} label={t("cases.form.fields.role")} values={PERSON_ROLES} vocabulary="personRole" required />
                  <TextInput field={person.name} label={t("cases.form.fields.personName")} required />
                  <TextInput field={person.idNumber} label={t("cases.form.fields.idNumber")} hint={hiddenHint ?? t("cases.form.hints.idNumber")} />
                  <TextInput field={person.phone} label={t("cases.form.fields.phone")} type="tel" inputMode="tel" hint={hiddenHint} />
                  <TextArea field={person.notes} label={t("cases.form.fields.notes")} rows={2} />
                </div>
              );
            }}
          />
        </section>

        <section id="section-amounts" className="card form-section" aria-labelledby="section-amounts-title">
          <h2 id="section-amounts-title">{t("cases.form.sections.amounts")}</h2>
          <p className="muted section-hint">{t("cases.form.hints.amounts")}</p>
          <div className="amounts-layout">
            <div className="field-grid field-grid-2">
              <TextInput field={fields.salesAmount} label={t("cases.form.fields.salesAmount")} inputMode="decimal" />
              <TextInput field={fields.unsoldGoodsValue} label={t("cases.form.fields.unsoldGoodsValue")} inputMode="decimal" />
              <TextInput field={fields.illegalBusinessVolume} label={t("cases.form.fields.illegalBusinessVolume")} inputMode="decimal" />
              <TextInput field={fields.illegalGains} label={t("cases.form.fields.illegalGains")} inputMode="decimal" />
            </div>
            <ThresholdCheck
              config={thresholds}
              amounts={{
                salesAmount: stringValue(fields.salesAmount.value),
                unsoldGoodsValue: stringValue(fields.unsoldGoodsValue.value),
                illegalBusinessVolume: stringValue(fields.illegalBusinessVolume.value),
                illegalGains: stringValue(fields.illegalGains.value),
              }}
            />
          </div>
        </section>

        <section id="section-logistics" className="card form-section" aria-labelledby="section-logistics-title">
          <h2 id="section-logistics-title">{t("cases.form.sections.logistics")}</h2>
          <RepeatableSection
            form={form}
            list={fields.logistics}
            listName="logistics"
            items={fields.logistics.getFieldList()}
            hint={t("cases.form.hints.logistics")}
            defaultItem={{}}
            max={LEAD_LIMITS.logistics}
            renderItem={(item) => {
              const row = item.getFieldset();
              return (
                <>
                  <div className="field-grid">
                    <TextInput field={row.courier} label={t("cases.form.fields.courier")} required />
                    <TextInput field={row.waybillNo} label={t("cases.form.fields.waybillNo")} />
                    <TextInput field={row.dailyVolume} label={t("cases.form.fields.dailyVolume")} inputMode="numeric" />
                    <TextInput field={row.shipFromAddress} label={t("cases.form.fields.shipFromAddress")} wide />
                  </div>
                  <DivisionPicker
                    form={form}
                    name={item.name}
                    legend={t("cases.form.fields.shipFromDivision")}
                    province={row.shipFromProvinceCode}
                    city={row.shipFromCityCode}
                    district={row.shipFromDistrictCode}
                  />
                  <TextArea field={row.notes} label={t("cases.form.fields.notes")} rows={2} />
                </>
              );
            }}
          />
        </section>

        <section id="section-testPurchases" className="card form-section" aria-labelledby="section-testPurchases-title">
          <h2 id="section-testPurchases-title">{t("cases.form.sections.testPurchases")}</h2>
          <RepeatableSection
            form={form}
            list={fields.testPurchases}
            listName="testPurchases"
            items={fields.testPurchases.getFieldList()}
            hint={t("cases.form.hints.testPurchases")}
            defaultItem={{}}
            max={LEAD_LIMITS.testPurchases}
            renderItem={(item) => {
              const purchase = item.getFieldset();
              return (
                <div className="field-grid">
                  <TextInput field={purchase.orderNo} label={t("cases.form.fields.orderNo")} required />
                  <TextInput field={purchase.storeId} label={t("cases.form.fields.storeId")} />
                  <TextInput field={purchase.amount} label={t("cases.form.fields.amount")} inputMode="decimal" />
                  <TextInput field={purchase.waybillNo} label={t("cases.form.fields.waybillNo")} />
                  <TextInput field={purchase.purchasedOn} label={t("cases.form.fields.purchasedOn")} type="date" />
                  <TextInput field={purchase.sampleDescription} label={t("cases.form.fields.sampleDescription")} wide />
                  <TextInput field={purchase.sampleLocation} label={t("cases.form.fields.sampleLocation")} wide />
                  <TextArea field={purchase.authenticationReport} label={t("cases.form.fields.authenticationReport")} rows={3} />
                </div>
              );
            }}
          />
        </section>

        <div className="form-actions">
          <button type="submit" className="button button-save" disabled={saving}>
            {saving ? t("cases.form.saving") : t("cases.form.saveDraft")}
          </button>
          <Link to={cancelTo} className="button-link">
            {t("cases.form.cancel")}
          </Link>
        </div>
      </Form>
    </DivisionOptionsProvider>
  );
}

function ConflictNotice({ conflict, caseId }: { conflict: LeadConflictView; caseId?: string }) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  return (
    <div className="conflict-notice" role="alert">
      <h2>{t("cases.form.conflict.title")}</h2>
      <p>{t("cases.form.conflict.body", { version: conflict.currentVersion, status: t(`caseVocabulary.status.${conflict.status}`) })}</p>
      {conflict.changes.length ? (
        <ul>
          {conflict.changes.map((change, index) => {
            const name = change.actorName ?? t("cases.form.conflict.someone");
            const time = formatDateTime(change.occurredAt, locale, timeZone);
            return (
              <li key={index}>
                {change.fields.length
                  ? t("cases.form.conflict.change", {
                      name,
                      time,
                      what: change.fields
                        .map((field) => t(`cases.form.sections.${field}`, { defaultValue: t(`cases.form.fields.${field}`) }))
                        .join(t("cases.form.conflict.fieldsSeparator")),
                    })
                  : t("cases.form.conflict.changeNoFields", {
                      name,
                      time,
                      // The timeline's names for workflow steps, then the audit log's, then the code itself.
                      action: t(`workflow.timeline.event.${change.action}`, {
                        defaultValue: t(`audit.action.${change.action}`, {
                          defaultValue: t("cases.form.conflict.otherAction", { action: change.action }),
                        }),
                      }),
                    })}
              </li>
            );
          })}
        </ul>
      ) : null}
      <div className="conflict-actions">
        {caseId ? (
          <a href={`/cases/${caseId}`} target="_blank" rel="noreferrer">
            {t("cases.form.conflict.openCurrent")}
          </a>
        ) : null}
        <button type="submit" name="overwriteVersion" value={conflict.currentVersion} className="button button-secondary-light">
          {t("cases.form.conflict.overwrite")}
        </button>
        <span className="muted">{t("cases.form.conflict.overwriteHint")}</span>
      </div>
    </div>
  );
}

function stringValue(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Offer the first reason not yet listed for this account. */
function nextLinkReason(value: unknown): string {
  const used = new Set(Array.isArray(value) ? value.map((entry) => (entry as { reason?: string } | undefined)?.reason) : []);
  return LINK_REASONS.find((reason) => !used.has(reason)) ?? LINK_REASONS[0];
}

const LIST_NAMES = new Set(["brands", "sites", "accounts", "enterprises", "persons", "logistics", "testPurchases", "linkReasons"]);

/** "sites[1].districtCode" → "Site 2 · District"; nested lists name each level. */
export function fieldLabel(t: TFunction, name: string): string {
  const parts: string[] = [];
  const pattern = /([A-Za-z]+)(?:\[(\d+)\])?/g;
  const segments = [...name.matchAll(pattern)];
  segments.forEach((segment, index) => {
    const [, key = "", position] = segment;
    const last = index === segments.length - 1;
    const parent = segments[index - 1]?.[1];
    // "name" is an enterprise's name or a person's full name, as the form labels it.
    const field = key === "name" && parent === "enterprises" ? "enterpriseName" : key === "name" && parent === "persons" ? "personName" : key;
    if (position !== undefined && LIST_NAMES.has(key)) {
      parts.push(t(`cases.form.item.${key}`, { number: Number(position) + 1 }));
    } else if (last || !LIST_NAMES.has(key)) {
      parts.push(t(`cases.form.fields.${field}`, { defaultValue: t(`cases.form.sections.${field}`, { defaultValue: field }) }));
    }
  });
  return parts.join(" · ");
}

export function LeadNotEditable({ status }: { status: LeadStatus }) {
  const { t } = useTranslation();
  return <p className="notice notice-warning">{t("cases.form.notEditable", { status: t(`caseVocabulary.status.${status}`) })}</p>;
}

