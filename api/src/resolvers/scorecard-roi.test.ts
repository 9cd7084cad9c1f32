import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../testing/http-client.ts';
import { startTestServer, type TestServer, TOKENS } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

interface Card {
  agency: string;
  roiPct: number | null;
  roiNote: string | null;
  roiWarnings: { code: string; id: string; en: string }[];
}

describe('agency scorecard ROI caveats', () => {
  it('says why an ROI is missing or −100 %: no measured effect (Phillips: no benefit assumed), no costs, in both languages', async () => {
    const cardsOf = async (year: number) => {
      const res = await gql<{ agencyComparison: Card[] }>(
        t.url,
        `{ agencyComparison(year: ${year}) { agency roiPct roiNote roiWarnings { code id en } } }`,
        { token: TOKENS.planner },
      );
      expect(res.body.errors).toBeUndefined();
      const cards = res.body.data!.agencyComparison;
      expect(cards.length).toBeGreaterThan(0);
      return cards;
    };
    // The fixture's data starts with 2023: a 2023 training has no window before it in the data, so no
    // effect is measured (Phillips: no benefit assumed); it records no training costs either, so ROI
    // cannot be computed (null). Both are said per agency.
    for (const card of await cardsOf(2023)) {
      expect(card.roiPct, card.agency).toBeNull();
      expect(
        card.roiWarnings.map((w) => w.code),
        card.agency,
      ).toEqual(['no_data_before_training', 'no_costs']);
      const w = card.roiWarnings[0]!;
      expect(w.id).toMatch(/sebelum jendela pelatihan.*manfaat dianggap nol/);
      expect(w.en).toMatch(/starts after the window before the training.*not a measured loss/);
      expect(card.roiNote).toBe(
        'no service data before the training: effect not measurable, no benefit assumed (Phillips); no training costs recorded',
      );
    }
    // 2024 is the fixture's last year: the year after it has no data yet, and the caveat says that.
    for (const card of await cardsOf(2024)) {
      expect(
        card.roiWarnings.map((w) => w.code),
        card.agency,
      ).toEqual(['no_data_after_training', 'no_costs']);
      const w = card.roiWarnings[0]!;
      expect(w.id).toMatch(/belum dapat diukur.*manfaat dianggap nol/);
      expect(w.en).toMatch(/cannot be measured yet.*not a measured loss/);
      expect(card.roiNote).toMatch(/^no data yet after the training/);
    }
  });
});

describe('scorecard years', () => {
  const refused = {
    code: 'BAD_USER_INPUT',
    reason: 'OUT_OF_RANGE',
    field: 'year',
    min: 1990,
    max: 2100,
  };

  it('agencyComparison refuses a year outside 1990 … 2100 as Agency.scorecard does, naming `year`', async () => {
    for (const year of [9999, 100_000, -1, 0, 3000, 1989, 2101]) {
      for (const query of [
        `{ agencyComparison(year: ${year}) { agency headcount } }`,
        `{ agency(code: "DISDUKCAPIL") { scorecard(year: ${year}) { headcount } } }`,
      ]) {
        const res = await gql(t.url, query, { token: TOKENS.planner });
        expect(res.body.errors, query).toHaveLength(1);
        expect(res.body.errors![0]!.extensions, query).toEqual(refused);
        expect(res.body.errors![0]!.message).toBe(`year ${year} is out of range (1990 … 2100).`);
      }
    }
  });

  it('answers a scorecard question the same whatever else the query asks (fixture data: 2023–2024)', async () => {
    const FIELDS =
      'agency year n headcount participationRate resistanceRate jpComplianceRate ikm slaMetRate budgetRealisation costPerParticipantIdr roiPct suppressed suppressedComponents';
    const ask = async <T>(query: string) => {
      const res = await gql<T>(t.url, query, { token: TOKENS.planner });
      expect(res.body.errors, query).toBeUndefined();
      return res.body.data!;
    };
    // A year without data has no card, asked alone or beside a year with data (DataLoader batches
    // them into one call over 2020–2024, where the metrics fill 2020 in with empty rows).
    type One = { agency: { a: unknown; b?: unknown } };
    const alone = await ask<One>(
      `{ agency(code: "DISDUKCAPIL") { a: scorecard(year: 2020) { ${FIELDS} } } }`,
    );
    expect(alone.agency.a).toBeNull();
    const both = await ask<One>(
      `{ agency(code: "DISDUKCAPIL") { a: scorecard(year: 2020) { ${FIELDS} } b: scorecard(year: 2024) { ${FIELDS} } } }`,
    );
    expect(both.agency.a).toBeNull();
    expect(both.agency.b).toMatchObject({ agency: 'DISDUKCAPIL', year: 2024, n: 20, headcount: 20 });
    const only2024 = await ask<One>(
      `{ agency(code: "DISDUKCAPIL") { b: scorecard(year: 2024) { ${FIELDS} } } }`,
    );
    expect(only2024.agency.b).toEqual(both.agency.b);
    // One agency alone, all agencies at once, and agencyComparison: the same card.
    const all = await ask<{ agencies: { code: string; scorecard: unknown }[] }>(
      `{ agencies { code scorecard(year: 2024) { ${FIELDS} } } }`,
    );
    const comparison = await ask<{ agencyComparison: { agency: string }[] }>(
      `{ agencyComparison(year: 2024) { ${FIELDS} } }`,
    );
    expect(comparison.agencyComparison.map((c) => c.agency)).toEqual(all.agencies.map((a) => a.code));
    for (const { code, scorecard } of all.agencies) {
      const one = await ask<{ agency: { scorecard: unknown } }>(
        `{ agency(code: "${code}") { scorecard(year: 2024) { ${FIELDS} } } }`,
      );
      expect(one.agency.scorecard, code).toEqual(scorecard);
      expect(
        comparison.agencyComparison.find((c) => c.agency === code),
        code,
      ).toEqual(scorecard);
    }
    // A year the snapshot has no data for: no agency is compared.
    expect(
      (await ask<{ agencyComparison: unknown[] }>('{ agencyComparison(year: 2020) { agency } }'))
        .agencyComparison,
    ).toEqual([]);
  });
});
