import { ApolloClient, ApolloLink } from '@apollo/client';
import { Observable } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { createCache } from './client.ts';
import {
  KirkpatrickLearningQuery,
  KirkpatrickReactionQuery,
  ParticipationQuery,
  ResistanceQuery,
} from './operations.ts';
import { NO_KEYS } from './testing/no-keys.ts';

const keys = {
  __typename: 'GroupKeys',
  ...NO_KEYS,
  agency: 'DISDUKCAPIL',
};
const metricRow = (typename: string, n: number | null) => ({
  __typename: typename,
  keys,
  period: '2024-01-01',
  isTotal: false,
  n,
  pctOfTotal: n === null ? null : 25,
  suppressed: n === null,
  samePeriodLastYear: null,
});

/** A client over the dashboard's cache whose link answers every operation with `data`. */
function clientAnswering(data: Record<string, unknown>) {
  const link = new ApolloLink(
    () =>
      new Observable((observer) => {
        observer.next({ data });
        observer.complete();
      }),
  );
  return new ApolloClient({ link, cache: createCache() });
}

/**
 * The metric queries select rows through `fragment MetricRowFields on MetricRow` (an interface):
 * the cache must know which types implement it, or it drops the fragment's fields from every row.
 */
describe('cache and the MetricRow fragment', () => {
  it('keeps the shared row fields of a participation row', async () => {
    const warn = vi.spyOn(console, 'warn');
    const client = clientAnswering({
      participation: {
        __typename: 'ParticipationResult',
        minN: 5,
        rows: [{ ...metricRow('ParticipationRow', 40), headcount: 40, participants: 30, rate: 0.75 }],
      },
    });
    const { data } = await client.query({ query: ParticipationQuery, variables: { groupBy: ['agency'] } });
    const row = data?.participation.rows[0];
    expect(row).toMatchObject({ keys: { agency: 'DISDUKCAPIL' }, period: '2024-01-01', n: 40, rate: 0.75 });
    expect(row?.suppressed).toBe(false);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('keeps suppression on resistance rows and decline-reason rows', async () => {
    const client = clientAnswering({
      resistance: {
        __typename: 'ResistanceResult',
        minN: 5,
        rows: [
          {
            ...metricRow('ResistanceRow', null),
            invited: null,
            declined: null,
            noResponse: null,
            noShow: null,
            resisted: null,
            rate: null,
          },
        ],
        byReason: [{ ...metricRow('DeclineReasonRow', 12), declines: 12, share: 0.5 }],
      },
    });
    const { data } = await client.query({ query: ResistanceQuery, variables: {} });
    expect(data?.resistance.rows[0]).toMatchObject({
      n: null,
      suppressed: true,
    });
    expect(data?.resistance.byReason[0]).toMatchObject({ n: 12, suppressed: false, share: 0.5 });
  });
});

/**
 * Partisipasi's L1 and L2 cards select one level each of the same `kirkpatrick(...)` field (same
 * arguments, no id): the cache merges the two results instead of one replacing the other, so each
 * card keeps its rows (and no query is sent again for rows another one overwrote).
 */
describe('cache and the Kirkpatrick levels', () => {
  it('keeps L1 and L2 of one filter side by side', async () => {
    const warn = vi.spyOn(console, 'warn');
    const answers: Record<string, unknown> = {
      KirkpatrickReaction: {
        kirkpatrick: {
          __typename: 'Kirkpatrick',
          reaction: {
            __typename: 'ReactionResult',
            minN: 5,
            rows: [
              {
                ...metricRow('ReactionRow', 30),
                completed: 40,
                respondents: 30,
                responseRate: 0.75,
                mean: 4.1,
                relevance: 4,
                satisfaction: 4.2,
                facilitator: 4.3,
                intentToApply: 3.9,
              },
            ],
          },
        },
      },
      KirkpatrickLearning: {
        kirkpatrick: {
          __typename: 'Kirkpatrick',
          learning: {
            __typename: 'LearningResult',
            minN: 5,
            rows: [
              {
                ...metricRow('LearningRow', 40),
                learners: 40,
                meanPre: 55,
                meanPost: 70,
                meanGain: 15,
                medianGain: 14,
                normalizedGain: 0.33,
              },
            ],
          },
        },
      },
    };
    const link = new ApolloLink(
      (operation) =>
        new Observable((observer) => {
          observer.next({ data: answers[operation.operationName ?? ''] as Record<string, unknown> });
          observer.complete();
        }),
    );
    const client = new ApolloClient({ link, cache: createCache() });
    const variables = { groupBy: ['method' as const] };
    await client.query({ query: KirkpatrickReactionQuery, variables });
    await client.query({ query: KirkpatrickLearningQuery, variables });
    const l1 = client.readQuery({ query: KirkpatrickReactionQuery, variables });
    const l2 = client.readQuery({ query: KirkpatrickLearningQuery, variables });
    expect(l1?.kirkpatrick.reaction?.rows[0]).toMatchObject({
      n: 30,
      mean: 4.1,
      keys: { agency: 'DISDUKCAPIL' },
    });
    expect(l2?.kirkpatrick.learning?.rows[0]).toMatchObject({ n: 40, meanGain: 15, suppressed: false });
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
