import { readFileSync } from 'node:fs';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../i18n/translate.ts';
import { createClient, resetAndRefetch } from './client.ts';
import {
  type BadInput,
  badInputsOf,
  classifyError,
  describeBadInput,
  fieldLabel,
  tokenVerdict,
} from './errors.ts';
import { SnapshotQuery } from './operations.ts';
import { readToken, subscribeToken, tokenStatus, writeToken } from './token-store.ts';

const graphQLErrors = (...errors: { message: string; code?: string }[]) =>
  new CombinedGraphQLErrors({
    errors: errors.map(({ message, code }) => ({ message, extensions: code ? { code } : {} })),
  });

const serverError = (status: number, bodyText: string) =>
  new ServerError(`Response not successful: Received status code ${status}`, {
    response: new Response(bodyText, { status }),
    bodyText,
  });

describe('classifyError', () => {
  it('calls an UNAUTHENTICATED error its own kind, not a missing role', () => {
    expect(
      classifyError(graphQLErrors({ message: 'Unknown bearer token.', code: 'UNAUTHENTICATED' })),
    ).toEqual({
      kind: 'unauthenticated',
      message: 'Unknown bearer token.',
    });
  });

  it('keeps FORBIDDEN and "access denied" as forbidden', () => {
    expect(classifyError(graphQLErrors({ message: 'Needs analyst.', code: 'FORBIDDEN' })).kind).toBe(
      'forbidden',
    );
    expect(classifyError(graphQLErrors({ message: 'Access denied: planner only.' })).kind).toBe('forbidden');
  });

  it('calls a server limit (disclosure control over its budget) tooComplex, apart from other failures', () => {
    const message = 'Disclosure control of this result is too large to compute: …';
    expect(classifyError(graphQLErrors({ message, code: 'QUERY_TOO_COMPLEX' }))).toEqual({
      kind: 'tooComplex',
      message,
    });
    expect(classifyError(graphQLErrors({ message: 'Internal', code: 'INTERNAL_SERVER_ERROR' })).kind).toBe(
      'other',
    );
  });

  it('puts UNAUTHENTICATED before FORBIDDEN when both come back', () => {
    const error = graphQLErrors(
      { message: 'Needs analyst.', code: 'FORBIDDEN' },
      { message: 'Unknown bearer token.', code: 'UNAUTHENTICATED' },
    );
    expect(classifyError(error)).toEqual({
      kind: 'unauthenticated',
      message: 'Needs analyst.; Unknown bearer token.',
    });
  });

  it('shows the message of a caller mistake and hides others', () => {
    expect(classifyError(graphQLErrors({ message: 'minN must be ≥ 5', code: 'BAD_USER_INPUT' }))).toEqual({
      kind: 'badInput',
      message: 'minN must be ≥ 5',
    });
    expect(classifyError(graphQLErrors({ message: 'boom', code: 'INTERNAL_SERVER_ERROR' })).kind).toBe(
      'other',
    );
  });

  it('reads HTTP 401 as unauthenticated and 403 as forbidden, with the server message', () => {
    const body = JSON.stringify({
      errors: [{ message: 'Unknown bearer token.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(classifyError(serverError(401, body))).toEqual({
      kind: 'unauthenticated',
      message: 'Unknown bearer token.',
    });
    expect(classifyError(serverError(403, '<html>Forbidden</html>'))).toEqual({
      kind: 'forbidden',
      message: 'Response not successful: Received status code 403',
    });
  });

  it('calls other failures other', () => {
    expect(classifyError(serverError(500, '{}')).kind).toBe('other');
    expect(classifyError(new TypeError('Failed to fetch'))).toEqual({
      kind: 'other',
      message: 'Failed to fetch',
    });
    expect(classifyError('weird')).toEqual({ kind: 'other', message: 'weird' });
  });
});

/** A BAD_USER_INPUT as the API sends it (see the README's reasons table). */
const badInput = (message: string, extensions: Record<string, unknown>): BadInput =>
  badInputsOf(
    new CombinedGraphQLErrors({
      errors: [{ message, extensions: { code: 'BAD_USER_INPUT', ...extensions } }],
    }),
  )[0] as BadInput;

const id = translator('id');
const en = translator('en');
const say = (input: BadInput, lang: 'id' | 'en' = 'id') =>
  describeBadInput(input, lang === 'id' ? id : en, lang);

describe('badInputsOf', () => {
  it('reads reason, field and parameters of each BAD_USER_INPUT, once per message', () => {
    const error = new CombinedGraphQLErrors({
      errors: [
        {
          message: 'year 1900 is out of range',
          extensions: { code: 'BAD_USER_INPUT', reason: 'OUT_OF_RANGE', field: 'year', min: 1990, max: 2100 },
        },
        {
          message: 'year 1900 is out of range',
          extensions: { code: 'BAD_USER_INPUT', reason: 'OUT_OF_RANGE', field: 'year', min: 1990, max: 2100 },
        },
        { message: 'Needs analyst.', extensions: { code: 'FORBIDDEN' } },
        { message: 'minN must be ≥ 5', extensions: { code: 'BAD_USER_INPUT' } },
      ],
    });
    expect(badInputsOf(error)).toEqual([
      {
        message: 'year 1900 is out of range',
        reason: 'OUT_OF_RANGE',
        field: 'year',
        params: { min: 1990, max: 2100 },
      },
      { message: 'minN must be ≥ 5', reason: null, field: null, params: {} },
    ]);
    expect(badInputsOf(new TypeError('Failed to fetch'))).toEqual([]);
  });
});

describe('fieldLabel', () => {
  it("names a field with the dashboard's own label, else its argument path", () => {
    expect(fieldLabel(id, 'filter.programs')).toBe('“Program”');
    expect(fieldLabel(en, 'filter.programs')).toBe('“Programs”');
    expect(fieldLabel(id, 'cohort.selector.value')).toBe('“Pilihan”');
    expect(fieldLabel(id, 'input.assumptions.confidence')).toBe('“Keyakinan (0–1)”');
    expect(fieldLabel(id, 'assumptions.jpMinutes')).toBe('“Menit per JP”');
    expect(fieldLabel(id, 'input.budgetIdr')).toBe('“Anggaran (Rp)”');
    expect(fieldLabel(id, 'page.limit')).toBe('“page.limit”');
    expect(fieldLabel(id, 'input.assumptions.unknownThing')).toBe('“input.assumptions.unknownThing”');
  });
});

describe('describeBadInput', () => {
  it('an unknown code in the snapshot, and one outside a fixed domain (the accepted ones labelled)', () => {
    const program = badInput('Unknown value in filter.programs: "NOPE" (not in snapshot; …).', {
      reason: 'UNKNOWN_VALUE',
      field: 'filter.programs',
      unknown: ['NOPE'],
    });
    expect(say(program)).toBe('“Program” “NOPE” tidak ada dalam snapshot data ini.');
    expect(say(program, 'en')).toBe('“Programs” “NOPE”: not in this data snapshot.');
    const method = badInput('Unknown value in cohort.selector.value: "dance" (accepted: …).', {
      reason: 'UNKNOWN_VALUE',
      field: 'cohort.selector.value',
      unknown: ['dance'],
      accepted: ['classroom', 'coaching', 'e_learning', 'seminar', 'workshop'],
    });
    expect(say(method)).toBe(
      '“Pilihan” “dance” tidak dikenal. Yang diterima: Klasikal, Coaching, E-learning, Seminar, Lokakarya.',
    );
    expect(say(method, 'en')).toMatch(/^“Choice” “dance”: not recognised\. Accepted: Classroom/);
  });

  it('numbers out of range, with the bounds written as the page writes numbers', () => {
    const limit = { reason: 'OUT_OF_RANGE', field: 'page.limit', min: 1, max: 1000 };
    expect(say(badInput('page.limit must be 1 … 1000', limit))).toBe(
      '“page.limit” harus antara 1 dan 1.000.',
    );
    expect(say(badInput('page.limit must be 1 … 1000', limit), 'en')).toBe(
      '“page.limit” must be between 1 and 1,000.',
    );
    expect(
      say(badInput('x', { reason: 'OUT_OF_RANGE', field: 'input.assumptions.confidence', min: 0, max: 1 })),
    ).toBe('“Keyakinan (0–1)” harus antara 0 dan 1.');
    expect(
      say(
        badInput('x', {
          reason: 'OUT_OF_RANGE',
          field: 'input.assumptions.jpMinutes',
          min: 0,
          minExclusive: true,
        }),
      ),
    ).toBe('“Menit per JP” harus lebih dari 0.');
    expect(say(badInput('x', { reason: 'OUT_OF_RANGE', field: 'input.budgetIdr', min: 0 }), 'en')).toBe(
      '“Budget (Rp)” must be at least 0.',
    );
    expect(say(badInput('x', { reason: 'OUT_OF_RANGE', field: 'options' }))).toBe(
      '“options” di luar rentang yang diterima.',
    );
    expect(say(badInput('x', { reason: 'LIST_LENGTH', field: 'years', min: 1, max: 20 }))).toBe(
      '“Tahun”: pilih 1 sampai 20 nilai.',
    );
  });

  it('years out of range, with the bounds written as years, not grouped as thousands', () => {
    const year = { reason: 'OUT_OF_RANGE', field: 'year', min: 1990, max: 2100 };
    expect(say(badInput('year 1900 is out of range (1990 … 2100).', year))).toBe(
      '“Tahun” harus antara 1990 dan 2100.',
    );
    expect(say(badInput('year 1900 is out of range (1990 … 2100).', year), 'en')).toBe(
      '“Year” must be between 1990 and 2100.',
    );
    // The scorecard's `years` and the budget scenario's `input.year` name years too.
    expect(say(badInput('x', { reason: 'OUT_OF_RANGE', field: 'years', min: 1990, max: 2100 }))).toBe(
      '“Tahun” harus antara 1990 dan 2100.',
    );
    expect(say(badInput('x', { reason: 'OUT_OF_RANGE', field: 'input.year', min: 1990 }))).toBe(
      '“Tahun rencana” paling sedikit 1990.',
    );
  });

  it('dates out of range, with the accepted range written as the page writes dates', () => {
    const from = {
      reason: 'OUT_OF_RANGE',
      field: 'cohort.from',
      min: '1900-01-01',
      max: '2999-12-31',
    };
    const message = 'cohort.from is 0001-01-01; it must be 1900-01-01 … 2999-12-31';
    expect(say(badInput(message, from))).toBe(
      '“Jendela pelatihan mulai” harus antara 1 Jan 1900 dan 31 Des 2999.',
    );
    expect(say(badInput(message, from), 'en')).toBe(
      '“Training window start” must be between 1 Jan 1900 and 31 Dec 2999.',
    );
    // One bound only, and a string that is no date is no bound.
    expect(say(badInput('x', { reason: 'OUT_OF_RANGE', field: 'cohort.to', max: '2999-12-31' }), 'en')).toBe(
      '“Training window end” must be at most 31 Dec 2999.',
    );
    expect(
      say(badInput('x', { reason: 'OUT_OF_RANGE', field: 'cohort.to', min: 'soon', max: 'later' })),
    ).toBe('“Jendela pelatihan selesai” di luar rentang yang diterima.');
  });

  it('a reversed window, naming both ends and their dates', () => {
    const reversed = badInput('cohort.to (2023-01-01) is before cohort.from (2024-01-01).', {
      reason: 'RANGE_REVERSED',
      field: 'cohort.to',
      startField: 'cohort.from',
      endField: 'cohort.to',
      start: '2024-01-01',
      end: '2023-01-01',
    });
    expect(say(reversed)).toBe(
      '“Jendela pelatihan mulai” (1 Jan 2024) jatuh sesudah “Jendela pelatihan selesai” (1 Jan 2023): tukar keduanya.',
    );
    expect(say(reversed, 'en')).toBe(
      '“Training window start” (1 Jan 2024) falls after “Training window end” (1 Jan 2023): swap them.',
    );
  });

  it('a range that cuts a period, naming the aligned dates either side', () => {
    const cut = badInput('filter.to must be the last day of a month (grain month), got 2024-02-15: …', {
      reason: 'RANGE_NOT_ALIGNED',
      field: 'filter.to',
      unit: 'month',
      value: '2024-02-15',
      earlier: '2024-01-31',
      later: '2024-02-29',
    });
    expect(say(cut, 'en')).toMatch(/^“.+” cuts a month: use 31 Jan 2024 or 29 Feb 2024\.$/);
    expect(say(cut)).toMatch(/^“.+” memotong satu bulan: gunakan 31 Jan 2024 atau 29 Feb 2024\.$/);
  });

  it('what a metric cannot do: filters, groupings, grains', () => {
    expect(
      say(
        badInput('serviceTimes cannot be filtered by methods; …', {
          reason: 'UNSUPPORTED_FILTER',
          field: 'filter.methods',
          metric: 'serviceTimes',
          accepted: ['agencies', 'serviceTypes'],
        }),
      ),
    ).toBe('Data ini tidak dapat disaring menurut “Metode”. Yang diterima: “Instansi”, “Jenis layanan”.');
    expect(
      say(
        badInput('serviceTimes cannot be grouped by tenureBand; …', {
          reason: 'UNSUPPORTED_GROUP_BY',
          field: 'groupBy',
          metric: 'serviceTimes',
          value: 'tenureBand',
          accepted: ['agency', 'serviceType'],
        }),
        'en',
      ),
    ).toBe('This data cannot be grouped by “Tenure”. Accepted: “Agencies”, “Service type”.');
    expect(
      say(
        badInput('jpCompliance is yearly …', {
          reason: 'UNSUPPORTED_GRAIN',
          field: 'grain',
          metric: 'jpCompliance',
          value: 'month',
          accepted: ['year'],
        }),
      ),
    ).toBe('Data ini tidak tersedia per “Bulan”. Yang diterima: “Tahun”.');
    expect(
      say(
        badInput('groupBy lists a dimension twice', {
          reason: 'DUPLICATE_VALUE',
          field: 'groupBy',
          duplicates: ['agency'],
        }),
      ),
    ).toBe('“groupBy” menyebut “Instansi” lebih dari sekali.');
    expect(
      say(
        badInput('compare needs a time grain', {
          reason: 'MISSING_ARGUMENT',
          field: 'compare',
          missing: 'grain',
        }),
      ),
    ).toBe('“compare” hanya berlaku bersama “Rincian waktu”.');
  });

  it('dates, kept snapshots and variables', () => {
    expect(say(badInput('x', { reason: 'INVALID_DATE', field: 'filter.to' }), 'en')).toBe(
      '“To year” must be a calendar date written YYYY-MM-DD.',
    );
    expect(say(badInput('Snapshot … is not kept', { reason: 'NOT_KEPT', field: 'snapshotId' }))).toMatch(
      /^Snapshot ini tidak \(lagi\) tersimpan/,
    );
    expect(
      say(badInput('Variable "$f" got invalid value …', { reason: 'INVALID_VARIABLE', variable: 'f.from' })),
    ).toBe('Permintaan memuat nilai yang tidak sesuai dengan tipe yang diharapkan server (“f.from”).');
  });

  it('words a kelurahan answer refused for naming kecamatan agencies or their service types', () => {
    expect(
      say(
        badInput('kecamatan', {
          reason: 'KECAMATAN_BY_KELURAHAN',
          field: 'filter.agencies',
          metric: 'serviceTimes',
          values: ['KEC-62.71.01'],
        }),
        'en',
      ),
    ).toBe(
      '“Agencies” “KEC-62.71.01”: kecamatan services are not split by kelurahan. Remove them or the kelurahan filter.',
    );
    expect(
      say(
        badInput('kecamatan', {
          reason: 'KECAMATAN_BY_KELURAHAN',
          field: 'filter.serviceTypes',
          metric: 'serviceTimes',
          values: ['surat_keterangan_kecamatan'],
        }),
      ),
    ).toMatch(/^“Jenis layanan” “Surat keterangan kecamatan”: layanan kecamatan tidak dirinci per kelurahan/);
    // With the catalogue, agencies by name, as the filter bar names them.
    const named = badInput('kecamatan', {
      reason: 'KECAMATAN_BY_KELURAHAN',
      field: 'filter.agencies',
      metric: 'serviceTimes',
      values: ['KEC-62.71.01'],
    });
    expect(
      describeBadInput(named, id, 'id', (code) => (code === 'KEC-62.71.01' ? 'Kecamatan Pahandut' : code)),
    ).toMatch(/^“Instansi” “Kecamatan Pahandut”: layanan kecamatan/);
  });

  it('words an answer refused as too many rows, with the count and the cap', () => {
    expect(
      say(badInput('too many', { reason: 'TOO_MANY_ROWS', field: 'grain', rows: 61_200, max: 50_000 })),
    ).toBe(
      'Jawaban ini akan memuat 61.200 baris, lebih dari 50.000 yang diizinkan: pilih rincian waktu yang lebih kasar, rentang tahun yang lebih pendek, atau pengelompokan yang lebih sedikit.',
    );
    expect(say(badInput('too many', { reason: 'TOO_MANY_ROWS', rows: 61_200, max: 50_000 }), 'en')).toBe(
      'This answer would have 61,200 rows, more than the 50,000 allowed: choose a coarser time grain, fewer years or fewer groupings.',
    );
  });

  it('leaves a reason it does not know, or one without what its sentence needs, to the server message', () => {
    expect(say(badInput('minN must be ≥ 5', {}))).toBeNull();
    expect(say(badInput('new', { reason: 'SOMETHING_NEW', field: 'filter.programs' }))).toBeNull();
    expect(say(badInput('x', { reason: 'UNKNOWN_VALUE', field: 'filter.programs' }))).toBeNull();
    expect(say(badInput('x', { reason: 'RANGE_REVERSED', field: 'cohort.to' }))).toBeNull();
  });

  it("words every reason the README documents, in both languages, with none of the message's English", () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8').split('\n');
    const header = readme.findIndex((line) => line.startsWith('| reason | when |'));
    const reasons: string[] = [];
    for (const line of readme.slice(header + 2)) {
      const reason = /^\| `([A-Z_]+)` \|/.exec(line)?.[1];
      if (!reason) break;
      reasons.push(reason);
    }
    expect(reasons.length).toBeGreaterThan(5);
    /** Parameters enough for every reason's sentence. */
    const params = {
      field: 'filter.programs',
      unknown: ['NOPE'],
      min: 1,
      max: 9,
      startField: 'filter.from',
      endField: 'filter.to',
      start: '2024-02-01',
      end: '2024-01-01',
      duplicates: ['agency'],
      missing: 'grain',
      metric: 'participation',
      value: 'month',
      variable: 'f',
      type: 'LocalDate',
      values: ['KEC-62.71.01'],
    };
    for (const reason of reasons) {
      for (const lang of ['id', 'en'] as const) {
        const text = say(badInput('SERVER TEXT', { reason, ...params }), lang);
        expect(text, `${reason} (${lang})`).toEqual(expect.any(String));
        expect(text).not.toContain('SERVER TEXT');
        expect(text).not.toMatch(/\{\w+\}/);
      }
    }
  });
});

describe('tokenVerdict', () => {
  it('rejects on 401, accepts on 2xx and says nothing otherwise', () => {
    expect(tokenVerdict(401)).toBe('rejected');
    expect(tokenVerdict(200)).toBe('accepted');
    expect(tokenVerdict(204)).toBe('accepted');
    for (const status of [400, 403, 413, 429, 500, 502])
      expect(tokenVerdict(status), String(status)).toBeNull();
  });
});

/**
 * A sessionStorage for the node environment (the token store reads `window.sessionStorage`); with
 * a `window`, Apollo also looks for its devtools (`navigator`).
 */
function fakeSessionStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

const UNAUTHENTICATED_BODY = JSON.stringify({
  errors: [{ message: 'Unknown bearer token.', extensions: { code: 'UNAUTHENTICATED' } }],
});

describe('a token the server does not know', () => {
  beforeEach(() => {
    vi.stubGlobal('window', { sessionStorage: fakeSessionStorage(), navigator: { userAgent: 'node' } });
  });
  afterEach(() => {
    writeToken(null);
    vi.unstubAllGlobals();
  });

  it('is flagged as rejected, and a new token starts unverified', async () => {
    const fetchMock = vi.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response(UNAUTHENTICATED_BODY, {
          status: 401,
          headers: { 'content-type': 'application/graphql-response+json; charset=utf-8' },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const seen: string[] = [];
    const unsubscribe = subscribeToken(() => seen.push(tokenStatus()));
    expect(tokenStatus()).toBe('none');
    writeToken('wrong-token-123');
    expect(readToken()).toBe('wrong-token-123');
    expect(tokenStatus()).toBe('unverified');

    const client = createClient();
    const error = await client.query({ query: SnapshotQuery }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get('authorization')).toBe(
      'Bearer wrong-token-123',
    );
    expect(classifyError(error)).toEqual({ kind: 'unauthenticated', message: 'Unknown bearer token.' });
    expect(tokenStatus()).toBe('rejected');

    writeToken('another-token');
    expect(tokenStatus()).toBe('unverified');
    writeToken(null);
    expect(tokenStatus()).toBe('none');
    expect(seen).toEqual(['unverified', 'rejected', 'unverified', 'none']);
    unsubscribe();
  });

  it('is rejected from a legacy application/json 401 too', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(UNAUTHENTICATED_BODY, {
            status: 401,
            headers: { 'content-type': 'application/json' },
          }),
      ),
    );
    writeToken('wrong-token-123');
    const error = await createClient()
      .query({ query: SnapshotQuery })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(ServerError.is(error)).toBe(true);
    expect(classifyError(error).kind).toBe('unauthenticated');
    expect(tokenStatus()).toBe('rejected');
  });

  it('ignores an answer about a token that was replaced meanwhile', async () => {
    let answer: (r: Response) => void = () => {};
    vi.stubGlobal(
      'fetch',
      vi.fn(
        () =>
          new Promise<Response>((resolve) => {
            answer = resolve;
          }),
      ),
    );
    writeToken('old-token');
    const pending = createClient()
      .query({ query: SnapshotQuery })
      .catch(() => null);
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    writeToken('new-token');
    answer(
      new Response(UNAUTHENTICATED_BODY, { status: 401, headers: { 'content-type': 'application/json' } }),
    );
    await pending;
    expect(tokenStatus()).toBe('unverified');
  });

  it('does not make resetting the store after a token change reject', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(UNAUTHENTICATED_BODY, {
            status: 401,
            headers: { 'content-type': 'application/json' },
          }),
      ),
    );
    writeToken('wrong-token-123');
    const client = createClient();
    const watched = client.watchQuery({ query: SnapshotQuery });
    const results: unknown[] = [];
    const subscription = watched.subscribe({ next: (r) => results.push(r), error: (e) => results.push(e) });
    await vi.waitFor(() => expect(tokenStatus()).toBe('rejected'));
    await expect(resetAndRefetch(client)).resolves.toBeUndefined();
    subscription.unsubscribe();
  });
});
