import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceFailures } from '../graphql/service-failures.ts';
import { renderStatic } from '../testing/catalog-render.tsx';
import { ServiceAlert } from './ServiceAlert.tsx';
import { ErrorState } from './StateView.tsx';

/** Server-rendered markup, in Indonesian (the default language without a browser's storage). */
const html = renderStatic;

const alerts = (markup: string) => markup.match(/role="alert"/g)?.length ?? 0;
const down = new TypeError('Failed to fetch');
const badGateway = new ServerError('Response not successful: Received status code 502', {
  response: new Response('', { status: 502 }),
  bodyText: '',
});

/**
 * The cards register while they show an unreachable error (a layout effect, which a server render
 * does not run): the page's cards are registered here as they would be on screen.
 */
let registered: (() => void)[] = [];
const failing = (n: number) => {
  registered = Array.from({ length: n }, () => serviceFailures.add());
};
afterEach(() => {
  for (const remove of registered) remove();
  registered = [];
});

/** A page of eleven cards whose queries all failed because the API is down. */
const page = (n: number) => (
  <>
    <ServiceAlert />
    {Array.from({ length: n }, (_, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of cards
      <ErrorState key={i} error={i % 2 ? down : badGateway} onRetry={() => undefined} />
    ))}
  </>
);

describe('API down: one page-level alert instead of one per card', () => {
  it('says once that the service cannot be reached, with one "Coba lagi semua"; the cards are quiet', () => {
    failing(11);
    const markup = html(page(11));
    expect(alerts(markup)).toBe(1);
    expect(markup).toMatch(/<div class="callout warn service-alert" role="alert" data-service-alert="true">/);
    expect(markup).toContain('Layanan data tidak dapat dihubungi: 11 bagian halaman ini gagal dimuat.');
    expect(markup.match(/data-retry-all/g)).toHaveLength(1);
    expect(markup).toContain('>Coba lagi semua</button>');
    // Each card still says it failed and keeps its own retry, without an alert of its own.
    expect(markup.match(/class="state state-error state-quiet"/g)).toHaveLength(11);
    expect(markup.match(/>Coba lagi<\/button>/g)).toHaveLength(11);
  });

  it('leaves a single failing card its own alert, and no page-level alert', () => {
    failing(1);
    const markup = html(page(1));
    expect(alerts(markup)).toBe(1);
    expect(markup).not.toContain('data-service-alert');
    expect(markup).toMatch(
      /<div class="state state-error" role="alert" data-error-kind="other" data-unreachable="true">/,
    );
  });

  it('keeps the alert of a card refused for its own reason (a coded GraphQL error) beside the page alert', () => {
    failing(2);
    const coded = new CombinedGraphQLErrors({
      errors: [{ message: 'boom', extensions: { code: 'INTERNAL' } }],
    });
    const markup = html(
      <>
        {page(2)}
        <ErrorState error={coded} onRetry={() => undefined} />
      </>,
    );
    expect(alerts(markup)).toBe(2);
    expect(markup).toMatch(/<div class="state state-error" role="alert" data-error-kind="other"><p>/);
  });
});

/** The API's answer when a query runs past OPERATION_TIMEOUT_MS (HTTP 504, a GraphQL error). */
const timedOut = new CombinedGraphQLErrors({
  errors: [
    {
      message: 'The operation took longer than 30000 ms and was stopped. Narrow the filter or ask for less.',
      extensions: { code: 'OPERATION_TIMEOUT', timeoutMs: 30_000 },
    },
  ],
});

describe('the server stopped every query at its deadline: one alert that says so', () => {
  const timeoutPage = (n: number) => (
    <>
      <ServiceAlert />
      {Array.from({ length: n }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of cards
        <ErrorState key={i} error={timedOut} onRetry={() => undefined} />
      ))}
    </>
  );

  it('says once that the queries took too long and that a narrower filter helps, with one "Coba lagi semua"', () => {
    registered = Array.from({ length: 11 }, () => serviceFailures.add('timeout'));
    const markup = html(timeoutPage(11));
    expect(alerts(markup)).toBe(1);
    expect(markup).toContain(
      '<p data-timeout="true">Permintaan terlalu lama: server menghentikan 11 bagian halaman ini pada batas waktunya. Persempit filter (rentang waktu, instansi, program) lalu coba lagi.</p>',
    );
    // Not "cannot be reached": the service answered, the query was too heavy.
    expect(markup).not.toContain('tidak dapat dihubungi');
    expect(markup.match(/data-retry-all/g)).toHaveLength(1);
    // The cards are quiet, and each says why it failed.
    expect(markup.match(/class="state state-error state-quiet" data-error-kind="timeout"/g)).toHaveLength(11);
    expect(
      markup.match(/Permintaan terlalu lama \(lebih dari 30 detik\): persempit filter lalu coba lagi\./g),
    ).toHaveLength(11);
  });

  it('names both when some cards timed out and others could not reach the service', () => {
    registered = [serviceFailures.add('timeout'), serviceFailures.add('timeout'), serviceFailures.add()];
    const markup = html(
      <>
        {timeoutPage(2)}
        <ErrorState error={down} onRetry={() => undefined} />
      </>,
    );
    expect(alerts(markup)).toBe(1);
    expect(markup).toContain('server menghentikan 2 bagian halaman ini');
    expect(markup).toContain('Layanan data tidak dapat dihubungi: 1 bagian halaman ini gagal dimuat.');
  });

  it('a single timed-out card keeps its own alert, naming the timeout, with its retry', () => {
    registered = [serviceFailures.add('timeout')];
    const markup = html(timeoutPage(1));
    expect(alerts(markup)).toBe(1);
    expect(markup).not.toContain('data-service-alert');
    expect(markup).toMatch(/<div class="state state-error" role="alert" data-error-kind="timeout">/);
    expect(markup).toContain('Permintaan terlalu lama (lebih dari 30 detik)');
    expect(markup).toContain('>Coba lagi</button>');
  });
});
