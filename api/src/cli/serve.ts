/**
 * Runs the API (and the built dashboard) until SIGINT/SIGTERM:
 *
 *   node --import tsx api/src/cli/serve.ts
 *
 * A configuration problem (settings, API_TOKENS_FILE, port, an unreadable live snapshot) ends it with
 * one line `cannot serve: …` and exit code 1. SIGHUP re-reads API_TOKENS_FILE (revoking or adding
 * tokens without a restart): a file that fails the checks is logged and the tokens in use stay.
 * The run loop is `runServer`'s, shared with `npm start`.
 */
import 'reflect-metadata';
import { readApiEnvOrExit, runServer } from './run-server.ts';

await runServer(readApiEnvOrExit());
