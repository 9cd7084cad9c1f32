import type { Knex } from 'knex';

/**
 * The operational source schema, version 1. This is the DDL of record for an agency that
 * stands up its own PostgreSQL; `../catalog.ts` mirrors it for run-time use and a test keeps
 * the two in step. Every table has `id` and `updated_at` (indexed: incremental extracts read
 * by watermark) and a trigger that bumps `updated_at` on every UPDATE, so a writer that
 * forgets it cannot hide a change from the ETL.
 *
 * Checks live here so that the system of record rejects impossible values; the ETL still
 * validates everything again because file drops and xAPI statements bypass these checks.
 */

const inList = (column: string, values: readonly string[]) =>
  `${column} in (${values.map((v) => `'${v}'`).join(', ')})`;

const AGENCY_KINDS = ['dinas', 'badan', 'kecamatan', 'sekretariat', 'inspektorat', 'kelurahan'];
const GRADES = [
  'I/a',
  'I/b',
  'I/c',
  'I/d',
  'II/a',
  'II/b',
  'II/c',
  'II/d',
  'III/a',
  'III/b',
  'III/c',
  'III/d',
  'IV/a',
  'IV/b',
  'IV/c',
  'IV/d',
  'IV/e',
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
];
const POSITION_TYPES = [
  'jpt_utama',
  'jpt_madya',
  'jpt_pratama',
  'administrator',
  'pengawas',
  'fungsional',
  'pelaksana',
];
const EDUCATION = ['SD', 'SMP', 'SMA', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'];

async function touchTrigger(knex: Knex, table: string): Promise<void> {
  await knex.raw(`
    create trigger ${table}_touch before update on ${table}
    for each row execute function touch_updated_at()`);
}

function base(t: Knex.CreateTableBuilder): void {
  t.bigIncrements('id').primary();
}

function stamp(t: Knex.CreateTableBuilder, table: string): void {
  t.timestamp('updated_at', { useTz: true }).notNullable();
  t.index(['updated_at'], `${table}_updated_at_idx`);
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function touch_updated_at() returns trigger language plpgsql as $$
    begin
      if new.updated_at is not distinct from old.updated_at then
        new.updated_at := now();
      end if;
      return new;
    end $$`);

  const create = async (name: string, build: (t: Knex.CreateTableBuilder) => void, checks: string[] = []) => {
    await knex.schema.createTable(name, (t) => {
      base(t);
      build(t);
      stamp(t, name);
      checks.forEach((check, i) => {
        t.check(check, [], `${name}_check_${i + 1}`);
      });
    });
    await knex.raw(`alter table ${name} alter column updated_at set default now()`);
    await touchTrigger(knex, name);
  };

  await create(
    'agencies',
    (t) => {
      t.text('code').notNullable();
      t.text('name').notNullable();
      t.text('kind').notNullable();
      t.bigInteger('parent_id').references('id').inTable('agencies');
      t.date('valid_from').notNullable();
      t.date('valid_to');
      t.unique(['code', 'valid_from']);
    },
    [inList('kind', AGENCY_KINDS), 'valid_to is null or valid_to >= valid_from'],
  );

  await create(
    'employees',
    (t) => {
      t.text('nip').unique();
      t.text('ni_pppk').unique();
      t.text('full_name').notNullable();
      t.text('sex').notNullable();
      t.date('birth_date').notNullable();
      t.text('employment_type').notNullable();
      t.date('appointed_on').notNullable();
      t.text('education');
    },
    [
      "sex in ('M', 'F')",
      "employment_type in ('PNS', 'PPPK')",
      "(employment_type = 'PNS' and nip is not null) or (employment_type = 'PPPK' and ni_pppk is not null)",
      "nip is null or nip ~ '^[0-9]{18}$'",
      "ni_pppk is null or ni_pppk ~ '^[0-9]{18}$'",
      `education is null or ${inList('education', EDUCATION)}`,
      'appointed_on > birth_date',
    ],
  );

  await create(
    'employee_assignments',
    (t) => {
      t.bigInteger('employee_id').notNullable().references('id').inTable('employees').onDelete('cascade');
      t.bigInteger('agency_id').notNullable().references('id').inTable('agencies');
      t.text('grade').notNullable();
      t.text('position_type').notNullable();
      t.date('started_on').notNullable();
      t.date('ended_on');
      t.index(['employee_id']);
    },
    [
      inList('grade', GRADES),
      inList('position_type', POSITION_TYPES),
      'ended_on is null or ended_on >= started_on',
    ],
  );

  await create(
    'programs',
    (t) => {
      t.text('code').notNullable().unique();
      t.text('title').notNullable();
      t.text('competency_area').notNullable();
      t.text('method').notNullable();
      t.decimal('jp', 6, 1).notNullable();
      t.text('provider');
    },
    [
      inList('competency_area', ['technical', 'soft_skills', 'regulation', 'it', 'leadership']),
      inList('method', ['workshop', 'seminar', 'e_learning', 'classroom', 'coaching']),
      'jp >= 0',
    ],
  );

  await create(
    'offerings',
    (t) => {
      t.bigInteger('program_id').notNullable().references('id').inTable('programs');
      t.bigInteger('organizer_agency_id').notNullable().references('id').inTable('agencies');
      t.date('starts_on').notNullable();
      t.date('ends_on').notNullable();
      t.integer('capacity').notNullable();
      t.text('venue');
      t.index(['program_id']);
    },
    ['ends_on >= starts_on', 'capacity >= 0'],
  );

  await create(
    'invitations',
    (t) => {
      t.bigInteger('offering_id').notNullable().references('id').inTable('offerings').onDelete('cascade');
      t.bigInteger('employee_id').notNullable().references('id').inTable('employees').onDelete('cascade');
      t.timestamp('invited_at', { useTz: true }).notNullable();
      t.text('response').notNullable();
      t.text('decline_reason');
      t.timestamp('responded_at', { useTz: true });
      t.unique(['offering_id', 'employee_id']);
    },
    [
      inList('response', ['accepted', 'declined', 'no_response']),
      `decline_reason is null or ${inList('decline_reason', ['workload', 'already_experienced', 'schedule', 'health', 'other'])}`,
      "decline_reason is null or response = 'declined'",
      'responded_at is null or responded_at >= invited_at',
    ],
  );

  await create(
    'enrollments',
    (t) => {
      t.bigInteger('offering_id').notNullable().references('id').inTable('offerings').onDelete('cascade');
      t.bigInteger('employee_id').notNullable().references('id').inTable('employees').onDelete('cascade');
      t.text('status').notNullable();
      t.decimal('jp_earned', 6, 1).notNullable().defaultTo(0);
      t.timestamp('completed_at', { useTz: true });
      t.unique(['offering_id', 'employee_id']);
    },
    [
      inList('status', ['completed', 'dropped', 'no_show']),
      'jp_earned >= 0',
      "completed_at is null or status = 'completed'",
    ],
  );

  await create(
    'assessments',
    (t) => {
      t.bigInteger('enrollment_id').notNullable().references('id').inTable('enrollments').onDelete('cascade');
      t.text('kind').notNullable();
      t.decimal('score', 5, 2).notNullable();
      t.unique(['enrollment_id', 'kind']);
    },
    ["kind in ('pre', 'post')", 'score between 0 and 100'],
  );

  await create(
    'reactions',
    (t) => {
      t.bigInteger('enrollment_id')
        .notNullable()
        .unique()
        .references('id')
        .inTable('enrollments')
        .onDelete('cascade');
      for (const item of ['relevance', 'satisfaction', 'facilitator', 'intent_to_apply']) t.smallint(item);
      t.text('comment');
    },
    ['relevance', 'satisfaction', 'facilitator', 'intent_to_apply'].map(
      (c) => `${c} is null or ${c} between 1 and 5`,
    ),
  );

  await create(
    'appraisals',
    (t) => {
      t.bigInteger('employee_id').notNullable().references('id').inTable('employees').onDelete('cascade');
      t.integer('period').notNullable();
      t.decimal('score', 5, 2).notNullable();
      t.text('rating');
      t.unique(['employee_id', 'period']);
    },
    [
      'score between 0 and 100',
      `rating is null or ${inList('rating', ['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'])}`,
    ],
  );

  await create(
    'service_levels',
    (t) => {
      t.text('service_type').notNullable().unique();
      t.text('name').notNullable();
      t.text('agency_code');
      t.decimal('target_days', 6, 2).notNullable();
    },
    ['target_days >= 0'],
  );

  await create(
    'service_requests',
    (t) => {
      t.bigInteger('service_unit_agency_id').notNullable().references('id').inTable('agencies');
      t.text('service_type').notNullable().references('service_type').inTable('service_levels');
      t.bigInteger('handled_by').references('id').inTable('employees').onDelete('set null');
      t.text('kelurahan_code');
      t.timestamp('submitted_at', { useTz: true }).notNullable();
      t.timestamp('completed_at', { useTz: true });
      t.text('status').notNullable();
    },
    [
      inList('status', ['completed', 'in_progress', 'rejected', 'cancelled']),
      'completed_at is null or completed_at >= submitted_at',
    ],
  );

  await create(
    'satisfaction_responses',
    (t) => {
      t.bigInteger('agency_id').notNullable().references('id').inTable('agencies');
      t.text('service_type');
      t.date('surveyed_on').notNullable();
      for (let i = 1; i <= 9; i++) t.smallint(`u${i}`).notNullable();
    },
    Array.from({ length: 9 }, (_, i) => `u${i + 1} between 1 and 4`),
  );

  await create(
    'program_costs',
    (t) => {
      t.bigInteger('offering_id').notNullable().references('id').inTable('offerings').onDelete('cascade');
      t.text('category').notNullable();
      t.decimal('amount_idr', 15, 0).notNullable();
    },
    [inList('category', ['trainer', 'venue', 'materials', 'travel', 'platform', 'admin']), 'amount_idr >= 0'],
  );

  await create(
    'training_budgets',
    (t) => {
      t.bigInteger('agency_id').notNullable().references('id').inTable('agencies');
      t.integer('fiscal_year').notNullable();
      t.decimal('allocated_idr', 15, 0).notNullable();
      t.decimal('realized_idr', 15, 0).notNullable();
      t.unique(['agency_id', 'fiscal_year']);
    },
    ['allocated_idr >= 0', 'realized_idr >= 0'],
  );

  await create(
    'salary_scale',
    (t) => {
      t.text('grade').notNullable().unique();
      t.decimal('monthly_cost_idr', 15, 0).notNullable();
    },
    [inList('grade', GRADES), 'monthly_cost_idr >= 0'],
  );

  await create(
    'lms_accounts',
    (t) => {
      t.bigInteger('employee_id').notNullable().references('id').inTable('employees').onDelete('cascade');
      t.text('mbox').unique();
      t.text('account_homepage');
      t.text('account_name');
      t.unique(['account_homepage', 'account_name']);
    },
    ['mbox is not null or (account_homepage is not null and account_name is not null)'],
  );

  await create('lms_activities', (t) => {
    t.text('activity_iri').notNullable().unique();
    t.bigInteger('offering_id').notNullable().references('id').inTable('offerings').onDelete('cascade');
  });
}

const DROP_ORDER = [
  'lms_activities',
  'lms_accounts',
  'salary_scale',
  'training_budgets',
  'program_costs',
  'satisfaction_responses',
  'service_requests',
  'service_levels',
  'appraisals',
  'reactions',
  'assessments',
  'enrollments',
  'invitations',
  'offerings',
  'programs',
  'employee_assignments',
  'employees',
  'agencies',
];

export async function down(knex: Knex): Promise<void> {
  for (const table of DROP_ORDER) await knex.schema.dropTableIfExists(table);
  await knex.raw('drop function if exists touch_updated_at()');
}
