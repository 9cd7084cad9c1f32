import { describe, expect, it } from 'vitest';
import type { PortfolioEntry } from '../../graphql/types.ts';
import { translator } from '../../i18n/translate.ts';
import { jointSummaryText, summaryText } from './PortfolioCard.tsx';
import {
  beforeHolmOnly,
  chainSearchOf,
  cohortWeaknesses,
  DEFAULT_PORTFOLIO_SORT,
  type Evidence,
  filterPortfolio,
  impactJointClause,
  jointCaveatText,
  jointClusteredCheck,
  jointStanding,
  jointVerdict,
  portfolioCsv,
  portfolioSummary,
  portfolioYears,
  shownEffect,
  sortFromParam,
  sortPortfolio,
} from './portfolio.ts';

function entry(
  program: string,
  year: number,
  evidence: Evidence,
  o: {
    roi?: number | null;
    did?: number | null;
    cost?: number;
    participants?: number;
    /** The cohort's Holm-adjusted p over the portfolio; default 0.001 for a direction, null otherwise. */
    holm?: number | null;
    joint?: {
      direction: 'lower' | 'higher' | 'inconclusive' | 'not_estimated';
      holm: number | null;
      /** Agency-clustered CI and the agencies with a completer; absent: no clustered estimate. */
      clustered?: { low: number; high: number; treated: number };
    } | null;
  } = {},
): PortfolioEntry {
  const did = o.did ?? null;
  const j = o.joint ?? null;
  const directional = evidence === 'faster' || evidence === 'slower';
  const holm =
    o.holm === undefined ? (evidence === 'not_estimated' ? null : directional ? 0.001 : 0.5) : o.holm;
  return {
    year,
    program,
    evidence,
    pValueHolm: holm,
    evidenceAfterHolm:
      evidence === 'not_estimated'
        ? 'not_estimated'
        : directional && holm !== null && holm < 0.05
          ? evidence
          : 'inconclusive',
    roi: {
      participants: o.participants ?? 10,
      completed: 9,
      suppressed: evidence === 'not_estimated',
      cohort: {
        n: 40,
        contrast: 'vs_rest',
        treated: { n: 10 },
        control: { n: 30 },
        did: { estimate: did, ci: did === null ? null : { low: did - 0.1, high: did + 0.1 } },
      },
      costs: { totalIdr: o.cost ?? 100 },
      low: { roiPercent: o.roi === undefined || o.roi === null ? null : o.roi - 10 },
      base: { roiPercent: o.roi ?? null, bcr: null },
      high: { roiPercent: o.roi === undefined || o.roi === null ? null : o.roi + 10 },
      warnings: [],
    },
    joint:
      j === null
        ? null
        : {
            direction: j.direction,
            gap: j.direction === 'not_estimated' ? 'small_n' : null,
            pValueHolm: j.holm,
            effect: {
              estimate: j.direction === 'not_estimated' ? null : -0.4,
              ci: j.direction === 'not_estimated' ? null : { low: -0.5, high: -0.3 },
            },
            clustered: j.clustered
              ? {
                  se: 0.05,
                  df: 9,
                  pValue: 0.01,
                  ci: { low: j.clustered.low, high: j.clustered.high },
                  clusters: 10,
                  treatedClusters: j.clustered.treated,
                  wildBootstrap: { pValue: 0.001, draws: 9_999 },
                }
              : null,
          },
  };
}

const E = [
  entry('B', 2023, 'inconclusive', {
    roi: -50,
    did: 0.01,
    cost: 300,
    joint: { direction: 'inconclusive', holm: 1 },
  }),
  entry('A', 2023, 'faster', {
    roi: 1800,
    did: -0.45,
    cost: 100,
    joint: { direction: 'lower', holm: 0.001, clustered: { low: -0.62, high: -0.18, treated: 1 } },
  }),
  entry('C', 2024, 'not_estimated', { cost: 50 }),
  entry('D', 2024, 'slower', { roi: -100, did: 0.3, cost: 50 }),
  entry('E', 2024, 'inconclusive', {
    roi: 20,
    did: -0.02,
    cost: 500,
    joint: { direction: 'lower', holm: 0.2, clustered: { low: -0.9, high: 0.1, treated: 7 } },
  }),
];
const codes = (es: readonly PortfolioEntry[]) => es.map((e) => `${e.program}${e.year}`);

describe('program portfolio table', () => {
  it('opens on shown effects first, then by base ROI, estimates missing last', () => {
    expect(codes(sortPortfolio(E, DEFAULT_PORTFOLIO_SORT))).toEqual([
      'A2023',
      'E2024',
      'B2023',
      'D2024',
      'C2024',
    ]);
  });

  it('sorts by a column either way, a missing figure always last', () => {
    expect(codes(sortPortfolio(E, { key: 'roi', dir: 'desc' }))).toEqual([
      'A2023',
      'E2024',
      'B2023',
      'D2024',
      'C2024',
    ]);
    expect(codes(sortPortfolio(E, { key: 'roi', dir: 'asc' }))).toEqual([
      'D2024',
      'B2023',
      'E2024',
      'A2023',
      'C2024',
    ]);
    expect(codes(sortPortfolio(E, { key: 'effect', dir: 'asc' }))[0]).toBe('A2023');
    expect(codes(sortPortfolio(E, { key: 'effect', dir: 'desc' })).at(-1)).toBe('C2024');
    expect(codes(sortPortfolio(E, { key: 'program', dir: 'asc' }))).toEqual([
      'A2023',
      'B2023',
      'C2024',
      'D2024',
      'E2024',
    ]);
    expect(codes(sortPortfolio(E, { key: 'cost', dir: 'desc' }))[0]).toBe('E2024');
    // Ties (same year) fall back to the base ROI.
    expect(codes(sortPortfolio(E, { key: 'year', dir: 'desc' }))).toEqual([
      'E2024',
      'D2024',
      'C2024',
      'A2023',
      'B2023',
    ]);
  });

  it('sorts an effect written "—" (an estimate without its CI) with the missing ones, either way', () => {
    const noCi = entry('F', 2024, 'inconclusive', { roi: 5, did: -0.9 });
    const bare = {
      ...noCi,
      roi: { ...noCi.roi, cohort: { ...noCi.roi.cohort, did: { estimate: -0.9, ci: null } } },
    };
    expect(shownEffect(bare)).toBeNull();
    expect(shownEffect(E[1]!)).toEqual({ estimate: -0.45, ci: { low: -0.55, high: -0.35 } });
    const rows = [...E, bare];
    // −0.9 would be the fastest; the table shows a dash, so it goes last, after the missing C 2024
    // (ties among the missing fall back to the base ROI).
    expect(codes(sortPortfolio(rows, { key: 'effect', dir: 'asc' }))).toEqual([
      'A2023',
      'E2024',
      'B2023',
      'D2024',
      'F2024',
      'C2024',
    ]);
    expect(codes(sortPortfolio(rows, { key: 'effect', dir: 'desc' }))).toEqual([
      'D2024',
      'B2023',
      'E2024',
      'A2023',
      'F2024',
      'C2024',
    ]);
  });

  it('filters by year and, unless asked, leaves out cohorts without an estimate', () => {
    expect(portfolioYears(E)).toEqual([2024, 2023]);
    expect(codes(filterPortfolio(E, { year: 2024, estimableOnly: true }))).toEqual(['D2024', 'E2024']);
    expect(codes(filterPortfolio(E, { year: null, estimableOnly: false }))).toHaveLength(5);
  });

  it('sums up how many cohorts showed an effect and the share of the money that bought one', () => {
    expect(portfolioSummary(E)).toEqual({
      cohorts: 5,
      estimable: 4,
      faster: 1,
      slower: 1,
      inconclusive: 2,
      fasterBeforeHolm: [],
      costIdr: 1000,
      costFasterIdr: 100,
      // A's completers sit in one agency (its clustered CI still excludes 0).
      jointFasterHolm: [{ label: 'A 2023', clusteredFails: false, fewAgencies: 1 }],
      jointEstimable: 3,
    });
    expect(portfolioSummary([])).toMatchObject({ cohorts: 0, estimable: 0, costIdr: 0 });
  });

  it('says what weakens a joint-model finding: agency clustering, one or few agencies', () => {
    const id = translator('id');
    const en = translator('en');
    const finding = (clusteredFails: boolean, fewAgencies: number | null) => ({
      label: 'A 2023',
      clusteredFails,
      fewAgencies,
    });
    expect(jointCaveatText(finding(false, null), id, 'id')).toBe('');
    expect(jointCaveatText(finding(true, 1), id, 'id')).toBe(
      'tidak lagi signifikan bila galat baku diklaster per instansi; peserta hanya di 1 instansi: efeknya tidak dapat dipisahkan dari perubahan di instansi itu sendiri',
    );
    expect(jointCaveatText(finding(false, 3), en, 'en')).toBe(
      'participants in only 3 agencies: the clustered error is less reliable',
    );
    // The headline names each finding with its caveat.
    const failing = entry('P', 2023, 'faster', {
      did: -0.4,
      joint: { direction: 'lower', holm: 0.001, clustered: { low: -0.5, high: 0.02, treated: 1 } },
    });
    expect(portfolioSummary([failing]).jointFasterHolm).toEqual(
      [finding(true, 1)].map((f) => ({ ...f, label: 'P 2023' })),
    );
    expect(jointSummaryText(portfolioSummary([failing]), en, 'en')).toContain(
      'P 2023 (does not hold when errors are clustered by agency; ',
    );
  });

  it('leaves an entry whose participants the API hid out of the sums, sorts and CSV figures', () => {
    const hidden: PortfolioEntry = {
      ...entry('H', 2023, 'not_estimated'),
      roi: {
        ...entry('H', 2023, 'not_estimated').roi,
        participants: null,
        completed: null,
        costs: null,
        low: null,
        base: null,
        high: null,
      },
    };
    expect(portfolioSummary([...E, hidden])).toMatchObject({ cohorts: 6, costIdr: 1000 });
    const byCost = sortPortfolio([hidden, ...E], { key: 'cost', dir: 'desc' });
    expect(byCost.at(-1)?.program).toBe('H');
    const csv = portfolioCsv([hidden], { t: translator('en'), title: (code) => code, snapshotId: 'S1' });
    // Participants and cost, then the ROI % low/base/high and the BCR: empty, never a 0.
    expect(csv.body[0]?.slice(9, 11)).toEqual([null, undefined]);
    expect(csv.body[0]?.slice(16, 20)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads the joint model: faster only when its CI excludes 0, marked when it holds after Holm', () => {
    expect(jointVerdict(E[1]!)).toEqual({ evidence: 'faster', holm: true });
    expect(jointVerdict(E[4]!)).toEqual({ evidence: 'faster', holm: false });
    expect(jointVerdict(E[0]!)).toEqual({ evidence: 'inconclusive', holm: false });
    expect(jointVerdict(E[2]!)).toEqual({ evidence: 'not_estimated', holm: false });
    // Sorting by the joint column: holding after Holm first, then faster, then the rest.
    expect(codes(sortPortfolio(E, { key: 'joint', dir: 'asc' })).slice(0, 3)).toEqual([
      'A2023',
      'E2024',
      'B2023',
    ]);
    expect(sortFromParam('joint.asc')).toEqual({ key: 'joint', dir: 'asc' });
  });

  it('reads the joint model with errors clustered by agency: holds or not, and few agencies', () => {
    // A: still shown when clustered, but its completers sit in one agency.
    expect(jointClusteredCheck(E[1]!, 'id')).toEqual({
      ci: '−0,62 … −0,18',
      verdict: 'holds',
      treatedAgencies: 1,
      caution: { key: 'joint.clustered.oneAgency', values: { n: '1' } },
      bootstrapP: '0,001',
    });
    // E: shown on its own CI, not once clustered; 7 agencies need no caution.
    expect(jointClusteredCheck(E[4]!, 'id')).toMatchObject({ verdict: 'fails', caution: null });
    // No clustered estimate, or no joint row at all: nothing to show.
    expect(jointClusteredCheck(E[0]!, 'id')).toBeNull();
    expect(jointClusteredCheck(E[3]!, 'id')).toBeNull();
  });

  it('writes the CSV with the clustered CI and the agencies with participants after the earlier columns', () => {
    const t = translator('id');
    const { head, body } = portfolioCsv(E, {
      t,
      title: (p) => `Program ${p}`,
      snapshotId: '20261204T071114727Z-aa3e',
    });
    expect(head.slice(0, 5)).toEqual([
      'Tahun penyelesaian',
      'Program',
      'Judul program',
      'Bukti efek',
      'Model gabungan',
    ]);
    expect(head).toHaveLength(29);
    expect(head.slice(19, 25)).toEqual([
      'BCR',
      'Batas bawah selang kepercayaan 95% diklaster',
      'Batas atas selang kepercayaan 95% diklaster',
      'Instansi dengan peserta',
      'n',
      'snapshot',
    ]);
    expect(body).toHaveLength(E.length);
    expect(body.every((row) => row.length === head.length)).toBe(true);
    // A 2023: the joint estimate and its Holm p where they were, the clustered columns after BCR.
    expect(body[1]?.slice(0, 9)).toEqual([
      2023,
      'A',
      'Program A',
      'Lebih cepat',
      'Lebih cepat',
      -0.4,
      -0.5,
      -0.3,
      0.001,
    ]);
    expect(body[1]?.slice(20, 23)).toEqual([-0.62, -0.18, 1]);
    // Without a clustered estimate (or a joint row) the cells stay empty.
    expect(body[0]?.slice(20, 23)).toEqual([undefined, undefined, undefined]);
    expect(body[3]?.slice(20, 23)).toEqual([undefined, undefined, undefined]);
    // n (trained + comparison) and the snapshot, as a chart's CSV ends, where they were.
    expect(body.every((row) => row[24] === '20261204T071114727Z-aa3e')).toBe(true);
    expect(body[1]?.[23]).toBe(40);
  });

  it("appends after the snapshot the cohort's Holm p, its evidence after Holm and the joint model's clustered check", () => {
    const t = translator('id');
    // PLY-PRIMA 2023 as the scale-1 demo has it: its clustered CI excludes 0, its bootstrap p does not.
    const ply = entry('PLY-PRIMA', 2023, 'faster', {
      did: -0.4,
      holm: 0.001,
      joint: { direction: 'lower', holm: 0.002, clustered: { low: -0.5, high: -0.1, treated: 1 } },
    });
    const plyBootstrap = { ...ply.joint!.clustered!, wildBootstrap: { pValue: 0.135, draws: 9_999 } };
    const plyRow = { ...ply, joint: { ...ply.joint!, clustered: plyBootstrap } };
    const before = entry('REG-EL', 2023, 'faster', { did: -0.2, holm: 0.3 });
    const { head, body } = portfolioCsv([plyRow, E[1]!, before, E[0]!], {
      t,
      title: (p) => p,
      snapshotId: 'S1',
    });
    expect(head.slice(24)).toEqual([
      'snapshot',
      'p Holm (semua kohort portofolio)',
      'Bukti efek setelah koreksi Holm',
      'p wild cluster bootstrap (WCR)',
      'Model gabungan dengan galat baku diklaster per instansi',
    ]);
    expect(body[0]?.slice(20, 22)).toEqual([-0.5, -0.1]);
    expect(body[0]?.slice(24)).toEqual([
      'S1',
      0.001,
      'Lebih cepat',
      0.135,
      'tidak lagi signifikan bila galat baku diklaster per instansi',
    ]);
    expect(body[1]?.slice(25)).toEqual([
      0.001,
      'Lebih cepat',
      0.001,
      'tetap signifikan saat galat baku diklaster per instansi',
    ]);
    // Faster on its own CI only: its evidence after Holm says not shown.
    expect(body[2]?.slice(25, 27)).toEqual([0.3, 'Tidak signifikan']);
    // No joint effect shown: no bootstrap, no clustered verdict.
    expect(body[3]?.slice(27)).toEqual([undefined, null]);
  });

  it('opens a row as the ROI chain of that program over its completion year', () => {
    expect(chainSearchOf({ program: 'PLY-PRIMA', year: 2023 })).toEqual({
      rp: 'PLY-PRIMA',
      rfrom: '2023-01-01',
      rto: '2023-12-31',
      rc: null,
      ri: null,
    });
    expect(chainSearchOf({ program: 'PLY-PRIMA', year: 2023 }, 'only_vs_untrained').rc).toBe(
      'only_vs_untrained',
    );
    expect(chainSearchOf({ program: 'PLY-PRIMA', year: 2023 }, 'vs_rest', 'joint').ri).toBe('joint');
  });

  it('reads the sort from the URL, falling back to the default for anything else', () => {
    expect(sortFromParam('roi.desc')).toEqual({ key: 'roi', dir: 'desc' });
    expect(sortFromParam('cost.asc')).toEqual({ key: 'cost', dir: 'asc' });
    expect(sortFromParam('nope.desc')).toEqual(DEFAULT_PORTFOLIO_SORT);
    expect(sortFromParam('roi.sideways')).toEqual(DEFAULT_PORTFOLIO_SORT);
    expect(sortFromParam(null)).toEqual(DEFAULT_PORTFOLIO_SORT);
  });

  it('names the joint-model check a cohort fails: Holm, not the joint model as such (ID and EN)', () => {
    // Faster on its joint CI, but p Holm 0.115: the portfolio's "Lebih cepat" without ✓ Holm.
    const notHolm = entry('PLY-PRIMA', 2023, 'faster', {
      did: -0.4,
      joint: { direction: 'lower', holm: 0.115 },
    });
    expect(jointStanding(notHolm)).toBe('notAfterHolm');
    expect(impactJointClause(notHolm, translator('id'), 'id')).toBe(
      'dalam model gabungan juga lebih cepat (−0,40), tetapi tidak signifikan setelah koreksi Holm untuk pengujian semua program tahun itu sekaligus (p Holm dalam model gabungan tahun itu: 0,115)',
    );
    expect(impactJointClause(notHolm, translator('en'), 'en')).toBe(
      'also faster in the joint model (−0.40), but not significant after Holm’s correction for testing every program of the year together (Holm p in the year’s joint model: 0.115)',
    );
    const holds = entry('A', 2023, 'faster', { joint: { direction: 'lower', holm: 0.001 } });
    expect(jointStanding(holds)).toBe('holds');
    expect(impactJointClause(holds, translator('id'), 'id')).toBe(
      'tetap signifikan dalam model gabungan (✓ Holm)',
    );
    const ci0 = entry('B', 2023, 'faster', { joint: { direction: 'inconclusive', holm: 1 } });
    expect(jointStanding(ci0)).toBe('inconclusive');
    expect(impactJointClause(ci0, translator('en'), 'en')).toMatch(
      /^not significant in the joint model .*contains zero\)$/,
    );
    expect(jointStanding(entry('C', 2023, 'faster', { joint: null }))).toBe('not_estimated');
    expect(jointStanding(entry('D', 2023, 'faster', { joint: { direction: 'higher', holm: 0.01 } }))).toBe(
      'slower',
    );
  });
});

describe('the headline after Holm’s correction over every cohort', () => {
  // The demo world's case: PLY-PRIMA 2023 holds (p Holm < 0.001); REG-EL 2023 is faster on its own
  // CI (p 0.011) but not among 62 cohorts tested (p Holm 0.682); a third cohort shows nothing.
  const ply = entry('PLY-PRIMA', 2023, 'faster', { roi: 900, did: -0.4, cost: 500, holm: 0.0001 });
  const regEl = entry('REG-EL', 2023, 'faster', { roi: 2000, did: -0.05, cost: 200, holm: 0.682 });
  const other = entry('TIK-SM', 2023, 'inconclusive', { roi: -40, did: 0.01, cost: 300 });
  const all = [other, regEl, ply];

  it('counts only the cohort that survives as shown, and names the other', () => {
    const s = portfolioSummary(all);
    expect(s).toMatchObject({ estimable: 3, faster: 1, slower: 0, inconclusive: 2, costFasterIdr: 500 });
    expect(s.fasterBeforeHolm).toEqual([{ label: 'REG-EL 2023', pValueHolm: 0.682 }]);
    expect(summaryText(s, translator('id'), 'id')).toBe(
      'Dari 3 kohort program yang dapat diukur (3 seluruhnya), 1 menunjukkan layanan lebih cepat dan 0 lebih lambat setelah koreksi Holm untuk pengujian banyak program sekaligus; 2 tanpa efek yang terbukti. Lebih cepat hanya sebelum koreksi untuk pengujian banyak program, jadi tidak dihitung sebagai terbukti: REG-EL 2023 (p Holm atas semua kohort portofolio: 0,682).',
    );
    expect(summaryText(s, translator('en'), 'en')).toContain(
      '1 show faster service and 0 slower after Holm’s correction for testing many programs at once; 2 show no proven effect. Faster only before the correction for testing many programs, so not counted as shown: REG-EL 2023 (Holm p over every portfolio cohort: 0.682).',
    );
    // Nothing before the correction only: no second sentence.
    expect(summaryText(portfolioSummary([ply, other]), translator('en'), 'en')).not.toContain('only before');
  });

  it('names which Holm correction each of a cohort’s two p-values is (Ringkasan’s REG-EL 2023)', () => {
    // Faster on its own CI, not after the correction over every cohort (p 0.682), and in the year's
    // joint model not after the correction over that year's programs (p 0.115): two p Holm, told apart.
    const both = entry('REG-EL', 2023, 'faster', {
      did: -0.05,
      holm: 0.682,
      joint: { direction: 'lower', holm: 0.115 },
    });
    for (const lang of ['id', 'en'] as const) {
      const t = translator(lang);
      expect(beforeHolmOnly(both)).toBe(true);
      const item = t('portfolio.beforeHolmItem', { p: lang === 'id' ? '0,682' : '0.682' });
      const joint = impactJointClause(both, t, lang);
      const [portfolioLabel, jointLabel] =
        lang === 'id'
          ? ['p Holm atas semua kohort portofolio', 'p Holm dalam model gabungan tahun itu']
          : ['Holm p over every portfolio cohort', 'Holm p in the year’s joint model'];
      expect(item).toContain(`(${portfolioLabel}: ${lang === 'id' ? '0,682' : '0.682'})`);
      expect(joint).toContain(`(${jointLabel}: ${lang === 'id' ? '0,115' : '0.115'})`);
      expect(item).not.toContain(jointLabel);
      expect(joint).not.toContain(portfolioLabel);
      // The glossary explains each under the same words.
      expect(t('glossary.pHolmPortfolio.term')).toBe(portfolioLabel);
      expect(t('glossary.pHolmJoint.term').startsWith(jointLabel)).toBe(true);
    }
  });

  it('puts shown effects first, then those faster before the correction only, whatever their ROI', () => {
    expect(beforeHolmOnly(regEl)).toBe(true);
    expect(beforeHolmOnly(ply)).toBe(false);
    expect(beforeHolmOnly(other)).toBe(false);
    expect(sortPortfolio(all, DEFAULT_PORTFOLIO_SORT).map((e) => e.program)).toEqual([
      'PLY-PRIMA',
      'REG-EL',
      'TIK-SM',
    ]);
  });
});

describe('what weakens the cohorts a budget scenario prices', () => {
  const en = translator('en');
  const id = translator('id');
  const ply = entry('PLY', 2023, 'faster', {
    did: -0.45,
    joint: { direction: 'lower', holm: 0.001, clustered: { low: -0.5, high: 0.02, treated: 1 } },
  });
  const ply22 = entry('PLY', 2022, 'faster', {
    did: -0.3,
    holm: 0.2,
    joint: { direction: 'lower', holm: 0.3, clustered: { low: -0.6, high: -0.1, treated: 9 } },
  });
  const ply24 = entry('PLY', 2024, 'faster', {
    did: -0.4,
    joint: { direction: 'lower', holm: 0.001, clustered: { low: -0.6, high: -0.2, treated: 9 } },
  });
  const other = entry('X', 2023, 'faster', {
    did: -0.4,
    joint: { direction: 'lower', holm: 0.001, clustered: { low: -0.5, high: 0.02, treated: 1 } },
  });

  it('states, in the portfolio’s words, why a priced cohort is weaker than it looks', () => {
    const [w] = cohortWeaknesses([ply, other], 'PLY', [2023], id, 'id');
    expect(w?.label).toBe('PLY 2023');
    // The same text the portfolio headline gives PLY-PRIMA 2023.
    expect(w?.text).toBe(jointCaveatText(portfolioSummary([ply]).jointFasterHolm[0]!, id, 'id'));
    expect(w?.text).toBe(
      'tidak lagi signifikan bila galat baku diklaster per instansi; peserta hanya di 1 instansi: efeknya tidak dapat dipisahkan dari perubahan di instansi itu sendiri',
    );
  });

  it('names the Holm corrections a cohort fails, oldest year first, only for the priced years', () => {
    const ws = cohortWeaknesses([ply, ply22, ply24, other], 'PLY', [2022, 2023], en, 'en');
    expect(ws.map((w) => w.label)).toEqual(['PLY 2022', 'PLY 2023']);
    expect(ws[0]?.text).toContain('only before the correction for testing many programs');
    expect(ws[0]?.text).toContain('not significant after Holm’s correction');
  });

  it('says nothing of a cohort that holds after Holm, under clustering and across agencies', () => {
    expect(cohortWeaknesses([ply24], 'PLY', [2024], en, 'en')).toEqual([]);
    expect(cohortWeaknesses([ply], 'PLY', [], en, 'en')).toEqual([]);
  });
});
