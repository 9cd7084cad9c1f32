import { pAfterLabel } from '../../format/format.ts';
import type { ProgramEffect } from '../../graphql/types.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { Translate } from '../../i18n/translate.ts';
import { type ClusteredVerdict, clusteredCheckOf } from '../joint-effects.ts';

/** Step 3's sentence on the agency-clustered check, with what it rests on (for the page's data attributes). */
export interface JointClusteredSentence {
  readonly text: string;
  readonly verdict: ClusteredVerdict;
  /** Agencies with a completer of the program in the model. */
  readonly treatedAgencies: number;
}

/**
 * Step 3's sentence on the agency-clustered check of the priced program's joint-model effect, e.g.
 * "Dengan galat baku diklaster per instansi efek ini tetap signifikan; pesertanya hanya di 1 instansi,
 * sehingga …". Only for an effect the joint model shows (as the Holm sentence before it); the
 * caution follows when the completers sit in fewer than 5 agencies. Null otherwise.
 */
export function jointClusteredSentence(
  row: Pick<ProgramEffect, 'direction' | 'clustered'>,
  t: Translate,
  lang: Lang,
): JointClusteredSentence | null {
  const check = clusteredCheckOf(row, 'service_days', lang);
  if (!check?.verdict) return null;
  const bootstrap = check.bootstrapP
    ? ` (${t('joint.clustered.bootstrapP', { p: pAfterLabel(check.bootstrapP) })})`
    : '';
  const verdict = `${t(check.verdict === 'holds' ? 'roi.jointClustered.holds' : 'roi.jointClustered.fails')}${bootstrap}`;
  const caution = !check.caution
    ? ''
    : check.caution.key === 'joint.clustered.oneAgency'
      ? `; ${t('roi.jointClustered.oneAgency')}`
      : `; ${t('roi.jointClustered.fewAgencies', check.caution.values)}`;
  return { text: `${verdict}${caution}.`, verdict: check.verdict, treatedAgencies: check.treatedAgencies };
}
