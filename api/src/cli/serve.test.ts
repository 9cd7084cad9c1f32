import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshotLayout } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../auth/token-store.ts';
import { fixtureWarehouse, publishFixture } from '../testing/fixture-snapshot.ts';

/** `serve.ts` as a process of its own (node with tsx's loader: the process signals reach). */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERVE = join(REPO_ROOT, 'api/src/cli/serve.ts');

let dir: string;
let warehouse: Awaited<ReturnType<typeof fixtureWarehouse>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asn-serve-'));
  warehouse = await fixtureWarehouse();
});
afterAll(async () => {
  await warehouse?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

function serve(env: Record<string, string>): ChildProcess & { out: string[]; err: string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      WAREHOUSE_DIR: warehouse.dir,
      DASHBOARD_DIR: join(dir, 'no-dashboard'),
      SNAPSHOT_POLL_MS: '0',
      CACHE_WARM_ENTRIES: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { out: string[]; err: string[] };
  child.out = [];
  child.err = [];
  child.stdout?.on('data', (c: Buffer) => child.out.push(...c.toString('utf8').split('\n').filter(Boolean)));
  child.stderr?.on('data', (c: Buffer) => child.err.push(...c.toString('utf8').split('\n').filter(Boolean)));
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

/** The first `msg` log line, among those after the first `from` (lines logged before a signal). */
async function waitForLine(
  lines: string[],
  msg: string,
  timeoutMs = 20_000,
  from = 0,
): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const line of lines.slice(from)) {
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed.msg === msg || parsed.message === msg) return parsed;
      } catch {
        // not a log line
      }
    }
    if (Date.now() > until) throw new Error(`no "${msg}" line in: ${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('serve.ts start-up configuration errors', () => {
  it('prints one line "cannot serve: …" and exits 1, with no stack trace', async () => {
    const duplicate = join(dir, 'duplicate.json');
    await writeFile(
      duplicate,
      JSON.stringify([
        { name: 'ops-a', role: 'admin', sha256: sha256Hex('x') },
        { name: 'ops-b', role: 'public', sha256: sha256Hex('x').toUpperCase() },
      ]),
      { mode: 0o600 },
    );
    const malformed = join(dir, 'malformed.json');
    await writeFile(malformed, '{ nope', { mode: 0o600 });
    const groupWritable = join(dir, 'group-writable.json');
    await writeFile(
      groupWritable,
      JSON.stringify([{ name: 'ops-a', role: 'admin', sha256: sha256Hex('x') }]),
    );
    await chmod(groupWritable, 0o664);
    const broken = await fixtureWarehouse();
    try {
      const older = broken.snapshot.id;
      const live = await publishFixture(broken.dir, 'live');
      await truncate(snapshotLayout(broken.dir).snapshotFile(live.id), 4096);
      const cases: [Record<string, string>, RegExp][] = [
        [{ ANONYMOUS_ROLE: 'admin' }, /^cannot serve: invalid api environment: ANONYMOUS_ROLE: /],
        [{ ALLOW_ANONYMOUS: 'FALSE' }, /^cannot serve: invalid api environment: ALLOW_ANONYMOUS: /],
        // An origin a browser never sends (no scheme; a trailing slash) matched nothing, silently.
        [
          { CORS_ORIGINS: 'dash.palangkaraya.go.id, https://a.go.id/, https://ok.go.id:8443, *' },
          /^cannot serve: invalid api environment: CORS_ORIGINS: "dash\.palangkaraya\.go\.id", "https:\/\/a\.go\.id\/" never match a browser's Origin: /,
        ],
        [
          { API_TOKENS_FILE: join(dir, 'missing.json') },
          /^cannot serve: API_TOKENS_FILE .*missing\.json cannot be read: ENOENT \(no such file\)$/,
        ],
        [{ API_TOKENS_FILE: malformed }, /^cannot serve: .*malformed\.json is not valid JSON: /],
        [
          { API_TOKENS_FILE: duplicate },
          /^cannot serve: .*duplicate\.json: entries "ops-a" and "ops-b" have the same sha256/,
        ],
        [
          { API_TOKENS_FILE: groupWritable },
          /^cannot serve: API_TOKENS_FILE .*group-writable\.json is writable by group or others \(mode 0664\): anyone who can write it can add an admin token; run `chmod 600 .*group-writable\.json` \(or `chmod 640 /,
        ],
        [
          { WAREHOUSE_DIR: broken.dir },
          new RegExp(
            `^cannot serve: the live snapshot ${live.id} .*cannot be opened: .*npm run snapshots -- --rollback ${older}$`,
          ),
        ],
      ];
      const results = await Promise.all(
        cases.map(async ([env]) => {
          const child = serve(env);
          const code = await exited(child);
          await new Promise((r) => setTimeout(r, 50));
          return { code, err: child.err };
        }),
      );
      results.forEach(({ code, err }, i) => {
        expect(err, JSON.stringify(cases[i]![0])).toHaveLength(1);
        expect(err[0]).toMatch(cases[i]![1]);
        expect(code).toBe(1);
      });
    } finally {
      await broken.cleanup();
    }
    // Eight servers start at once: 20 s alone on the CI machine, 40 s beside the e2e.
  }, 120_000);
});

describe('serve.ts on SIGHUP', () => {
  it('re-reads API_TOKENS_FILE (a removed token is refused), keeps the tokens on a bad file, and keeps serving', async () => {
    const tokens = join(dir, 'tokens.json');
    const alice = { name: 'alice', role: 'analyst', sha256: sha256Hex('tok-alice') };
    const bob = { name: 'bob', role: 'analyst', sha256: sha256Hex('tok-bob') };
    await writeFile(tokens, JSON.stringify([alice, bob]), { mode: 0o600 });
    const child = serve({ API_TOKENS_FILE: tokens });
    const stopped = exited(child);
    try {
      const url = (await waitForLine(child.out, 'listening')).url as string;
      const serving = await waitForLine(child.out, 'serving');
      expect(serving.pid).toBe(child.pid);
      const ask = async (token: string) =>
        (
          await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: '{ snapshot { id } }' }),
          })
        ).status;
      expect([await ask('tok-alice'), await ask('tok-bob')]).toEqual([200, 200]);

      await writeFile(tokens, JSON.stringify([alice]));
      child.kill('SIGHUP');
      expect(await waitForLine(child.out, 'tokens reloaded')).toMatchObject({ file: tokens, entries: 1 });
      expect([await ask('tok-alice'), await ask('tok-bob')]).toEqual([200, 401]);

      await writeFile(tokens, JSON.stringify([alice, { ...alice, name: 'alice-copy' }]));
      child.kill('SIGHUP');
      const refused = await waitForLine(child.out, 'tokens not reloaded: the previous ones stay in use');
      expect(refused.error).toMatch(/entries "alice" and "alice-copy" have the same sha256/);
      expect(await ask('tok-alice')).toBe(200);

      // Readable by others: read, with a warning; writable by group: refused, the tokens stay.
      await writeFile(tokens, JSON.stringify([alice, bob]));
      await chmod(tokens, 0o644);
      let from = child.out.length;
      child.kill('SIGHUP');
      const readable =
        'API_TOKENS_FILE is readable by others: it holds only token hashes, but chmod 600 (or 640) keeps them private';
      expect(await waitForLine(child.out, readable, 20_000, from)).toMatchObject({
        level: 'warn',
        file: tokens,
        mode: '0644',
      });
      expect(await waitForLine(child.out, 'tokens reloaded', 20_000, from)).toMatchObject({ entries: 2 });
      expect(await ask('tok-bob')).toBe(200);
      await chmod(tokens, 0o664);
      from = child.out.length;
      child.kill('SIGHUP');
      const writable = await waitForLine(
        child.out,
        'tokens not reloaded: the previous ones stay in use',
        20_000,
        from,
      );
      expect(writable.error).toMatch(/is writable by group or others \(mode 0664\)/);
      expect(await ask('tok-bob')).toBe(200);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
      expect(await stopped).toBe(0);
    }
  }, 60_000);
});
