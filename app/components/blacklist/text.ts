/**
 * The blacklist's values as text for reading, in the reader's language: shared by the pages and the exports
 * (PDF, CSV), so both say the same.
 */
import type { TFunction } from "i18next";
import type { AmendmentChange, CorrectionView, PublishableField, PublishedValues } from "~/domain/blacklist";

/** One published value as text for reading (province by name, category and reason in the reader's language). */
export function publishedValueText(t: TFunction, field: PublishableField, values: PublishedValues, provinceName: string | null): string | null {
  switch (field) {
    case "name":
      return values.name ?? null;
    case "credit_code":
      return values.credit_code ?? null;
    case "province":
      return values.province ? (provinceName ?? values.province) : null;
    case "category":
      return values.category ? t(`caseVocabulary.category.${values.category}`) : null;
    case "reason":
      return values.reason ? t(`blacklist.basis.${values.reason}`) : null;
  }
}

/** One change of an amendment for reading: "Enterprise: old → new", "Credit code: no longer published". */
export function changeText(t: TFunction, change: AmendmentChange, provinceNames: Record<string, string>): string {
  const field = t(`blacklist.field.${change.field}`);
  const text = (value: string | null) => {
    if (value === null) return "";
    const values = { [change.field]: value } as PublishedValues;
    return publishedValueText(t, change.field, values, change.field === "province" ? (provinceNames[value] ?? null) : null) ?? value;
  };
  if (change.after === null) return t("blacklist.corrections.withdrawn", { field });
  if (change.before === null) return t("blacklist.corrections.nowPublished", { field, value: text(change.after) });
  return t("blacklist.corrections.changed", { field, before: text(change.before), after: text(change.after) });
}


/** "Corrected in version 2: amended." / "Correction recorded (removed…); it will be carried out in the next version." */
export function correctionStatus(t: TFunction, correction: CorrectionView): string {
  const kind = t(`blacklist.corrections.kind.${correction.kind}`);
  return correction.correctedInVersion
    ? t("blacklist.version.entryCorrected", { number: correction.correctedInVersion, kind })
    : t("blacklist.version.entryCorrectionPending", { kind });
}
