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
    // The fixture's cohorts are far below the minimum cell size and it records no training costs:
    // no effect is measured anywhere, and ROI cannot be computed (null), both said per agency.
    for (const card of await cardsOf(2023)) {
      expect(card.roiPct, card.agency).toBeNull();
      expect(
        card.roiWarnings.map((w) => w.code),
        card.agency,
      ).toEqual(['no_effect_data', 'no_costs']);
      const w = card.roiWarnings.find((x) => x.code === 'no_effect_data')!;
      expect(w.id).toMatch(/manfaat dianggap nol/);
      expect(w.en).toMatch(/no benefit is assumed/);
      expect(card.roiNote).toBe(
        'no measurable effect on service time: no benefit assumed (Phillips); no training costs recorded',
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
