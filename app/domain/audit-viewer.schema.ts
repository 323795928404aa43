/** The audit viewer's filters (query string), shared by the page's form and the CSV export. */
import { z } from "zod";

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));

/** Bad values are dropped rather than refused: a filter link must never break the page. */
export const AuditFiltersSchema = z.object({
  actor: z.string().trim().max(254).optional().catch(undefined),
  organisation: z.string().uuid().optional().catch(undefined),
  /** A case reference (AC-2026-000123) or a case id. */
  case: z.string().trim().max(64).optional().catch(undefined),
  action: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9_.]+$/)
    .optional()
    .catch(undefined),
  outcome: z.enum(["success", "failure"]).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  /** Keyset cursor: show records older than this sequence number. */
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditFilters = z.infer<typeof AuditFiltersSchema>;

export function auditFiltersFrom(searchParams: URLSearchParams): AuditFilters {
  const raw: Record<string, string> = {};
  for (const key of ["actor", "organisation", "case", "action", "outcome", "from", "to", "before"]) {
    const value = searchParams.get(key);
    if (value) raw[key] = value;
  }
  return AuditFiltersSchema.parse(raw);
}

/** The filters as a query string (without the cursor unless asked), for links to the next page and the export. */
export function auditFiltersQuery(filters: AuditFilters, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, before: undefined, ...extra })) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}
