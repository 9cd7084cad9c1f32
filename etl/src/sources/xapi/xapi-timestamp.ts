const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * An xAPI timestamp (ISO 8601 date-time) as epoch milliseconds, or null when it is not one.
 * A timestamp without an offset is read as UTC — the spec asks for an offset, and reading it in
 * the machine's zone would make the result depend on where the ETL runs.
 */
export function xapiTimestampMillis(text: string): number | null {
  const t = text.trim();
  if (!TIMESTAMP.test(t)) return null;
  const hasOffset = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(t.slice(10));
  const ms = Date.parse(hasOffset ? t : `${t}Z`);
  return Number.isNaN(ms) ? null : ms;
}
