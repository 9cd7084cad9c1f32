/** `query Name`, `mutation Name` at the start of a document (after comments and whitespace). */
const NAMED = /^(?:\s|,|#[^\n]*\n)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

function nameOf(operation: unknown): string | undefined {
  if (!operation || typeof operation !== 'object') return undefined;
  const { operationName, query } = operation as Record<string, unknown>;
  if (typeof operationName === 'string' && operationName !== '') return operationName.slice(0, 100);
  if (typeof query !== 'string') return undefined;
  return NAMED.exec(query.slice(0, 500))?.[1];
}

/**
 * The operation name(s) a request names, for its log line: `operationName` when given, else the
 * name of the document's first operation; a batch lists its operations' names, `?` for an
 * anonymous one. undefined when nothing is named (an anonymous `{ … }` query). Reads the request
 * as sent, before validation: a log aid, never trusted.
 */
export function operationNames(body: unknown, search: URLSearchParams): string | undefined {
  if (Array.isArray(body)) {
    const names = body.slice(0, 20).map((op) => nameOf(op) ?? '?');
    return names.some((n) => n !== '?') ? names.join(',') : undefined;
  }
  if (body !== undefined) return nameOf(body);
  return nameOf({ operationName: search.get('operationName'), query: search.get('query') });
}
