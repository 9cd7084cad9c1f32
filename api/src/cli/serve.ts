/**
 * Runs the API (and the built dashboard) until SIGINT/SIGTERM:
 *
 *   npx tsx api/src/cli/serve.ts
 *
 * A configuration problem (settings, API_TOKENS_FILE, port, an unreadable live snapshot) ends it with
 * one line `cannot serve: …` and exit code 1. SIGHUP re-reads API_TOKENS_FILE (revoking or adding
 * tokens without a restart): a file that fails the checks is logged and the tokens in use stay.
 */
import 'reflect-metadata';
import { TokenStore } from '../auth/token-store.ts';
import { type ApiEnv, readApiEnv } from '../env.ts';
import { type RunningServer, startServer } from '../server/start-server.ts';
import { startupErrorLine } from './startup-error.ts';

function cannotServe(message: string): never {
  console.error(`cannot serve: ${message}`);
  process.exit(1);
}

let config: ApiEnv;
try {
  config = readApiEnv();
} catch (error) {
  cannotServe((error as Error).message);
}
let server: RunningServer;
let tokens: TokenStore;
try {
  tokens = await TokenStore.fromFile(config.API_TOKENS_FILE);
  server = await startServer({ config, tokens });
} catch (error) {
  const line = startupErrorLine(error);
  if (line === null) throw error;
  cannotServe(line);
}
const log = server.api.logger.log.bind(server.api.logger);
// The process to signal (npm and tsx in front of it pass SIGINT/SIGTERM on, not SIGHUP).
log('info', 'serving', { pid: process.pid, reloadTokens: `kill -HUP ${process.pid}` });
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    log('info', 'shutting down', { signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log('error', 'shutdown failed', { error: (error as Error).message });
        process.exit(1);
      },
    );
  });
}
process.on('SIGHUP', () => {
  if (!tokens.path) {
    log('warn', 'SIGHUP: API_TOKENS_FILE is not set, no tokens to reload');
    return;
  }
  tokens.reload().then(
    ({ path, entries }) => log('info', 'tokens reloaded', { file: path, entries }),
    (error: unknown) =>
      log('error', 'tokens not reloaded: the previous ones stay in use', { error: (error as Error).message }),
  );
});
