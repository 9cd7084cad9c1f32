import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { ErrorState, Loading } from '../components/StateView.tsx';
import { formatDateTime } from '../format/format.ts';
import { KeptSnapshotsQuery, RollbackWarehouseMutation } from '../graphql/operations.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { modeLabel } from './quality-tables.ts';

/**
 * The snapshots the warehouse keeps (analyst), newest first, the live one marked; an admin can make
 * a kept one live again (rollback), after which the page reloads onto it.
 */
export function KeptSnapshotsCard() {
  const { t, lang } = useLang();
  const kept = useQuery(KeptSnapshotsQuery);
  const [rollback, rolling] = useMutation(RollbackWarehouseMutation);
  const [done, setDone] = useState<string | null>(null);
  const isAdmin = kept.data?.dataQuality.viewerRole === 'admin';

  const makeLive = async (id: string) => {
    if (!window.confirm(t('kualitas.makeLiveConfirm', { id }))) return;
    const result = await rollback({ variables: { snapshotId: id } }).catch(() => null);
    if (!result?.data) return;
    setDone(result.data.rollbackWarehouse.id);
    // Every figure on every page comes from one snapshot: start again on the live one.
    window.setTimeout(() => window.location.reload(), 800);
  };

  return (
    <section className="card wide" aria-labelledby="kept-h" data-kept-snapshots>
      <h2 id="kept-h">{t('kualitas.kept')}</h2>
      <p className="muted">{t('kualitas.keptLead')}</p>
      {kept.loading && <Loading />}
      {kept.error && <ErrorState error={kept.error} needsRole="analyst" onRetry={() => kept.refetch()} />}
      {rolling.error && <ErrorState error={rolling.error} needsRole="admin" />}
      {done && (
        <p className="callout" role="status">
          {t('kualitas.madeLive', { id: done })}
        </p>
      )}
      {kept.data && (
        <ScrollBox label={t('kualitas.kept')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('snapshot.label')}</th>
                <th scope="col">{t('snapshot.published')}</th>
                <th scope="col">{t('kualitas.mode')}</th>
                <th scope="col">{t('kualitas.basedOnCol')}</th>
                <th scope="col">{t('kualitas.runId')}</th>
                {isAdmin && <th scope="col" aria-label={t('kualitas.makeLive')} />}
              </tr>
            </thead>
            <tbody>
              {kept.data.snapshots.map((s) => (
                <tr key={s.id} data-live={s.live || undefined}>
                  <th scope="row">
                    <code>{s.id}</code>
                    {s.live && <span className="n-badge live-badge">{t('kualitas.live')}</span>}
                  </th>
                  <td>{formatDateTime(s.publishedAt, lang)}</td>
                  <td data-mode={s.mode}>{modeLabel(t, s.mode)}</td>
                  <td>
                    <code>{s.basedOn ?? '—'}</code>
                  </td>
                  <td>
                    <code>{s.runId ?? '—'}</code>
                  </td>
                  {isAdmin && (
                    <td>
                      {!s.live && (
                        <button
                          type="button"
                          className="btn"
                          disabled={rolling.loading || done !== null}
                          onClick={() => void makeLive(s.id)}
                        >
                          {t('kualitas.makeLive')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
