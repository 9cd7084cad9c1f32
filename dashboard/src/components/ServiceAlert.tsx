import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { retryAll, type ServiceFailures, serviceFailures } from '../graphql/service-failures.ts';
import { useLang } from '../i18n/LangContext.tsx';

/**
 * The page's one alert when several cards could not reach the data service, or the server stopped
 * their queries at its deadline: it says so once (for a timeout, that a narrower filter helps), with
 * one "Coba lagi semua" that refetches every query on screen (the snapshot's too); the cards then
 * show a quiet error with their own retry (`ErrorState`). A single failing card keeps its own alert.
 */
export function ServiceAlert({ failures = serviceFailures }: { failures?: ServiceFailures }) {
  const { t } = useLang();
  const client = useApolloClient();
  const unreachable = useSyncExternalStore(failures.subscribe, failures.unreachable, failures.unreachable);
  const timedOut = useSyncExternalStore(failures.subscribe, failures.timedOut, failures.timedOut);
  const shown = failures.pageLevel();
  const hadFocus = useRef(false);
  // The button goes with the alert once the cards load: focus moves to the page, not to <body>.
  useEffect(() => {
    if (shown || !hadFocus.current) return;
    hadFocus.current = false;
    document.getElementById('main')?.focus();
  }, [shown]);
  if (!shown) return null;
  return (
    <div className="callout warn service-alert" role="alert" data-service-alert>
      {timedOut > 0 && <p data-timeout>{t('state.timedOut', { n: timedOut })}</p>}
      {unreachable > 0 && <p>{t('state.unreachable', { n: unreachable })}</p>}
      <button
        type="button"
        className="btn"
        data-retry-all
        onClick={() => {
          hadFocus.current = true;
          void retryAll(client);
        }}
      >
        {t('state.retryAll')}
      </button>
    </div>
  );
}
