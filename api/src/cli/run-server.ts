import { TokenStore } from '../auth/token-store.ts';
import { type ApiEnv, readApiEnv } from '../env.ts';
import { jsonLogger } from '../server/logger.ts';
import { type RunningServer, startServer } from '../server/start-server.ts';
import { startupErrorLine } from './startup-error.ts';

/** Ends the process on a configuration problem: one line `cannot serve: …`, exit code 1. */
export function cannotServe(message: string): never {
  console.error(`cannot serve: ${message}`);
  process.exit(1);
}

/** The API settings, or `cannotServe` naming the setting at fault (no stack trace). */
export function readApiEnvOrExit(): ApiEnv {
  try {
    return readApiEnv();
  } catch (error) {
    cannotServe((error as Error).message);
  }
}

/**
 * Serves until SIGINT/SIGTERM, for `api/src/cli/serve.ts` and `npm start` (scripts/start.ts) alike:
 * reads API_TOKENS_FILE, starts the server (a configuration problem: `cannotServe`), logs the
 * `serving` line with the pid to signal, stops gracefully on SIGINT/SIGTERM (a second one exits at
 * once), and re-reads API_TOKENS_FILE on SIGHUP (a file that fails the checks is logged and the
 * tokens in use stay). Under `npm start` SIGHUP killed the server, which had no handler for it
 * (review of 2026-12-05, revOps).
 */
export async function runServer(config: ApiEnv): Promise<RunningServer> {
  let server: RunningServer;
  let tokens: TokenStore;
  try {
    const logger = jsonLogger(config.LOG_LEVEL);
    tokens = await TokenStore.fromFile(config.API_TOKENS_FILE, (msg, fields) =>
      logger.log('warn', msg, fields),
    );
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
        log('error', 'tokens not reloaded: the previous ones stay in use', {
          error: (error as Error).message,
        }),
    );
  });
  return server;
}
