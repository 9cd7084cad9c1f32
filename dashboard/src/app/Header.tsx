import { useApolloClient } from '@apollo/client/react';
import { type FormEvent, useId, useState } from 'react';
import { useDisclosure } from '../components/use-disclosure.ts';
import { useTokenStatus } from '../components/use-token-status.ts';
import { resetAndRefetch } from '../graphql/client.ts';
import { writeToken } from '../graphql/token-store.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { updateSearch } from '../state/url-store.ts';
import { PAGES, type PageId } from './pages.ts';
import {
  useSnapshotIdText,
  useSnapshotRetry,
  useSnapshotState,
  useSnapshotUpdated,
} from './SnapshotContext.tsx';

/** Site header: title, snapshot id, language toggle, access token and the page navigation. */
export function Header({ current }: { current: PageId }) {
  const { t, lang, setLang } = useLang();
  // An unknown token fails every request, the snapshot's too: don't say "loading" for ever.
  const snapshotId = useSnapshotIdText(t('snapshot.loading'));
  const updated = useSnapshotUpdated();
  // "—" is never said silently: it says the snapshot is unavailable, with a retry (a rejected token
  // is said by the token button, and fixed there).
  const snapshotState = useSnapshotState();
  const tokenRejected = useTokenStatus() === 'rejected';
  const unavailable = snapshotState === 'unavailable' && !tokenRejected;
  const retrySnapshot = useSnapshotRetry();
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  return (
    <header className="site-header">
      <div className="header-top">
        <div className="brand">
          <p className="brand-title">{t('app.title')}</p>
          <p className="brand-sub">
            {t('app.city')} · {t('snapshot.label')} <code data-snapshot-id>{snapshotId}</code>
            {unavailable && (
              <>
                {' '}
                <span data-snapshot-unavailable>{t('snapshot.unavailable')}</span>{' '}
                <button type="button" className="btn btn-small" data-snapshot-retry onClick={retrySnapshot}>
                  {t('state.retry')}
                </button>
              </>
            )}
            <span role="status" data-snapshot-updated={updated || undefined}>
              {updated ? ` · ${t('snapshot.updated')}` : ''}
            </span>
          </p>
        </div>
        <div className="header-actions">
          <button
            type="button"
            className="btn btn-small"
            data-lang-toggle
            lang={lang === 'id' ? 'en' : 'id'}
            aria-label={t('app.switchToLabel')}
            onClick={() => setLang(lang === 'id' ? 'en' : 'id')}
          >
            {t('app.switchTo')}
          </button>
          <TokenForm />
          <button
            type="button"
            className="btn btn-small menu-toggle"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpen((v) => !v)}
          >
            {t('app.menu')}
          </button>
        </div>
      </div>
      <nav id={navId} aria-label={t('app.nav')} className={`site-nav${menuOpen ? ' open' : ''}`}>
        <ul>
          {PAGES.map((p) => (
            <li key={p.id}>
              <a
                href={`?page=${p.id}`}
                aria-current={p.id === current ? 'page' : undefined}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                  e.preventDefault();
                  setMenuOpen(false);
                  // Filters stay in the URL across pages; page-specific keys are kept too (harmless).
                  updateSearch({ page: p.id === 'ringkasan' ? null : p.id });
                  document.getElementById('main')?.focus();
                }}
              >
                {t(p.title)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

/**
 * The access token. The button says whether one is stored and, once the server has answered,
 * whether it knows it: an unknown token fails every request, public ones too, so the dialog then
 * says so and offers to remove it.
 */
function TokenForm() {
  const { t } = useLang();
  const client = useApolloClient();
  const status = useTokenStatus();
  const hasToken = status !== 'none';
  const rejected = status === 'rejected';
  const [value, setValue] = useState('');
  const inputId = useId();
  const problemId = useId();
  const { detailsProps, summaryProps } = useDisclosure();
  const save = (e: FormEvent) => {
    e.preventDefault();
    writeToken(value.trim() || null);
    setValue('');
    void resetAndRefetch(client);
  };
  return (
    <details className="token" {...detailsProps}>
      <summary
        className={`btn btn-small${rejected ? ' token-rejected' : ''}`}
        data-token-status={status}
        {...summaryProps}
      >
        {rejected ? t('app.tokenRejected') : hasToken ? t('app.tokenSet') : t('app.token')}
      </summary>
      <form className="token-form" onSubmit={save} data-token-form>
        <label htmlFor={inputId}>{t('app.token')}</label>
        <p className="muted">{t('app.tokenHelp')}</p>
        {rejected && (
          <p className="token-problem" id={problemId} role="alert" data-token-rejected>
            {t('app.tokenRejectedHelp')}
          </p>
        )}
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          value={value}
          aria-describedby={rejected ? problemId : undefined}
          onChange={(e) => setValue(e.currentTarget.value)}
        />
        <div className="row">
          <button type="submit" className="btn btn-small btn-primary">
            {t('app.tokenSave')}
          </button>
          {hasToken && (
            <button
              type="button"
              className="btn btn-small"
              data-token-clear
              onClick={() => {
                writeToken(null);
                // This button goes with the token: focus moves to the input (WCAG 2.4.3), not to
                // the page's top.
                document.getElementById(inputId)?.focus();
                void resetAndRefetch(client);
              }}
            >
              {t('app.tokenClear')}
            </button>
          )}
        </div>
      </form>
    </details>
  );
}
