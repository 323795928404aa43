import { useTranslation } from "react-i18next";
import type { AccountStatus } from "~/domain/users-admin.server";

const FLAG_CLASS: Record<AccountStatus, string> = {
  active: "flag flag-ok",
  locked: "flag flag-warning",
  deactivated: "flag flag-danger",
};

/** Active, locked (too many failures) or deactivated (by an administrator, or after 90 days unused). */
export function AccountStatusFlag({ status, reason }: { status: AccountStatus; reason?: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={FLAG_CLASS[status]}>{t(`admin.users.status.${status}`)}</span>
      {status === "deactivated" && reason ? (
        <div className="muted small">{reason === "inactive" ? t("admin.users.inactiveReason") : reason}</div>
      ) : null}
    </>
  );
}
