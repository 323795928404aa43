import { useTranslation } from "react-i18next";
import type { MouStanding } from "~/domain/mous";

const FLAG_CLASS: Record<MouStanding["status"], string> = {
  in_force: "flag flag-ok",
  expiring: "flag flag-warning",
  not_yet_in_force: "flag flag-neutral",
  expired: "flag flag-danger",
  ended: "flag flag-danger",
};

/** An MOU's standing today: in force, expiring in N days (30 days ahead), not yet in force, expired, ended. */
export function MouStandingFlag({ standing }: { standing: MouStanding }) {
  const { t } = useTranslation();
  const label =
    standing.status === "expiring"
      ? t("admin.mous.status.expiringIn", { count: standing.daysLeft ?? 0 })
      : t(`admin.mous.status.${standing.status}`);
  return <span className={FLAG_CLASS[standing.status]}>{label}</span>;
}

/** Territory as place names with their codes (names stay in Chinese: they are proper names). */
export function TerritoryList({ territory }: { territory: readonly { code: string; name: string | null }[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list">
      {territory.map((entry) => (
        <li key={entry.code}>
          {entry.name ? <span lang="zh-CN">{entry.name}</span> : t("admin.mous.unknownDivision")} <code className="muted">{entry.code}</code>
        </li>
      ))}
    </ul>
  );
}
