import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";

/**
 * Validation messages travel as translation keys, optionally with parameters in query form
 * ("validation.tooLong?max=254"), so one schema serves server and browser in both languages.
 */
export function translateMessage(t: TFunction, message: string): string {
  const [key = message, query] = message.split("?");
  const params = Object.fromEntries(new URLSearchParams(query ?? ""));
  return t(key, params);
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors" role="alert">
      {errors.map((error) => (
        <li key={error}>{translateMessage(t, error)}</li>
      ))}
    </ul>
  );
}

export function Field({
  label,
  htmlFor,
  errorId,
  errors,
  children,
}: {
  label: string;
  htmlFor: string;
  errorId: string;
  errors?: string[] | null;
  children: ReactNode;
}) {
  return (
    <div className="field" data-invalid={errors?.length ? true : undefined}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
