import { chmod, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkTokenFileMode, sha256Hex, TokenFileError, TokenStore } from './token-store.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asn-tokens-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = async (entries: unknown) => {
  const path = join(dir, 'tokens.json');
  // 0600: a token file writable by group or others is refused, one readable by others warned about.
  await writeFile(path, typeof entries === 'string' ? entries : JSON.stringify(entries), { mode: 0o600 });
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

describe('TokenStore: the file’s permissions', () => {
  const entries = [{ name: 'alice', role: 'admin', sha256: sha256Hex('tok-alice') }];
  const warnings = () => {
    const seen: { message: string; fields: { file: string; mode: string } }[] = [];
    return {
      seen,
      warn: (message: string, fields: { file: string; mode: string }) => seen.push({ message, fields }),
    };
  };

  it.each([0o620, 0o664, 0o602, 0o666, 0o660])(
    'refuses a file writable by group or others (mode %o), naming the file, its mode and the fix',
    async (mode) => {
      const path = await file(entries);
      await chmod(path, mode);
      const { seen, warn } = warnings();
      const error = await TokenStore.fromFile(path, warn).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(TokenFileError);
      expect(error?.message).toBe(
        `API_TOKENS_FILE ${path} is writable by group or others (mode 0${mode.toString(8)}): anyone who can write it can add an admin token; run \`chmod 600 ${path}\` (or \`chmod 640 ${path}\` to let its group read it)`,
      );
      expect(seen).toEqual([]);
    },
  );

  it('warns about a file readable by others (it holds only hashes) and reads it', async () => {
    const path = await file(entries);
    await chmod(path, 0o644);
    const { seen, warn } = warnings();
    const store = await TokenStore.fromFile(path, warn);
    expect(store.lookup('tok-alice')?.name).toBe('alice');
    expect(seen).toEqual([
      {
        message:
          'API_TOKENS_FILE is readable by others: it holds only token hashes, but chmod 600 (or 640) keeps them private',
        fields: { file: path, mode: '0644' },
      },
    ]);
    // And again at each reload, while it stays so.
    await store.reload();
    expect(seen).toHaveLength(2);
  });

  it.each([0o600, 0o640, 0o400, 0o440])('reads a file of mode %o without a word', async (mode) => {
    const path = await file(entries);
    await chmod(path, mode);
    const { seen, warn } = warnings();
    expect((await TokenStore.fromFile(path, warn)).lookup('tok-alice')?.role).toBe('admin');
    expect(seen).toEqual([]);
  });

  it('follows a symlink and checks the mode of the file it names, not of the link', async () => {
    const target = await file(entries);
    const link = join(dir, 'link.json');
    await symlink(target, link);
    const { seen, warn } = warnings();
    // The link itself is 0777 on Linux: only the target counts.
    expect((await TokenStore.fromFile(link, warn)).lookup('tok-alice')?.name).toBe('alice');
    expect(seen).toEqual([]);
    await chmod(target, 0o664);
    await expect(TokenStore.fromFile(link, warn)).rejects.toThrow(
      `API_TOKENS_FILE ${link} is writable by group or others (mode 0664)`,
    );
  });

  it('reload() refuses a file made group-writable and keeps the tokens in use', async () => {
    const path = await file(entries);
    const store = await TokenStore.fromFile(path, () => undefined);
    await chmod(path, 0o620);
    await expect(store.reload()).rejects.toBeInstanceOf(TokenFileError);
    expect(store.lookup('tok-alice')?.role).toBe('admin');
  });

  it('without a warn function of the caller’s, the warning is one JSON log line on stdout', async () => {
    const path = await file(entries);
    await chmod(path, 0o604);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await TokenStore.fromFile(path);
      const lines = write.mock.calls.map(([chunk]) => String(chunk));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({
        level: 'warn',
        msg: expect.stringMatching(/^API_TOKENS_FILE is readable by others/),
        file: path,
        mode: '0604',
      });
    } finally {
      write.mockRestore();
    }
  });

  it('is not checked on Windows (no such permission bits)', () => {
    const { seen, warn } = warnings();
    expect(() => checkTokenFileMode('C:\\tokens.json', 0o666, warn, 'win32')).not.toThrow();
    expect(() => checkTokenFileMode('/etc/tokens.json', 0o666, warn, 'linux')).toThrow(TokenFileError);
    expect(seen).toEqual([]);
  });
});
