/**
 * The operational source schema as data: one entry per source table, column by column.
 *
 * The knex migrations (./migrations) are the DDL of record; this catalog describes the
 * *current* shape for code that needs it at run time: blank spreadsheet templates, header
 * checks for file drops, extract column lists and bulk validation. A test migrates a fresh
 * database and compares it with this catalog, so the two cannot drift apart silently.
 */

export type ColumnType = 'int' | 'bigint' | 'numeric' | 'text' | 'date' | 'timestamptz' | 'boolean';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** NOT NULL in the source. */
  readonly required: boolean;
  /** Accepted values, for enumerations (CHECK constraints in the source). */
  readonly values?: readonly string[];
  /** Inclusive numeric range (CHECK constraints in the source). */
  readonly range?: readonly [number, number];
  /** Foreign key: referenced table (always its `id`). */
  readonly references?: SourceTableName;
  /**
   * Personal data that must never reach the warehouse as it is, and how it is kept out
   * (`PersonalKind`). The ETL derives its handling from this, and a test fails the build for a
   * personal column whose kind is unknown or that the stg contract would receive as it is
   * (`personalColumnProblems` in ./personal.ts).
   */
  readonly personal?: PersonalKind;
}

/**
 * How a personal column is kept out of the warehouse:
 * - `employee_id`: a NIP or NI PPPK. Replaced by the employee pseudonym, HMAC-SHA256(PSEUDONYM_KEY,
 *   value) in hex (`etl/src/load/pseudonymiseLanding.ts`). In `employees`, nip and ni_pppk together
 *   give `employee_key` (the NI PPPK for a PPPK, else the NIP); in any other table the column
 *   `<name>` gives `<name>_key`, equal to the `employee_key` of the employee it names: declare
 *   `<name>_key` (VARCHAR) in the stg contract, never `<name>`.
 * - `birth_date`: generalised to the year, stg's `birth_year` (only a column named `birth_date`).
 * - `lms_identity`: an xAPI actor's mbox or account name, keyed as the actor keys of lms_accounts
 *   and the xAPI statements (only those two tables).
 * - `never_read`: not needed at all: never extracted, dropped from a file drop on read
 *   (`NEVER_READ`), not asked for by the templates.
 */
export const PERSONAL_KINDS = ['employee_id', 'birth_date', 'lms_identity', 'never_read'] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];

export interface TableSpec {
  readonly name: SourceTableName;
  /** Grain: what one row is, in English. */
  readonly grain: string;
  /**
   * The grain in Bahasa Indonesia, for the people who fill the templates (the Petunjuk sheet and the
   * dashboard's template list show it): formal Indonesian, the same facts as `grain`.
   */
  readonly grainId: string;
  readonly columns: readonly ColumnSpec[];
}

export const AGENCY_KINDS = [
  'dinas',
  'badan',
  'kecamatan',
  'sekretariat',
  'inspektorat',
  'kelurahan',
] as const;
export const SEXES = ['M', 'F'] as const;
export const EMPLOYMENT_TYPES = ['PNS', 'PPPK'] as const;
export const EDUCATION_LEVELS = ['SD', 'SMP', 'SMA', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'] as const;
/** Golongan/ruang for PNS (17) and the PPPK grades I..XVII. */
export const PNS_GRADES = [
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
] as const;
export const PPPK_GRADES = [
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
] as const;
export const GRADES = [...PNS_GRADES, ...PPPK_GRADES] as const;
/** UU 20/2023: managerial (JPT, administrator, pengawas) and non-managerial (fungsional, pelaksana). */
export const POSITION_TYPES = [
  'jpt_utama',
  'jpt_madya',
  'jpt_pratama',
  'administrator',
  'pengawas',
  'fungsional',
  'pelaksana',
] as const;
export const COMPETENCY_AREAS = ['technical', 'soft_skills', 'regulation', 'it', 'leadership'] as const;
export const METHODS = ['workshop', 'seminar', 'e_learning', 'classroom', 'coaching'] as const;
export const INVITATION_RESPONSES = ['accepted', 'declined', 'no_response'] as const;
export const DECLINE_REASONS = ['workload', 'already_experienced', 'schedule', 'health', 'other'] as const;
export const ENROLLMENT_STATUSES = ['completed', 'dropped', 'no_show'] as const;
export const ASSESSMENT_KINDS = ['pre', 'post'] as const;
/** SKP ratings (PermenPANRB 6/2022). */
export const APPRAISAL_RATINGS = [
  'sangat_baik',
  'baik',
  'butuh_perbaikan',
  'kurang',
  'sangat_kurang',
] as const;
export const SERVICE_REQUEST_STATUSES = ['completed', 'in_progress', 'rejected', 'cancelled'] as const;
export const COST_CATEGORIES = ['trainer', 'venue', 'materials', 'travel', 'platform', 'admin'] as const;

const id: ColumnSpec = { name: 'id', type: 'bigint', required: true };
const updatedAt: ColumnSpec = { name: 'updated_at', type: 'timestamptz', required: true };
const fk = (name: string, references: SourceTableName, required = true): ColumnSpec => ({
  name,
  type: 'bigint',
  required,
  references,
});
const likert5 = (name: string): ColumnSpec => ({ name, type: 'int', required: false, range: [1, 5] });
const unsur = (i: number): ColumnSpec => ({ name: `u${i}`, type: 'int', required: true, range: [1, 4] });

export const SOURCE_TABLES = [
  'agencies',
  'employees',
  'employee_assignments',
  'programs',
  'offerings',
  'invitations',
  'enrollments',
  'assessments',
  'reactions',
  'appraisals',
  'service_levels',
  'service_requests',
  'satisfaction_responses',
  'program_costs',
  'training_budgets',
  'salary_scale',
  'lms_accounts',
  'lms_activities',
] as const;
export type SourceTableName = (typeof SOURCE_TABLES)[number];

export const CATALOG: readonly TableSpec[] = [
  {
    name: 'agencies',
    grain:
      'one row per agency version; a rename closes one version (valid_to) and opens the next with the same code',
    grainId:
      'satu baris per versi instansi (perangkat daerah); perubahan nama menutup versi lama (valid_to) dan membuka versi baru dengan kode yang sama',
    columns: [
      id,
      { name: 'code', type: 'text', required: true },
      { name: 'name', type: 'text', required: true },
      { name: 'kind', type: 'text', required: true, values: AGENCY_KINDS },
      fk('parent_id', 'agencies', false),
      { name: 'valid_from', type: 'date', required: true },
      { name: 'valid_to', type: 'date', required: false },
      updatedAt,
    ],
  },
  {
    name: 'employees',
    grain: 'one row per civil servant (PNS or PPPK)',
    grainId: 'satu baris per pegawai ASN (PNS atau PPPK)',
    columns: [
      id,
      { name: 'nip', type: 'text', required: false, personal: 'employee_id' },
      { name: 'ni_pppk', type: 'text', required: false, personal: 'employee_id' },
      { name: 'full_name', type: 'text', required: true, personal: 'never_read' },
      { name: 'sex', type: 'text', required: true, values: SEXES },
      { name: 'birth_date', type: 'date', required: true, personal: 'birth_date' },
      { name: 'employment_type', type: 'text', required: true, values: EMPLOYMENT_TYPES },
      { name: 'appointed_on', type: 'date', required: true },
      { name: 'education', type: 'text', required: false, values: EDUCATION_LEVELS },
      updatedAt,
    ],
  },
  {
    name: 'employee_assignments',
    grain: 'one row per employee per posting (agency, grade, position) with its start and end',
    grainId:
      'satu baris per penempatan pegawai (instansi, golongan, jenis jabatan) beserta tanggal mulai dan tanggal berakhirnya',
    columns: [
      id,
      fk('employee_id', 'employees'),
      fk('agency_id', 'agencies'),
      { name: 'grade', type: 'text', required: true, values: GRADES },
      { name: 'position_type', type: 'text', required: true, values: POSITION_TYPES },
      { name: 'started_on', type: 'date', required: true },
      { name: 'ended_on', type: 'date', required: false },
      updatedAt,
    ],
  },
  {
    name: 'programs',
    grain: 'one row per training program (a curriculum; offered one or more times)',
    grainId: 'satu baris per program pelatihan (kurikulum yang dapat diselenggarakan satu kali atau lebih)',
    columns: [
      id,
      { name: 'code', type: 'text', required: true },
      { name: 'title', type: 'text', required: true },
      { name: 'competency_area', type: 'text', required: true, values: COMPETENCY_AREAS },
      { name: 'method', type: 'text', required: true, values: METHODS },
      { name: 'jp', type: 'numeric', required: true, range: [0, 1000] },
      { name: 'provider', type: 'text', required: false },
      updatedAt,
    ],
  },
  {
    name: 'offerings',
    grain: 'one row per scheduled run (batch/angkatan) of a program',
    grainId: 'satu baris per angkatan, yaitu penyelenggaraan terjadwal suatu program pelatihan',
    columns: [
      id,
      fk('program_id', 'programs'),
      fk('organizer_agency_id', 'agencies'),
      { name: 'starts_on', type: 'date', required: true },
      { name: 'ends_on', type: 'date', required: true },
      { name: 'capacity', type: 'int', required: true, range: [0, 100000] },
      { name: 'venue', type: 'text', required: false },
      updatedAt,
    ],
  },
  {
    name: 'invitations',
    grain: 'one row per employee invited to an offering',
    grainId: 'satu baris per undangan kepada seorang pegawai untuk mengikuti suatu angkatan pelatihan',
    columns: [
      id,
      fk('offering_id', 'offerings'),
      fk('employee_id', 'employees'),
      { name: 'invited_at', type: 'timestamptz', required: true },
      { name: 'response', type: 'text', required: true, values: INVITATION_RESPONSES },
      { name: 'decline_reason', type: 'text', required: false, values: DECLINE_REASONS },
      { name: 'responded_at', type: 'timestamptz', required: false },
      updatedAt,
    ],
  },
  {
    name: 'enrollments',
    grain: 'one row per employee enrolled in an offering',
    grainId:
      'satu baris per pendaftaran: seorang pegawai yang terdaftar sebagai peserta suatu angkatan pelatihan',
    columns: [
      id,
      fk('offering_id', 'offerings'),
      fk('employee_id', 'employees'),
      { name: 'status', type: 'text', required: true, values: ENROLLMENT_STATUSES },
      { name: 'jp_earned', type: 'numeric', required: true, range: [0, 1000] },
      { name: 'completed_at', type: 'timestamptz', required: false },
      updatedAt,
    ],
  },
  {
    name: 'assessments',
    grain: 'one row per enrollment per test kind (pre or post)',
    grainId: 'satu baris per peserta per jenis tes: pre (sebelum pelatihan) atau post (sesudah pelatihan)',
    columns: [
      id,
      fk('enrollment_id', 'enrollments'),
      { name: 'kind', type: 'text', required: true, values: ASSESSMENT_KINDS },
      { name: 'score', type: 'numeric', required: true, range: [0, 100] },
      updatedAt,
    ],
  },
  {
    name: 'reactions',
    grain: 'one row per enrollment that answered the reaction (L1) questionnaire',
    grainId: 'satu baris per peserta yang mengisi kuesioner reaksi (L1)',
    columns: [
      id,
      fk('enrollment_id', 'enrollments'),
      likert5('relevance'),
      likert5('satisfaction'),
      likert5('facilitator'),
      likert5('intent_to_apply'),
      { name: 'comment', type: 'text', required: false, personal: 'never_read' },
      updatedAt,
    ],
  },
  {
    name: 'appraisals',
    grain: 'one row per employee per appraisal year (SKP)',
    grainId: 'satu baris per pegawai per tahun penilaian kinerja (SKP)',
    columns: [
      id,
      fk('employee_id', 'employees'),
      { name: 'period', type: 'int', required: true, range: [2000, 2100] },
      { name: 'score', type: 'numeric', required: true, range: [0, 100] },
      { name: 'rating', type: 'text', required: false, values: APPRAISAL_RATINGS },
      updatedAt,
    ],
  },
  {
    name: 'service_levels',
    grain: 'one row per public service type: its name, the agency that provides it, and its SLA target',
    grainId:
      'satu baris per jenis layanan publik: namanya, instansi penyelenggaranya, dan target waktu penyelesaiannya (SLA)',
    columns: [
      id,
      { name: 'service_type', type: 'text', required: true },
      { name: 'name', type: 'text', required: true },
      { name: 'agency_code', type: 'text', required: false },
      { name: 'target_days', type: 'numeric', required: true, range: [0, 365] },
      updatedAt,
    ],
  },
  {
    name: 'service_requests',
    grain: 'one row per citizen request for a public service',
    grainId: 'satu baris per permohonan layanan publik dari masyarakat',
    columns: [
      id,
      fk('service_unit_agency_id', 'agencies'),
      { name: 'service_type', type: 'text', required: true },
      fk('handled_by', 'employees', false),
      { name: 'kelurahan_code', type: 'text', required: false },
      { name: 'submitted_at', type: 'timestamptz', required: true },
      { name: 'completed_at', type: 'timestamptz', required: false },
      { name: 'status', type: 'text', required: true, values: SERVICE_REQUEST_STATUSES },
      updatedAt,
    ],
  },
  {
    name: 'satisfaction_responses',
    grain: 'one row per SKM questionnaire (PermenPANRB 14/2017), nine unsur scored 1–4',
    grainId:
      'satu baris per kuesioner Survei Kepuasan Masyarakat (SKM, PermenPANRB 14/2017) dengan sembilan unsur, masing-masing bernilai 1–4',
    columns: [
      id,
      fk('agency_id', 'agencies'),
      { name: 'service_type', type: 'text', required: false },
      { name: 'surveyed_on', type: 'date', required: true },
      unsur(1),
      unsur(2),
      unsur(3),
      unsur(4),
      unsur(5),
      unsur(6),
      unsur(7),
      unsur(8),
      unsur(9),
      updatedAt,
    ],
  },
  {
    name: 'program_costs',
    grain: 'one row per offering per cost line',
    grainId: 'satu baris per komponen biaya suatu angkatan pelatihan',
    columns: [
      id,
      fk('offering_id', 'offerings'),
      { name: 'category', type: 'text', required: true, values: COST_CATEGORIES },
      { name: 'amount_idr', type: 'numeric', required: true, range: [0, 1e15] },
      updatedAt,
    ],
  },
  {
    name: 'training_budgets',
    grain: 'one row per agency per fiscal year',
    grainId: 'satu baris per instansi per tahun anggaran',
    columns: [
      id,
      fk('agency_id', 'agencies'),
      { name: 'fiscal_year', type: 'int', required: true, range: [2000, 2100] },
      { name: 'allocated_idr', type: 'numeric', required: true, range: [0, 1e15] },
      { name: 'realized_idr', type: 'numeric', required: true, range: [0, 1e15] },
      updatedAt,
    ],
  },
  {
    name: 'salary_scale',
    grain: 'one row per grade: fully loaded monthly cost of one employee (for participants’ time)',
    grainId:
      'satu baris per golongan: biaya penuh seorang pegawai per bulan (untuk menghitung biaya waktu peserta)',
    columns: [
      id,
      { name: 'grade', type: 'text', required: true, values: GRADES },
      { name: 'monthly_cost_idr', type: 'numeric', required: true, range: [0, 1e12] },
      updatedAt,
    ],
  },
  {
    name: 'lms_accounts',
    grain: 'one row per e-learning (LMS) identity of an employee: an xAPI mbox or account',
    grainId: 'satu baris per identitas e-learning (LMS) seorang pegawai: mbox atau akun xAPI',
    columns: [
      id,
      fk('employee_id', 'employees'),
      { name: 'mbox', type: 'text', required: false, personal: 'lms_identity' },
      { name: 'account_homepage', type: 'text', required: false },
      { name: 'account_name', type: 'text', required: false, personal: 'lms_identity' },
      updatedAt,
    ],
  },
  {
    name: 'lms_activities',
    grain: 'one row per xAPI activity IRI that belongs to an e-learning offering',
    grainId: 'satu baris per IRI aktivitas xAPI yang menjadi bagian dari suatu angkatan e-learning',
    columns: [
      id,
      { name: 'activity_iri', type: 'text', required: true },
      fk('offering_id', 'offerings'),
      updatedAt,
    ],
  },
];

export function tableSpec(name: SourceTableName): TableSpec {
  const spec = CATALOG.find((t) => t.name === name);
  if (!spec) throw new Error(`unknown source table ${name}`);
  return spec;
}

/**
 * Personal columns the warehouse never needs (an employee's name, a free-text comment), the
 * `never_read` ones of the catalog. The ETL never
 * reads them: PostgreSQL extraction does not select them, a spreadsheet drop may leave them out and
 * has them dropped on read if present (not staged, not in a quarantined row), and the file-drop
 * templates do not ask for them.
 */
export const NEVER_READ: Readonly<Partial<Record<SourceTableName, readonly string[]>>> = Object.fromEntries(
  CATALOG.map(
    (t) => [t.name, t.columns.filter((c) => c.personal === 'never_read').map((c) => c.name)] as const,
  ).filter(([, columns]) => columns.length > 0),
);

/** True when the ETL never reads `column` of `table` (see `NEVER_READ`). */
export function neverRead(table: SourceTableName, column: string): boolean {
  return NEVER_READ[table]?.includes(column) ?? false;
}
