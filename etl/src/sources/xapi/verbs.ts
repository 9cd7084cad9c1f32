/** The verbs that say something about an e-learning enrollment; every other verb is quarantined. */
export const SUPPORTED_VERBS = ['completed', 'passed', 'failed', 'attempted', 'experienced'] as const;
export type SupportedVerb = (typeof SUPPORTED_VERBS)[number];

const SUPPORTED: ReadonlySet<string> = new Set(SUPPORTED_VERBS);

/** ADL's verb vocabulary namespace (http and https forms are both seen in the wild). */
const ADL_VERB_PREFIXES = ['http://adlnet.gov/expapi/verbs/', 'https://adlnet.gov/expapi/verbs/'];

export type VerbResolution =
  | { readonly ok: true; readonly verb: SupportedVerb }
  | { readonly ok: false; readonly missing: boolean; readonly detail: string };

/**
 * Which supported verb a statement's `verb` is. An ADL IRI decides by its last path segment and
 * is authoritative (an ADL `progressed` stays unsupported whatever its display says). Any other
 * IRI falls back to its `display` text in any language, because LMSs mint their own IRIs for
 * "completed" and the display is then the only shared word.
 */
export function resolveVerb(verb: unknown): VerbResolution {
  if (typeof verb !== 'object' || verb === null)
    return { ok: false, missing: true, detail: 'verb is missing' };
  const { id, display } = verb as { id?: unknown; display?: unknown };
  if (typeof id !== 'string' || id.trim() === '')
    return { ok: false, missing: true, detail: 'verb.id is missing' };
  const iri = id.trim();
  const adl = ADL_VERB_PREFIXES.find((p) => iri.startsWith(p));
  if (adl) {
    const segment = iri.slice(adl.length).replace(/\/+$/, '');
    if (SUPPORTED.has(segment)) return { ok: true, verb: segment as SupportedVerb };
    return { ok: false, missing: false, detail: `unsupported verb ${iri}` };
  }
  if (typeof display === 'object' && display !== null) {
    for (const text of Object.values(display)) {
      const word = typeof text === 'string' ? text.trim().toLowerCase() : '';
      if (SUPPORTED.has(word)) return { ok: true, verb: word as SupportedVerb };
    }
  }
  return { ok: false, missing: false, detail: `unsupported verb ${iri}` };
}
