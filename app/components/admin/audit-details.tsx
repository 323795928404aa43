/**
 * An audit record's details, compactly: "field: before → after" for changes, "key: value" for facts. Keys
 * are the record's own (technical) names, shown as they are so an auditor can match them with an export.
 */
function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value) && "from" in (value as object) && "to" in (value as object);
}

export function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details).flatMap(([key, value]): [string, unknown][] =>
    key === "changes" && value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value as Record<string, unknown>) : [[key, value]],
  );
  if (entries.length === 0) return null;
  return (
    <dl className="audit-details">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{isChange(value) ? `${show(value.from)} → ${show(value.to)}` : show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
