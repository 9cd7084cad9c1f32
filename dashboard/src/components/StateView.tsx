import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import { timeoutMs } from '../graphql/client.ts';
import {
  badInputsOf,
  classifyError,
  describeBadInput,
  operationTimeoutMs,
  RequestTimeoutError,
} from '../graphql/errors.ts';
import {
  type ServiceFailure,
  type ServiceFailures,
  serviceFailureOf,
  serviceFailures,
} from '../graphql/service-failures.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { type Lang, localeOf } from '../i18n/lang.ts';
import { labelOf, type Translate } from '../i18n/translate.ts';
import { useCatalog } from '../pages/use-catalog.ts';
import {
  type PageFailures,
  type PageLoads,
  type PageNotices,
  pageFailures,
  pageLoads,
  pageNotices,
} from './page-status.ts';
import { useTokenStatus } from './use-token-status.ts';

/** After this long "Memuat data…" also says that the connection or the server is slow. */
export const SLOW_NOTE_MS = 10_000;

/**
 * Loading, empty and error states, one look everywhere. Loading is shown, not announced: a card
 * registers while it waits and the page's one status (`PageStatus`) says "Memuat data…" and, when
 * every card has answered, that the data came (eleven live regions per filter change before). A wait
 * past `SLOW_NOTE_MS` says it is slow, so a reader on a slow link knows the page is not stuck (a
 * spinner alone until the request gave up, or for good, before: slow-link review).
 */
export function Loading() {
  const { t } = useLang();
  usePageLoading(true);
  const slow = useAfter(timeoutMs('slowNoteMs', SLOW_NOTE_MS));
  return (
    <div className="state state-loading" data-loading>
      <span className="spinner" aria-hidden="true" />
      {t('state.loading')}
      {slow && (
        <p className="muted" data-slow-note>
          {t('state.slow')}
        </p>
      )}
    </div>
  );
}

/** Whether `ms` have passed since the component mounted (or `ms` changed). */
export function useAfter(ms: number): boolean {
  const [passed, setPassed] = useState(false);
  useEffect(() => {
    setPassed(false);
    const timer = setTimeout(() => setPassed(true), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return passed;
}

/** Registers a waiting card or tile with the page's status while `waiting` (before paint). */
export function usePageLoading(waiting: boolean, loads: PageLoads = pageLoads): void {
  useLayoutEffect(() => (waiting ? loads.add() : undefined), [waiting, loads]);
}

/**
 * Registers this card's notice under `key` (none: `null`) while it shows it; whether this card's
 * notice is the page's alert for that key (the first one shown). Before the cards register (the
 * first render) each one is, so a notice is never left unsaid.
 */
export function usePageNotice(key: string | null, notices: PageNotices = pageNotices): boolean {
  const [id] = useState(() => Symbol('notice'));
  useLayoutEffect(() => (key === null ? undefined : notices.add(key, id)), [key, id, notices]);
  const first = () => (key === null ? undefined : notices.first(key));
  const leader = useSyncExternalStore(notices.subscribe, first, first);
  return leader === undefined || leader === id;
}

export function Empty() {
  const { t } = useLang();
  return <div className="state state-empty">{t('state.empty')}</div>;
}

export function ErrorState({
  error,
  onRetry,
  needsRole,
}: {
  error: unknown;
  /** May return the refetch promise: a retry that fails again is shown here, never thrown. */
  onRetry?: () => unknown;
  needsRole?: string;
}) {
  const { t, lang } = useLang();
  const hasToken = useTokenStatus() !== 'none';
  const { kind, message } = classifyError(error);
  // The service cannot be reached, or the server stopped the query at its deadline: once several
  // cards say so, the page's one alert speaks for them (`ServiceAlert`) and this card only shows its
  // quiet state, with its own retry (11 identical alerts on one page when the API was down: mobile
  // UX review, 2026-12-06; when every query timed out: slow-link review).
  const failure = serviceFailureOf(error);
  const quiet = useServiceFailure(failure);
  // Every failed part counts in the page's status ("Data dimuat." when all had failed before); a
  // role the reader lacks is a refusal the page's notice already explains, not a failure.
  usePageFailure(kind !== 'forbidden');
  // A missing role or an unknown token reads the same on every card it stops: the first such card
  // is the page's alert, the others say it without one (two identical alerts on ROI and Kualitas
  // for a public reader: accessibility audit, SC 4.1.3).
  const role = needsRole ?? 'analyst';
  const noticeKey =
    kind === 'forbidden'
      ? `forbidden:${role}`
      : kind === 'unauthenticated'
        ? `unauthenticated:${hasToken}`
        : null;
  const alerts = usePageNotice(noticeKey);
  if (kind === 'unauthenticated') {
    // Not a role problem: the server did not take the token (or wants one), for public data too.
    return (
      <div
        className="state state-error state-unauthenticated"
        role={alerts ? 'alert' : undefined}
        data-error-kind={kind}
      >
        {t(hasToken ? 'state.unauthenticated' : 'state.tokenRequired')}
      </div>
    );
  }
  if (kind === 'forbidden') {
    return (
      <div className="state state-forbidden" role={alerts ? 'alert' : undefined} data-error-kind={kind}>
        {t('state.forbidden', { role: labelOf(t, 'role', role) })}
      </div>
    );
  }
  return (
    <div
      className={`state state-error${quiet ? ' state-quiet' : ''}`}
      role={quiet ? undefined : 'alert'}
      data-error-kind={kind}
      data-unreachable={failure === 'unreachable' || undefined}
    >
      <p>{t('state.error')}</p>
      {kind === 'timeout' && <p data-timeout>{timeoutText(error, t, lang)}</p>}
      {error instanceof RequestTimeoutError && (
        <p className="muted">{t('state.noAnswer', { seconds: secondsText(error.timeoutMs, lang) })}</p>
      )}
      {kind === 'badInput' && <BadInputs error={error} message={message} />}
      {kind === 'tooComplex' && (
        <div className="muted">
          <p>{t('state.tooComplex')}</p>
          <details>
            <summary>{t('badInput.serverMessage')}</summary>
            <p lang="en">{message}</p>
          </details>
        </div>
      )}
      {/* Asking again cannot help a caller mistake (the filter must change) nor a refusal as too
          complex (the server remembers it): no retry for those (revDash2). */}
      {onRetry && kind !== 'tooComplex' && kind !== 'badInput' && (
        <button
          type="button"
          className="btn"
          onClick={() => void Promise.resolve(onRetry()).catch(() => undefined)}
        >
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

/** Seconds as the page writes numbers (`30`, `0,5`). */
function secondsText(ms: number, lang: Lang): string {
  return new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 1 }).format(ms / 1000);
}

/**
 * A query the server stopped at its deadline: that it took too long, and that a narrower filter is
 * the way to an answer; with the deadline in seconds when the server names one of a second or more.
 */
export function timeoutText(error: unknown, t: Translate, lang: Lang): string {
  const ms = operationTimeoutMs(error);
  return ms !== null && ms >= 1000
    ? t('state.timeoutSeconds', { seconds: secondsText(ms, lang) })
    : t('state.timeout');
}

/**
 * Registers this card with `failures` while it shows a service failure (`serviceFailureOf`); whether
 * the page's alert speaks for it (then it is quiet). Registered before paint, so cards that fail
 * together are quiet before they are shown; a card failing alone keeps its own alert.
 */
export function useServiceFailure(
  failure: ServiceFailure | null,
  failures: ServiceFailures = serviceFailures,
): boolean {
  useLayoutEffect(() => (failure ? failures.add(failure) : undefined), [failure, failures]);
  const pageLevel = useSyncExternalStore(failures.subscribe, failures.pageLevel, failures.pageLevel);
  return failure !== null && pageLevel;
}

/** Registers a failed card or tile with the page's status while `failed` (before paint). */
export function usePageFailure(failed: boolean, failures: PageFailures = pageFailures): void {
  useLayoutEffect(() => (failed ? failures.add() : undefined), [failed, failures]);
}

/**
 * Caller mistakes in the page's language, worded from the API's reason, field and parameters, the
 * server's English message one click away; a reason the dashboard does not know shows that message.
 */
function BadInputs({ error, message }: { error: unknown; message: string }) {
  const { t, lang } = useLang();
  // Agencies by name, as the filter bar names them (a refusal naming kecamatan agencies: revDash2).
  const { agencyName } = useCatalog();
  const inputs = badInputsOf(error);
  if (inputs.length === 0) inputs.push({ message, reason: null, field: null, params: {} });
  return inputs.map((input) => {
    const text = describeBadInput(input, t, lang, agencyName);
    if (text === null) {
      return (
        <p key={input.message} className="muted">
          {t('state.badInput')} <span lang="en">{input.message}</span>
        </p>
      );
    }
    return (
      <div key={input.message} className="muted" data-reason={input.reason ?? undefined}>
        <p>{text}</p>
        <details>
          <summary>{t('badInput.serverMessage')}</summary>
          <p lang="en">{input.message}</p>
        </details>
      </div>
    );
  });
}
