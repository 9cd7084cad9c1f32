/** `query Name`, `mutation Name` at the start of a document (after its comments and whitespace). */
const NAMED = /^(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]{0,99})/;

/**
 * Where a document's first token starts: after whitespace, commas, a BOM and `#` comments however
 * long (the researcher examples open with 500 characters of comments; a cut at 500 logged
 * `AgencyComparison` as `Agen`). One pass over the leading characters, no backtracking.
 */
function firstToken(query: string): number {
  let i = 0;
  while (i < query.length) {
    const c = query.charCodeAt(i);
    if (c === 0x23 /* # */) {
      const end = query.indexOf('\n', i);
      if (end === -1) return query.length;
      i = end + 1;
    } else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2c || c === 0xfeff) i += 1;
    else return i;
  }
  return i;
}

function nameOf(operation: unknown): string | undefined {
  if (!operation || typeof operation !== 'object') return undefined;
  const { operationName, query } = operation as Record<string, unknown>;
  if (typeof operationName === 'string' && operationName !== '') return operationName.slice(0, 100);
  if (typeof query !== 'string') return undefined;
  const start = firstToken(query);
  return NAMED.exec(query.slice(start, start + 130))?.[1];
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
