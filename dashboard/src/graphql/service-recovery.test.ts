import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  type ObservableQuery,
  type OperationVariables,
  ServerError,
  ServerParseError,
} from '@apollo/client';
import { Observable } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache, createClient } from './client.ts';
import { ParticipationQuery, SnapshotQuery } from './operations.ts';
import { isServiceUnreachable, retryAll, ServiceFailures } from './service-failures.ts';

const SNAPSHOT = {
  snapshot: {
    __typename: 'Snapshot',
    id: 'snap-2026-12-06',
    publishedAt: '2026-12-06T04:00:00Z',
    mode: 'full',
    basedOn: null,
    runId: 'run-1',
    years: { __typename: 'YearSpan', first: 2021, last: 2025 },
    coverage: [],
  },
};
const PARTICIPATION = {
  participation: { __typename: 'ParticipationResult', minN: 5, rows: [] },
};
const answerOf = (operationName: string | undefined) =>
  operationName === 'Snapshot' ? SNAPSHOT : PARTICIPATION;

/** A link that fails (the API is down) while `down.value` holds, then answers every operation. */
function flakyLink(down: { value: boolean }, seen: string[]) {
  return new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        seen.push(operation.operationName ?? '');
        if (down.value) observer.error(new TypeError('Failed to fetch'));
        else {
          observer.next({ data: answerOf(operation.operationName) });
          observer.complete();
        }
      }),
  );
}

/** Watches a query as a mounted component does (an active observer); `last()` is its latest result. */
function watch<T, V extends OperationVariables>(query: ObservableQuery<T, V>) {
  let last: ObservableQuery.Result<T> | undefined;
  const subscription = query.subscribe({
    next: (r) => {
      last = r as ObservableQuery.Result<T>;
    },
    error: () => undefined,
  });
  return { last: () => last, stop: () => subscription.unsubscribe() };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('service unreachable: what the page-level alert speaks for', () => {
  it('counts a network failure, a 5xx and a non-GraphQL answer; not a coded GraphQL error nor a 4xx', () => {
    expect(isServiceUnreachable(new TypeError('Failed to fetch'))).toBe(true);
    const response = (status: number) => new Response('', { status });
    expect(
      isServiceUnreachable(new ServerError('bad gateway', { response: response(502), bodyText: '' })),
    ).toBe(true);
    expect(
      isServiceUnreachable(
        new ServerParseError(new Error('<html>'), { response: response(200), bodyText: '' }),
      ),
    ).toBe(true);
    expect(isServiceUnreachable(new ServerError('nope', { response: response(400), bodyText: '' }))).toBe(
      false,
    );
    const coded = new CombinedGraphQLErrors({
      errors: [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect(isServiceUnreachable(coded)).toBe(false);
    expect(isServiceUnreachable(undefined)).toBe(false);
  });

  it('speaks for the cards from two failing cards on, and forgets a card once it no longer fails', () => {
    const failures = new ServiceFailures();
    const changes = vi.fn();
    failures.subscribe(changes);
    const first = failures.add();
    expect(failures.pageLevel()).toBe(false);
    const second = failures.add();
    expect([failures.count(), failures.pageLevel()]).toEqual([2, true]);
    second();
    second();
    expect([failures.count(), failures.pageLevel()]).toEqual([1, false]);
    first();
    expect(failures.count()).toBe(0);
    expect(changes).toHaveBeenCalledTimes(4);
  });
});

describe('"Coba lagi semua": one retry for every query on screen', () => {
  it('refetches the failed cards and the snapshot once the API is back', async () => {
    const down = { value: true };
    const seen: string[] = [];
    const client = new ApolloClient({ link: flakyLink(down, seen), cache: createCache() });
    const snapshot = watch(client.watchQuery({ query: SnapshotQuery }));
    const cards = (['agency', 'program', 'method'] as const).map((g) =>
      watch(client.watchQuery({ query: ParticipationQuery, variables: { groupBy: [g] } })),
    );
    await settled();
    expect(snapshot.last()?.error).toBeInstanceOf(TypeError);
    for (const card of cards) expect(card.last()?.error).toBeInstanceOf(TypeError);

    down.value = false;
    seen.length = 0;
    await retryAll(client);
    await settled();
    expect(seen.sort()).toEqual(['Participation', 'Participation', 'Participation', 'Snapshot']);
    expect(snapshot.last()?.error).toBeUndefined();
    expect(snapshot.last()?.data?.snapshot?.id).toBe('snap-2026-12-06');
    for (const card of cards) {
      expect(card.last()?.error).toBeUndefined();
      expect(card.last()?.data?.participation?.minN).toBe(5);
    }
    snapshot.stop();
    for (const card of cards) card.stop();
  });

  it('settles a retry that fails again (the cards show it), never an unhandled rejection', async () => {
    const client = new ApolloClient({ link: flakyLink({ value: true }, []), cache: createCache() });
    const card = watch(client.watchQuery({ query: ParticipationQuery, variables: {} }));
    await settled();
    await expect(retryAll(client)).resolves.toBeUndefined();
    await settled();
    expect(card.last()?.error).toBeInstanceOf(TypeError);
    card.stop();
  });
});

describe('the snapshot comes back with the API, without a reload', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("asks for the snapshot again when another query succeeds while the snapshot's is in error", async () => {
    const down = { value: true };
    const seen: string[] = [];
    // The dashboard's own client, over a fetch that fails while the API is down.
    vi.stubGlobal('fetch', async (_input: unknown, init?: RequestInit) => {
      const { operationName } = JSON.parse(String(init?.body)) as { operationName: string };
      seen.push(operationName);
      if (down.value) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ data: answerOf(operationName) }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    });
    const client = createClient();
    const snapshot = watch(client.watchQuery({ query: SnapshotQuery }));
    await settled();
    expect(snapshot.last()?.error).toBeInstanceOf(TypeError);

    // The API is back: a card's "Coba lagi" (or a new filter) succeeds.
    down.value = false;
    seen.length = 0;
    await client.query({ query: ParticipationQuery, variables: { groupBy: ['agency'] } });
    await settled();
    expect(seen).toEqual(['Participation', 'Snapshot']);
    expect(snapshot.last()?.error).toBeUndefined();
    expect(snapshot.last()?.data?.snapshot?.id).toBe('snap-2026-12-06');

    // Once it has come, later successes do not ask for it again.
    seen.length = 0;
    await client.query({ query: ParticipationQuery, variables: { groupBy: ['program'] } });
    await settled();
    expect(seen).toEqual(['Participation']);
    snapshot.stop();
  });
});
