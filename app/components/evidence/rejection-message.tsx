import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";
import { formatFileSize, type EvidenceRejection } from "~/domain/evidence";
import { translateMessage } from "~/components/ui/form";
import { DEFAULT_LOCALE } from "~/lib/i18n";

const FIELD_LABELS: Record<string, string> = {
  kind: "evidence.fields.kind",
  sensitivity: "evidence.fields.sensitivity",
  description: "evidence.fields.description",
  capturedBy: "evidence.fields.capturedBy",
  capturedAt: "evidence.fields.capturedAt",
};

/** Why a file was refused, in the reader's language, with what to do about it. */
export function RejectionMessage({ rejection, name }: { rejection: EvidenceRejection; name?: string | null }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? DEFAULT_LOCALE;
  const params: Record<string, string> = {};
  if (rejection.code === "too_large") params.limit = formatFileSize(rejection.maxBytes, locale);
  if ("detected" in rejection) params.detected = rejection.detected;
  if ("extension" in rejection) params.extension = rejection.extension;
  if ("declared" in rejection) params.declared = rejection.declared;
  const message = t(`evidence.rejection.${rejection.code}`, params);
  return (
    <>
      <p>{name ? t("evidence.rejection.withName", { name, message }) : message}</p>
      {rejection.code === "invalid_fields" ? (
        <ul className="field-errors">
          {Object.entries(rejection.fields).flatMap(([field, messages]) =>
            messages.map((text) => (
              <li key={`${field}:${text}`}>
                {t(FIELD_LABELS[field] ?? field)}
                {t("evidence.punctuation.colon")}
                {translateMessage(t, text)}
              </li>
            )),
          )}
        </ul>
      ) : null}
    </>
  );
}
