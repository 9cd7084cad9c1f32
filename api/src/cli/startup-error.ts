import { SnapshotError } from '@asn/warehouse';
import { TokenFileError } from '../auth/token-store.ts';
import { ListenError } from '../server/start-server.ts';

/**
 * The one line `cannot serve: …` says for a start that failed on its configuration (settings, token
 * file, port, the live snapshot), or null for an internal error, which keeps its stack trace.
 */
export function startupErrorLine(error: unknown): string | null {
  if (error instanceof ListenError || error instanceof TokenFileError || error instanceof SnapshotError)
    return oneLine(error.message);
  return null;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
