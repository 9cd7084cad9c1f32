// A worker thread of `offload.ts`: runs disclosure-control tasks (`DISCLOSURE_TASKS` of a module)
// off the main thread. Plain JavaScript so it starts under any runner; the task modules are
// TypeScript: under tsx the worker inherits its loader, elsewhere (vitest) tsx is registered here.
import { parentPort } from 'node:worker_threads';

const modules = new Map();

// tsx's CLI starts node with `--import …/tsx/dist/loader.mjs`, which a worker inherits.
let registered = process.execArgv.some((arg) => /[\\/]tsx[\\/]/.test(arg));

async function load(url) {
  if (!registered) {
    const { register } = await import('tsx/esm/api');
    register();
    registered = true;
  }
  return await import(url);
}

parentPort.on('message', async ({ id, module, task, args }) => {
  try {
    let mod = modules.get(module);
    if (!mod) {
      mod = load(module);
      modules.set(module, mod);
    }
    const result = (await mod).DISCLOSURE_TASKS[task](...args);
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
