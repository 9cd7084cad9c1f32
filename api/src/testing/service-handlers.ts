import type { Db } from '@asn/warehouse';
import { insertMartRows, type MartRow } from './fixture-snapshot.ts';

/**
 * Adds 40 service handlers of DISDUKCAPIL (h0 … h39) to a fixture snapshot, in two strata (even =
 * senior, grade III, appointed 2005; odd = grade II, 2019), with service days in June 2022 and June
 * 2024 (the 2023 window's pre and post years), and with `pretrend` in June 2021 too (the pre level
 * with a little noise): every third (`i % 3 = 0`) completed PLY-PRIMA in May 2023 and is 2 days
 * faster after it; those `digi(i)` picks completed DIGI-101 then too (no effect).
 */
export async function insertServiceHandlers(
  db: Db,
  options: { readonly digi: (i: number) => boolean; readonly pretrend?: boolean },
): Promise<void> {
  const people = Array.from({ length: 40 }, (_, i) => ({
    key: `h${i}`,
    ply: i % 3 === 0,
    digi: options.digi(i),
    senior: i % 2 === 0,
  }));
  await insertMartRows(
    db,
    'dim_employee',
    people.map((p) => ({
      employee_key: p.key,
      agency_code: 'DISDUKCAPIL',
      agency_kind: 'dinas',
      grade_group: p.senior ? 'III' : 'II',
      appointed_on: p.senior ? '2005-01-01' : '2019-01-01',
      valid_from: '2010-01-01',
      is_current: true,
    })),
  );
  let id = 9000;
  const enrollments: MartRow[] = people.flatMap((p) =>
    (
      [
        [p.ply, 1, 'PLY-PRIMA', 'workshop'],
        [p.digi, 2, 'DIGI-101', 'e_learning'],
      ] as const
    )
      .filter(([took]) => took)
      .map(([, programId, code, method]) => ({
        enrollment_id: id++,
        offering_id: 20230 + programId,
        employee_key: p.key,
        agency_code: 'DISDUKCAPIL',
        program_id: programId,
        program_code: code,
        method,
        status: 'completed',
        completed_on: '2023-05-20',
      })),
  );
  await insertMartRows(db, 'fct_enrollments', enrollments);
  await insertMartRows(
    db,
    'agg_handler_month',
    people.flatMap((p, i) => {
      const pre = 4 + (i % 5) * 0.3 + (p.senior ? 1 : 0);
      const post = pre - (p.ply ? 2 : 0) + ((i * 7) % 5) * 0.1 - 0.2;
      const months: [string, number][] = [
        ...(options.pretrend ? [['2021-06-01', pre + ((i * 3) % 4) * 0.1] as [string, number]] : []),
        ['2022-06-01', pre],
        ['2024-06-01', post],
      ];
      return months.map(([month, days]) => ({
        employee_key: p.key,
        month_start: month,
        agency_code: 'DISDUKCAPIL',
        requests: 10,
        completed: 10,
        sum_days: 10 * days,
        sla_met: 5,
      }));
    }),
  );
}
