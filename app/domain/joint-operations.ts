/**
 * Joint operations (named campaigns such as "Cloud Sword 2026", DOMAIN.md): the rules the browser shares.
 * An operation runs from starts_on to ends_on inclusive (calendar days in the portal's time zone, Asia/Shanghai);
 * no end date means it runs until someone sets one. The database code is in joint-operations.server.ts.
 */
import type { SubmissionResult } from "@conform-to/react";
import type { RecordConflict } from "./police";

export const OPERATION_STATUSES = ["upcoming", "active", "ended"] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** Where an operation stands on `today` (YYYY-MM-DD in the portal's time zone). */
export function operationStatus(operation: { startsOn: string; endsOn: string | null }, today: string): OperationStatus {
  if (today < operation.startsOn) return "upcoming";
  if (operation.endsOn !== null && operation.endsOn < today) return "ended";
  return "active";
}

/** The fields of the operation form, in the order the form shows them (and a refused save names them). */
export const OPERATION_FIELDS = ["code", "nameZh", "nameEn", "description", "startsOn", "endsOn", "agencyIds"] as const;
export type OperationField = (typeof OPERATION_FIELDS)[number];

export interface NamedOrganisation {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface OperationListRow {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  startsOn: string;
  endsOn: string | null;
  status: OperationStatus;
  agencies: NamedOrganisation[];
  /** Leads attached, all organisations (a count, not the leads: administrators have no case access). */
  attachedLeads: number;
}

/** One attached lead as a viewer with case access sees it (in their scope only). */
export interface AttachedLead {
  id: string;
  reference: string;
  title: string;
  status: string;
  agency: { nameZh: string; nameEn: string } | null;
  updatedAt: string;
}

export interface OperationHistoryEntry {
  seq: number;
  occurredAt: string;
  action: string;
  actorName: string | null;
  /** For joint_operation.updated: the fields changed. */
  fields: string[];
  /** For attach and detach: the lead's reference (only for viewers who may see that lead). */
  reference: string | null;
  /** An attach that moved the lead from another operation: that operation, here the "from" side. */
  movedFrom: { code: string; nameZh: string; nameEn: string } | null;
  /** The operation the lead was moved to, when this operation's history shows it leaving by a move. */
  movedTo: { code: string; nameZh: string; nameEn: string } | null;
  reason: string | null;
}

export interface OperationDetail extends OperationListRow {
  description: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  /** Attached leads by case status, all organisations (what an administrator sees instead of the leads). */
  countsByStatus: Array<{ status: string; count: number }>;
  /** The viewer's page of attached leads, or null when the viewer has no case access. */
  leads: { items: AttachedLead[]; inScope: number; page: number; pageCount: number } | null;
  history: OperationHistoryEntry[];
}

/** What the new and edit pages' actions answer when nothing was saved. */
export interface OperationFormActionData {
  result: SubmissionResult<string[]>;
  /** The version the page was drawn from (edits), kept across refused saves. */
  version?: number;
  conflict?: RecordConflict;
}
