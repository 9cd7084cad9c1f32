import type { Db } from '../../db/index.ts';

/**
 * Fills the (already created, empty) marts with synthetic rows at `scale` (1 ≈ Palangka Raya:
 * 6,000 employees, 1 M service requests; 10 ≈ a province) for the latency benchmark, when no ETL-built
 * snapshot of that size is at hand. Deterministic (hash of the row number), shapes only: it plants no
 * effects and is not the demo world.
 */
export async function fillSyntheticMarts(db: Db, scale: number): Promise<void> {
  const employees = Math.round(6000 * scale);
  const requests = Math.round(1_000_000 * scale);
  const r = (i: string, salt: string, k: number) => `CAST(hash(${i}, '${salt}') % ${k} AS BIGINT)`;
  await db.exec(`
    CREATE OR REPLACE TEMP TABLE syn_emp AS
      SELECT i, 'e' || i AS employee_key, 'AG' || ${r('i', 'ag', 40)} AS agency_code,
        ['dinas','badan','kecamatan','sekretariat','inspektorat'][1 + ${r('i', 'kind', 5)}] AS agency_kind,
        ['I','II','III','IV','PPPK'][1 + ${r('i', 'gg', 5)}] AS grade_group,
        ['<5','5-9','10-19','20+'][1 + ${r('i', 'tb', 4)}] AS tenure_band,
        CASE WHEN ${r('i', 'et', 5)} = 0 THEN 'PPPK' ELSE 'PNS' END AS employment_type
      FROM range(${employees}) t(i);
    INSERT INTO marts.fct_headcount
      SELECT employee_key, y, agency_code, agency_kind, grade_group, tenure_band, employment_type, '30-39', 'F'
      FROM syn_emp CROSS JOIN range(2021, 2026) y(y);
    CREATE OR REPLACE TEMP TABLE syn_prog AS
      SELECT p, 'P' || p AS program_code,
        ['workshop','seminar','e_learning','classroom','coaching'][1 + p % 5] AS method,
        ['technical','soft_skills','regulation','it','leadership'][1 + (p // 5) % 5] AS competency_area
      FROM range(60) t(p);
    INSERT INTO marts.fct_invitations
      SELECT j, ${r('j', 'off', 3000)}, p.p, p.program_code, p.method, p.competency_area,
        e.employee_key, e.agency_code, e.agency_kind, e.grade_group, e.tenure_band, e.employment_type,
        DATE '2021-01-01' + CAST(${r('j', 'day', 1826)} AS INTEGER), 0,
        CASE WHEN ${r('j', 'resp', 10)} < 7 THEN 'accepted' WHEN ${r('j', 'resp', 10)} < 9 THEN 'declined' ELSE 'no_response' END,
        NULL, FALSE, NULL, hash(e.employee_key)
      FROM range(${Math.round(employees * 20)}) t(j)
      JOIN syn_emp e ON e.i = ${r('j', 'emp', employees)}
      JOIN syn_prog p ON p.p = ${r('j', 'prog', 60)};
    UPDATE marts.fct_invitations SET year = year(invited_on),
      decline_reason = CASE WHEN response = 'declined'
        THEN ['workload','already_experienced','schedule','health','other'][1 + ${r('invitation_id', 'why', 5)}] END,
      enrolled = response = 'accepted' AND ${r('invitation_id', 'enr', 10)} < 9,
      enrollment_status = CASE WHEN response = 'accepted' AND ${r('invitation_id', 'enr', 10)} < 9
        THEN ['completed','completed','completed','dropped','no_show'][1 + ${r('invitation_id', 'st', 5)}] END;
    INSERT INTO marts.fct_enrollments
      SELECT invitation_id, offering_id, program_id, program_code, method, competency_area, employee_key,
        agency_code, agency_kind, grade_group, tenure_band, employment_type, 'III/a', enrollment_status,
        CASE WHEN enrollment_status = 'completed' THEN 4 + ${r('invitation_id', 'jp', 20)} ELSE 0 END,
        invited_on + 14,
        CASE WHEN enrollment_status = 'completed' THEN invited_on + 20 END,
        year(invited_on + 20), 'postgres',
        40 + ${r('invitation_id', 'pre', 50)}, CASE WHEN enrollment_status = 'completed' THEN 60 + ${r('invitation_id', 'post', 41)} END,
        1 + ${r('invitation_id', 'r1', 5)}, 1 + ${r('invitation_id', 'r2', 5)}, 1 + ${r('invitation_id', 'r3', 5)},
        1 + ${r('invitation_id', 'r4', 5)}, enrollment_status = 'completed' AND ${r('invitation_id', 'hr', 3)} > 0,
        person_id
      FROM marts.fct_invitations WHERE enrolled;
    INSERT INTO marts.dim_offering
      SELECT o, p.p, p.program_code, p.method, p.competency_area, 'AG' || (o % 40), DATE '2021-01-01' + CAST(o % 1826 AS INTEGER),
        DATE '2021-01-03' + CAST(o % 1826 AS INTEGER), 2021 + (o % 1826) // 365, 30
      FROM range(3000) t(o) JOIN syn_prog p ON p.p = o % 60;
    INSERT INTO marts.fct_costs
      SELECT o * 6 + c, offering_id, program_id, program_code, method, competency_area, organizer_agency_code, year,
        ['trainer','venue','materials','travel','platform','admin'][1 + c], 1000000 + ${r('o * 6 + c', 'amt', 5000000)}
      FROM marts.dim_offering CROSS JOIN range(6) t(c) JOIN (SELECT offering_id AS o FROM marts.dim_offering) ON o = offering_id;
    INSERT INTO marts.fct_budgets
      SELECT 'AG' || a, y, 500000000, 400000000 + ${r('a * 10000 + y', 'bud', 100000000)}
      FROM range(40) t(a) CROSS JOIN range(2021, 2026) s(y);
    INSERT INTO marts.fct_service_requests
      SELECT q, ['KTP','KK','KIA','AKTA_LAHIR','AKTA_MATI','AKTA_KAWIN','PINDAH'][1 + ${r('q', 'st', 7)}],
        'AG' || ${r('q', 'sag', 3)}, 'e' || ${r('q', 'h', Math.max(1, Math.round(employees / 20)))},
        '62.71.0' || ${r('q', 'kec', 5)} || '.10' || ${r('q', 'kel', 6)},
        TIMESTAMPTZ '2021-01-01 00:00:00+00' + to_days(CAST(${r('q', 'sd', 1826)} AS INTEGER)),
        NULL, DATE '2021-01-01' + CAST(${r('q', 'sd', 1826)} AS INTEGER), DATE '2021-01-01', 0, 'completed',
        CASE WHEN ${r('q', 'open', 50)} = 0 THEN NULL ELSE ${r('q', 'days', 100000)} / 10000.0 END, 2, NULL
      FROM range(${requests}) t(q);
    UPDATE marts.fct_service_requests SET month_start = CAST(date_trunc('month', submitted_on) AS DATE),
      year = year(submitted_on), sla_met = CASE WHEN days IS NOT NULL THEN days <= target_days END,
      completed_at = submitted_at + to_seconds(CAST(days * 86400 AS BIGINT));
    INSERT INTO marts.fct_satisfaction
      SELECT s, 'AG' || ${r('s', 'sa', 3)}, ['KTP','KK','KIA'][1 + ${r('s', 'sst', 3)}],
        DATE '2021-01-01' + CAST(${r('s', 'sd', 1826)} AS INTEGER), 0,
        ${Array.from({ length: 9 }, (_, u) => `1 + ${r('s', `u${u}`, 4)}`).join(', ')}
      FROM range(${Math.round(30000 * scale)}) t(s);
    UPDATE marts.fct_satisfaction SET year = year(surveyed_on);
  `);
}
