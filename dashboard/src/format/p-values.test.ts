import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');

/** The dashboard's own source files (not tests, not generated code). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !/\.generated\.ts$/.test(e.name)
      ? [path]
      : [];
  });
}

describe('every p-value on screen goes through formatPValue / formatPRelation', () => {
  it('no p-value is written with formatNumber or toFixed (Kohort said "p 0,000")', () => {
    const offenders = sources(SRC).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${file.slice(SRC.length + 1)}:${i + 1}` }))
        .filter(({ line }) => /(formatNumber|formatSigned)\([^)]*pValue|pValue\w*\??\.toFixed/i.test(line))
        .map(({ at }) => at),
    );
    expect(offenders).toEqual([]);
  });

  it('no message puts "=" before a p it is given (a tiny one read "p = < 0,001")', () => {
    for (const file of ['i18n/messages.id.ts', 'i18n/messages.en.ts']) {
      expect(readFileSync(join(SRC, file), 'utf8'), file).not.toMatch(/[=<]\s*\{p\}/);
    }
  });
});
