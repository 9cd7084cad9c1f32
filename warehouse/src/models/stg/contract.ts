/**
 * The staging layer (`stg` schema): one table per source table, renamed and typed, holding
 * only rows that passed validation, with personal data already removed. It is the ETL's
 * accumulated state: an incremental run upserts changed rows by `id` and deletes rows whose
 * key vanished at the source; marts are rebuilt from it. Contract between the ETL (which
 * fills it) and the mart models (which read it).
 *
 * Personal data never lands here:
 * - employees: `employee_key` = HMAC-SHA256(PSEUDONYM_KEY, NIP for PNS or NI PPPK for PPPK), hex;
 *   no NIP, no name, `birth_year` instead of the birth date.
 * - reactions: the free-text comment is dropped (it may name people).
 * - lms_accounts: `actor_key` = HMAC-SHA256(PSEUDONYM_KEY, normalised xAPI actor id: `mbox:<mailto>`
 *   or `account:<homePage>|<name>`); incoming statements are keyed the same way to map them.
 *
 * `xapi_statements` holds the validated statements, keyed by `statement_id` (a statement sent again
 * replaces itself; one with other content under a stored id is refused: statements are immutable); `xapi_enrollments` is re-derived from them on every run, one per employee +
 * offering: status `completed` when any completed/passed statement (or completion = true) exists,
 * else `dropped`; jp_earned = the largest JP of its completion statements, the program's JP when
 * none of them reported a duration (0 when not completed);
 * completed_at = the first completion; enrollment_id = −(offering_id × 10^8 + employee_id), negative
 * so it never collides with a source enrollment id. The marts union them with `enrollments`, the source row winning for the same offering + employee.
 */

export interface StgColumn {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
}

export interface StgSpec {
  readonly name: string;
  readonly columns: readonly StgColumn[];
}

const c = (name: string, type: string, nullable = false): StgColumn => ({ name, type, nullable });
/** Where each row came from: `postgres`, `files:<file>` or `xapi:<file>`, and the run that loaded it. */
const lineage = [c('_source', 'VARCHAR'), c('_run_id', 'VARCHAR')];

export const STG_TABLES: readonly StgSpec[] = [
  {
    name: 'agencies',
    columns: [
      c('id', 'BIGINT'),
      c('code', 'VARCHAR'),
      c('name', 'VARCHAR'),
      c('kind', 'VARCHAR'),
      c('parent_id', 'BIGINT', true),
      c('valid_from', 'DATE'),
      c('valid_to', 'DATE', true),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'employees',
    columns: [
      c('id', 'BIGINT'),
      c('employee_key', 'VARCHAR'),
      c('sex', 'VARCHAR'),
      c('birth_year', 'INTEGER'),
      c('employment_type', 'VARCHAR'),
      c('appointed_on', 'DATE'),
      c('education', 'VARCHAR', true),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'employee_assignments',
    columns: [
      c('id', 'BIGINT'),
      c('employee_id', 'BIGINT'),
      c('agency_id', 'BIGINT'),
      c('grade', 'VARCHAR'),
      c('position_type', 'VARCHAR'),
      c('started_on', 'DATE'),
      c('ended_on', 'DATE', true),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'programs',
    columns: [
      c('id', 'BIGINT'),
      c('code', 'VARCHAR'),
      c('title', 'VARCHAR'),
      c('competency_area', 'VARCHAR'),
      c('method', 'VARCHAR'),
      c('jp', 'DOUBLE'),
      c('provider', 'VARCHAR', true),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'offerings',
    columns: [
      c('id', 'BIGINT'),
      c('program_id', 'BIGINT'),
      c('organizer_agency_id', 'BIGINT'),
      c('starts_on', 'DATE'),
      c('ends_on', 'DATE'),
      c('capacity', 'INTEGER'),
      c('venue', 'VARCHAR', true),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'invitations',
    columns: [
      c('id', 'BIGINT'),
      c('offering_id', 'BIGINT'),
      c('employee_id', 'BIGINT'),
      c('invited_at', 'TIMESTAMPTZ'),
      c('response', 'VARCHAR'),
      c('decline_reason', 'VARCHAR', true),
      c('responded_at', 'TIMESTAMPTZ', true),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'enrollments',
    columns: [
      c('id', 'BIGINT'),
      c('offering_id', 'BIGINT'),
      c('employee_id', 'BIGINT'),
      c('status', 'VARCHAR'),
      c('jp_earned', 'DOUBLE'),
      c('completed_at', 'TIMESTAMPTZ', true),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'assessments',
    columns: [
      c('id', 'BIGINT'),
      c('enrollment_id', 'BIGINT'),
      c('kind', 'VARCHAR'),
      c('score', 'DOUBLE'),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'reactions',
    columns: [
      c('id', 'BIGINT'),
      c('enrollment_id', 'BIGINT'),
      c('relevance', 'INTEGER', true),
      c('satisfaction', 'INTEGER', true),
      c('facilitator', 'INTEGER', true),
      c('intent_to_apply', 'INTEGER', true),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'appraisals',
    columns: [
      c('id', 'BIGINT'),
      c('employee_id', 'BIGINT'),
      c('period', 'INTEGER'),
      c('score', 'DOUBLE'),
      c('rating', 'VARCHAR', true),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'service_levels',
    columns: [
      c('id', 'BIGINT'),
      c('service_type', 'VARCHAR'),
      c('name', 'VARCHAR'),
      c('agency_code', 'VARCHAR', true),
      c('target_days', 'DOUBLE'),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'service_requests',
    columns: [
      c('id', 'BIGINT'),
      c('service_unit_agency_id', 'BIGINT'),
      c('service_type', 'VARCHAR'),
      c('handled_by', 'BIGINT', true),
      c('kelurahan_code', 'VARCHAR', true),
      c('submitted_at', 'TIMESTAMPTZ'),
      c('completed_at', 'TIMESTAMPTZ', true),
      c('status', 'VARCHAR'),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'satisfaction_responses',
    columns: [
      c('id', 'BIGINT'),
      c('agency_id', 'BIGINT'),
      c('service_type', 'VARCHAR', true),
      c('surveyed_on', 'DATE'),
      c('u1', 'INTEGER'),
      c('u2', 'INTEGER'),
      c('u3', 'INTEGER'),
      c('u4', 'INTEGER'),
      c('u5', 'INTEGER'),
      c('u6', 'INTEGER'),
      c('u7', 'INTEGER'),
      c('u8', 'INTEGER'),
      c('u9', 'INTEGER'),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'program_costs',
    columns: [
      c('id', 'BIGINT'),
      c('offering_id', 'BIGINT'),
      c('category', 'VARCHAR'),
      c('amount_idr', 'DOUBLE'),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'training_budgets',
    columns: [
      c('id', 'BIGINT'),
      c('agency_id', 'BIGINT'),
      c('fiscal_year', 'INTEGER'),
      c('allocated_idr', 'DOUBLE'),
      c('realized_idr', 'DOUBLE'),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'salary_scale',
    columns: [
      c('id', 'BIGINT'),
      c('grade', 'VARCHAR'),
      c('monthly_cost_idr', 'DOUBLE'),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'lms_accounts',
    columns: [
      c('id', 'BIGINT'),
      c('employee_id', 'BIGINT'),
      c('actor_key', 'VARCHAR'),
      /** HMAC of the `account:<homePage>|<name>` form when the account is given (an mbox account may have both). */
      c('account_key', 'VARCHAR', true),
      /** HMAC of `mbox_sha1sum:<sha1 of mailto>`, so statements identifying the actor by mbox_sha1sum map too. */
      c('mbox_sha1_key', 'VARCHAR', true),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    name: 'lms_activities',
    columns: [
      c('id', 'BIGINT'),
      c('activity_iri', 'VARCHAR'),
      c('offering_id', 'BIGINT'),
      c('updated_at', 'TIMESTAMPTZ'),
      ...lineage,
    ],
  },
  {
    /** Validated, mapped xAPI statements (pseudonymous actor); xapi_enrollments is derived from them. */
    name: 'xapi_statements',
    columns: [
      c('statement_id', 'VARCHAR'),
      c('actor_key', 'VARCHAR'),
      c('activity_iri', 'VARCHAR'),
      c('verb', 'VARCHAR'),
      c('timestamp', 'TIMESTAMPTZ'),
      c('duration_seconds', 'DOUBLE', true),
      c('jp', 'DOUBLE', true),
      c('success', 'BOOLEAN', true),
      c('completion', 'BOOLEAN', true),
      c('score_scaled', 'DOUBLE', true),
      c('score_raw', 'DOUBLE', true),
      ...lineage,
    ],
  },
  {
    name: 'xapi_enrollments',
    columns: [
      c('enrollment_id', 'BIGINT'),
      c('offering_id', 'BIGINT'),
      c('employee_id', 'BIGINT'),
      c('status', 'VARCHAR'),
      c('jp_earned', 'DOUBLE'),
      c('completed_at', 'TIMESTAMPTZ', true),
      c('statement_count', 'INTEGER'),
      ...lineage,
    ],
  },
];

export function stgSpec(name: string): StgSpec {
  const spec = STG_TABLES.find((t) => t.name === name);
  if (!spec) throw new Error(`unknown stg table ${name}`);
  return spec;
}

export function stgDdl(spec: StgSpec): string {
  const cols = spec.columns.map((col) => `  ${col.name} ${col.type}${col.nullable ? '' : ' NOT NULL'}`);
  return `CREATE TABLE IF NOT EXISTS stg.${spec.name} (\n${cols.join(',\n')}\n)`;
}

/** Creates every stg table that does not exist yet (an incremental build keeps the old ones). */
export async function createStgTables(exec: (sql: string) => Promise<unknown>): Promise<void> {
  await exec('CREATE SCHEMA IF NOT EXISTS stg');
  for (const spec of STG_TABLES) await exec(stgDdl(spec));
}
