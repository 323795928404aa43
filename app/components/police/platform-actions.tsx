/**
 * The platform's follow-up: the list (both sides read it; retracted records stay, struck through, with who
 * retracted them and why) and, on /cases/:id/platform-actions, the form to record a store closure, an
 * account ban or a blacklist candidate, and a retraction form under each record still standing.
 */
import { getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ChoiceSelect, LeadField, TextArea, TextInput } from "~/components/cases/lead-form-fields";
import { ErrorList, translateMessage } from "~/components/ui/form";
import { useHydrated } from "~/components/ui/use-hydrated";
import { MARKETPLACES } from "~/domain/cases.schema";
import { PLATFORM_ACTION_KINDS, PUBLISHABLE_FIELDS, type PlatformActionView, type RecordConflict } from "~/domain/police";
import { PlatformActionFormSchema, RetractFormSchema } from "~/domain/platform-actions.schema";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";

export interface PlatformActionReply {
  intent: "record" | "retract";
  result: SubmissionResult<string[]>;
  actionId?: string;
  conflict?: RecordConflict;
  notAllowed?: string;
  alreadyRetracted?: boolean;
}

export interface PlatformActionChoices {
  accounts: Array<{ id: string; marketplace: string; storeId: string; sellerId: string; storeName: string; status: string }>;
  enterprises: Array<{ id: string; name: string; creditCode: string; role: string }>;
}

/** What a follow-up record is about: the store or account, or the enterprise. */
function subject(t: (key: string) => string, action: PlatformActionView): string {
  if (action.kind === "blacklist_candidate") return [action.enterpriseName, action.creditCode].filter(Boolean).join(" · ");
  return [
    action.marketplace ? t(`caseVocabulary.marketplace.${action.marketplace}`) : null,
    action.storeName,
    action.storeId ? `${t("police.platformAction.storeIdShort")} ${action.storeId}` : null,
    action.sellerId ? `${t("police.platformAction.sellerIdShort")} ${action.sellerId}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

export function PlatformActionList({
  actions,
  retract,
}: {
  actions: PlatformActionView[];
  /** Offer a retraction form under each record still standing (the follow-up page, for the platform). */
  retract?: { reply: PlatformActionReply | undefined };
}) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  if (!actions.length) return <p className="muted">{t("police.platformAction.empty")}</p>;
  return (
    <ul className="record-list police-actions">
      {actions.map((action) => (
        <li key={action.id} className="record police-action" data-retracted={action.retractedAt ? true : undefined}>
          <p className="record-title">
            <span className="tag">{t(`caseVocabulary.platformActionKind.${action.kind}`)}</span> <span className="police-action-subject">{subject(t, action)}</span>
            {action.retractedAt ? <span className="tag tag-warning"> {t("police.platformAction.retracted")}</span> : null}
          </p>
          <p className="muted">
            {t("police.platformAction.takenOn", { date: action.takenOn, name: action.createdByName, time: formatDateTime(action.createdAt, locale, timeZone) })}
          </p>
          {action.note ? (
            <p>
              <span className="muted">{action.kind === "blacklist_candidate" ? t("police.platformAction.fields.reason") : t("police.platformAction.fields.note")}</span>
              {t("police.colon")}
              {action.note}
            </p>
          ) : null}
          {action.kind === "blacklist_candidate" ? (
            <p className="muted">
              {t("police.platformAction.publishable", {
                fields: action.publishableFields.length
                  ? action.publishableFields.map((field) => t(`police.platformAction.publishableField.${field}`)).join(t("police.summary.listSeparator"))
                  : t("police.platformAction.publishNothing"),
              })}
            </p>
          ) : null}
          {action.retractedAt ? (
            <p className="police-retraction">
              {t("police.platformAction.retractedBy", {
                name: action.retractedByName ?? "",
                time: formatDateTime(action.retractedAt, locale, timeZone),
                reason: action.retractionReason,
              })}
            </p>
          ) : retract ? (
            <RetractForm action={action} reply={retract.reply?.intent === "retract" && retract.reply.actionId === action.id ? retract.reply : undefined} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function RetractForm({ action, reply }: { action: PlatformActionView; reply: PlatformActionReply | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `retract-${action.id}`,
    lastResult: reply?.result,
    constraint: getZodConstraint(RetractFormSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RetractFormSchema }),
  });
  return (
    <details className="police-retract" open={Boolean(reply)}>
      <summary>{t("police.platformAction.retract")}</summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="retract" />
        <input type="hidden" name="actionId" value={action.id} />
        <input type="hidden" name="version" value={action.version} />
        {reply?.conflict ? (
          <p className="field-errors" role="alert">
            {t("police.platformAction.retractConflict")}
          </p>
        ) : null}
        {reply?.alreadyRetracted ? (
          <p className="field-errors" role="alert">
            {t("police.platformAction.alreadyRetracted")}
          </p>
        ) : null}
        <div className="field" data-invalid={fields.reason.errors?.length ? true : undefined}>
          <label htmlFor={fields.reason.id}>{t("police.platformAction.fields.retractionReason")}</label>
          <textarea {...getTextareaProps(fields.reason)} key={fields.reason.key} rows={2} />
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <button type="submit" className="button button-quiet button-danger">
          {t("police.platformAction.retractSubmit")}
        </button>
      </Form>
    </details>
  );
}

export function PlatformActionForm({
  reply,
  choices,
  today,
}: {
  reply: PlatformActionReply | undefined;
  choices: PlatformActionChoices;
  today: string;
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const recordReply = reply?.intent === "record" ? reply : undefined;
  const [form, fields] = useForm<z.input<typeof PlatformActionFormSchema>>({
    id: "platform-action-form",
    lastResult: recordReply?.result,
    defaultValue: { kind: "store_closed", takenOn: today, publishableFields: ["name", "credit_code", "province", "category"] },
    constraint: getZodConstraint(PlatformActionFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlatformActionFormSchema }),
  });
  const kind = typeof fields.kind.value === "string" ? fields.kind.value : "store_closed";
  const blacklist = kind === "blacklist_candidate";
  const accountChosen = typeof fields.caseAccountId.value === "string" && fields.caseAccountId.value !== "";
  const enterpriseChosen = typeof fields.caseEnterpriseId.value === "string" && fields.caseEnterpriseId.value !== "";
  const label = (field: string) => t(`police.platformAction.fields.${field}`);
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "record";
  // Without JavaScript every part is shown; with it, only what the chosen kind needs.
  const show = (part: "account" | "enterprise") => !hydrated || (part === "enterprise" ? blacklist : !blacklist);

  return (
    <Form method="post" {...getFormProps(form)} className="police-form police-action-form">
      <input type="hidden" name="intent" value="record" />
      {form.errors?.length ? (
        <div className="form-error-summary" role="alert">
          {form.errors.map((error) => (
            <p key={error}>{translateMessage(t, error)}</p>
          ))}
        </div>
      ) : null}
      {recordReply?.notAllowed ? (
        <p className="notice notice-warning" role="alert">
          {t("police.platformAction.notAllowed", { status: t(`caseVocabulary.status.${recordReply.notAllowed}`) })}
        </p>
      ) : null}
      <fieldset className="police-choice">
        <legend>{label("kind")}</legend>
        {getCollectionProps(fields.kind, { type: "radio", options: [...PLATFORM_ACTION_KINDS] }).map((props) => (
          <label key={props.key} className="checkbox">
            <input {...props} key={props.key} />
            {t(`caseVocabulary.platformActionKind.${props.value}`)}
          </label>
        ))}
        <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
      </fieldset>

      {show("account") ? (
        <fieldset className="nested-group" disabled={hydrated && blacklist}>
          <legend>{t("police.platformAction.accountLegend")}</legend>
          <div className="field-grid">
            <LeadField field={fields.caseAccountId} label={label("caseAccountId")} wide>
              <select {...getSelectProps(fields.caseAccountId)} key={fields.caseAccountId.key}>
                <option value="">{t("police.platformAction.enterAccount")}</option>
                {choices.accounts.map((account) => (
                  <option key={account.id} value={account.id}>
                    {[t(`caseVocabulary.marketplace.${account.marketplace}`), account.storeName, account.storeId, account.sellerId].filter(Boolean).join(" · ")}
                  </option>
                ))}
              </select>
            </LeadField>
            {!hydrated || !accountChosen ? (
              <>
                <ChoiceSelect field={fields.marketplace} label={label("marketplace")} values={MARKETPLACES} vocabulary="marketplace" allowEmpty="choose" />
                <TextInput field={fields.storeId} label={label("storeId")} />
                <TextInput field={fields.sellerId} label={label("sellerId")} />
              </>
            ) : null}
          </div>
        </fieldset>
      ) : null}

      {show("enterprise") ? (
        <fieldset className="nested-group" disabled={hydrated && !blacklist}>
          <legend>{t("police.platformAction.enterpriseLegend")}</legend>
          <div className="field-grid">
            <LeadField field={fields.caseEnterpriseId} label={label("caseEnterpriseId")} wide>
              <select {...getSelectProps(fields.caseEnterpriseId)} key={fields.caseEnterpriseId.key}>
                <option value="">{t("police.platformAction.enterEnterprise")}</option>
                {choices.enterprises.map((enterprise) => (
                  <option key={enterprise.id} value={enterprise.id}>
                    {[enterprise.name, enterprise.creditCode].filter(Boolean).join(" · ")}
                  </option>
                ))}
              </select>
            </LeadField>
            {!hydrated || !enterpriseChosen ? (
              <>
                <TextInput field={fields.enterpriseName} label={label("enterpriseName")} wide />
                <TextInput field={fields.creditCode} label={label("creditCode")} hint={t("police.platformAction.hints.creditCode")} />
              </>
            ) : null}
          </div>
          <fieldset className="checkbox-group">
            <legend>{label("publishableFields")}</legend>
            {getCollectionProps(fields.publishableFields, { type: "checkbox", options: [...PUBLISHABLE_FIELDS] }).map((props) => (
              <label key={props.key} className="checkbox">
                <input {...props} key={props.key} />
                {t(`police.platformAction.publishableField.${props.value}`)}
              </label>
            ))}
            <p className="field-hint">{t("police.platformAction.hints.publishableFields")}</p>
          </fieldset>
        </fieldset>
      ) : null}

      <div className="field-grid">
        <LeadField field={fields.takenOn} label={label("takenOn")} required>
          <input {...getInputProps(fields.takenOn, { type: "date" })} key={fields.takenOn.key} max={today} />
        </LeadField>
      </div>
      <TextArea field={fields.note} label={blacklist ? label("reason") : label("note")} rows={3} />
      <div className="form-actions">
        <button type="submit" className="button button-save" disabled={saving}>
          {saving ? t("police.saving") : t("police.platformAction.save")}
        </button>
      </div>
    </Form>
  );
}
