import { hiddenCellText, hiddenReasonText } from '../charts/suppression-note.ts';
import { formatValue, type ValueKind } from '../charts/value-kind.ts';
import { formatNumber, formatSigned } from '../format/format.ts';
import type { MetricRow } from '../graphql/types.ts';
import { useLang } from '../i18n/LangContext.tsx';
import type { ListField } from '../state/filters.ts';
import { ignoredFiltersNote } from './ignored-filters.ts';
import { kpiDelta } from './kpi-delta.ts';
import { SnapshotBadge } from './SnapshotBadge.tsx';
import { ErrorState, usePageLoading } from './StateView.tsx';

/** What a coloured change means, said in words too (colour alone does not reach everyone). */
export const TONE_KEY = { good: 'tile.good', bad: 'tile.bad' } as const;

interface KpiTileProps {
  readonly label: string;
  /** The headline row with its value and the change against the same period last year. */
  readonly row:
    | (MetricRow & {
        value: number | null;
        delta: number | null;
        incomplete?: boolean;
        /** The year compared with: its value and n, for the test of a share's change (`kpiDelta`). */
        previous?: { value: number; n: number | null } | null;
      })
    | null;
  readonly kind: ValueKind;
  readonly minN: number | null;
  readonly loading: boolean;
  readonly error?: unknown;
  /** True when a fall in the value is good news (resistance, service days). */
  readonly lowerIsBetter?: boolean;
  readonly extra?: string | null;
  /** Global filters that are set but that this figure cannot apply (it is unfiltered by them). */
  readonly ignored?: readonly ListField[];
}

/** A headline figure with its change against the same period last year, n and the snapshot. */
export function KpiTile({
  label,
  row,
  kind,
  minN,
  loading,
  error,
  lowerIsBetter,
  extra,
  ignored,
}: KpiTileProps) {
  const { t, lang } = useLang();
  // Its "…" is no live region: the page's one status says when the tiles and cards have their data.
  usePageLoading(loading);
  const ignoredNote = ignoredFiltersNote(t, ignored, 'tile');
  const delta = row?.delta ?? null;
  // A change too small to show at the tile's precision reads as none: no arrow, no colour. A share's
  // change is tested against chance with both years' n (none known: no colour either).
  const samples =
    row?.previous && row.value !== null
      ? { before: { rate: row.previous.value, n: row.previous.n }, now: { rate: row.value, n: row.n } }
      : null;
  const change =
    delta === null || !Number.isFinite(delta) ? null : kpiDelta(delta, kind, lowerIsBetter, samples);
  const year = row?.period?.slice(0, 4);
  // Not a landmark (a named <section> was): the trend cards below are the regions named after these
  // figures, and two regions "IKM" could not be told apart. The h3 still heads the tile.
  return (
    <div className="card kpi" aria-busy={loading} data-kpi={label}>
      <h3 className="kpi-label">{label}</h3>
      {loading && <p className="kpi-value muted">…</p>}
      {!loading && error !== undefined && error !== null && <ErrorState error={error} />}
      {!loading && !error && row?.suppressed && (
        <>
          <p className="kpi-value suppressed-cell">{hiddenCellText(t, 'unspecified', minN)}</p>
          {/* No note under a tile: the reason is said here. */}
          <p className="kpi-extra muted">{hiddenReasonText(t, 'unspecified', minN)}</p>
        </>
      )}
      {!loading && !error && row && !row.suppressed && (
        <>
          <p className="kpi-value">{formatValue(kind, row.value, lang)}</p>
          {extra && <p className="kpi-extra">{extra}</p>}
          <p
            className={`kpi-delta${change?.tone ? ` ${change.tone}` : ''}`}
            data-trend={change?.trend}
            data-unclear={change?.unclear ? '' : undefined}
          >
            {change === null ? (
              // An incomplete year (requests still open at the data's end) has no change: say why.
              row.incomplete ? (
                <span data-incomplete>{t('tile.incomplete')}</span>
              ) : (
                t('tile.noCompare')
              )
            ) : (
              <>
                {/* No arrow on a change within chance: the signed figure still says which way. */}
                <span aria-hidden="true">
                  {change.unclear
                    ? ''
                    : change.trend === 'up'
                      ? '▲ '
                      : change.trend === 'down'
                        ? '▼ '
                        : change.roundsToZero
                          ? '≈ '
                          : ''}
                </span>
                {formatSigned(change.shown, lang, change.digits)}
                {kind === 'fraction' ? ' pp' : ''} {t('tile.vsLastYear')}
                {change.tone && (
                  <span className="kpi-tone" data-tone={change.tone}>
                    {' '}
                    ({t(TONE_KEY[change.tone])})
                  </span>
                )}
                {change.unclear && (
                  <span className="kpi-tone" data-tone="unclear">
                    {' '}
                    ({t('tile.unclear')})
                  </span>
                )}
              </>
            )}
          </p>
        </>
      )}
      {!loading && !error && !row && (
        <>
          <p className="kpi-value muted">—</p>
          {/* No row at all: the filters leave no data (not hidden, not zero), so say so. */}
          <p className="kpi-extra muted" data-kpi-empty>
            {t('state.empty')}
          </p>
        </>
      )}
      {ignoredNote && !loading && (
        <p className="kpi-extra muted" data-ignored-filters>
          {ignoredNote}
        </p>
      )}
      <p className="card-meta">
        {year && <span>{t('tile.latest', { year })}</span>}
        <span className="n-badge">{t('chart.n', { n: formatNumber(row?.n ?? null, lang) })}</span>
        <SnapshotBadge />
      </p>
    </div>
  );
}
