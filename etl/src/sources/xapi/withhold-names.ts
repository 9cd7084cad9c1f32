/**
 * A statement without the display names of its agents and groups: `actor.name`, `authority.name`,
 * `context.instructor.name`, a group's and its members' names, and those inside a SubStatement. A
 * person's name is never kept, not even in a quarantined statement (the README's Privacy by
 * design); the identifiers a statement is mapped by (mbox, mbox_sha1sum, openid, account
 * `{homePage, name}`, the LMS login) stay, as a NIP does in a quarantined spreadsheet row, so the
 * statement can be fixed and replayed. An agent is an object with an identifier or members, or
 * `objectType` Agent / Group; an account's own `name` is its login and is kept.
 */
export function withoutAgentNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAgentNames);
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const agent =
    object.objectType === 'Agent' ||
    object.objectType === 'Group' ||
    'mbox' in object ||
    'mbox_sha1sum' in object ||
    'openid' in object ||
    'member' in object ||
    (typeof object.account === 'object' && object.account !== null);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(object)) {
    if (agent && key === 'name') continue;
    out[key] = key === 'account' ? v : withoutAgentNames(v);
  }
  return out;
}

/**
 * Text that is no valid JSON, with every `"name": "…"` value blanked: its agents cannot be told
 * apart, and a display name must not reach the quarantine through it (an account login written
 * `"name"` is blanked too; the statement has to be exported again anyway).
 */
export function withoutNamesInText(text: string): string {
  return text.replace(/("name"\s*:\s*)"(?:[^"\\]|\\.)*("?)/g, (_m, key: string) => `${key}""`);
}
