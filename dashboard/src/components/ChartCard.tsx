import { type ReactNode, useId, useMemo, useState } from 'react';
import {
  allSuppressed,
  type ChartTable,
  cellText,
  hasAgencyRows,
  hasNoUnits,
  type TableRow,
  tableToRows,
  withAgencyNames,
} from '../charts/chart-table.ts';
import { cardN, cardNBadge, chartAccessibleName } from '../charts/hidden-bars.ts';
import { suppressionNotes } from '../charts/suppression-note.ts';
import { type ChartSeries, UPlotChart } from '../charts/UPlotChart.tsx';
import type { ValueKind } from '../charts/value-kind.ts';
import { formatNumber } from '../format/format.ts';
import { useLang } from '../i18n/LangContext.tsx';
import type { Coarsened, ListField } from '../state/filters.ts';
import { DataTable } from './DataTable.tsx';
import { DownloadButtons } from './DownloadButtons.tsx';
import { ignoredFiltersNote } from './ignored-filters.ts';
import { SnapshotBadge } from './SnapshotBadge.tsx';
import { Empty, ErrorState, Loading, usePageLoading } from './StateView.tsx';
import { useAgencyNames } from './use-agency-names.ts';
import { appendCsvColumns, useCsvFilterPart, useCsvInputColumns } from './use-csv-filter-part.ts';

export interface ChartSpec {
  readonly kind: 'line' | 'bar';
  /** Column keys drawn as series (the first column labels the x axis). */
  readonly series: readonly string[];
  readonly yKind: ValueKind;
  /** The values' unit, written along the y axis (`hari per permohonan`), when the title does not say it. */
  readonly yUnit?: string;
}

/**
 * The state of the query behind a card, as `useMetric` returns it: passed whole as `query`, instead
 * of its parts one by one (which a card without such a query still passes).
 */
export interface CardQuery {
  readonly loading: boolean;
  readonly error: unknown;
  readonly refetch: () => unknown;
  readonly ignored?: readonly ListField[];
  readonly applied?: readonly ListField[];
  readonly coarsened?: Coarsened | null;
  /** Its filters and groupBy name three dimensions (`useMetric`'s `threeWay`). */
  readonly threeWay?: boolean;
}

interface ChartCardProps {
  readonly title: string;
  readonly table: ChartTable | null;
  readonly chart?: ChartSpec;
  /** The query's loading, error, retry, ignored, applied and coarsened; a part given alone wins. */
  readonly query?: CardQuery;
  readonly loading?: boolean;
  readonly error?: unknown;
  readonly onRetry?: () => unknown;
  readonly ignored?: readonly ListField[];
  /** List filters the query applied: named when they leave every row hidden. */
  readonly applied?: readonly ListField[];
  /** Role the data needs, named in the "enter a token" message. */
  readonly needsRole?: string;
  /** n shown in the header; default: the sum over rows. */
  readonly n?: number | null;
  /** What n counts when not people: `employeeYears` for a headcount added up over several years. */
  readonly nUnit?: 'employeeYears' | null;
  /** False for a table that counts no people (row counts, coverage, watermarks): no n badge. */
  readonly showN?: boolean;
  readonly children?: ReactNode;
  /** Said before the chart or table (a caveat that must be read before any figure). */
  readonly lead?: ReactNode;
  readonly wide?: boolean;
  /** What an empty table means here; default "no data for this filter". */
  readonly emptyText?: string;
  /** The data is at a coarser grain than the page's, the finer one refused as too fine to protect. */
  readonly coarsened?: Coarsened | null;
  /**
   * A long table whose routine rows can wait (a hundred passing data tests): the table view shows
   * the rows `keep` accepts, and a button the others; the CSV always has every row.
   */
  readonly fold?: TableFold;
  /** h3 under a page's section heading (default); h2 where the cards are the page's sections. */
  readonly headingLevel?: 2 | 3;
}

/**
 * What a card last showed of its answer: the table and everything drawn with it. Kept while the
 * card's query runs again (new filters), so the card goes on showing it, marked stale, instead of
 * collapsing to a spinner and growing back (a filter change shrank Partisipasi from 3709 to 1686 px
 * and back: a layout shift of 1.48 on a slow link).
 */
export interface KeptContent {
  /** The title it was shown under: the stale table's caption and the chart's name say its own. */
  readonly title: string;
  readonly table: ChartTable;
  readonly lead: ReactNode;
  readonly children: ReactNode;
  readonly applied: readonly ListField[] | undefined;
  readonly ignored: readonly ListField[] | undefined;
  readonly coarsened: Coarsened | null | undefined;
  readonly threeWay: boolean | undefined;
}

/** The loading, error and retry a card's props say, a part given alone winning over `query`'s. */
function queryState(props: ChartCardProps) {
  const { query } = props;
  return {
    loading: props.loading ?? query?.loading,
    error: props.error ?? query?.error,
    onRetry: props.onRetry ?? query?.refetch,
    ignored: props.ignored ?? query?.ignored,
    applied: props.applied ?? query?.applied,
    coarsened: props.coarsened ?? query?.coarsened,
  };
}

const hasError = (error: unknown) => error !== undefined && error !== null;

/** A table of rows with units behind them: something to draw, not "no data". */
const showable = (table: ChartTable | null): table is ChartTable =>
  table !== null && table.rows.length > 0 && !hasNoUnits(table);

/**
 * What a card keeps after this render: while its query runs, what it kept before (null before its
 * first answer: the spinner); an answer it shows, kept; an error or "no data", nothing (a retry
 * after an error shows the spinner, never the answer before the error).
 */
export function keptContent(
  prev: KeptContent | null,
  state: { readonly loading: boolean; readonly shown: KeptContent | null },
): KeptContent | null {
  if (state.loading) return prev;
  const { shown } = state;
  if (shown === null) return null;
  const same =
    prev !== null &&
    (Object.keys(shown) as (keyof KeptContent)[]).every((key) => Object.is(prev[key], shown[key]));
  return same ? prev : shown;
}

/** The content a card shows now, from its props (null while it loads, fails or has no data). */
function shownContent(props: ChartCardProps): KeptContent | null {
  const { loading, error, applied, ignored, coarsened } = queryState(props);
  if (loading || hasError(error) || !showable(props.table)) return null;
  return {
    title: props.title,
    table: props.table,
    lead: props.lead,
    children: props.children,
    applied,
    ignored,
    coarsened,
    threeWay: props.query?.threeWay,
  };
}

export interface TableFold {
  readonly keep: (row: TableRow) => boolean;
  /** The button that shows the `hidden` folded rows. */
  readonly showLabel: (hidden: number) => string;
  /** The button that folds them again. */
  readonly hideLabel: string;
  /** Said instead of an empty table when `keep` accepts no row (e.g. "all 129 tests passed"). */
  readonly allFolded: (hidden: number) => string;
}

/**
 * Every chart sits in one of these: title, n, snapshot id, a chart/table toggle, CSV export and the
 * suppression note. The table view is a real <table>, so screen-reader users get every figure. The
 * toggle's and the CSV button's accessible names carry the card's title ("Unduh CSV: …").
 *
 * Rows of agencies (a grouping by agency: rows that carry the agency's code) are labelled with the
 * agency's full name from the catalog, whatever shortened label the page passed: the chart's axis
 * shortens names itself, the table view and the CSV carry them in full, and the CSV the code too.
 */
export function ChartCard(props: ChartCardProps) {
  // The last answer shown, kept in state from render to render ("storing information from previous
  // renders"): the pages pass `table: null` while the query for new filters runs (Apollo's `data`
  // is undefined meanwhile), and need not keep the previous one themselves.
  const [kept, setKept] = useState<KeptContent | null>(null);
  const next = keptContent(kept, { loading: Boolean(queryState(props).loading), shown: shownContent(props) });
  if (next !== kept) setKept(next);
  return <ChartCardView {...props} previous={next} />;
}

/**
 * ChartCard as drawn: from its props, or, while its query runs and `previous` holds what it showed
 * before, from that: the previous chart or table stays in place, its height with it, dimmed, inert
 * (no tooltip, toggle or CSV of figures that are not the new filters' answer), under a visible
 * "Memperbarui…" and `aria-busy`. Its header (title, n) says what is being asked for. An error
 * replaces it; before the first answer the card shows the spinner.
 */
export function ChartCardView(props: ChartCardProps & { readonly previous?: KeptContent | null }) {
  const { chart, needsRole, emptyText, fold } = props;
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  const state = queryState(props);
  const { loading, error, onRetry } = state;
  // Stale: the query runs again, and the card has an earlier answer to hold its place. Everything
  // under the header is then drawn from that answer, so its notes and captions stay its own.
  const content = loading && !hasError(error) ? (props.previous ?? null) : null;
  const stale = content !== null;
  const title = content ? content.title : props.title;
  const lead = content ? content.lead : props.lead;
  const children = content ? content.children : props.children;
  const sourceTable = content ? content.table : props.table;
  const ignored = content ? content.ignored : state.ignored;
  const applied = content ? content.applied : state.applied;
  const coarsened = content ? content.coarsened : state.coarsened;
  const threeWay = content ? content.threeWay : props.query?.threeWay;
  // The spinner's registration with the page's status, which a stale card (no spinner) makes itself:
  // the page is still loading until the new answer has come.
  usePageLoading(stale);
  const { t, lang } = useLang();
  const updatingId = useId();
  const agencyName = useAgencyNames(hasAgencyRows(sourceTable));
  // The filters this card's data was read under name its CSV file (not the city-wide file's name).
  const filterPart = useCsvFilterPart(applied, ignored);
  // A page without global filters may add what the data was computed from (ROI: program, window,
  // assumptions) after the CSV's last column; none elsewhere, so other CSVs stay as they were.
  const inputColumns = useCsvInputColumns();
  const table = useMemo(() => withAgencyNames(sourceTable, agencyName), [sourceTable, agencyName]);
  const [showTable, setShowTable] = useState(!chart);
  const [unfolded, setUnfolded] = useState(false);
  const [hiddenRowsOpen, setHiddenRowsOpen] = useState(false);
  const kept = useMemo(
    () => (table && fold && !unfolded ? { ...table, rows: table.rows.filter(fold.keep) } : table),
    [table, fold, unfolded],
  );
  const folded = table && kept ? table.rows.length - kept.rows.length : 0;
  const headingId = useId();
  // The default n sums the rows shown: with some hidden, the badge says it counts only those. The
  // header speaks for the answer asked for: no n of the stale one.
  const { n, shownOnly } = cardN(stale ? null : table, stale ? null : props.n);
  const nBadge = cardNBadge(n, shownOnly, props.nUnit, t, lang);
  const suppression = useMemo(
    () => (table ? suppressionNotes(table, t, { applied, perAgency: hasAgencyRows(table), threeWay }) : null),
    [table, t, applied, threeWay],
  );
  const hiddenLines = suppression?.lines ?? [];
  // Every row hidden: said plainly, the rows (each only "hidden") behind a button.
  const allHidden = suppression?.allHidden ?? null;

  // Keyed on the series' names, not on `chart`: pages pass it as a literal, new at every render, and
  // new series rebuild the canvas (UPlotChart), which for a moment leaves the card without its chart:
  // at a filter change every card did so at once, the page shrank for a layout and the browser moved
  // the reader by hundreds of pixels.
  const seriesKeys = chart ? chart.series.join('\n') : null;
  const series = useMemo<ChartSeries[]>(() => {
    if (!table || seriesKeys === null) return [];
    return seriesKeys.split('\n').map((key) => ({
      label: table.columns.find((c) => c.key === key)?.label ?? key,
      values: table.rows.map((r) => {
        const v = r.suppressed || r.suppressedCells?.[key] ? null : r.values[key];
        return typeof v === 'number' && Number.isFinite(v) ? v : null;
      }),
      // Hidden by disclosure control: drawn as such (hatched), not as an empty slot like 0 %.
      hidden: table.rows.map((r) => r.suppressed || Boolean(r.suppressedCells?.[key])),
    }));
  }, [table, seriesKeys]);
  const labels = useMemo(() => {
    const first = table?.columns[0];
    return table && first ? table.rows.map((r) => cellText(first, r.values[first.key] ?? null, lang)) : [];
  }, [table, lang]);

  // No rows, or rows without a single unit behind them (a year outside the data): "no data", not
  // empty axes.
  const empty = !loading && !error && table !== null && (table.rows.length === 0 || hasNoUnits(table));
  const ready = !loading && !error && table !== null && !empty;
  // What the tools, body and notes draw: the answer (ready), or the kept one, stale.
  const shown = table !== null && (ready || stale);
  // Dimmed and inert while stale: seen as holding the place, and not usable as the new answer.
  const staleClass = stale ? ' card-stale' : '';
  const inert = stale || undefined;
  // Every row hidden: the table says why, where a chart would only draw empty axes.
  const drawable = chart !== undefined && table !== null && !allSuppressed(table);

  return (
    // Busy while its query runs: the spinner inside is not a live region, the page's one status
    // (`PageStatus`) says when the data is loading and when it came.
    <section
      className={`card chart-card${props.wide ? ' wide' : ''}`}
      aria-labelledby={headingId}
      aria-busy={Boolean(loading)}
      aria-describedby={stale ? updatingId : undefined}
      data-stale={stale || undefined}
    >
      <header className="card-head">
        <Heading id={headingId}>{props.title}</Heading>
        <p className="card-meta">
          {props.showN !== false && (
            <span
              className="n-badge"
              title={nBadge.title}
              data-n-shown-only={shownOnly ?? undefined}
              data-n-unit={(n !== null && props.nUnit) || undefined}
            >
              {nBadge.text}
            </span>
          )}
          <SnapshotBadge />
        </p>
      </header>
      {stale && (
        // Over the stale content, not above it (no line pushing it down). Not a live region: the page's
        // status says the data is loading, as for a spinner. `state-loading` as the spinner's: "no
        // card is loading" (no `.state-loading` left) still means every card has its new answer.
        <p className="card-updating state-loading" id={updatingId} data-updating>
          <span className="spinner" aria-hidden="true" />
          {t('chart.updating')}
        </p>
      )}
      {shown && (
        <div className={`card-tools${staleClass}`} inert={inert}>
          {drawable && (
            // The label says what a press shows, so no aria-pressed: "show chart, pressed" read as
            // if the chart were showing.
            <button
              type="button"
              className="btn btn-small"
              data-view-toggle={showTable ? 'table' : 'chart'}
              aria-label={showTable ? t('chart.chartFor', { title }) : t('chart.tableFor', { title })}
              onClick={() => setShowTable((v) => !v)}
            >
              {showTable ? t('chart.chart') : t('chart.table')}
            </button>
          )}
          {/* No download of the stale figures while they are being replaced: the file would carry the
              new filters' name and leave the "Memperbarui…" behind; the new answer's is a moment away. */}
          <DownloadButtons
            title={title}
            filterPart={filterPart}
            disabled={stale}
            {...(stale ? { 'data-csv-stale': true } : {})}
            table={(snapshotId) => appendCsvColumns(tableToRows(table, snapshotId), inputColumns)}
          />
        </div>
      )}
      <div className={`card-body${staleClass}`} inert={inert}>
        {loading && !stale && <Loading />}
        {!loading && error !== undefined && error !== null && (
          <ErrorState error={error} onRetry={onRetry} needsRole={needsRole} />
        )}
        {empty && (emptyText ? <div className="state state-empty">{emptyText}</div> : <Empty />)}
        {shown && allHidden !== null && (
          <>
            <p className="state state-all-hidden" data-all-hidden>
              {allHidden}
            </p>
            <button
              type="button"
              className="btn btn-small fold-toggle"
              aria-expanded={hiddenRowsOpen}
              data-hidden-rows={hiddenRowsOpen ? 'open' : 'closed'}
              onClick={() => setHiddenRowsOpen((v) => !v)}
            >
              {hiddenRowsOpen
                ? t('suppression.hideRows')
                : t('suppression.showRows', { n: formatNumber(table.rows.length, lang) })}
            </button>
          </>
        )}
        {shown && lead}
        {shown &&
          (allHidden !== null && !hiddenRowsOpen ? null : showTable || !drawable || !chart ? (
            <>
              {kept && kept.rows.length > 0 ? (
                <DataTable table={kept} caption={t('chart.caption', { title })} />
              ) : (
                fold && <p className="muted">{fold.allFolded(folded)}</p>
              )}
              {fold && (folded > 0 || unfolded) && (
                <button
                  type="button"
                  className="btn btn-small fold-toggle"
                  aria-expanded={unfolded}
                  data-fold={unfolded ? 'open' : 'closed'}
                  onClick={() => setUnfolded((v) => !v)}
                >
                  {unfolded ? fold.hideLabel : fold.showLabel(folded)}
                </button>
              )}
            </>
          ) : (
            <UPlotChart
              kind={chart.kind}
              labels={labels}
              series={series}
              yKind={chart.yKind}
              yUnit={chart.yUnit}
              ariaLabel={chartAccessibleName(
                chart.yUnit ? `${title} (${chart.yUnit})` : title,
                labels,
                series,
                t,
              )}
            />
          ))}
        {shown && children}
      </div>
      {(hiddenLines.length > 0 || (ignored && ignored.length > 0) || coarsened) && shown && (
        <footer className={`card-notes${staleClass}`} inert={inert}>
          {coarsened && (
            <p className="coarsened-note">
              {t(coarsened.because === 'refused' ? 'chart.coarsened' : 'chart.coarsenedHidden', {
                from: t(`grain.${coarsened.from}`).toLowerCase(),
                to: t(`grain.${coarsened.to}`).toLowerCase(),
                minN: table?.minN ?? 5,
              })}
            </p>
          )}
          {hiddenLines.map((line) => (
            <p key={line} data-suppression-note>
              {line}
            </p>
          ))}
          {ignored && ignored.length > 0 && (
            <p data-ignored-filters>{ignoredFiltersNote(t, ignored, 'chart')}</p>
          )}
        </footer>
      )}
    </section>
  );
}
