import { classifyError } from '../graphql/errors.ts';
import { useLang } from '../i18n/LangContext.tsx';

/** Loading, empty and error states, one look everywhere. Loading is announced politely. */
export function Loading() {
  const { t } = useLang();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {t('state.loading')}
    </div>
  );
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
  onRetry?: () => void;
  needsRole?: string;
}) {
  const { t } = useLang();
  const { kind, message } = classifyError(error);
  if (kind === 'forbidden') {
    return (
      <div className="state state-forbidden" role="alert">
        {t('state.forbidden', { role: needsRole ?? 'analyst' })}
      </div>
    );
  }
  return (
    <div className="state state-error" role="alert">
      <p>{t('state.error')}</p>
      {kind === 'badInput' && <p className="muted">{message}</p>}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}
