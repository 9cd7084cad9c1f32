/**
 * Runs the API (and the built dashboard) until SIGINT/SIGTERM:
 *
 *   npx tsx api/src/cli/serve.ts
 */
import 'reflect-metadata';
import { readApiEnv } from '../env.ts';
import { ListenError, type RunningServer, startServer } from '../server/start-server.ts';

let server: RunningServer;
try {
  server = await startServer({ config: readApiEnv() });
} catch (error) {
  if (!(error instanceof ListenError)) throw error;
  console.error(`cannot serve: ${error.message}`);
  process.exit(1);
}
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    server.api.logger.log('info', 'shutting down', { signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.api.logger.log('error', 'shutdown failed', { error: (error as Error).message });
        process.exit(1);
      },
    );
  });
}
