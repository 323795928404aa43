/**
 * Record ids are UUIDs. A path or form value that is not one cannot name a record: callers answer 404 (or a
 * validation message) without asking the database, which would otherwise raise a type error for it.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string | null | undefined): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}
