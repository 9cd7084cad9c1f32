/**
 * Disclosure checks for tests: walk a result as it is serialised (JSON, what the API sends) and
 * report every count that could reveal a group below the minimum cell size.
 */

/** Fields that count employees (or strata of them) in the cohort, ROI and joint-model results. */
export const COUNT_KEYS: ReadonlySet<string> = new Set([
  'n',
  'nEffective',
  'nTreated',
  'nControl',
  'treatedEligible',
  'treatedDropped',
  'treatedDroppedShare',
  'controlUnused',
  'strata',
  'completers',
  'alsoOtherPrograms',
  'postCompleted',
  'handlers',
  'untrained',
]);

/** Coverage warnings: they name dates of the data (and months of a window), never a count of people. */
const COVERAGE_CODES: ReadonlySet<string> = new Set([
  'no_post_data',
  'post_window_incomplete',
  'no_pre_data',
  'pre_window_incomplete',
  'no_placebo_data',
  'placebo_window_incomplete',
]);

function walk(value: unknown, path: string, visit: (key: string, v: unknown, path: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      walk(v, `${path}[${i}]`, visit);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    visit(key, v, `${path}.${key}`);
    walk(v, `${path}.${key}`, visit);
  }
}

const serialised = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * Figures that count no employees (a share of a count, a number of strata): never a small cell
 * themselves, but a suppressed result must not carry them either (they bound the hidden counts).
 */
const NOT_PEOPLE_KEYS: ReadonlySet<string> = new Set(['treatedDroppedShare', 'strata']);

/** Paths (`$.treated.n = 4`) of counts of 1 … minCell − 1 anywhere in the serialised value. */
export function smallCounts(value: unknown, minCell: number): string[] {
  const out: string[] = [];
  walk(serialised(value), '$', (key, v, path) => {
    if (COUNT_KEYS.has(key) && !NOT_PEOPLE_KEYS.has(key) && typeof v === 'number' && v > 0 && v < minCell)
      out.push(`${path} = ${v}`);
  });
  return out;
}

/**
 * Paths of every count that is neither null nor 0: a suppressed cohort comparison must have none, or
 * a small arm could be recovered from the others (n − control n, treatedEligible − treatedDropped).
 */
export function shownCounts(value: unknown): string[] {
  const out: string[] = [];
  walk(serialised(value), '$', (key, v, path) => {
    if (COUNT_KEYS.has(key) && typeof v === 'number' && v !== 0) out.push(`${path} = ${v}`);
  });
  return out;
}

/**
 * Warnings (codes with their Indonesian and English texts) that carry a number other than the
 * minimum cell size itself; the coverage warnings, which name dates, are left aside.
 */
export function warningsWithNumbers(
  warnings: readonly { readonly code: string; readonly id: string; readonly en: string }[],
  minCell: number,
): string[] {
  const own = new RegExp(`(?<![\\d.,])${minCell}(?![\\d.,]\\d)`, 'g');
  return warnings
    .filter((w) => !COVERAGE_CODES.has(w.code))
    .flatMap((w) => [w.id, w.en].map((text) => `${w.code}: ${text}`))
    .filter((text) => /\d/.test(text.slice(text.indexOf(':') + 1).replace(own, '')));
}

/**
 * Every count of the serialised value (COUNT_KEYS, numbers only), by path; an array element that
 * names a program (`programCode`) is labelled by it, so two answers' rows line up by program.
 */
export function countsByPath(value: unknown): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (v: unknown, path: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        const code =
          x !== null && typeof x === 'object' ? (x as { programCode?: unknown }).programCode : undefined;
        visit(x, `${path}[${typeof code === 'string' ? code : i}]`);
      });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    for (const [key, x] of Object.entries(v)) {
      if (COUNT_KEYS.has(key) && typeof x === 'number') out.set(`${path}.${key}`, x);
      visit(x, `${path}.${key}`);
    }
  };
  visit(serialised(value), '$');
  return out;
}

/**
 * What subtracting two answers gives away: the paths of counts of people (not `nEffective`, a Kish
 * size, nor the shares and strata of NOT_PEOPLE_KEYS) that both answers show and that differ by
 * 1 … minCell − 1, i.e. a small group recovered by difference (`$.treated.n: 3`).
 */
export function recoveredByDifference(a: unknown, b: unknown, minCell: number): string[] {
  const left = countsByPath(a);
  const right = countsByPath(b);
  const out: string[] = [];
  for (const [path, x] of left) {
    const key = path.slice(path.lastIndexOf('.') + 1);
    if (key === 'nEffective' || NOT_PEOPLE_KEYS.has(key)) continue;
    const y = right.get(path);
    if (y === undefined) continue;
    const d = Math.abs(x - y);
    if (d > 0 && d < minCell) out.push(`${path}: ${d}`);
  }
  return out;
}
