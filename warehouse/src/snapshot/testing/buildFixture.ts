/**
 * Test fixture, run as a child process by the kill tests:
 *
 *   node --import tsx buildFixture.ts <warehouseDir> <full|incremental> <label> <rows>
 *
 * Builds a snapshot whose table `t(label, i)` gets `rows` rows labelled `label`, in two appends inside
 * one transaction, then publishes. With SNAPSHOT_FIXTURE_PAUSE_AT=<point> it prints `PAUSED <point>`
 * on reaching that point and hangs, so the test can SIGKILL it exactly there. Points: the build steps
 * (`begun`, `checkpointed`, `renamed`, `pointer-swapped`) and `mid-write` (between the two appends).
 * Prints `PUBLISHED <id>` on success.
 */
import { beginBuild } from '../beginBuild.ts';

// biome-ignore lint/style/noProcessEnv: test fixture
const pauseAt = process.env.SNAPSHOT_FIXTURE_PAUSE_AT;

async function pauseIfAsked(point: string): Promise<void> {
  if (point !== pauseAt) return;
  process.stdout.write(`PAUSED ${point}\n`);
  // Hang until killed; the interval keeps the event loop alive.
  setInterval(() => undefined, 60_000);
  await new Promise(() => undefined);
}

async function main(): Promise<void> {
  const [dir, mode, label, rowsArg] = process.argv.slice(2);
  if (!dir || (mode !== 'full' && mode !== 'incremental') || !label || !rowsArg) {
    throw new Error('usage: buildFixture.ts <dir> <full|incremental> <label> <rows>');
  }
  const rows = Number(rowsArg);
  const build = await beginBuild(dir, { mode, log: () => undefined, onStep: (step) => pauseIfAsked(step) });
  if (mode === 'full') await build.db.exec('create table t (label varchar, i integer)');
  const half = Math.floor(rows / 2);
  const batch = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => [label, from + k]);
  await build.db.exec('begin transaction');
  await build.db.appendRows('t', ['label', 'i'], batch(0, half));
  await pauseIfAsked('mid-write');
  await build.db.appendRows('t', ['label', 'i'], batch(half, rows));
  await build.db.exec('commit');
  const info = await build.publish({ label });
  process.stdout.write(`PUBLISHED ${info.id}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
