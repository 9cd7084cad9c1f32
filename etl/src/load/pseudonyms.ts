import { createHash, createHmac } from 'node:crypto';

/**
 * Pseudonyms: HMAC-SHA256 under PSEUDONYM_KEY, hex. Keyed (not a plain hash) so that nobody
 * without the key can confirm a guessed NIP or e-mail address against the warehouse.
 */
export function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/**
 * HMAC-SHA256 as SQL over a VARCHAR expression, for DuckDB (which has sha256 but no HMAC):
 * sha256((K ⊕ opad) ‖ sha256((K ⊕ ipad) ‖ message)), RFC 2104, K the key's UTF-8 bytes (hashed
 * first when longer than the 64-byte block) zero-padded. `encode` takes the text's UTF-8 bytes (a
 * cast to BLOB would read `\x..` escapes). The pads are derived from the key, so they are bound as
 * parameters (`$ipad`, `$opad`, from `hmacPads`), never written into the SQL text. Lower-case hex,
 * equal to `hmacHex` for every text.
 */
export function hmacSql(message: string): string {
  return `sha256(unhex($opad) || unhex(sha256(unhex($ipad) || encode(${message}))))`;
}

/** The parameters of `hmacSql` for `secret`. */
export function hmacPads(secret: string): { ipad: string; opad: string } {
  let key = Buffer.from(secret, 'utf8');
  if (key.length > 64) key = createHash('sha256').update(key).digest();
  const block = Buffer.alloc(64);
  key.copy(block);
  return {
    ipad: Buffer.from(block.map((b) => b ^ 0x36)).toString('hex'),
    opad: Buffer.from(block.map((b) => b ^ 0x5c)).toString('hex'),
  };
}

/** employee_key: the HMAC of the NIP for a PNS, of the NI PPPK for a PPPK. */
export function employeeKey(
  secret: string,
  employmentType: string | null,
  nip: string | null,
  niPppk: string | null,
): string | null {
  const id = employmentType === 'PPPK' ? niPppk : nip;
  return id ? hmacHex(secret, id) : null;
}

/** `mailto:` + lower-cased address: how xAPI spells an mbox, whatever case the source used. */
export function normaliseMbox(mbox: string): string {
  const trimmed = mbox.trim().toLowerCase();
  return trimmed.startsWith('mailto:') ? trimmed : `mailto:${trimmed}`;
}

export interface ActorIdentity {
  readonly mbox?: string | null;
  readonly mboxSha1?: string | null;
  readonly homepage?: string | null;
  readonly name?: string | null;
}

/** The pseudonym of an mbox actor: HMAC(`mbox:<mailto:…>`). */
export function mboxKey(secret: string, mbox: string): string {
  return hmacHex(secret, `mbox:${normaliseMbox(mbox)}`);
}

/** The pseudonym of an account actor: HMAC(`account:<homePage>|<name>`), both trimmed. */
export function accountKey(secret: string, homepage: string, name: string): string {
  return hmacHex(secret, `account:${homepage.trim()}|${name.trim()}`);
}

/**
 * The pseudonym of an `mbox_sha1sum` actor: HMAC(`mbox_sha1sum:<hex>`). An LMS account with an
 * mbox gets the same key from SHA-1 of its normalised mbox, so such statements still map.
 */
export function mboxSha1Key(secret: string, sha1Hex: string): string {
  return hmacHex(secret, `mbox_sha1sum:${sha1Hex.trim().toLowerCase()}`);
}

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** A statement actor's key: by mbox, else account, else mbox_sha1sum (xAPI's inverse-functional ids). */
export function actorKey(secret: string, actor: ActorIdentity): string | null {
  if (actor.mbox) return mboxKey(secret, actor.mbox);
  if (actor.homepage && actor.name) return accountKey(secret, actor.homepage, actor.name);
  if (actor.mboxSha1) return mboxSha1Key(secret, actor.mboxSha1);
  return null;
}
