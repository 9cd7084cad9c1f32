// A worker thread of `offload.ts`: runs disclosure-control tasks (`DISCLOSURE_TASKS` of a module)
// off the main thread. Plain JavaScript so it starts under any runner; the task modules are
// TypeScript (see `load`).
import { parentPort } from 'node:worker_threads';

const modules = new Map();

// Under tsx (`npm start`) the main thread loads TypeScript through tsx's loader, which a worker on
// Node 20 does not get; under vitest there is none either. So before any task module the worker
// imports a probe module that nothing else imports, and when Node cannot load `.ts`, registers tsx.
// Probing with a task module instead would leave its failed import cached under its plain URL, and
// a later task module importing it (disclosure-adapter.ts imports offload.ts) would get that failure.
let ready;

function typescript() {
  ready ??= import('./offload-probe.ts').then(
    () => undefined,
    async (error) => {
      if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
      const { register } = await import('tsx/esm/api');
      register();
    },
  );
  return ready;
}

async function load(url) {
  await typescript();
  return await import(url);
}

parentPort.on('message', async ({ id, module, task, args }) => {
  try {
    let mod = modules.get(module);
    if (!mod) {
      mod = load(module);
      modules.set(module, mod);
      // A failed load is not kept: the next task of that module tries again.
      mod.catch(() => modules.delete(module));
    }
    const loaded = await mod;
    // No task: a warm-up (`offload.ts`), which only loads the module, the slow part of a new worker.
    if (task === null) {
      parentPort.postMessage({ id, ok: true, result: null });
      return;
    }
    const result = loaded.DISCLOSURE_TASKS[task](...args);
    parentPort.postMessage({ id, ok: true, result });
  } catch (error) {
    parentPort.postMessage({
      id,
      ok: false,
      error: {
        name: String(error?.name ?? 'Error'),
        message: String(error?.message ?? error),
        ...(typeof error?.budget === 'number' ? { budget: error.budget } : {}),
      },
    });
  }
});
