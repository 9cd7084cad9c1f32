import { describe, expect, it } from 'vitest';
import { tableToRows } from '../../charts/chart-table.ts';
import { type CsvTable, csvFileName, toCsv } from '../../charts/csv.ts';
import { appendCsvColumns } from '../../components/use-csv-filter-part.ts';
import type { PortfolioEntry, Roi, RoiInput } from '../../graphql/types.ts';
import { translator } from '../../i18n/translate.ts';
import {
  assumptionsMarker,
  assumptionsText,
  chainCsvState,
  type PortfolioCsvInputs,
  portfolioCsvColumns,
  portfolioCsvPart,
} from './csv-inputs.ts';
import { portfolioCsv } from './portfolio.ts';
import { casesTable, costTable } from './tables.ts';

const csvOf = (table: CsvTable) => toCsv(table.header, table.rows);

const t = translator('id');
const SNAP = '20261206T101500000Z-ab12';
const ply: RoiInput = {
  selector: { kind: 'program', value: 'PLY-PRIMA' },
  from: '2023-01-01',
  to: '2023-12-31',
};
const tik: RoiInput = {
  selector: { kind: 'program', value: 'TIK-SM' },
  from: '2024-01-01',
  to: '2024-12-31',
  assumptions: { monthlySalaryCostIdr: 20000000 },
};
const scenario = (roiPercent: number) => ({
  benefitsIdr: 200,
  netBenefitsIdr: 100,
  roiPercent,
  bcr: 2,
  paybackMonths: 6,
});
const roi = {
  n: 20,
  minN: 8,
  costs: {
    programIdr: 80,
    participantTimeIdr: 20,
    totalIdr: 100,
    programByCategory: [{ category: 'trainer', amountIdr: 80 }],
  },
  low: scenario(50),
  base: scenario(100),
  high: scenario(150),
} as unknown as Roi;

/** The file's rows as cells (no cell here holds a comma or a quote). */
const rows = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

describe('ROI-page CSVs name and record what they were computed from', () => {
  it('writes the assumption overrides sorted, and a stable short marker only when there are some', () => {
    expect(assumptionsText({ monthlySalaryCostIdr: 20000000, attribution: 0.5 })).toBe(
      'attribution=0.5;monthlySalaryCostIdr=20000000',
    );
    expect(assumptionsText(undefined)).toBe('');
    expect(assumptionsMarker({})).toBe('');
    const marker = assumptionsMarker({ monthlySalaryCostIdr: 20000000, attribution: 0.5 });
    expect(marker).toMatch(/^asumsi-[0-9a-f]{8}$/);
    // The order the overrides were set in does not matter; their values do.
    expect(assumptionsMarker({ attribution: 0.5, monthlySalaryCostIdr: 20000000 })).toBe(marker);
    expect(assumptionsMarker({ monthlySalaryCostIdr: 20000001, attribution: 0.5 })).not.toBe(marker);
  });

  it('names the chain cards’ files after program, window and assumptions, so two results never share a name', () => {
    const title = '5. ROI, BCR dan periode pengembalian biaya — ROI rendah / dasar / tinggi';
    const plyName = csvFileName(title, SNAP, chainCsvState(ply).part);
    const tikName = csvFileName(title, SNAP, chainCsvState(tik).part);
    expect(plyName).toBe(
      '5-roi-bcr-dan-periode-pengembalian-biaya-roi-rendah-dasar-ti_PLY-PRIMA_20230101-20231231_20261206T101500000Zab12.csv',
    );
    expect(tikName).toMatch(
      /^5-roi-bcr-dan-periode-pengembalian-biaya-roi-rendah-dasar-ti_TIK-SM_20240101-20241231_asumsi-[0-9a-f]{8}_20261206T101500000Zab12\.csv$/,
    );
    // Same program and window, different assumptions, contrast or isolation: different names.
    const names = new Set(
      [
        ply,
        { ...ply, assumptions: { monthlySalaryCostIdr: 20000000 } },
        { ...ply, assumptions: { monthlySalaryCostIdr: 25000000 } },
        { ...ply, contrast: 'only_vs_untrained' },
        { ...ply, isolation: 'joint' },
        { ...ply, to: '2023-06-30' },
      ].map((input) => csvFileName('Rincian biaya', SNAP, chainCsvState(input as RoiInput).part)),
    );
    expect(names.size).toBe(6);
  });

  it('ends every row of the chain cards’ CSVs with program, window and assumptions, after the snapshot', () => {
    const { columns } = chainCsvState(tik);
    const cases = rows(csvOf(appendCsvColumns(tableToRows(casesTable(roi, t), SNAP), columns)));
    // The table's columns and its n … snapshot stay where they were; the inputs come after.
    expect(cases[0]!.slice(-10)).toEqual([
      'n',
      'suppressed',
      'suppression_reason',
      'snapshot',
      'program',
      'window_from',
      'window_to',
      'contrast',
      'isolation',
      'assumptions',
    ]);
    expect(cases).toHaveLength(4);
    for (const row of cases.slice(1)) {
      expect(row.slice(-7)).toEqual([
        SNAP,
        'TIK-SM',
        '2024-01-01',
        '2024-12-31',
        'vs_rest',
        'cohort',
        'monthlySalaryCostIdr=20000000',
      ]);
    }
    const costs = rows(
      csvOf(appendCsvColumns(tableToRows(costTable(roi, t), SNAP), chainCsvState(ply).columns)),
    );
    expect(
      costs
        .slice(1)
        .every((row) => row.slice(-6).join('|') === 'PLY-PRIMA|2023-01-01|2023-12-31|vs_rest|cohort|'),
    ).toBe(true);
  });

  it('appends to the header and to every row, and leaves a table without columns unchanged', () => {
    const table: CsvTable = {
      header: ['a', 'b'],
      rows: [
        ['line\r\nbreak', 1],
        ['x', null],
      ],
    };
    expect(csvOf(appendCsvColumns(table, [['program', 'X;Y']]))).toBe(
      '\uFEFFa,b,program\r\n"line\r\nbreak",1,"X;Y"\r\nx,,"X;Y"\r\n',
    );
    expect(appendCsvColumns(table, [])).toBe(table);
  });

  it('names the portfolio file after its year, contrast, isolation, rows and assumptions, and records them', () => {
    const base: PortfolioCsvInputs = {
      year: null,
      contrast: 'vs_rest',
      isolation: 'cohort',
      showAll: false,
      assumptions: undefined,
    };
    const priced = { ...base, assumptions: { monthlySalaryCostIdr: 20000000 } };
    const heading = 'Portofolio: program mana yang membuahkan hasil?';
    expect(csvFileName(heading, SNAP, portfolioCsvPart(base))).toBe(
      'portofolio-program-mana-yang-membuahkan-hasil_20261206T101500000Zab12.csv',
    );
    expect(portfolioCsvPart(priced)).toMatch(/^asumsi-[0-9a-f]{8}$/);
    expect(
      portfolioCsvPart({
        ...priced,
        year: 2023,
        contrast: 'only_vs_untrained',
        isolation: 'joint',
        showAll: true,
      }),
    ).toMatch(/^2023_only_vs_untrained_joint_all_asumsi-[0-9a-f]{8}$/);
    const entry = {
      year: 2023,
      program: 'PLY-PRIMA',
      evidence: 'faster',
      evidenceAfterHolm: 'faster',
      pValueHolm: 0.01,
      roi: {
        participants: 30,
        costs: { totalIdr: 61396923 },
        cohort: {
          did: { estimate: -0.4, ci: { low: -0.5, high: -0.3 } },
          treated: { n: 30 },
          control: { n: 60 },
        },
        low: null,
        base: null,
        high: null,
      },
      joint: null,
    } as unknown as PortfolioEntry;
    const { head, body } = portfolioCsv([entry], {
      t,
      title: (p) => p,
      snapshotId: SNAP,
      inputs: portfolioCsvColumns(priced),
    });
    expect(head).toHaveLength(32);
    expect(head.slice(24)).toEqual([
      'snapshot',
      t('portfolio.csvHolmP'),
      t('portfolio.csvEvidenceAfterHolm'),
      t('joint.csvBootstrapP'),
      t('portfolio.csvClusteredVerdict'),
      'contrast',
      'isolation',
      'assumptions',
    ]);
    expect(body[0]!.slice(-3)).toEqual(['vs_rest', 'cohort', 'monthlySalaryCostIdr=20000000']);
  });
});
