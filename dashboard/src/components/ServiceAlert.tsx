import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { retryAll, type ServiceFailures, serviceFailures } from '../graphql/service-failures.ts';
import { useLang } from '../i18n/LangContext.tsx';

/**
 * The page's one alert when several cards could not reach the data service: it says so once, with
 * one "Coba lagi semua" that refetches every query on screen (the snapshot's too); the cards then
 * show a quiet error with their own retry (`ErrorState`). A single failing card keeps its own alert.
 */
export function ServiceAlert({ failures = serviceFailures }: { failures?: ServiceFailures }) {
  const { t } = useLang();
  const client = useApolloClient();
  const count = useSyncExternalStore(failures.subscribe, failures.count, failures.count);
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
      <p>{t('state.unreachable', { n: count })}</p>
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
