/**
 * The bell in the header: a link to /notifications with the unread count (from the root loader), which a
 * screen reader reads as part of the link's name.
 */
import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The root loader stops counting above this (UNREAD_COUNT_CAP in notifications.server.ts). */
const SHOWN_CAP = 99;

export function NotificationBell({ unread }: { unread: number }) {
  const { t } = useTranslation();
  const label = unread > 0 ? t("collaboration.bell.labelUnread", { count: Math.min(unread, SHOWN_CAP) }) : t("collaboration.bell.label");
  return (
    <NavLink to="/notifications" className="notification-bell" aria-label={label} title={label} data-testid="notification-bell">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 ? (
        <span className="notification-count" aria-hidden="true" data-testid="notification-count">
          {unread > SHOWN_CAP ? t("collaboration.bell.overCap", { count: SHOWN_CAP }) : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
