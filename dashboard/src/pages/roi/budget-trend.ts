import type { ChartTable, TableRow } from '../../charts/chart-table.ts';
import { formatIdrCompact, formatNumber, formatPercent } from '../../format/format.ts';
import type { BudgetTrendYear } from '../../graphql/types.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { Translate } from '../../i18n/translate.ts';

/** The figures `budgetTrend` hides with the year's headcount (participation's disclosure control). */
const STAFF_KEYS = ['allocatedPerEmployeeIdr', 'participationRate', 'headcount'] as const;

/**
 * The training budget per fiscal year as a chart table: the money first (drawn as bars: allocated
 * and realised, its change and the agencies with a budget line), then the budget per employee beside
 * the participation rate, then the staff, the offerings and their direct cost. Money is never hidden; a year whose headcount participation hides
 * keeps its money and names the three staff figures hidden (the CSV's suppression columns).
 */
export function budgetTrendTable(years: readonly BudgetTrendYear[], t: Translate): ChartTable {
  return {
    columns: [
      { key: 'year', label: t('budgetTrend.year'), kind: 'text' },
      { key: 'allocatedIdr', label: t('instansi.budgetAllocated'), kind: 'idr' },
      { key: 'realizedIdr', label: t('instansi.budgetRealized'), kind: 'idr' },
      { key: 'realisation', label: t('instansi.budgetRealisation'), kind: 'fraction' },
      { key: 'allocatedChange', label: t('budgetTrend.change'), kind: 'fraction' },
      { key: 'agencies', label: t('budgetTrend.agencies'), kind: 'count' },
      { key: 'allocatedPerEmployeeIdr', label: t('budgetTrend.perEmployee'), kind: 'idr' },
      { key: 'participationRate', label: t('budgetTrend.participation'), kind: 'fraction' },
      { key: 'headcount', label: t('budgetTrend.headcount'), kind: 'count' },
      { key: 'offerings', label: t('budgetTrend.offerings'), kind: 'count' },
      { key: 'programCostIdr', label: t('budgetTrend.programCost'), kind: 'idr' },
    ],
    rows: years.map(
      (y): TableRow => ({
        values: {
          year: String(y.year),
          allocatedIdr: y.allocatedIdr,
          realizedIdr: y.realizedIdr,
          realisation: y.realisation,
          allocatedChange: y.allocatedChange,
          agencies: y.agencies,
          allocatedPerEmployeeIdr: y.allocatedPerEmployeeIdr,
          participationRate: y.participationRate,
          headcount: y.headcount,
          offerings: y.offerings,
          programCostIdr: y.programCostIdr,
        },
        n: null,
        suppressed: false,
        ...(y.headcountSuppressed
          ? { suppressedCells: Object.fromEntries(STAFF_KEYS.map((k) => [k, 'unspecified' as const])) }
          : {}),
      }),
    ),
    // Not a metric table: money is data whatever the headcount (no "no data" for a year of zeros).
    minN: null,
  };
}

type Shown = BudgetTrendYear & { readonly allocatedPerEmployeeIdr: number };

/**
 * What the card says before its figures: the years with the least and the most budget per employee,
 * each with its participation rate (hidden when participation hides it), the deepest cut on the year
 * before when there was one (like for like: the API's change), and the years in which fewer agencies
 * have a budget line than in the range's fullest year (their total and budget per employee are
 * short of what the others count). Empty when fewer than two years have a budget per employee.
 */
export function budgetTrendSummary(
  years: readonly BudgetTrendYear[],
  t: Translate,
  lang: Lang,
): readonly string[] {
  const shown = years.filter((y): y is Shown => y.allocatedPerEmployeeIdr !== null);
  if (shown.length < 2) return [];
  // The first year of the least and of the most (a tie goes to the earlier year).
  const low = shown.reduce((a, b) => (b.allocatedPerEmployeeIdr < a.allocatedPerEmployeeIdr ? b : a));
  const high = shown.reduce((a, b) => (b.allocatedPerEmployeeIdr > a.allocatedPerEmployeeIdr ? b : a));
  const rate = (y: BudgetTrendYear) =>
    y.participationRate === null ? t('budgetTrend.rateHidden') : formatPercent(y.participationRate, lang, 0);
  const lines = [
    t('budgetTrend.summary', {
      low: String(low.year),
      lowIdr: formatIdrCompact(low.allocatedPerEmployeeIdr, lang),
      lowRate: rate(low),
      high: String(high.year),
      highIdr: formatIdrCompact(high.allocatedPerEmployeeIdr, lang),
      highRate: rate(high),
    }),
  ];
  const cuts = years.filter((y) => y.allocatedChange !== null && y.allocatedChange < 0);
  const deepest = cuts.reduce<BudgetTrendYear | null>(
    (a, b) => (a === null || b.allocatedChange! < a.allocatedChange! ? b : a),
    null,
  );
  if (deepest)
    lines.push(
      t('budgetTrend.cut', {
        year: String(deepest.year),
        pct: formatNumber(-deepest.allocatedChange! * 100, lang, 0),
      }),
    );
  const most = Math.max(...years.map((y) => y.agencies));
  const fewer = years.filter((y) => y.agencies > 0 && y.agencies < most);
  if (fewer.length > 0)
    lines.push(
      t('budgetTrend.fewerAgencies', {
        years: fewer.map((y) => `${y.year} (${formatNumber(y.agencies, lang, 0)})`).join(', '),
        most: formatNumber(most, lang, 0),
      }),
    );
  return lines;
}
