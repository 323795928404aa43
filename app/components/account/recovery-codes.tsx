import { useTranslation } from "react-i18next";

/** Ten recovery codes, shown once, with what to do with them. */
export function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <section className="recovery-codes" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title">{t("account.twoFactor.codesTitle")}</h2>
      <p>{t("account.twoFactor.codesIntro")}</p>
      <ol className="code-list" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p className="muted">{t("account.twoFactor.codesOnce")}</p>
      <button type="button" className="button button-light print-hidden" onClick={() => window.print()}>
        {t("account.twoFactor.print")}
      </button>
    </section>
  );
}
