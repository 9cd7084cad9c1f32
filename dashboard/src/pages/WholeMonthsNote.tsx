import { formatDate } from '../format/format.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { isWholeMonths, wholeMonths } from './month-window.ts';

/**
 * Under an analysis form's window: when the dates typed cut a month, the whole months the
 * comparison will cover instead (the form sends those). Renders nothing for whole months or
 * while a date is missing.
 */
export function WholeMonthsNote({ from, to }: { from: string; to: string }) {
  const { t, lang } = useLang();
  if (!from || !to || from > to || isWholeMonths({ from, to })) return null;
  const w = wholeMonths({ from, to });
  return (
    <p className="muted field-note" data-whole-months role="status">
      {t('window.wholeMonths', { from: formatDate(w.from, lang), to: formatDate(w.to, lang) })}
    </p>
  );
}
