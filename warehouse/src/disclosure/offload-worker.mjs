// A worker thread of `offload.ts`: runs disclosure-control tasks (`DISCLOSURE_TASKS` of a module)
// off the main thread. Plain JavaScript so it starts under any runner; the task modules are
// TypeScript (see `load`).
import { parentPort } from 'node:worker_threads';

const modules = new Map();

// Under tsx (`npm start`) the main thread loads TypeScript through tsx's loader, which a worker on
// Node 20 does not get; under vitest there is none either. So the task module is imported as it
// is, and when Node cannot load `.ts`, tsx is registered here and it is imported again (a fresh URL:
// the failed import is cached).
let registered = false;

async function load(url) {
  if (registered) return await import(url);
  try {
    return await import(url);
  } catch (error) {
    if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    const { register } = await import('tsx/esm/api');
    register();
    registered = true;
    return await import(`${url}?tsx`);
  }
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
