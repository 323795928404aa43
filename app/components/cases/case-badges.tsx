import { useTranslation } from "react-i18next";
import type { LeadDetail, LeadStatus } from "~/domain/cases";

/** Where a status sits in the life of a case, for its colour: the label always says it in words. */
const STATUS_TONE: Record<LeadStatus, string> = {
  draft: "neutral",
  in_review: "review",
  approved: "review",
  submitted: "waiting",
  returned_for_info: "waiting",
  accepted: "active",
  investigating: "active",
  raided: "active",
  prosecution: "active",
  closed: "done",
  declined: "stopped",
  withdrawn: "stopped",
};

export function StatusBadge({ status }: { status: LeadStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`case-status case-status-${STATUS_TONE[status]}`} data-status={status}>
      {t(`caseVocabulary.status.${status}`)}
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: LeadDetail["case"]["priority"] }) {
  const { t } = useTranslation();
  return (
    <span className={`case-priority case-priority-${priority}`} data-priority={priority}>
      {t(`caseVocabulary.priority.${priority}`)}
    </span>
  );
}
