import { useSyncExternalStore } from 'react';
import { useLang } from '../i18n/LangContext.tsx';
import { type PageLoads, pageLoads } from './page-status.ts';

/**
 * The page's one polite status about its data: "Memuat data…" while any card waits for its query,
 * "Data dimuat." once every card has answered, nothing before the first load. Screen-reader only:
 * each card shows its own spinner (`Loading`, not a live region) and is `aria-busy` meanwhile. Kept
 * in the page for good (a live region must exist before its text changes to be read).
 */
export function PageStatus({ loads = pageLoads }: { loads?: PageLoads }) {
  const { t } = useLang();
  const phase = useSyncExternalStore(loads.subscribe, loads.phase, loads.phase);
  return (
    <p className="sr-only" role="status" data-page-status={phase}>
      {phase === 'loading' ? t('state.loading') : phase === 'done' ? t('state.loaded') : ''}
    </p>
  );
}
