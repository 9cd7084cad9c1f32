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
    const res = await gql<{ agencyComparison: Card[] }>(
      t.url,
      '{ agencyComparison(year: 2024) { agency roiPct roiNote roiWarnings { code id en } } }',
      { token: TOKENS.planner },
    );
    expect(res.body.errors).toBeUndefined();
    const cards = res.body.data!.agencyComparison;
    expect(cards.length).toBeGreaterThan(0);
    // The fixture's cohorts are far below the minimum cell size: no effect is measured anywhere.
    // The fixture's cohorts are far below the minimum cell size and it records no training costs:
    // no effect is measured anywhere, and ROI cannot be computed (null), both said per agency.
    for (const card of cards) {
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
  });
});
