import type { ValueKind } from '../charts/value-kind.ts';
import { formatNumber } from '../format/format.ts';

/** Which way a tile's change points, as the reader sees it. */
export type Trend = 'up' | 'down' | 'flat';

export interface KpiDelta {
  /** The change in the unit shown: percentage points for fractions, else the value's own unit. */
  readonly shown: number;
  /** Decimals it is written with. */
  readonly digits: number;
  /** Up, down, or flat when it rounds to 0 at those decimals (75,31 → 75,26 is "0,0", not "▼ 0,0"). */
  readonly trend: Trend;
  /** Whether the change is good news, bad news, or neither (flat, or no comparison). */
  readonly tone: 'good' | 'bad' | null;
  /** True when the change is not 0 but rounds to it: written "≈ 0,0". */
  readonly roundsToZero: boolean;
}

/**
 * The change a KPI tile shows against last year. It is judged on what is written, not on the raw
 * difference: a change too small to show at the tile's precision reads as no change, without an
 * arrow or a good/bad colour.
 */
export function kpiDelta(delta: number, kind: ValueKind, lowerIsBetter = false): KpiDelta {
  // Fractions compare in percentage points, so "+2,1" reads as points, not percent of percent.
  const shown = kind === 'fraction' ? delta * 100 : delta;
  const digits = kind === 'count' ? 0 : 1;
  // The same rounding as the text (Intl, half away from zero), so the arrow never disagrees with it.
  const flat = formatNumber(Math.abs(shown), 'en', digits) === formatNumber(0, 'en', digits);
  const trend: Trend = flat ? 'flat' : shown > 0 ? 'up' : 'down';
  const tone = trend === 'flat' ? null : (trend === 'down') === lowerIsBetter ? 'good' : 'bad';
  return { shown, digits, trend, tone, roundsToZero: flat && shown !== 0 };
}
