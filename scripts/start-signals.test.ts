import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSnapshot } from '../dashboard/e2e/demo-snapshot.ts';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The parent pid of a process, from /proc (Linux, where the project runs). */
function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/**
 * `npm start` under a supervisor: the SIGTERM it sends to npm reaches the server itself. Under
 * tsx's CLI a busy server missed tsx's 30 ms relay handshake and was SIGKILLed, its requests in
 * flight cut off (review of 2026-12-06): now npm's child is the server (`exec node --import tsx`),
 * which npm passes SIGTERM to, and it shuts down gracefully.
 */
describe('npm start and signals', () => {
  let dataDir: string;
  // Every npm and server process a test started: a server that failed to stop outlives npm.
  const started: number[] = [];
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'asn-start-signals-'));
    await demoSnapshot({ dataDir, scale: 0.02, log: () => undefined });
    // A stand-in dashboard, so the test neither builds nor depends on dashboard/dist.
    await mkdir(join(dataDir, 'dist'));
    await writeFile(join(dataDir, 'dist', 'index.html'), '<!doctype html><title>t</title>');
  }, 180_000);
  afterAll(async () => {
    for (const pid of started) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  /**
   * Runs `npm <args>` from the root, waits for the server's `serving` line, checks that the server
   * is npm's own child, sends npm SIGTERM and expects a graceful shutdown, exit code 0.
   */
  async function shutsDownGracefully(args: readonly string[]): Promise<void> {
    const npm = spawn('npm', args, {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATA_DIR: dataDir,
        DASHBOARD_DIR: join(dataDir, 'dist'),
        PORT: '0',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (npm.pid !== undefined) started.push(npm.pid);
    let out = '';
    npm.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    npm.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const exited = new Promise<number | null>((done) => npm.on('exit', (code) => done(code)));
    const serving = await new Promise<number>((done, fail) => {
      const timer = setInterval(() => {
        const line = out.split('\n').find((l) => l.includes('"msg":"serving"'));
        if (line) {
          clearInterval(timer);
          done((JSON.parse(line) as { pid: number }).pid);
        } else if (npm.exitCode !== null) {
          clearInterval(timer);
          fail(new Error(`npm ${args.join(' ')} ended: ${out}`));
        }
      }, 100);
    });
    started.push(serving);
    // No tsx (nor shell) between npm and the server: npm's signals go straight to it.
    expect(parentOf(serving)).toBe(npm.pid);
    npm.kill('SIGTERM');
    const code = await exited;
    expect(out).toContain('"msg":"shutting down","signal":"SIGTERM"');
    expect(code).toBe(0);
  }

  it('the server is npm’s own child, and SIGTERM to npm shuts it down gracefully', async () => {
    await shutsDownGracefully(['start']);
  }, 120_000);

  // `npm run serve -w @asn/api` ran tsx's own CLI until a review of 2026-12-06: npm's SIGTERM or
  // SIGINT ended it with code 130 and "npm error Lifecycle script `serve` failed".
  it('so is the server of npm run serve -w @asn/api (no preparation)', async () => {
    await shutsDownGracefully(['run', 'serve', '-w', '@asn/api']);
  }, 120_000);
});
