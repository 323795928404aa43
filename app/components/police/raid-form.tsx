/**
 * The raid form (/cases/:id/raids/new and /cases/:id/raids/:raidId): when, where (the lead's sites ticked,
 * other places typed with the division picker), who took part, what happened, and the seizures — each with
 * its seizure list, either one already uploaded to the case or a file chosen here (stored through the
 * evidence system when the form is saved). Errors sit beside their fields, summarised at the top; a save
 * over someone else's newer one shows what they changed, with everything typed here kept.
 */
import { getCollectionProps, getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { DivisionOptionsProvider, DivisionPicker } from "~/components/cases/division-picker";
import { ChoiceSelect, LeadField, TextArea, TextInput } from "~/components/cases/lead-form-fields";
import { RejectionMessage } from "~/components/evidence/rejection-message";
import { translateMessage } from "~/components/ui/form";
import { SITE_TYPES } from "~/domain/cases.schema";
import type { DivisionOption } from "~/domain/divisions";
import { ACCEPTED_EXTENSIONS } from "~/domain/evidence";
import { POLICE_LIMITS, SEIZURE_UNITS, VALUATION_METHODS } from "~/domain/police";
import type { RaidFormOptions, RaidFormReply } from "~/domain/raid-form.server";
import { RaidFormSchema } from "~/domain/raids.schema";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";
import { RecordConflictNotice } from "./conflict-notice";
import { PoliceRows } from "./police-rows";

/** "seizures[1].valueYuan" → "Seizure 2 · Value (yuan)". */
export function raidFieldLabel(t: TFunction, name: string): string {
  const parts: string[] = [];
  for (const [, key = "", position] of name.matchAll(/([A-Za-z]+)(?:\[(\d+)\])?/g)) {
    if (position !== undefined) parts.push(t(`police.rows.item.${key}`, { number: Number(position) + 1 }));
    else parts.push(t(`police.raid.fields.${key}`, { defaultValue: t(`police.seizure.fields.${key}`, { defaultValue: key }) }));
  }
  return parts.join(" · ");
}

export function RaidForm({
  caseId,
  reply,
  defaultValue,
  version,
  options,
  divisionOptions,
}: {
  caseId: string;
  reply: RaidFormReply | undefined;
  defaultValue?: Record<string, unknown>;
  /** The version the page was drawn from (edits only). */
  version?: number;
  options: RaidFormOptions;
  divisionOptions: Record<string, DivisionOption[]>;
}) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof RaidFormSchema>>({
    id: "raid-form",
    lastResult: reply?.result,
    defaultValue: (defaultValue ?? { seizures: [], newSites: [], leadSiteIds: [] }) as never,
    constraint: getZodConstraint(RaidFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RaidFormSchema }),
  });
  const saving = navigation.state === "submitting" && navigation.formData?.get("__intent__") === null;
  const fieldErrors = Object.entries(form.allErrors).filter(([name]) => name !== "");
  const errorCount = fieldErrors.reduce((sum, [, errors]) => sum + errors.length, 0);
  const newSites = fields.newSites.getFieldList();
  const seizureRows = fields.seizures.getFieldList();
  const refusalsByRow = new Map((reply?.uploadRefusals ?? []).map((refusal) => [refusal.index, refusal]));
  const siteType = (type: string) => t(`caseVocabulary.siteType.${type}`);

  return (
    <DivisionOptionsProvider initial={{ ...divisionOptions, ...reply?.divisionOptions }}>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="lead-form police-form">
        {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}

        {form.errors?.length || errorCount ? (
          <div className="form-error-summary" role="alert" tabIndex={-1}>
            {errorCount ? <p className="form-error-summary-title">{t("police.errorSummary", { count: errorCount })}</p> : null}
            {form.errors?.map((error) => <p key={error}>{translateMessage(t, error)}</p>)}
            {errorCount ? (
              <ul>
                {fieldErrors.map(([name, errors]) => (
                  <li key={name}>
                    {raidFieldLabel(t, name)}
                    {t("police.colon")}
                    {errors.map((error) => translateMessage(t, error)).join(" ")}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {reply?.notAllowed ? (
          <p className="notice notice-warning" role="alert">
            {t("police.raid.notAllowed", { status: t(`caseVocabulary.status.${reply.notAllowed}`) })}
          </p>
        ) : null}
        {reply?.conflict ? (
          <RecordConflictNotice
            conflict={reply.conflict}
            caseId={caseId}
            fieldLabel={(field) => t(`police.raid.fields.${field}`, { defaultValue: field })}
            formatValue={(field, value) => (field === "raidedAt" ? formatDateTime(value, locale, timeZone) : value)}
          />
        ) : null}

        <section className="card form-section" aria-labelledby="raid-when-title">
          <h2 id="raid-when-title">{t("police.raid.sections.when")}</h2>
          <div className="field-grid">
            <LeadField field={fields.raidedAt} label={t("police.raid.fields.raidedAt")} required hint={t("police.raid.hints.raidedAt")}>
              <input {...getInputProps(fields.raidedAt, { type: "datetime-local", ariaDescribedBy: fields.raidedAt.descriptionId })} key={fields.raidedAt.key} />
            </LeadField>
            <TextInput field={fields.units} label={t("police.raid.fields.units")} hint={t("police.raid.hints.units")} wide />
            <TextInput field={fields.platformStaff} label={t("police.raid.fields.platformStaff")} hint={t("police.raid.hints.platformStaff")} wide />
            <TextArea field={fields.summary} label={t("police.raid.fields.summary")} hint={t("police.raid.hints.summary")} />
          </div>
        </section>

        <section className="card form-section" aria-labelledby="raid-sites-title">
          <h2 id="raid-sites-title">{t("police.raid.sections.sites")}</h2>
          <p className="muted section-hint">{t("police.raid.hints.sites")}</p>
          <fieldset className="checkbox-group police-lead-sites" aria-describedby={fields.leadSiteIds.errorId}>
            <legend>{t("police.raid.fields.leadSiteIds")}</legend>
            {options.leadSites.length === 0 ? <p className="muted">{t("police.raid.noLeadSites")}</p> : null}
            {getCollectionProps(fields.leadSiteIds, { type: "checkbox", options: options.leadSites.map((site) => site.id) }).map((props) => {
              const site = options.leadSites.find((each) => each.id === props.value)!;
              return (
                <label key={props.key} className="checkbox">
                  <input {...props} key={props.key} />
                  <span>
                    <span className="tag">{siteType(site.type)}</span> {site.address}
                    {site.divisionName ? <span className="muted"> · {site.divisionName}</span> : null}
                  </span>
                </label>
              );
            })}
            {fields.leadSiteIds.errors?.length ? (
              <ul id={fields.leadSiteIds.errorId} className="field-errors" role="alert">
                {fields.leadSiteIds.errors.map((error) => (
                  <li key={error}>{translateMessage(t, error)}</li>
                ))}
              </ul>
            ) : null}
          </fieldset>
          <h3 className="police-subheading">{t("police.raid.fields.newSites")}</h3>
          <PoliceRows
            form={form}
            list={fields.newSites}
            listName="newSites"
            items={newSites}
            max={POLICE_LIMITS.raidSites}
            defaultItem={{ type: "factory" }}
            renderItem={(item) => {
              const site = item.getFieldset();
              return (
                <>
                  <div className="field-grid">
                    <ChoiceSelect field={site.type} label={t("police.raid.fields.siteType")} values={SITE_TYPES} vocabulary="siteType" required />
                    <TextInput field={site.address} label={t("police.raid.fields.address")} required wide />
                  </div>
                  <DivisionPicker
                    form={form}
                    name={item.name}
                    legend={t("police.raid.fields.division")}
                    province={site.provinceCode}
                    city={site.cityCode}
                    district={site.districtCode}
                    required
                  />
                </>
              );
            }}
          />
        </section>

        <section className="card form-section" aria-labelledby="raid-seizures-title">
          <h2 id="raid-seizures-title">{t("police.raid.sections.seizures")}</h2>
          <p className="muted section-hint">{t("police.raid.hints.seizures")}</p>
          <PoliceRows
            form={form}
            list={fields.seizures}
            listName="seizures"
            items={seizureRows}
            max={POLICE_LIMITS.seizures}
            defaultItem={{ unit: "pairs" }}
            renderItem={(item, index) => {
              const seizure = item.getFieldset();
              const refusal = refusalsByRow.get(index);
              const fileId = `${item.id}-seizure-list-file`;
              return (
                <>
                  <div className="field-grid">
                    <TextInput field={seizure.product} label={t("police.seizure.fields.product")} required wide />
                    <TextInput field={seizure.brand} label={t("police.seizure.fields.brand")} />
                    <TextInput field={seizure.quantity} label={t("police.seizure.fields.quantity")} inputMode="decimal" required />
                    <ChoiceSelect field={seizure.unit} label={t("police.seizure.fields.unit")} values={SEIZURE_UNITS} vocabulary="seizureUnit" required />
                    <TextInput field={seizure.counterfeitLabels} label={t("police.seizure.fields.counterfeitLabels")} inputMode="numeric" />
                    <TextInput field={seizure.valueYuan} label={t("police.seizure.fields.valueYuan")} inputMode="decimal" />
                    <ChoiceSelect
                      field={seizure.valuationMethod}
                      label={t("police.seizure.fields.valuationMethod")}
                      values={VALUATION_METHODS}
                      vocabulary="valuationMethod"
                      allowEmpty="choose"
                    />
                    <TextInput field={seizure.equipment} label={t("police.seizure.fields.equipment")} wide />
                    <TextInput field={seizure.notes} label={t("police.seizure.fields.notes")} wide />
                  </div>
                  <fieldset className="nested-group police-seizure-list">
                    <legend>{t("police.seizure.fields.seizureList")}</legend>
                    <div className="field-grid field-grid-2">
                      <LeadField field={seizure.seizureListEvidenceId} label={t("police.seizure.fields.seizureListEvidenceId")}>
                        <select {...getSelectProps(seizure.seizureListEvidenceId)} key={seizure.seizureListEvidenceId.key}>
                          <option value="">{t("police.seizure.noSeizureList")}</option>
                          {options.seizureLists.map((list) => (
                            <option key={list.id} value={list.id}>
                              {t("police.seizure.seizureListOption", { name: list.originalName, time: formatDateTime(list.uploadedAt, locale, timeZone) })}
                            </option>
                          ))}
                        </select>
                      </LeadField>
                      <div className="field" data-invalid={refusal ? true : undefined}>
                        <label htmlFor={fileId}>{t("police.seizure.fields.seizureListFile")}</label>
                        <input
                          id={fileId}
                          type="file"
                          name={`${seizure.seizureListEvidenceId.name.replace(/seizureListEvidenceId$/, "seizureListFile")}`}
                          accept={ACCEPTED_EXTENSIONS.join(",")}
                          aria-describedby={`${fileId}-hint`}
                        />
                        <p className="field-hint" id={`${fileId}-hint`}>
                          {t("police.seizure.hints.seizureListFile")}
                        </p>
                        {refusal ? (
                          <div className="field-errors" role="alert">
                            <RejectionMessage rejection={refusal.rejection} name={refusal.originalName} />
                          </div>
                        ) : null}
                      </div>
                    </div>
                  </fieldset>
                </>
              );
            }}
          />
        </section>

        <div className="form-actions">
          <button type="submit" className="button button-save" disabled={saving}>
            {saving ? t("police.saving") : version !== undefined ? t("police.raid.saveChanges") : t("police.raid.save")}
          </button>
          <Link to={`/cases/${caseId}#outcome`}>{t("police.cancel")}</Link>
        </div>
      </Form>
    </DivisionOptionsProvider>
  );
}
