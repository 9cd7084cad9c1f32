import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { type ChartTable, plainRow } from '../charts/chart-table.ts';
import { ChartCard } from '../components/ChartCard.tsx';
import { formatDateTime, formatNumber } from '../format/format.ts';
import { DataQualityQuery, EtlRunsQuery, SnapshotDetailQuery } from '../graphql/operations.ts';
import { useLang } from '../i18n/LangContext.tsx';
import type { Translate } from '../i18n/translate.ts';
import { KeptSnapshotsCard } from './KeptSnapshotsCard.tsx';
import { dataTestsTable, modeLabel, runTable as runTableOf } from './quality-tables.ts';
import { TemplatesCard } from './TemplatesCard.tsx';

/** "3 jam" / "2 hari": how old the live snapshot is, the question a reader of a figure asks first. */
export function ageText(publishedAt: string, now: number, t: Translate): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(publishedAt)) / 60_000));
  if (minutes < 90) return t('kualitas.minutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('kualitas.hours', { n: hours });
  return t('kualitas.days', { n: Math.round(hours / 24) });
}

/** Kualitas Data: snapshot and freshness, ETL runs, data tests, quarantine counts by reason. */
export default function KualitasPage() {
  const { t, lang } = useLang();
  const detail = useQuery(SnapshotDetailQuery);
  const snapshot = detail.data?.snapshot ?? null;
  const dq = useQuery(DataQualityQuery);
  const runs = useQuery(EtlRunsQuery, { variables: { page: { offset: 0, limit: 20 } } });

  const tables = useMemo(() => {
    const quality = dq.data?.dataQuality;
    const byReason = new Map<string, number>();
    for (const q of quality?.quarantineCounts ?? [])
      byReason.set(q.reason, (byReason.get(q.reason) ?? 0) + q.rows);
    const quarantine: ChartTable | null = quality
      ? {
          columns: [
            { key: 'reason', label: t('kualitas.reason'), kind: 'text' },
            { key: 'rows', label: t('kualitas.rows'), kind: 'count' },
          ],
          rows: [...byReason.entries()]
            .sort((a, b) => b[1] - a[1])
            .map(([reason, rows]) => plainRow({ reason, rows }, rows)),
          minN: null,
        }
      : null;
    const quarantineDetail: ChartTable | null = quality
      ? {
          columns: [
            { key: 'table', label: t('kualitas.table'), kind: 'text' },
            { key: 'reason', label: t('kualitas.reason'), kind: 'text' },
            { key: 'source', label: t('kualitas.source'), kind: 'text' },
            { key: 'rows', label: t('kualitas.rows'), kind: 'count' },
          ],
          rows: quality.quarantineCounts.map((q) =>
            plainRow({ table: q.table, reason: q.reason, source: q.source, rows: q.rows }, q.rows),
          ),
          minN: null,
        }
      : null;
    const tests: ChartTable | null = quality ? dataTestsTable(quality.dataTests, t) : null;
    const runList = runs.data?.etlRuns.items;
    const runTable: ChartTable | null = runList ? runTableOf(runList, t, lang) : null;
    return { quarantine, quarantineDetail, tests, runTable };
  }, [dq.data, runs.data, t, lang]);

  const quality = dq.data?.dataQuality;
  const failed = quality?.dataTests.filter((d) => d.status !== 'pass').length ?? 0;

  return (
    <div className="grid">
      <section className="card" aria-labelledby="snap-h">
        <h2 id="snap-h">{t('kualitas.snapshot')}</h2>
        {snapshot && (
          <>
            <p className="callout">
              <strong>{t('kualitas.freshness')}:</strong>{' '}
              {t('kualitas.age', { age: ageText(snapshot.publishedAt, Date.now(), t) })}
            </p>
            <dl className="stat-list">
              <div className="stat">
                <dt>{t('snapshot.label')}</dt>
                <dd>
                  <code>{snapshot.id}</code>
                </dd>
              </div>
              <div className="stat">
                <dt>{t('snapshot.published')}</dt>
                <dd>{formatDateTime(snapshot.publishedAt, lang)}</dd>
              </div>
              <div className="stat">
                <dt>{t('kualitas.mode')}</dt>
                <dd data-mode={snapshot.mode}>{modeLabel(t, snapshot.mode)}</dd>
              </div>
              <div className="stat">
                <dt>{t('kualitas.runId')}</dt>
                <dd>
                  <code>{snapshot.runId ?? '—'}</code>
                </dd>
              </div>
            </dl>
            {quality && (
              <p className={failed > 0 ? 'callout warn' : 'muted'}>
                {t('kualitas.tests')}:{' '}
                {t('kualitas.testsSummary', {
                  passed: formatNumber(quality.dataTests.length - failed, lang),
                  failed: formatNumber(failed, lang),
                  total: formatNumber(quality.dataTests.length, lang),
                })}
              </p>
            )}
          </>
        )}
      </section>
      <ChartCard
        title={t('kualitas.quarantine')}
        table={tables.quarantine}
        emptyText={t('kualitas.noQuarantine')}
        chart={{ kind: 'bar', series: ['rows'], yKind: 'count' }}
        loading={dq.loading}
        error={dq.error}
        onRetry={() => dq.refetch()}
      />
      <ChartCard
        title={t('kualitas.rowCounts')}
        table={
          snapshot
            ? {
                columns: [
                  { key: 'table', label: t('kualitas.table'), kind: 'text' },
                  { key: 'rows', label: t('kualitas.rows'), kind: 'count' },
                ],
                rows: snapshot.rowCounts.map((r) => plainRow({ table: r.table, rows: r.rows })),
                minN: null,
              }
            : null
        }
        loading={detail.loading}
        error={detail.error}
        showN={false}
      />
      <ChartCard
        title={t('kualitas.coverage')}
        table={
          snapshot
            ? {
                columns: [
                  { key: 'table', label: t('kualitas.table'), kind: 'text' },
                  { key: 'grain', label: t('kualitas.coverageGrain'), kind: 'text' },
                  { key: 'first', label: t('kualitas.coverageFirst'), kind: 'text' },
                  { key: 'last', label: t('kualitas.coverageLast'), kind: 'text' },
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
              }
            : null
        }
        loading={detail.loading}
        error={detail.error}
        showN={false}
      />
      <ChartCard
        title={t('kualitas.watermarks')}
        table={
          snapshot
            ? {
                columns: [
                  { key: 'table', label: t('kualitas.table'), kind: 'text' },
                  { key: 'watermark', label: t('kualitas.watermark'), kind: 'text' },
                ],
                rows: snapshot.watermarks.map((w) => plainRow({ table: w.table, watermark: w.watermark })),
                minN: null,
              }
            : null
        }
        loading={detail.loading}
        error={detail.error}
        showN={false}
      />
      <ChartCard
        title={t('kualitas.runs')}
        table={tables.runTable}
        loading={runs.loading}
        error={runs.error}
        needsRole="analyst"
        wide
        n={runs.data?.etlRuns.total ?? null}
      />
      <KeptSnapshotsCard />
      <ChartCard
        title={t('kualitas.tests')}
        table={tables.tests}
        loading={dq.loading}
        error={dq.error}
        wide
        n={quality?.dataTests.length ?? null}
      />
      <ChartCard
        title={`${t('kualitas.quarantine')} — ${t('kualitas.table')}`}
        table={tables.quarantineDetail}
        emptyText={t('kualitas.noQuarantine')}
        loading={dq.loading}
        error={dq.error}
        wide
      />
      <TemplatesCard />
    </div>
  );
}
