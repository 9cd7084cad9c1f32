import { formatIdr, formatNumber } from '../../format/format.ts';
import type { Roi } from '../../graphql/types.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { MessageKey } from '../../i18n/messages.id.ts';
import { labelOf, MESSAGES, type Translate } from '../../i18n/translate.ts';
import { inLang } from './format.ts';

type Assumption = Pick<Roi['assumptions'][number], 'name' | 'value' | 'unit' | 'note' | 'noteId'>;

const CERTAINTY: Record<string, MessageKey> = {
  L: 'roi.certainty.L',
  M: 'roi.certainty.M',
  H: 'roi.certainty.H',
};

/**
 * How sure the figure is, from the API's note (`[kepastian L]`, `certainty L`, `kepastian L)`):
 * low, medium or high; null when the note does not say.
 */
export function certaintyOf(a: Pick<Assumption, 'note' | 'noteId'>): 'L' | 'M' | 'H' | null {
  const m = /(?:kepastian|certainty)\s+([LMH])\b/.exec(`${a.note} ${a.noteId ?? ''}`);
  return (m?.[1] as 'L' | 'M' | 'H' | undefined) ?? null;
}

/**
 * An assumption's note for a planner: what it is and where it comes from in plain words, with its
 * certainty ("Kepastian: rendah"). The API's notes name code (`hourlySalaryCostIdr`,
 * `dim_grade`, `JP_MINUTES`, `DOMAIN §2`); the dashboard words the assumptions it knows itself,
 * and shows the API's note only for one it does not know yet.
 */
export function assumptionNote(a: Assumption, t: Translate, lang: Lang): string {
  const key = `roi.aNote.${a.name}` as MessageKey;
  const text = key in MESSAGES.id ? t(key) : inLang(lang, a.note, a.noteId);
  const certainty = certaintyOf(a);
  return certainty ? `${text} ${t('roi.certainty', { level: t(CERTAINTY[certainty]!) })}` : text;
}

/** An assumption's value: rupiah as rupiah (whole), shares and counts with the digits they need. */
export function assumptionValue(a: Pick<Assumption, 'value' | 'unit'>, t: Translate, lang: Lang): string {
  if (a.value === null) return t('count.hidden');
  if (a.unit.startsWith('IDR')) return formatIdr(a.value, lang);
  return formatNumber(a.value, lang, a.value % 1 === 0 ? 0 : 2);
}

/**
 * The assumptions changed in the form (source `override`), each as its label and value ("Keyakinan
 * (0–1) 0,50"), joined by "; "; null when every one is a standard value.
 */
export function changedAssumptionsText(
  assumptions: readonly (Pick<Assumption, 'name' | 'value' | 'unit'> & { readonly source: string })[],
  t: Translate,
  lang: Lang,
): string | null {
  const changed = assumptions.filter((a) => a.source === 'override');
  if (changed.length === 0) return null;
  return changed.map((a) => `${labelOf(t, 'roi.a', a.name)} ${assumptionValue(a, t, lang)}`).join('; ');
}
