import type { SatisfactionRow, Scorecard } from '../graphql/types.ts';
import type { Translate } from '../i18n/translate.ts';
import type { Measure } from './trend-table.ts';

type SampleRow = Pick<SatisfactionRow, 'sampleAdequate' | 'suppressed'>;

/**
 * The IKM tables' last measures: the row's population (its service requests, as the service-time
 * cards count them), the SKM sample PermenPANRB 14/2017 asks for from it (Krejcie–Morgan) and
 * whether the questionnaires reach it. Empty where the API does not say (the requests hidden or
 * unknown, or a hidden row).
 */
export function ikmSampleMeasures(t: Translate): Measure<SatisfactionRow>[] {
  return [
    {
      key: 'population',
      label: t('metric.ikmPopulation'),
      kind: 'count',
      value: (r) => r.population ?? null,
    },
    {
      key: 'minimumSample',
      label: t('metric.ikmMinimumSample'),
      kind: 'count',
      value: (r) => r.minimumSample ?? null,
    },
    {
      key: 'sample',
      label: t('metric.ikmSample'),
      kind: 'text',
      value: (r) => sampleVerdict(r.sampleAdequate, t),
    },
  ];
}

/**
 * The note under an IKM card when some of its shown rows rest on fewer questionnaires than the
 * regulation's sample: how many, of the rows judged. `rows`: those the card's table shows (its
 * agencies without the total; its periods' totals). Null when none falls short (or none is judged).
 */
export function ikmSampleNote(rows: readonly SampleRow[] | undefined, t: Translate): string | null {
  const judged = (rows ?? []).filter((r) => !r.suppressed && typeof r.sampleAdequate === 'boolean');
  const short = judged.filter((r) => r.sampleAdequate === false).length;
  return short === 0 ? null : t('layanan.ikmSampleShort', { short, judged: judged.length });
}

/**
 * The note under the agency scorecard when some agencies' IKM of the year rests on fewer
 * questionnaires than the regulation's sample (the API's `ikmSampleAdequate`): how many, and which
 * (their full names). Null when none falls short.
 */
export function scorecardSampleNote(
  cards: readonly Pick<Scorecard, 'agency' | 'ikm' | 'ikmSampleAdequate'>[] | undefined,
  t: Translate,
  name: (code: string) => string,
): string | null {
  const short = (cards ?? []).filter((c) => c.ikm !== null && c.ikmSampleAdequate === false);
  if (short.length === 0) return null;
  return t('instansi.ikmSampleShort', {
    count: short.length,
    agencies: short.map((c) => name(c.agency)).join(', '),
  });
}

/** The scorecard CSV's sample column value: Ya/Tidak (Yes/No), blank where the API does not judge. */
export function sampleVerdict(adequate: boolean | null | undefined, t: Translate): string | null {
  return adequate === null || adequate === undefined
    ? null
    : t(adequate ? 'layanan.ikmSample.yes' : 'layanan.ikmSample.no');
}
