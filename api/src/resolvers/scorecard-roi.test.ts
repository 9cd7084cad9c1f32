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
