import type { MessageKey } from '../i18n/messages.id.ts';
import type { Translate } from '../i18n/translate.ts';
import type { ListField } from '../state/filters.ts';
import type { CellHiddenReason, ChartTable } from './chart-table.ts';

/**
 * Hidden cells of a table by why they are hidden. Metric rows carry no reason (the API publishes
 * none: "primary" would bound a hidden count to 1 … 4, "complementary" to 5 or more), nor do ROI
 * rows, so those count as `unspecified`; the dashboard's own hidden cells (funnel steps, kinds of
 * resistance) and a cohort comparison name theirs.
 */
export interface HiddenCounts {
  /** n below the minimum cell size. */
  readonly primary: number;
  /** Hidden so that another cell cannot be recovered from totals or from another query. */
  readonly complementary: number;
  /** Either; the API does not say which. */
  readonly unspecified: number;
}

export function hiddenCounts(table: ChartTable): HiddenCounts {
  const counts = { primary: 0, complementary: 0, unspecified: 0 };
  const add = (reason: CellHiddenReason | undefined) => {
    if (reason === 'primary') counts.primary += 1;
    else if (reason === 'complementary') counts.complementary += 1;
    else counts.unspecified += 1;
  };
  for (const row of table.rows) {
    if (row.suppressed) add(row.suppressionReason);
    else for (const reason of Object.values(row.suppressedCells ?? {})) add(reason);
  }
  return counts;
}

/** What a table's hidden cells need said, once, under it. */
export interface SuppressionNotes {
  /**
   * Every row is hidden: what the card says instead of its rows (the rows would only repeat
   * "hidden"), naming the filters when the query had any. Null when some row is shown.
   */
  readonly allHidden: string | null;
  /** One line per kind of hidden cell (primary, complementary, either); none when all are hidden. */
  readonly lines: readonly string[];
}

export interface SuppressionContext {
  /** List filters the query applied (a filtered table can be hidden whole against its unfiltered twin). */
  readonly applied?: readonly ListField[];
  /** The rows are agencies (a grouping by agency). */
  readonly perAgency?: boolean;
  /**
   * The query's filters and groupBy name three dimensions: its groups are cells of a three-way
   * table, which the API hides whole. Said when every row is hidden, instead of the generic why.
   */
  readonly threeWay?: boolean;
}

/**
 * The note under a table with hidden cells: primary (n below the minimum) and complementary
 * (hidden so the others cannot be recovered) told apart when the rows say which, and never a
 * complementary cell put down to n < 5. When every row is hidden the card says so plainly, and why.
 */
export function suppressionNotes(
  table: ChartTable,
  t: Translate,
  ctx: SuppressionContext = {},
): SuppressionNotes {
  const minN = table.minN ?? 5;
  const counts = hiddenCounts(table);
  const total = counts.primary + counts.complementary + counts.unspecified;
  if (total === 0) return { allHidden: null, lines: [] };
  const all = table.rows.length > 0 && table.rows.every((r) => r.suppressed);
  if (all) {
    const filters = (ctx.applied ?? []).map((f) => t(`filter.${f}` as MessageKey)).join(', ');
    const why = ctx.threeWay
      ? t('suppression.allWhy.threeWay')
      : counts.complementary === 0 && counts.unspecified === 0
        ? t('suppression.allWhy.primary', { minN })
        : counts.primary === 0 && counts.unspecified === 0
          ? t('suppression.allWhy.complementary')
          : t('suppression.allWhy.either', { minN });
    const head = filters
      ? t(ctx.perAgency ? 'suppression.allFilteredAgency' : 'suppression.allFiltered', { filters })
      : t(ctx.perAgency ? 'suppression.allAgency' : 'suppression.all');
    return { allHidden: `${head} ${why}`, lines: [] };
  }
  const lines: string[] = [];
  if (counts.primary > 0) lines.push(t('suppression.primary', { n: counts.primary, minN }));
  if (counts.complementary > 0) lines.push(t('suppression.complementary', { n: counts.complementary }));
  if (counts.unspecified > 0) lines.push(t('suppression.unspecified', { n: counts.unspecified, minN }));
  return { allHidden: null, lines };
}

/**
 * A hidden cell's own text: short ("dirahasiakan"), with the reason when the dashboard knows one (a
 * funnel step, a cohort comparison); the table's note explains it once. A metric or ROI row's cell
 * (`unspecified`, or a row without a reason) gets the bare word: the API does not say why.
 */
export function hiddenCellText(
  t: Translate,
  reason: CellHiddenReason | undefined,
  minN: number | null,
): string {
  if (reason === 'primary') return t('suppression.cell.primary', { minN: minN ?? 5 });
  if (reason === 'complementary') return t('suppression.cell.complementary');
  return t('chart.suppressed');
}

/**
 * The longer reason, for a cell's title and for a KPI tile (which has no note under it). Without a
 * reason it names both: too few people, or hidden so another small cell cannot be derived.
 */
export function hiddenReasonText(
  t: Translate,
  reason: CellHiddenReason | undefined,
  minN: number | null,
): string {
  if (reason === 'complementary') return t('chart.reason.complementary');
  if (reason === 'primary') return t('suppression.cell.primary', { minN: minN ?? 5 });
  return t('chart.reason.primary', { minN: minN ?? 5 });
}
