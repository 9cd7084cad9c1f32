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
 * Text that is no valid JSON, with every `"name": "…"` value blanked: its agents cannot be told
 * apart, and a display name must not reach the quarantine through it (an account login written
 * `"name"` is blanked too; the statement has to be exported again anyway).
 */
export function withoutNamesInText(text: string): string {
  return text.replace(/("name"\s*:\s*)"(?:[^"\\]|\\.)*("?)/g, (_m, key: string) => `${key}""`);
}
