import { useSyncExternalStore } from 'react';
import { timeoutMs } from '../graphql/client.ts';
import { useLang } from '../i18n/LangContext.tsx';
import type { Translate } from '../i18n/translate.ts';
import { type PageFailures, type PageLoads, pageFailures, pageLoads } from './page-status.ts';
import { SLOW_NOTE_MS, useAfter } from './StateView.tsx';

/**
 * The page's one polite status about its data: "Memuat data…" while any card waits for its query
 * (that it is slow, past `SLOW_NOTE_MS`), "Data dimuat." once every card has answered, or how many
 * parts failed when some did, nothing before the first load. Screen-reader only: each card shows its
 * own spinner (`Loading`, not a live region) and is `aria-busy` meanwhile. Kept in the page for good
 * (a live region must exist before its text changes to be read).
 */
export function PageStatus({
  loads = pageLoads,
  failures = pageFailures,
}: {
  loads?: PageLoads;
  failures?: PageFailures;
}) {
  const { t } = useLang();
  const phase = useSyncExternalStore(loads.subscribe, loads.phase, loads.phase);
  const failed = useSyncExternalStore(failures.subscribe, failures.count, failures.count);
  return (
    <p className="sr-only" role="status" data-page-status={phase}>
      {phase === 'loading' ? <LoadingText t={t} /> : phase === 'done' ? doneText(t, failed) : ''}
    </p>
  );
}

/** "Memuat data…", then that it is slow: remounted, so timed afresh, each time the page loads. */
function LoadingText({ t }: { t: Translate }) {
  const slow = useAfter(timeoutMs('slowNoteMs', SLOW_NOTE_MS));
  return slow ? t('state.slowLoading') : t('state.loading');
}

function doneText(t: Translate, failed: number): string {
  if (failed === 0) return t('state.loaded');
  return failed === 1 ? t('state.loadedOneFailed') : t('state.loadedFailed', { n: failed });
}
