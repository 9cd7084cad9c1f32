import { beforeAll, describe, expect, it } from 'vitest';
import { AS_OF } from './calendar.ts';
import { contentHash } from './content-hash.ts';
import { type DemoTable, type DemoWorld, generateDemoWorld } from './generate.ts';
import { parseNip } from './nip.ts';

function rowsOf(world: DemoWorld, name: string): unknown[][] {
  const table = world.tables.find((t) => t.name === name) as DemoTable;
  return [...table.chunks()].flat();
}

describe('demo world determinism', () => {
  it('the same seed gives identical contents; another seed does not', async () => {
    const a = contentHash(await generateDemoWorld({ scale: 0.05, seed: 11 }));
    const b = contentHash(await generateDemoWorld({ scale: 0.05, seed: 11 }));
    const c = contentHash(await generateDemoWorld({ scale: 0.05, seed: 12 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});

describe('demo world at scale 1 (generation only)', () => {
  let world: DemoWorld;
  let counts: Record<string, number>;
  beforeAll(async () => {
    world = await generateDemoWorld({ scale: 1, seed: 20250101 });
    counts = world.manifest().counts as Record<string, number>;
  }, 120_000);

  it('holds nothing after the world ends (training rows are dated by 31 December 2025 WIB)', () => {
    for (const table of ['enrollments', 'assessments', 'reactions']) {
      const rows = rowsOf(world, table);
      expect(rows.length, table).toBeGreaterThan(0);
      const latest = rows.reduce((max, row) => Math.max(max, Number(row.at(-1))), -Infinity);
      expect(latest, table).toBeLessThanOrEqual(AS_OF);
    }
  });

  it('has row counts within the stated ranges', () => {
    const ranges: Record<string, [number, number]> = {
      agencies: [54, 54],
      employees: [5_500, 6_500],
      employee_assignments: [18_000, 40_000],
      programs: [27, 27],
      offerings: [700, 1_000],
      invitations: [45_000, 80_000],
      enrollments: [35_000, 60_000],
      assessments: [55_000, 100_000],
      reactions: [18_000, 40_000],
      appraisals: [22_000, 30_000],
      service_requests: [900_000, 1_100_000],
      satisfaction_responses: [7_000, 10_000],
      lms_accounts: [3_000, 6_500],
    };
    for (const [table, [lo, hi]] of Object.entries(ranges)) {
      expect(counts[table], table).toBeGreaterThanOrEqual(lo);
      expect(counts[table], table).toBeLessThanOrEqual(hi);
    }
    const facts = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(facts).toBeGreaterThan(1_100_000);
    expect(facts).toBeLessThan(1_700_000);
  });

  it('looks like Palangka Raya’s civil service: PNS/PPPK mix, ⅔ women, ~74 % S1+', () => {
    const employees = rowsOf(world, 'employees');
    const share = (f: (r: unknown[]) => boolean) => employees.filter(f).length / employees.length;
    expect(share((r) => r[6] === 'PNS')).toBeGreaterThan(0.74);
    expect(share((r) => r[6] === 'PNS')).toBeLessThan(0.83);
    expect(share((r) => r[4] === 'F')).toBeGreaterThan(0.6);
    expect(share((r) => r[4] === 'F')).toBeLessThan(0.72);
    expect(share((r) => ['S1', 'D4', 'S2', 'S3'].includes(r[8] as string))).toBeGreaterThan(0.68);
    expect(share((r) => ['S1', 'D4', 'S2', 'S3'].includes(r[8] as string))).toBeLessThan(0.8);
  });

  it('gives every PNS a NIP that agrees with birth date, CPNS appointment month and sex', () => {
    const employees = rowsOf(world, 'employees');
    const nips = new Set<string>();
    for (const [, nip, niPppk, , sex, birth, type, appointed] of employees) {
      if (type === 'PPPK') {
        expect(nip).toBeNull();
        expect(niPppk).toMatch(/^\d{18}$/);
        expect(parseNip(niPppk as string)).toBeNull();
        continue;
      }
      const parts = parseNip(nip as string);
      expect(parts, String(nip)).not.toBeNull();
      expect(parts?.birthDate).toBe(birth);
      expect(parts?.appointedYearMonth).toBe((appointed as string).slice(0, 7));
      expect(parts?.sex).toBe(sex);
      nips.add(nip as string);
    }
    expect(nips.size).toBe(employees.filter((r) => r[6] === 'PNS').length);
  });

  it('uses all 30 kelurahan of Kota Palangka Raya (62.71) from idn-area-data', () => {
    const requests = world.tables.find((t) => t.name === 'service_requests') as DemoTable;
    const codes = new Set<string>();
    for (const chunk of requests.chunks(100_000)) for (const r of chunk) if (r[4]) codes.add(r[4] as string);
    expect(codes.size).toBe(30);
    for (const c of codes) expect(c).toMatch(/^62\.71\.0[1-5]\.\d{4}$/);
  });

  it('reports as invited to PLY-PRIMA and the placebo seminar the invitations the source holds', () => {
    const programId = new Map(rowsOf(world, 'programs').map((p) => [p[1], p[0]]));
    const offeringProgram = new Map(rowsOf(world, 'offerings').map((o) => [o[0], o[1]]));
    const invited = (code: string) =>
      new Set(
        rowsOf(world, 'invitations')
          .filter((i) => offeringProgram.get(i[1]) === programId.get(code))
          .map((i) => i[2]),
      ).size;
    const truth = (id: string) =>
      world.manifest().effects.find((e) => e.id === id)?.truth as { invited: number };
    expect(truth('a_service_training').invited).toBe(invited('PLY-PRIMA'));
    expect(truth('g_placebo').invited).toBe(invited('PLACEBO-BUDAYA'));
    // Seed 20250101: 87 handlers drawn, one of them not active when their offering starts.
    expect(truth('a_service_training').invited).toBe(86);
  });

  it('writes no row the ETL would quarantine as MISSING_REQUIRED across columns', () => {
    const completedWithoutTime = (table: string, status: number, completedAt: number) =>
      rowsOf(world, table).filter((r) => r[status] === 'completed' && r[completedAt] === null).length;
    expect(completedWithoutTime('enrollments', 3, 5)).toBe(0);
    const requests = world.tables.find((t) => t.name === 'service_requests') as DemoTable;
    let requestsWithoutTime = 0;
    for (const chunk of requests.chunks(100_000))
      for (const r of chunk) if (r[7] === 'completed' && r[6] === null) requestsWithoutTime++;
    expect(requestsWithoutTime).toBe(0);
    const unanswered = rowsOf(world, 'reactions').filter((r) => r.slice(2, 6).every((v) => v === null));
    expect(unanswered).toEqual([]);
  });

  it('keeps the BKPP → BKPSDM rename as two versions of one code, with history on the old one', () => {
    const agencies = rowsOf(world, 'agencies').filter((r) => r[1] === 'BKPSDM');
    expect(agencies.map((r) => [r[6], r[5]])).toEqual([
      ['2017-12-31', '1980-01-01'],
      [null, '2018-01-01'],
    ]);
    const oldId = agencies[0]?.[0];
    const onOld = rowsOf(world, 'employee_assignments').filter((r) => r[2] === oldId);
    expect(onOld.length).toBeGreaterThan(0);
    for (const r of onOld) expect((r[6] as string) <= '2017-12-31').toBe(true);
  });
});
