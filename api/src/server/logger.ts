export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  log(level: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>): void;
}

/**
 * The longest text a log field keeps. Fields can quote what a client sent (an error message naming
 * a 900,000-character operation name wrote a 900 KB line: review of 2026-12-05, revSec); longer
 * text is cut, saying how long it was.
 */
export const MAX_LOG_FIELD_CHARS = 4_000;

function clipped(fields: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.length > MAX_LOG_FIELD_CHARS) {
      out ??= { ...fields };
      out[key] = `${value.slice(0, MAX_LOG_FIELD_CHARS)}… (${value.length} characters)`;
    }
  }
  return out ?? fields;
}

/** One JSON object per line on stdout (for journald / docker / any log shipper). */
export function jsonLogger(
  minLevel: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  return {
    log(level, msg, fields) {
      if (ORDER[level] < ORDER[minLevel]) return;
      write(
        `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...(fields && clipped(fields)) })}\n`,
      );
    },
  };
}
