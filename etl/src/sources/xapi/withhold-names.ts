/** Keys whose value is an agent or group (xAPI 1.0.3 §2.4.2, §2.4.6, §2.4.9), a `member` list's items too. */
const AGENT_PLACES = new Set(['actor', 'authority', 'instructor', 'team', 'member']);

/**
 * A statement without the display names of its agents and groups: `actor.name`, `authority.name`,
 * `context.instructor.name`, a group's and its members' names, and those inside a SubStatement. A
 * person's name is never kept, not even in a quarantined statement (the README's Privacy by
 * design); the identifiers a statement is mapped by (mbox, mbox_sha1sum, openid, account
 * `{homePage, name}`, the LMS login) stay, as a NIP does in a quarantined spreadsheet row, so the
 * statement can be fixed and replayed. An agent is an object with an identifier or members, or
 * `objectType` Agent / Group, or what stands where the spec puts an agent (AGENT_PLACES): an actor
 * with a name and no identifier kept that name in the quarantine until a review of 2026-12-06. An
 * account's own `name` is its login and is kept. It recurses: the statements it is given are
 * nested at most MAX_STATEMENT_DEPTH deep (split-statements.ts).
 */
export function withoutAgentNames(value: unknown, agentPlace = false): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutAgentNames(v, agentPlace));
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const agent =
    agentPlace ||
    object.objectType === 'Agent' ||
    object.objectType === 'Group' ||
    'mbox' in object ||
    'mbox_sha1sum' in object ||
    'openid' in object ||
    'member' in object ||
    (typeof object.account === 'object' && object.account !== null);
  // Built from entries, which defines own keys: `out[key] = …` with a statement's own "__proto__" key
  // set the copy's prototype instead, and the key vanished from the quarantined statement (a review of
  // 2026-12-06).
  return Object.fromEntries(
    Object.entries(object)
      .filter(([key]) => !(agent && key === 'name'))
      .map(([key, v]) => [key, key === 'account' ? v : withoutAgentNames(v, AGENT_PLACES.has(key))]),
  );
}

/**
 * `name` inside a JSON string, each letter as written or escaped (`"n\u0061me"`: JSON.parse reads
 * it as `name`, so an agent's name under such a key is still a name; a privacy review of
 * 2026-12-07).
 */
const QUOTED_NAME = [...'name']
  .map((c) => {
    const hex = c.charCodeAt(0).toString(16);
    return String.raw`(?:${c}|\\u00${hex[0]}[${hex[1]}${hex[1]?.toUpperCase()}])`;
  })
  .join('');

/**
 * A `name` key in text that is no JSON: `"name"`, or `'name'` and `name` where a key may start (after
 * `{` or `,`), its letters as written or escaped in each (a review of 2026-12-07 found `'n\u0061me'`
 * and a bare `n\u0061me` kept).
 */
const NAME_KEY = String.raw`(?:"${QUOTED_NAME}"|(?=['n\\])(?<=(?:^|[{,])\s*)(?:'${QUOTED_NAME}'|${QUOTED_NAME}(?![\w$])))\s*:\s*`;

/**
 * What follows the quote that ends a quoted value: `,` `}` `]`, a key's `:`, or the end of the
 * text. A quote followed by anything else is inside the value (`"Budi "Bud" Santoso"`, `'Ma'ruf
 * Amin'`), so no part of such a name is left after the blank.
 */
const AFTER_CLOSING_QUOTE = String.raw`\s*(?:[,:}\]]|$)`;

/** A value in `q` quotes, up to the quote that ends it or the end of the line (a value never closed: a line cut off). */
const quoted = (q: string) => String.raw`${q}(?:[^${q}\\\r\n]|\\.|${q}(?!${AFTER_CLOSING_QUOTE}))*${q}?`;

/**
 * An unquoted value that may be a name: not an object or array (`"name": {"id-ID": …}` is an
 * activity's), no `true`, `false`, `null` or number, and up to the next `,` `}` `]` or line break;
 * past a comma not followed by a key or a nested value (`Siregar, Budiono`), so no part of the
 * name is left.
 */
const BARE =
  String.raw`(?![{\["'\s]|(?:true|false|null|-?\d[\d.eE+-]*)\s*(?:[,}\]\r\n]|$))` +
  String.raw`[^,}\]\r\n]+(?:,(?!\s*(?:["'{\[]|[\w$]+\s*:))[^,}\]\r\n]*)*`;

const NAME_VALUE = new RegExp(`(${NAME_KEY})(?:(${quoted('"')})|(${quoted("'")})|(${BARE}))`, 'g');

/**
 * Text that is no valid JSON, with every `name` value blanked: its agents cannot be told apart,
 * and a display name must not reach the quarantine through it (an account login written `"name"`
 * is blanked too; the statement has to be exported again anyway). Only `name` holds a display
 * name: the identifiers (mbox, account) stay, as in a statement that is read (withoutAgentNames).
 * A value in double quotes reads `""`, in single quotes `''`, and one written without quotes
 * (`"name":Budiono Siregar}`) nothing (`"name":}`): the rest of the text is kept as written, and
 * so is the quoting, so the admin still sees what makes it no JSON. Single quotes, no quotes and a
 * single-quoted or bare key kept the name until a privacy review of 2026-12-07.
 */
export function withoutNamesInText(text: string): string {
  return text.replace(NAME_VALUE, (_m, key: string, double?: string, single?: string) =>
    double !== undefined ? `${key}""` : single !== undefined ? `${key}''` : key,
  );
}
