import { Suspense, useEffect, useState } from 'react';
import { FilterBar } from '../components/FilterBar.tsx';
import { PageStatus } from '../components/PageStatus.tsx';
import { ServiceAlert } from '../components/ServiceAlert.tsx';
import { Loading } from '../components/StateView.tsx';
import { formatDate, formatDateTime } from '../format/format.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { useSearch } from '../state/url-store.ts';
import { dataThrough } from '../state/years.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Header } from './Header.tsx';
import { pageById } from './pages.ts';
import { useSnapshot, useSnapshotIdText, useSnapshotState } from './SnapshotContext.tsx';

/** The shell: skip link, header, filters, the current page (lazy), footer with the snapshot. */
export function App() {
  const { t, lang } = useLang();
  const page = pageById(useSearch().get('page'));
  const snapshot = useSnapshot();
  const snapshotId = useSnapshotIdText('…');
  const snapshotUnavailable = useSnapshotState() === 'unavailable';
  const title = t(page.title);
  const through = dataThrough(snapshot?.coverage);
  // Bumped by "Coba lagi": a new boundary, and a page whose chunk failed is imported afresh.
  const [attempt, setAttempt] = useState(0);
  const PageComponent = page.Component.get();

  useEffect(() => {
    document.title = `${title} — ${t('app.title')}`;
  }, [title, t]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Header current={page.id} />
      <main id="main" tabIndex={-1} data-page={page.id}>
        <div className="page-head">
          <h1>{title}</h1>
          <p className="lead">{t(page.lead)}</p>
        </div>
        {page.filters !== 'none' && <FilterBar scope={page.filters} />}
        <PageStatus />
        <ServiceAlert />
        <ErrorBoundary
          key={`${page.id}#${attempt}`}
          onRetry={() => setAttempt((n) => n + 1)}
          fallback={(retry) => <PageError onRetry={retry} />}
        >
          <Suspense fallback={<Loading />}>
            <PageComponent />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="site-footer">
        <p>
          {t('snapshot.label')} <code data-snapshot-id>{snapshotId}</code>
          {snapshotUnavailable && <> {t('snapshot.unavailable')}</>}
          {snapshot && (
            <>
              {' '}
              · {t('snapshot.published')} {formatDateTime(snapshot.publishedAt, lang)}
              {through && (
                <>
                  {' '}
                  · {t('snapshot.dataThrough')} <span data-through>{formatDate(through, lang)}</span>
                </>
              )}
            </>
          )}
        </p>
        <p className="muted">{t('app.footer')}</p>
      </footer>
    </>
  );
}

/**
 * A page that failed to render, most often because its chunk did not load (the server was down,
 * or a redeploy replaced the chunk names the open tab knows). "Coba lagi" imports the page afresh;
 * "Muat ulang halaman" reloads the whole app, which after a redeploy fetches the new chunk names.
 */
function PageError({ onRetry }: { onRetry: () => void }) {
  const { t } = useLang();
  return (
    <div className="state state-page-error" role="alert" data-page-error>
      <p>{t('state.pageError')}</p>
      <p className="muted">{t('state.pageError.hint')}</p>
      <p className="state-actions">
        <button type="button" className="btn" onClick={onRetry}>
          {t('state.retry')}
        </button>{' '}
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          {t('state.reloadPage')}
        </button>
      </p>
    </div>
  );
}
