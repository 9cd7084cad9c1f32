import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex, TokenFileError, TokenStore } from './token-store.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asn-tokens-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = async (entries: unknown) => {
  const path = join(dir, 'tokens.json');
  await writeFile(path, typeof entries === 'string' ? entries : JSON.stringify(entries));
  return path;
};

describe('TokenStore', () => {
  it('refuses a file listing one hash twice (hex case aside), naming the entries, never the hash', async () => {
    const hash = sha256Hex('shared-secret');
    const path = await file([
      { name: 'ops-alice', role: 'admin', sha256: hash },
      { name: 'kiosk', role: 'public', sha256: sha256Hex('other') },
      { name: 'ops-bob', role: 'public', sha256: hash.toUpperCase() },
    ]);
    const error = await TokenStore.fromFile(path).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(TokenFileError);
    expect(error?.message).toBe(
      `${path}: entries "ops-alice" and "ops-bob" have the same sha256 (one token for two entries): give each its own token`,
    );
    expect(error?.message).not.toContain(hash);
    expect(error?.message.toLowerCase()).not.toContain(hash);
  });

  it('says what is wrong with a missing or malformed file, as a TokenFileError', async () => {
    await expect(TokenStore.fromFile(join(dir, 'nope.json'))).rejects.toMatchObject({
      name: 'TokenFileError',
      message: `API_TOKENS_FILE ${join(dir, 'nope.json')} cannot be read: ENOENT (no such file)`,
    });
    const bad = await file('[{"name":');
    await expect(TokenStore.fromFile(bad)).rejects.toMatchObject({
      name: 'TokenFileError',
      message: expect.stringMatching(new RegExp(`^${bad} is not valid JSON: `)),
    });
  });

  it('reload() swaps in a valid file (revoking a token) and keeps the old entries when the new file is bad', async () => {
    const path = await file([
      { name: 'alice', role: 'admin', sha256: sha256Hex('tok-alice') },
      { name: 'bob', role: 'analyst', sha256: sha256Hex('tok-bob') },
    ]);
    const store = await TokenStore.fromFile(path);
    expect(store.lookup('tok-bob')?.name).toBe('bob');

    await file([{ name: 'alice', role: 'admin', sha256: sha256Hex('tok-alice') }]);
    expect(await store.reload()).toEqual({ path, entries: 1 });
    expect(store.lookup('tok-bob')).toBeNull();
    expect(store.lookup('tok-alice')?.role).toBe('admin');

    await file('not json');
    await expect(store.reload()).rejects.toBeInstanceOf(TokenFileError);
    expect(store.lookup('tok-alice')?.role).toBe('admin');
  });

  it('reload() without a file says there is nothing to reload', async () => {
    await expect(new TokenStore([]).reload()).rejects.toThrow(
      'API_TOKENS_FILE is not set: no tokens to reload',
    );
  });
});
