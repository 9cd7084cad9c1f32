import { type ChartTable, plainRow } from '../charts/chart-table.ts';
import { formatDate, formatDateTime } from '../format/format.ts';
import type { DataQualityQuery, EtlRunsQuery, SnapshotDetailQuery } from '../graphql/operations.generated.ts';
import type { Lang } from '../i18n/lang.ts';
import { labelOf, type Translate } from '../i18n/translate.ts';
import { orderDataTests } from './data-tests.ts';

type EtlRun = EtlRunsQuery['etlRuns']['items'][number];
type DataTest = DataQualityQuery['dataQuality']['dataTests'][number];
type QuarantineCount = DataQualityQuery['dataQuality']['quarantineCounts'][number];
type SnapshotDetail = SnapshotDetailQuery['snapshot'];

/** An ETL mode (`full`, `incremental`) in the reader's language; an unknown one as it is. */
export const modeLabel = (t: Translate, mode: string | null | undefined): string =>
  labelOf(t, 'etlMode', mode);

/** A code's label for a table cell; the CSV keeps the code. */
const codeDisplay = (t: Translate, prefix: string) => (v: string | number | null) =>
  typeof v === 'string' ? labelOf(t, prefix, v) : '';

/**
 * The ETL run log. The table shows the start in WIB and the mode and status in words; the CSV keeps
 * the data as it is: the start as an ISO timestamp (UTC), the mode and status codes, the error
 * message. The run's own snapshot column is named apart from the CSV's `snapshot` (the snapshot the
 * figures were read from).
 */
export function runTable(runs: readonly EtlRun[], t: Translate, lang: Lang): ChartTable {
  const withError = runs.some((r) => r.error);
  return {
    columns: [
      {
        key: 'started',
        label: t('kualitas.started'),
        kind: 'text',
        display: (v) => (typeof v === 'string' ? formatDateTime(v, lang) : ''),
      },
      { key: 'mode', label: t('kualitas.mode'), kind: 'text', display: codeDisplay(t, 'etlMode') },
      { key: 'status', label: t('kualitas.status'), kind: 'text', display: codeDisplay(t, 'runStatus') },
      ...(withError ? [{ key: 'error', label: t('kualitas.error'), kind: 'text' as const }] : []),
      { key: 'seconds', label: `${t('kualitas.duration')} (s)`, kind: 'ratio' },
      { key: 'read', label: t('kualitas.read'), kind: 'count' },
      { key: 'loaded', label: t('kualitas.loaded'), kind: 'count' },
      { key: 'quarantined', label: t('kualitas.quarantined'), kind: 'count' },
      { key: 'snapshot', label: t('kualitas.runSnapshot'), kind: 'text' },
    ],
    rows: runs.map((r) => {
      const sum = (k: 'read' | 'loaded' | 'quarantined') => r.tables.reduce((s, x) => s + x[k], 0);
      return plainRow({
        started: r.startedAt,
        mode: r.mode,
        status: r.status,
        ...(withError ? { error: r.error } : {}),
        seconds: r.durationMs === null ? null : r.durationMs / 1000,
        read: sum('read'),
        loaded: sum('loaded'),
        quarantined: sum('quarantined'),
        snapshot: r.snapshotId,
      });
    }),
    minN: null,
  };
}

/** The data tests, failing first; the level and result in words in the table, as codes in the CSV. */
export function dataTestsTable(tests: readonly DataTest[], t: Translate): ChartTable {
  return {
    columns: [
      { key: 'name', label: t('kualitas.test'), kind: 'text' },
      { key: 'model', label: t('kualitas.model'), kind: 'text' },
      { key: 'severity', label: t('kualitas.severity'), kind: 'text', display: codeDisplay(t, 'severity') },
      { key: 'status', label: t('kualitas.status'), kind: 'text', display: codeDisplay(t, 'kualitas') },
      { key: 'failing', label: t('kualitas.failingRows'), kind: 'count' },
    ],
    rows: orderDataTests(tests).map((d) =>
      plainRow({
        name: d.name,
        model: d.model,
        severity: d.severity,
        status: d.status,
        failing: d.failingRows,
      }),
    ),
    minN: null,
  };
}

/**
 * Quarantined rows: summed by reason, most first (the chart), and per table, reason and source as
 * the API gives them (the detail table). Reasons stay codes: the README lists them.
 */
export function quarantineTables(
  counts: readonly QuarantineCount[],
  t: Translate,
): { byReason: ChartTable; detail: ChartTable } {
  const byReason = new Map<string, number>();
  for (const q of counts) byReason.set(q.reason, (byReason.get(q.reason) ?? 0) + q.rows);
  return {
    byReason: {
      columns: [
        { key: 'reason', label: t('kualitas.reason'), kind: 'text' },
        { key: 'rows', label: t('kualitas.rows'), kind: 'count' },
      ],
      rows: [...byReason.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([reason, rows]) => plainRow({ reason, rows }, rows)),
      minN: null,
    },
    detail: {
      columns: [
        { key: 'table', label: t('kualitas.table'), kind: 'text' },
        { key: 'reason', label: t('kualitas.reason'), kind: 'text' },
        { key: 'source', label: t('kualitas.source'), kind: 'text' },
        { key: 'rows', label: t('kualitas.rows'), kind: 'count' },
      ],
      rows: counts.map((q) =>
        plainRow({ table: q.table, reason: q.reason, source: q.source, rows: q.rows }, q.rows),
      ),
      minN: null,
    },
  };
}

/** The ETL's own watermark: the source's oldest running transaction at the last extract, not a table. */
export const SOURCE_XMIN = '_source_xmin';

/**
 * A source watermark (`2025-12-31 07:05:51.000000+00`, as PostgreSQL writes a timestamptz, or ISO)
 * as date and time in WIB; as it is when it is no timestamp.
 */
export function watermarkText(value: string, lang: Lang): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
    value.trim(),
  );
  if (!m) return value;
  const zone =
    !m[3] || m[3] === 'Z'
      ? 'Z'
      : m[3].length === 3
        ? `${m[3]}:00`
        : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const text = formatDateTime(`${m[1]}T${m[2]}${zone}`, lang);
  return text === `${m[1]}T${m[2]}${zone}` ? value : text;
}

/**
 * The live snapshot's mart row counts, each fact's coverage, and the source watermarks. On screen
 * the dates are in the reader's format (`3 Jan 2022`, watermarks in WIB) and the ETL's transaction
 * marker is named in words; the CSV keeps the ISO dates and the raw values.
 */
export function snapshotTables(
  snapshot: SnapshotDetail,
  t: Translate,
  lang: Lang,
): { rowCounts: ChartTable; coverage: ChartTable; watermarks: ChartTable } {
  const table = { key: 'table', label: t('kualitas.table'), kind: 'text' } as const;
  const day = (v: string | number | null) => (typeof v === 'string' ? formatDate(v, lang) : '');
  return {
    rowCounts: {
      columns: [table, { key: 'rows', label: t('kualitas.rows'), kind: 'count' }],
      rows: snapshot.rowCounts.map((r) => plainRow({ table: r.table, rows: r.rows })),
      minN: null,
    },
    coverage: {
      columns: [
        table,
        { key: 'grain', label: t('kualitas.coverageGrain'), kind: 'text' },
        { key: 'first', label: t('kualitas.coverageFirst'), kind: 'text', display: day },
        { key: 'last', label: t('kualitas.coverageLast'), kind: 'text', display: day },
        { key: 'rows', label: t('kualitas.rows'), kind: 'count' },
      ],
      rows: snapshot.coverage.map((c) =>
        plainRow({
          table: c.fact,
          grain: c.grain === 'year' ? t('kualitas.coverageYearly') : t('kualitas.coverageDaily'),
          first: c.first,
          last: c.last,
          rows: c.rows,
        }),
      ),
      minN: null,
    },
    watermarks: {
      columns: [
        {
          ...table,
          display: (v) => (v === SOURCE_XMIN ? t('kualitas.sourceXmin') : typeof v === 'string' ? v : ''),
        },
        {
          key: 'watermark',
          label: t('kualitas.watermark'),
          kind: 'text',
          display: (v) => (typeof v !== 'string' ? '' : watermarkText(v, lang)),
        },
      ],
      rows: snapshot.watermarks.map((w) => plainRow({ table: w.table, watermark: w.watermark })),
      minN: null,
    },
  };
}
