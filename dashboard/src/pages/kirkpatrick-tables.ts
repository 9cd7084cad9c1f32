import { type ChartTable, sortedBy } from '../charts/chart-table.ts';
import { formatSigned } from '../format/format.ts';
import type { LearningResult, LearningRow, ReactionResult, ReactionRow } from '../graphql/types.ts';
import type { Lang } from '../i18n/lang.ts';
import { labelOf, type Translate } from '../i18n/translate.ts';
import { groupTable, type Measure } from './trend-table.ts';

/** A method row's label ("Lokakarya"); a row without a method (none recorded) says so. */
const methodLabel = (t: Translate, method: string | null) =>
  method === null ? t('kirkpatrick.noMethod') : labelOf(t, 'method', method);

/**
 * Kirkpatrick L1 (reaction) per training method: the mean of the four 1–5 reaction items (the
 * chart's bars), the response rate and who could answer, then each item's mean. n is respondents.
 * Methods ranked by the mean; a hidden method (few completers) keeps its row, last, marked hidden.
 */
export function reactionByMethodTable(
  result: ReactionResult | null | undefined,
  t: Translate,
): ChartTable | null {
  const measures: Measure<ReactionRow>[] = [
    { key: 'mean', label: t('kirkpatrick.meanRating'), kind: 'rating', value: (r) => r.mean },
    {
      key: 'responseRate',
      label: t('kirkpatrick.responseRate'),
      kind: 'fraction',
      value: (r) => r.responseRate,
    },
    { key: 'completed', label: t('kirkpatrick.completed'), kind: 'count', value: (r) => r.completed },
    { key: 'relevance', label: t('kirkpatrick.relevance'), kind: 'rating', value: (r) => r.relevance },
    {
      key: 'satisfaction',
      label: t('kirkpatrick.satisfaction'),
      kind: 'rating',
      value: (r) => r.satisfaction,
    },
    {
      key: 'facilitator',
      label: t('kirkpatrick.facilitator'),
      kind: 'rating',
      value: (r) => r.facilitator,
    },
    {
      key: 'intentToApply',
      label: t('kirkpatrick.intentToApply'),
      kind: 'rating',
      value: (r) => r.intentToApply,
    },
  ];
  return sortedBy(
    groupTable(result ?? undefined, t('filter.methods'), (r) => methodLabel(t, r.keys.method), measures),
    'mean',
  );
}

/**
 * Kirkpatrick L2 (learning) per training method: mean pre- and post-test score (0–100, the chart's
 * two series), the mean and median gain in score points (signed on screen, raw in the CSV), the
 * learners with both scores and the normalised gain (DESIGN's L2: the mean of (post − pre) /
 * (100 − pre), the share of the room to improve each learner used, learners at 100 left out). n is
 * learners. Methods ranked by the mean gain; hidden ones last.
 */
export function learningByMethodTable(
  result: LearningResult | null | undefined,
  t: Translate,
  lang: Lang,
): ChartTable | null {
  const signed = (v: string | number | null) => (typeof v === 'string' ? v : formatSigned(v, lang, 1));
  const measures: Measure<LearningRow>[] = [
    { key: 'meanPre', label: t('kirkpatrick.meanPre'), kind: 'score100', value: (r) => r.meanPre },
    { key: 'meanPost', label: t('kirkpatrick.meanPost'), kind: 'score100', value: (r) => r.meanPost },
    {
      key: 'meanGain',
      label: t('kirkpatrick.meanGain'),
      kind: 'score',
      display: signed,
      value: (r) => r.meanGain,
    },
    {
      key: 'medianGain',
      label: t('kirkpatrick.medianGain'),
      kind: 'score',
      display: signed,
      value: (r) => r.medianGain,
    },
    { key: 'learners', label: t('kirkpatrick.learners'), kind: 'count', value: (r) => r.learners },
    // Last: a column added to an existing CSV goes after its others.
    {
      key: 'normalizedGain',
      label: t('kirkpatrick.normalizedGain'),
      kind: 'fraction',
      value: (r) => r.normalizedGain,
    },
  ];
  return sortedBy(
    groupTable(result ?? undefined, t('filter.methods'), (r) => methodLabel(t, r.keys.method), measures),
    'meanGain',
  );
}
