import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { ChartCard, type TableFold } from '../components/ChartCard.tsx';
import { formatDateTime, formatNumber } from '../format/format.ts';
import { DataQualityQuery, EtlRunsQuery, SnapshotDetailQuery } from '../graphql/operations.ts';
import { useLang } from '../i18n/LangContext.tsx';
import type { Translate } from '../i18n/translate.ts';
import { KeptSnapshotsCard } from './KeptSnapshotsCard.tsx';
import {
  dataTestsTable,
  modeLabel,
  quarantineTables,
  runTable as runTableOf,
  snapshotTables,
} from './quality-tables.ts';
import { TemplatesCard } from './TemplatesCard.tsx';

/** "3 jam" / "2 hari": how old the live snapshot is, the question a reader of a figure asks first. */
export function ageText(publishedAt: string, now: number, t: Translate): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(publishedAt)) / 60_000));
  if (minutes < 90) return t('kualitas.minutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('kualitas.hours', { n: hours });
  return t('kualitas.days', { n: Math.round(hours / 24) });
}

/**
 * Kualitas Data: snapshot and freshness, ETL runs, data tests, quarantine counts by reason. Every
 * card is one of the page's sections (h2), so none reads as nested under the card before it.
 */
export default function KualitasPage() {
  const { t, lang } = useLang();
  const detail = useQuery(SnapshotDetailQuery);
  const snapshot = detail.data?.snapshot ?? null;
  const dq = useQuery(DataQualityQuery);
  const runs = useQuery(EtlRunsQuery, { variables: { page: { offset: 0, limit: 20 } } });

  const tables = useMemo(() => {
    const quality = dq.data?.dataQuality;
    const quarantine = quality ? quarantineTables(quality.quarantineCounts, t) : null;
    const runList = runs.data?.etlRuns.items;
    return {
      quarantine: quarantine?.byReason ?? null,
      quarantineDetail: quarantine?.detail ?? null,
      tests: quality ? dataTestsTable(quality.dataTests, t) : null,
      runTable: runList ? runTableOf(runList, t, lang) : null,
    };
  }, [dq.data, runs.data, t, lang]);
  const snapshotTable = useMemo(
    () => (snapshot ? snapshotTables(snapshot, t, lang) : null),
    [snapshot, t, lang],
  );

  // Failing tests stay in view; the hundred-odd passing ones wait behind a button (the CSV has all).
  const testsFold = useMemo<TableFold>(
    () => ({
      keep: (row) => row.values.status !== 'pass',
      showLabel: (hidden) => t('kualitas.showPassing', { n: formatNumber(hidden, lang) }),
      hideLabel: t('kualitas.hidePassing'),
      allFolded: (hidden) => t('kualitas.allPassed', { n: formatNumber(hidden, lang) }),
    }),
    [t, lang],
  );

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
        headingLevel={2}
        title={t('kualitas.quarantine')}
        table={tables.quarantine}
        emptyText={t('kualitas.noQuarantine')}
        chart={{ kind: 'bar', series: ['rows'], yKind: 'count' }}
        loading={dq.loading}
        error={dq.error}
        onRetry={() => dq.refetch()}
      />
      <ChartCard
        headingLevel={2}
        title={t('kualitas.rowCounts')}
        table={snapshotTable?.rowCounts ?? null}
        loading={detail.loading}
        error={detail.error}
        showN={false}
      />
      <ChartCard
        headingLevel={2}
        title={t('kualitas.coverage')}
        table={snapshotTable?.coverage ?? null}
        loading={detail.loading}
        error={detail.error}
        showN={false}
      />
      <ChartCard
        headingLevel={2}
        title={t('kualitas.watermarks')}
        table={snapshotTable?.watermarks ?? null}
        loading={detail.loading}
        error={detail.error}
        showN={false}
      />
      <ChartCard
        headingLevel={2}
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
        headingLevel={2}
        title={t('kualitas.tests')}
        table={tables.tests}
        loading={dq.loading}
        error={dq.error}
        wide
        n={quality?.dataTests.length ?? null}
        fold={testsFold}
      />
      <ChartCard
        headingLevel={2}
        title={t('kualitas.quarantineByTable')}
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
