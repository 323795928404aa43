import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A SHA-256 shown whole, in groups of eight for reading aloud and comparing by eye, selectable in one click
 * (the copy is the bare hex, without the spaces), with a copy button where the browser allows it.
 */
export function HashValue({ value }: { value: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const [canCopy, setCanCopy] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 2000);
    return () => window.clearTimeout(timer);
  }, [copied]);
  const groups = value.match(/.{1,8}/g) ?? [value];
  return (
    <span className="hash-value">
      <code className="hash-text" title={value} data-sha256={value}>
        {groups.map((group, index) => (
          <span key={index} className="hash-group">
            {group}
          </span>
        ))}
      </code>
      {canCopy ? (
        <button
          type="button"
          className="hash-copy"
          onClick={() => {
            void navigator.clipboard.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? t("evidence.hash.copied") : t("evidence.hash.copy")}
        </button>
      ) : null}
      <span className="ev-sr-only" aria-live="polite">
        {copied ? t("evidence.hash.copied") : ""}
      </span>
    </span>
  );
}
