import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConnection } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import { sourceTargets } from '../testing/source-targets.ts';
import { type LoadResult, loadDemoWorld } from './load.ts';

/**
 * Loads a small demo world into every source target and checks, with plain SQL over the
 * loaded tables, that the counts round-trip and that each planted effect is visible.
 */
const SCALE = 0.05;
const SEED = 20250101;

describe.each(sourceTargets())('demo world loaded into $name', (target) => {
  let conn: SourceConnection;
  let result: LoadResult;
  const q = async <T = Record<string, unknown>>(sql: string): Promise<T[]> =>
    (await conn.knex.raw(sql)).rows as T[];

  beforeAll(async () => {
    conn = await target.open();
    await migrateSource(conn.knex);
    result = await loadDemoWorld(conn, { scale: SCALE, seed: SEED });
  }, 180_000);
  afterAll(async () => {
    await conn?.close();
  });

  it('round-trips: every table holds exactly the generated rows, and sequences continue after them', async () => {
    for (const [table, n] of Object.entries(result.counts)) {
      const [row] = await q<{ n: number }>(`select count(*)::int as n from ${table}`);
      expect(row?.n, table).toBe(n);
      expect(n, table).toBe(result.manifest.counts[table as keyof typeof result.manifest.counts]);
    }
    const [next] = await q<{ id: string }>("select nextval(pg_get_serial_sequence('employees', 'id')) as id");
    expect(Number(next?.id)).toBe((result.counts.employees ?? 0) + 1);
  });

  it('(b) declines rise with tenure band; already_experienced dominates at 20+', async () => {
    const rows = await q<{ band: number; decline: number; experienced: number }>(`
      select band, avg((response = 'declined')::int)::float as decline,
             avg((decline_reason = 'already_experienced')::int) filter (where response = 'declined')::float as experienced
      from (select i.*, case when t < 5 then 1 when t < 10 then 2 when t < 20 then 3 else 4 end as band
            from invitations i join employees e on e.id = i.employee_id,
            lateral (select extract(year from age(i.invited_at::date, e.appointed_on)) as t) x) b
      group by band order by band`);
    expect(rows.map((r) => r.band)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.decline).toBeGreaterThan(rows[i - 1]?.decline ?? 1);
    expect(rows[3]?.experienced).toBeGreaterThan(0.5);
    expect(rows[0]?.experienced).toBeLessThan(0.25);
  });

  it('(c) e-learning: higher acceptance, lower completion than workshops', async () => {
    const rows = await q<{ method: string; accepted: number; completed: number }>(`
      select p.method,
        (select avg((i.response = 'accepted')::int)::float from invitations i join offerings o on o.id = i.offering_id where o.program_id in (select id from programs where method = p.method)) as accepted,
        (select avg((n.status = 'completed')::int)::float from enrollments n join offerings o on o.id = n.offering_id where o.program_id in (select id from programs where method = p.method)) as completed
      from (select distinct method from programs) p`);
    const by = Object.fromEntries(rows.map((r) => [r.method, r]));
    expect(by.e_learning?.accepted).toBeGreaterThan((by.workshop?.accepted ?? 1) + 0.1);
    expect(by.e_learning?.completed).toBeLessThan((by.workshop?.completed ?? 0) - 0.2);
  });

  it('(d) 2021 had fewer offerings and lower participation than 2022', async () => {
    const rows = await q<{ y: number; offerings: number; completers: number }>(`
      select extract(year from o.starts_on)::int as y, count(distinct o.id)::int as offerings,
             count(distinct n.employee_id) filter (where n.status = 'completed')::int as completers
      from offerings o left join enrollments n on n.offering_id = o.id group by 1 order by 1`);
    const by = Object.fromEntries(rows.map((r) => [r.y, r]));
    expect(by[2021]?.offerings).toBeLessThan((by[2022]?.offerings ?? 0) * 0.75);
    expect(by[2021]?.completers).toBeLessThan(by[2022]?.completers ?? 0);
  });

  it('(e) L2 gains are ordered coaching > workshop > classroom > e_learning > seminar', async () => {
    const rows = await q<{ method: string; gain: number }>(`
      select p.method, avg(post.score - pre.score)::float as gain
      from enrollments n join offerings o on o.id = n.offering_id join programs p on p.id = o.program_id
      join assessments pre on pre.enrollment_id = n.id and pre.kind = 'pre'
      join assessments post on post.enrollment_id = n.id and post.kind = 'post'
      group by p.method order by gain desc`);
    expect(rows.map((r) => r.method)).toEqual(['coaching', 'workshop', 'classroom', 'e_learning', 'seminar']);
  });

  // Per Disdukcapil handler: mean days in 2024 − in 2022, active all 24 months (so a part
  // year's month mix does not move it); trained and placebo vs everyone else there.
  it('(a, g) trained Disdukcapil handlers got faster vs untrained; placebo completers did not', async () => {
    const [row] = await q<{ ply: number; placebo: number; untrained: number; l3: number }>(`
      with hy as (
        select handled_by as e, service_unit_agency_id as a, extract(year from submitted_at at time zone 'Asia/Jakarta')::int as y,
               avg(extract(epoch from completed_at - submitted_at) / 86400)::float as d,
               count(distinct extract(month from submitted_at at time zone 'Asia/Jakarta'))::int as months
        from service_requests
        where status = 'completed' and handled_by is not null
          and service_unit_agency_id in (select id from agencies where code = 'DISDUKCAPIL')
        group by 1, 2, 3),
      done as (
        select n.employee_id as e, p.code from enrollments n join offerings o on o.id = n.offering_id
        join programs p on p.id = o.program_id where n.status = 'completed' and p.code in ('PLY-PRIMA', 'PLACEBO-BUDAYA')),
      delta as (select a.e, b.d - a.d as change from hy a join hy b on a.e = b.e and a.a = b.a and a.y = 2022 and b.y = 2024 and a.months = 12 and b.months = 12),
      skp as (select a.employee_id as e, b.score - a.score as change from appraisals a
              join appraisals b on a.employee_id = b.employee_id and a.period = 2022 and b.period = 2024)
      select
        (select avg(change) from delta where e in (select e from done where code = 'PLY-PRIMA')) as ply,
        (select avg(change) from delta where e in (select e from done where code = 'PLACEBO-BUDAYA')) as placebo,
        (select avg(change) from delta where e not in (select e from done)) as untrained,
        ((select avg(change) from skp where e in (select e from done where code = 'PLY-PRIMA'))
          - (select avg(change) from skp where e not in (select e from done)))::float as l3`);
    expect(row?.ply, 'trained handlers with 24 months of requests').not.toBeNull();
    expect(row?.placebo, 'placebo handlers with 24 months of requests').not.toBeNull();
    const ply = (row?.ply ?? 0) - (row?.untrained ?? 0);
    const placebo = (row?.placebo ?? 0) - (row?.untrained ?? 0);
    const truth = result.manifest.effects.find((e) => e.id === 'a_service_training')?.truth as {
      handlingTime: { attDaysPerTrainedEmployee: number };
    };
    expect(ply).toBeLessThan(-0.25);
    // A crude 2022→2024 contrast, not the estimator: only roughly the realised ATT.
    expect(Math.abs(ply - truth.handlingTime.attDaysPerTrainedEmployee)).toBeLessThan(
      0.4 * Math.abs(truth.handlingTime.attDaysPerTrainedEmployee),
    );
    expect(Math.abs(placebo)).toBeLessThan(0.15);
    expect(row?.l3).toBeGreaterThan(1.5);
  });

  it('(f) Disdukcapil IKM rises from 2024', async () => {
    const rows = await q<{ after: boolean; ikm: number }>(`
      select s.surveyed_on >= date '2024-01-01' as after, avg((u1 + u2 + u3 + u4 + u5 + u6 + u7 + u8 + u9) / 9.0)::float * 25 as ikm
      from satisfaction_responses s join agencies a on a.id = s.agency_id
      where a.code = 'DISDUKCAPIL' group by 1 order by 1`);
    expect(rows[1]?.ikm).toBeGreaterThan((rows[0]?.ikm ?? 100) + 4);
  });
});
