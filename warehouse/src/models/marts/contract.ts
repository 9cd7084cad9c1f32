/**
 * The marts: the only tables metrics read. This file is the contract between the ETL models
 * that fill them (etl → warehouse/src/models) and the metric functions that read them
 * (warehouse/src/metrics). `createMartTables()` creates them empty, so metric tests can seed a
 * few hand-made rows and check exact answers without running an ETL.
 *
 * Conventions:
 * - Employees appear only as `employee_key` = HMAC-SHA256(PSEUDONYM_KEY, NIP or NI PPPK), hex.
 *   No names, no NIPs, birth year only.
 * - Agencies are grouped by their stable `agency_code`; `dim_agency` keeps every named version.
 * - Person attributes on a fact (agency, grade group, tenure band, …) are as of the event date,
 *   so a later transfer or promotion does not rewrite history.
 * - Bands: grade_group ∈ I, II, III, IV, PPPK; tenure_band ∈ '<5', '5-9', '10-19', '20+' (years of
 *   service since appointment at the event date); age_band ∈ '<30', '30-39', '40-49', '50+'.
 */

export interface MartColumn {
  readonly name: string;
  /** DuckDB type. */
  readonly type: string;
  readonly nullable?: boolean;
  readonly doc?: string;
}

export interface MartSpec {
  readonly name: string;
  /** First line of every model: what one row is. */
  readonly grain: string;
  /** Column(s) that are unique and not null. */
  readonly key: readonly string[];
  readonly columns: readonly MartColumn[];
}

const c = (name: string, type: string, doc?: string, nullable = false): MartColumn => ({
  name,
  type,
  nullable,
  ...(doc ? { doc } : {}),
});
const n = (name: string, type: string, doc?: string): MartColumn => c(name, type, doc, true);

/** Person attributes as of the event date, repeated on every person-level fact. */
const personAsOf = [
  c('agency_code', 'VARCHAR', 'agency the employee belonged to at the event date'),
  c('agency_kind', 'VARCHAR'),
  c('grade_group', 'VARCHAR', 'I, II, III, IV or PPPK'),
  c('tenure_band', 'VARCHAR', "'<5', '5-9', '10-19', '20+' years of service"),
  c('employment_type', 'VARCHAR', 'PNS or PPPK'),
];

const programAttrs = [
  c('program_id', 'BIGINT'),
  c('program_code', 'VARCHAR'),
  c('method', 'VARCHAR'),
  c('competency_area', 'VARCHAR'),
];

export const MARTS: readonly MartSpec[] = [
  {
    name: 'dim_date',
    grain: 'one row per calendar day 2000-01-01 … 2035-12-31',
    key: ['date_key'],
    columns: [
      c('date_key', 'DATE'),
      c('year', 'INTEGER'),
      c('quarter', 'INTEGER'),
      c('month', 'INTEGER'),
      c('month_start', 'DATE'),
      c('quarter_start', 'DATE'),
      c('year_start', 'DATE'),
      c('iso_week', 'INTEGER'),
      c('day_of_week', 'INTEGER', '1 = Monday … 7 = Sunday'),
      c('is_weekend', 'BOOLEAN'),
    ],
  },
  {
    name: 'dim_agency',
    grain:
      'one row per agency version (SCD2): a rename closes one version and opens the next with the same code',
    key: ['agency_version_id'],
    columns: [
      c('agency_version_id', 'BIGINT', 'source agencies.id'),
      c('agency_code', 'VARCHAR', 'stable across renames'),
      c('name', 'VARCHAR', 'the name during this version'),
      c('current_name', 'VARCHAR', 'the name of the latest version of this code'),
      c('kind', 'VARCHAR'),
      n('parent_code', 'VARCHAR'),
      c('valid_from', 'DATE'),
      n('valid_to', 'DATE', 'null = still valid'),
      c('is_current', 'BOOLEAN'),
    ],
  },
  {
    name: 'dim_employee',
    grain: 'one row per employee per assignment period (SCD2 over agency, grade and position)',
    key: ['employee_key', 'valid_from'],
    columns: [
      c('employee_key', 'VARCHAR', 'HMAC-SHA256 pseudonym, hex'),
      c('sex', 'VARCHAR'),
      c('birth_year', 'INTEGER'),
      c('employment_type', 'VARCHAR'),
      c('appointed_on', 'DATE'),
      n('education', 'VARCHAR'),
      c('agency_code', 'VARCHAR'),
      c('agency_kind', 'VARCHAR'),
      c('grade', 'VARCHAR'),
      c('grade_group', 'VARCHAR'),
      c('position_type', 'VARCHAR'),
      c('position_class', 'VARCHAR', 'managerial or non_managerial (UU 20/2023)'),
      c('valid_from', 'DATE'),
      n('valid_to', 'DATE', 'null = current'),
      c('is_current', 'BOOLEAN'),
    ],
  },
  {
    name: 'fct_headcount',
    grain: 'one row per employee per year in which the employee held an assignment on 30 June',
    key: ['employee_key', 'year'],
    columns: [
      c('employee_key', 'VARCHAR'),
      c('year', 'INTEGER'),
      ...personAsOf,
      c('age_band', 'VARCHAR'),
      c('sex', 'VARCHAR'),
    ],
  },
  {
    name: 'dim_program',
    grain: 'one row per training program',
    key: ['program_id'],
    columns: [
      c('program_id', 'BIGINT'),
      c('program_code', 'VARCHAR'),
      c('title', 'VARCHAR'),
      c('competency_area', 'VARCHAR'),
      c('method', 'VARCHAR'),
      c('jp', 'DOUBLE', 'planned JP (jam pelajaran) of one run'),
      n('provider', 'VARCHAR'),
    ],
  },
  {
    name: 'dim_offering',
    grain: 'one row per scheduled run of a program',
    key: ['offering_id'],
    columns: [
      c('offering_id', 'BIGINT'),
      ...programAttrs,
      c('organizer_agency_code', 'VARCHAR'),
      c('starts_on', 'DATE'),
      c('ends_on', 'DATE'),
      c('year', 'INTEGER'),
      c('capacity', 'INTEGER'),
    ],
  },
  {
    name: 'dim_region',
    grain: 'one row per kelurahan of Kota Palangka Raya (codes from idn-area-data)',
    key: ['kelurahan_code'],
    columns: [
      c('kelurahan_code', 'VARCHAR'),
      c('kelurahan_name', 'VARCHAR'),
      c('kecamatan_code', 'VARCHAR'),
      c('kecamatan_name', 'VARCHAR'),
      c('city_code', 'VARCHAR'),
    ],
  },
  {
    name: 'dim_service_type',
    grain: 'one row per public service type with its SLA target (a parameter table in the source)',
    key: ['service_type'],
    columns: [
      c('service_type', 'VARCHAR'),
      c('name', 'VARCHAR'),
      n('agency_code', 'VARCHAR'),
      c('target_days', 'DOUBLE'),
    ],
  },
  {
    name: 'dim_grade',
    grain: 'one row per grade with its fully loaded monthly cost',
    key: ['grade'],
    columns: [c('grade', 'VARCHAR'), c('grade_group', 'VARCHAR'), c('monthly_cost_idr', 'DOUBLE')],
  },
  {
    name: 'fct_invitations',
    grain: 'one row per invitation of an employee to an offering, with what came of it',
    key: ['invitation_id'],
    columns: [
      c('invitation_id', 'BIGINT'),
      c('offering_id', 'BIGINT'),
      ...programAttrs,
      c('employee_key', 'VARCHAR'),
      ...personAsOf,
      c('invited_on', 'DATE'),
      c('year', 'INTEGER'),
      c('response', 'VARCHAR', 'accepted, declined or no_response'),
      n('decline_reason', 'VARCHAR'),
      c('enrolled', 'BOOLEAN', 'an enrollment exists for this employee and offering'),
      n('enrollment_status', 'VARCHAR', 'completed, dropped, no_show; null when not enrolled'),
      c(
        'person_id',
        'UBIGINT',
        'hash of employee_key (personIdSql): counts distinct employees for disclosure control; a collision only undercounts',
      ),
    ],
  },
  {
    name: 'fct_enrollments',
    grain: 'one row per enrollment of an employee in an offering, with L1 reaction and L2 scores',
    key: ['enrollment_id'],
    columns: [
      c('enrollment_id', 'BIGINT'),
      c('offering_id', 'BIGINT'),
      ...programAttrs,
      c('employee_key', 'VARCHAR'),
      ...personAsOf,
      c('grade', 'VARCHAR', 'grade at the offering start (for participant time cost)'),
      c('status', 'VARCHAR'),
      c('jp_earned', 'DOUBLE'),
      c('start_date', 'DATE', 'offering start'),
      n('completed_on', 'DATE'),
      c('year', 'INTEGER', 'year of completion, or of the offering start when not completed'),
      c('source', 'VARCHAR', 'postgres, files or xapi'),
      n('pre_score', 'DOUBLE'),
      n('post_score', 'DOUBLE'),
      n('reaction_relevance', 'DOUBLE'),
      n('reaction_satisfaction', 'DOUBLE'),
      n('reaction_facilitator', 'DOUBLE'),
      n('reaction_intent_to_apply', 'DOUBLE'),
      c('has_reaction', 'BOOLEAN'),
      c(
        'person_id',
        'UBIGINT',
        'hash of employee_key (personIdSql): counts distinct employees for disclosure control; a collision only undercounts',
      ),
    ],
  },
  {
    name: 'fct_appraisals',
    grain: 'one row per employee per appraisal year (SKP)',
    key: ['employee_key', 'period'],
    columns: [
      c('employee_key', 'VARCHAR'),
      c('period', 'INTEGER'),
      ...personAsOf,
      c('score', 'DOUBLE'),
      n('rating', 'VARCHAR'),
    ],
  },
  {
    name: 'fct_service_requests',
    grain: 'one row per citizen service request',
    key: ['request_id'],
    columns: [
      c('request_id', 'BIGINT'),
      c('service_type', 'VARCHAR'),
      c('agency_code', 'VARCHAR', 'the service unit'),
      n('handled_by_key', 'VARCHAR', 'employee_key of the handler'),
      n('kelurahan_code', 'VARCHAR'),
      c('submitted_at', 'TIMESTAMPTZ'),
      n('completed_at', 'TIMESTAMPTZ'),
      c('submitted_on', 'DATE'),
      c('month_start', 'DATE', 'month of submission'),
      c('year', 'INTEGER'),
      c('status', 'VARCHAR'),
      n('days', 'DOUBLE', '(completed_at − submitted_at) in days; null while not completed'),
      c('target_days', 'DOUBLE'),
      n('sla_met', 'BOOLEAN', 'days ≤ target_days; null while not completed'),
    ],
  },
  {
    name: 'agg_handler_month',
    grain:
      'one row per handling employee per month: service volume and speed (pre-aggregated for cohort outcomes)',
    key: ['employee_key', 'month_start'],
    columns: [
      c('employee_key', 'VARCHAR'),
      c('month_start', 'DATE'),
      c('agency_code', 'VARCHAR'),
      c('requests', 'BIGINT', 'requests submitted in the month and handled by the employee'),
      c(
        'completed',
        'BIGINT',
        'completed requests with a completion time (days not null): the denominator of mean days and of the SLA rate',
      ),
      n('sum_days', 'DOUBLE'),
      n('sum_sq_days', 'DOUBLE'),
      c('sla_met', 'BIGINT'),
    ],
  },
  {
    name: 'fct_satisfaction',
    grain: 'one row per SKM questionnaire; u1..u9 are the nine unsur scored 1–4 (PermenPANRB 14/2017)',
    key: ['response_id'],
    columns: [
      c('response_id', 'BIGINT'),
      c('agency_code', 'VARCHAR'),
      n('service_type', 'VARCHAR'),
      c('surveyed_on', 'DATE'),
      c('year', 'INTEGER'),
      ...Array.from({ length: 9 }, (_, i) => c(`u${i + 1}`, 'INTEGER')),
    ],
  },
  {
    name: 'fct_costs',
    grain: 'one row per offering per cost line',
    key: ['cost_id'],
    columns: [
      c('cost_id', 'BIGINT'),
      c('offering_id', 'BIGINT'),
      ...programAttrs,
      c('organizer_agency_code', 'VARCHAR'),
      c('year', 'INTEGER'),
      c('category', 'VARCHAR'),
      c('amount_idr', 'DOUBLE'),
    ],
  },
  {
    name: 'fct_budgets',
    grain: 'one row per agency per fiscal year',
    key: ['agency_code', 'fiscal_year'],
    columns: [
      c('agency_code', 'VARCHAR'),
      c('fiscal_year', 'INTEGER'),
      c('allocated_idr', 'DOUBLE'),
      c('realized_idr', 'DOUBLE'),
    ],
  },
];

export const MART_NAMES = MARTS.map((m) => m.name);

export function martSpec(name: string): MartSpec {
  const spec = MARTS.find((m) => m.name === name);
  if (!spec) throw new Error(`unknown mart ${name}`);
  return spec;
}

/** DDL for one mart, in the `marts` schema. */
export function martDdl(spec: MartSpec): string {
  const cols = spec.columns.map((col) => `  ${col.name} ${col.type}${col.nullable ? '' : ' NOT NULL'}`);
  return `CREATE TABLE marts.${spec.name} (\n${cols.join(',\n')}\n)`;
}

/** Creates (or re-creates, empty) every mart table. */
export async function createMartTables(exec: (sql: string) => Promise<unknown>): Promise<void> {
  await exec('CREATE SCHEMA IF NOT EXISTS marts');
  for (const spec of MARTS) {
    await exec(`DROP TABLE IF EXISTS marts.${spec.name}`);
    await exec(martDdl(spec));
  }
}
