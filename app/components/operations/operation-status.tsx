import { useTranslation } from "react-i18next";
import type { OperationStatus } from "~/domain/joint-operations";

const FLAG_CLASS: Record<OperationStatus, string> = {
  upcoming: "flag flag-upcoming",
  active: "flag flag-ok",
  ended: "flag flag-neutral",
};

/** Upcoming, active or ended, from today's date in the portal's time zone. */
export function OperationStatusFlag({ status }: { status: OperationStatus }) {
  const { t } = useTranslation();
  return (
    <span className={FLAG_CLASS[status]} data-status={status}>
      {t(`operations.status.${status}`)}
    </span>
  );
}

/** "2026-03-01 – 2026-12-31", or an open end. */
export function OperationPeriod({ startsOn, endsOn }: { startsOn: string; endsOn: string | null }) {
  const { t } = useTranslation();
  return (
    <span className="nowrap">
      {startsOn} – {endsOn ?? t("operations.openEnded")}
    </span>
  );
}
