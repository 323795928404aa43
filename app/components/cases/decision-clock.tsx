/**
 * The decision clock of a referral: how long the agency has left to decide, "due soon", or how long it is
 * overdue. The time left is measured on the server's clock when the page was drawn (`computedAt`), so the
 * page reads right without JavaScript and server and browser render alike; once the page runs, it counts
 * down from there (by the time elapsed in the browser, whatever its own clock says).
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { decisionClock, overdueParts, remainingParts } from "~/domain/referrals";

export function DecisionClock({ dueAt, computedAt, className }: { dueAt: string; computedAt: string; className?: string }) {
  const { t } = useTranslation();
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = window.setInterval(() => setElapsed(Date.now() - started), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  const clock = decisionClock(dueAt, new Date(Date.parse(computedAt) + elapsed));
  let text: string;
  if (clock.state === "overdue") {
    text = t("workflow.target.overdueBy", overdueParts(clock.remainingMs));
  } else {
    const left = remainingParts(clock.remainingMs);
    text = left.days > 0 ? t("workflow.target.remaining", left) : t("workflow.target.remainingHours", left);
    if (clock.state === "due_soon") text = `${t("workflow.target.dueSoon")} · ${text}`;
  }
  const variant = clock.state === "overdue" ? " workflow-clock-overdue" : clock.state === "due_soon" ? " workflow-clock-soon" : "";
  return (
    <span className={`workflow-clock${variant}${className ? ` ${className}` : ""}`} data-clock={clock.state}>
      {text}
    </span>
  );
}
