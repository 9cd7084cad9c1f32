import type { Knex } from 'knex';

/**
 * A tiny, valid source world for ETL tests: a handful of rows per table, consistent keys, valid
 * NIPs. Timestamps are fixed so runs are reproducible. Returns nothing: tests read what they need.
 */
export async function seedSource(knex: Knex): Promise<void> {
  const ts = '2024-01-01T00:00:00Z';
  await knex('agencies').insert([
    {
      id: 1,
      code: 'SETDA',
      name: 'Sekretariat Daerah',
      kind: 'sekretariat',
      valid_from: '2020-01-01',
      updated_at: ts,
    },
    {
      id: 2,
      code: 'DISDUKCAPIL',
      name: 'Dinas Kependudukan',
      kind: 'dinas',
      parent_id: 1,
      valid_from: '2020-01-01',
      updated_at: ts,
    },
  ]);
  await knex('employees').insert([
    // NIP: birth 1980-05-12, TMT 2005-03, male, seq 001
    {
      id: 1,
      nip: '198005122005031001',
      full_name: 'Budi',
      sex: 'M',
      birth_date: '1980-05-12',
      employment_type: 'PNS',
      appointed_on: '2006-03-01',
      education: 'S1',
      updated_at: ts,
    },
    {
      id: 2,
      nip: '199001012015042002',
      full_name: 'Sari',
      sex: 'F',
      birth_date: '1990-01-01',
      employment_type: 'PNS',
      appointed_on: '2015-04-01',
      education: 'S2',
      updated_at: ts,
    },
    {
      id: 3,
      ni_pppk: '198807072022211003',
      full_name: 'Andi',
      sex: 'M',
      birth_date: '1988-07-07',
      employment_type: 'PPPK',
      appointed_on: '2022-01-01',
      updated_at: ts,
    },
  ]);
  await knex('employee_assignments').insert([
    {
      id: 1,
      employee_id: 1,
      agency_id: 2,
      grade: 'III/c',
      position_type: 'fungsional',
      started_on: '2006-03-01',
      updated_at: ts,
    },
    {
      id: 2,
      employee_id: 2,
      agency_id: 1,
      grade: 'III/a',
      position_type: 'pelaksana',
      started_on: '2015-04-01',
      updated_at: ts,
    },
    {
      id: 3,
      employee_id: 3,
      agency_id: 2,
      grade: 'IX',
      position_type: 'fungsional',
      started_on: '2022-01-01',
      updated_at: ts,
    },
  ]);
  await knex('programs').insert([
    {
      id: 1,
      code: 'PLY-01',
      title: 'Pelayanan Prima',
      competency_area: 'technical',
      method: 'workshop',
      jp: 24,
      updated_at: ts,
    },
    {
      id: 2,
      code: 'DIG-01',
      title: 'Literasi Digital',
      competency_area: 'it',
      method: 'e_learning',
      jp: 12,
      updated_at: ts,
    },
  ]);
  await knex('offerings').insert([
    {
      id: 1,
      program_id: 1,
      organizer_agency_id: 1,
      starts_on: '2023-03-01',
      ends_on: '2023-03-03',
      capacity: 30,
      venue: 'Aula',
      updated_at: ts,
    },
    {
      id: 2,
      program_id: 2,
      organizer_agency_id: 1,
      starts_on: '2023-05-01',
      ends_on: '2023-05-31',
      capacity: 100,
      updated_at: ts,
    },
  ]);
  await knex('invitations').insert([
    {
      id: 1,
      offering_id: 1,
      employee_id: 1,
      invited_at: '2023-02-01T00:00:00Z',
      response: 'accepted',
      responded_at: '2023-02-02T00:00:00Z',
      updated_at: ts,
    },
    {
      id: 2,
      offering_id: 1,
      employee_id: 2,
      invited_at: '2023-02-01T00:00:00Z',
      response: 'declined',
      decline_reason: 'workload',
      responded_at: '2023-02-03T00:00:00Z',
      updated_at: ts,
    },
  ]);
  await knex('enrollments').insert([
    {
      id: 1,
      offering_id: 1,
      employee_id: 1,
      status: 'completed',
      jp_earned: 24,
      completed_at: '2023-03-03T09:00:00Z',
      updated_at: ts,
    },
    { id: 2, offering_id: 1, employee_id: 3, status: 'dropped', jp_earned: 0, updated_at: ts },
  ]);
  await knex('assessments').insert([
    { id: 1, enrollment_id: 1, kind: 'pre', score: 55, updated_at: ts },
    { id: 2, enrollment_id: 1, kind: 'post', score: 80, updated_at: ts },
  ]);
  await knex('reactions').insert([
    {
      id: 1,
      enrollment_id: 1,
      relevance: 5,
      satisfaction: 4,
      facilitator: 4,
      intent_to_apply: 5,
      comment: 'Pak Budi bagus',
      updated_at: ts,
    },
  ]);
  await knex('appraisals').insert([
    { id: 1, employee_id: 1, period: 2023, score: 88, rating: 'baik', updated_at: ts },
  ]);
  await knex('service_levels').insert([
    {
      id: 1,
      service_type: 'ktp',
      name: 'KTP-el',
      agency_code: 'DISDUKCAPIL',
      target_days: 14,
      updated_at: ts,
    },
  ]);
  await knex('service_requests').insert([
    {
      id: 1,
      service_unit_agency_id: 2,
      service_type: 'ktp',
      handled_by: 1,
      kelurahan_code: '62.71.01.1001',
      submitted_at: '2023-04-01T01:00:00Z',
      completed_at: '2023-04-05T01:00:00Z',
      status: 'completed',
      updated_at: ts,
    },
    {
      id: 2,
      service_unit_agency_id: 2,
      service_type: 'ktp',
      handled_by: 3,
      submitted_at: '2023-06-01T01:00:00Z',
      status: 'in_progress',
      updated_at: ts,
    },
  ]);
  await knex('satisfaction_responses').insert([
    {
      id: 1,
      agency_id: 2,
      service_type: 'ktp',
      surveyed_on: '2023-06-01',
      u1: 3,
      u2: 3,
      u3: 4,
      u4: 3,
      u5: 2,
      u6: 3,
      u7: 4,
      u8: 3,
      u9: 3,
      updated_at: ts,
    },
  ]);
  await knex('program_costs').insert([
    { id: 1, offering_id: 1, category: 'trainer', amount_idr: 5000000, updated_at: ts },
  ]);
  await knex('training_budgets').insert([
    {
      id: 1,
      agency_id: 2,
      fiscal_year: 2023,
      allocated_idr: 100000000,
      realized_idr: 80000000,
      updated_at: ts,
    },
  ]);
  await knex('salary_scale').insert([
    { id: 1, grade: 'III/c', monthly_cost_idr: 9000000, updated_at: ts },
    { id: 2, grade: 'III/a', monthly_cost_idr: 8000000, updated_at: ts },
    { id: 3, grade: 'IX', monthly_cost_idr: 7000000, updated_at: ts },
  ]);
  await knex('lms_accounts').insert([
    { id: 1, employee_id: 2, mbox: 'mailto:Sari@Example.go.id', updated_at: ts },
    {
      id: 2,
      employee_id: 3,
      account_homepage: 'https://lms.example.go.id',
      account_name: 'andi88',
      updated_at: ts,
    },
  ]);
  await knex('lms_activities').insert([
    { id: 1, activity_iri: 'https://lms.example.go.id/course/dig-01', offering_id: 2, updated_at: ts },
  ]);
  // Explicit ids above: move the sequences past them so later inserts get fresh ids.
  for (const table of await knex
    .raw<{ rows: { t: string }[] }>(
      `select table_name as t from information_schema.columns where column_name = 'id' and table_schema = 'public'`,
    )
    .then((r) => r.rows)) {
    await knex.raw(
      `select setval(pg_get_serial_sequence('${table.t}', 'id'), (select coalesce(max(id), 1) from "${table.t}"))`,
    );
  }
}
