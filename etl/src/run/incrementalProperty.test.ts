import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listQuarantine } from '@asn/warehouse';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../demo/prng.ts';
import { readEnv } from '../env.ts';
import type { SourceConnection } from '../source/connect.ts';
import { migrateSource } from '../source/migrate.ts';
import {
  APPRAISAL_RATINGS,
  COST_CATEGORIES,
  DECLINE_REASONS,
  EDUCATION_LEVELS,
  GRADES,
  POSITION_TYPES,
  SERVICE_REQUEST_STATUSES,
  SOURCE_TABLES,
  type SourceTableName,
} from '../source-schema/catalog.ts';
import { sourceTargets } from '../testing/source-targets.ts';
import { runEtl } from './runEtl.ts';
import { seedSource } from './testing/seedSource.ts';
import { stgContent } from './testing/warehouseContent.ts';

/**
 * The incremental contract, as a seeded property: after ANY sequence of source changes, an
 * incremental run ends on the same stg content, and quarantines the same rows (table:id:reason),
 * as a full run into a fresh warehouse on the same source state.
 *
 * Per seed: a small deterministic world (seedSource plus a few generated rows), one full run, then
 * STEPS steps; each applies a random batch of 0–5 mutations to the source and runs incremental,
 * then a full run into a fresh directory, and compares the two. Mutations: ordinary updates (the
 * trigger bumps updated_at), deletes (cascade / set null / refused per the schema), new valid rows,
 * backfills with an old explicit updated_at (sometimes with an id in another key bucket), late
 * commits (trigger off, updated_at a few hours before the table's watermark: updates, inserts,
 * invalidations and fixes), rewrites with the trigger off and an updated_at long past (a restore),
 * rows made invalid in ways the schema allows (NIP inconsistent or malformed, formula-like text,
 * out-of-range numbers, an enrollment completed before its offering) and later fixed, parents
 * deleted (or a service level re-keyed) with FKs off (session_replication_role = replica), and
 * deleted rows restored. On a real server, a step sometimes also keeps a transaction open across
 * an incremental run and commits it after (a late commit for real): the next run must read it.
 *
 * Exploration knobs (env): PROPERTY_SEEDS ("1,2,3" or "1-40"), PROPERTY_STEPS, PROPERTY_TARGETS
 * ("pglite" or "postgres"), PROPERTY_SKIP (mutation kinds to leave out, comma-separated: a key of
 * KINDS, "fkOffDelete:<table>", "formula:<table>" or "offeringMove"), PROPERTY_VERBOSE=1 (every
 * step's mutations and timings). A failure names seed, step, every mutation so far, and the
 * differing stg rows and quarantine keys; a seed draws the same mutations on either target.
 */

const noMarts = { buildMarts: async () => undefined, runDataTests: async () => [] };
const KEY = 'test-key-0123456789';
// Seeds 9 and 12 found a child of a quarantined agency kept by a full run, and an offering moved
// after an enrollment's completion left unchecked by an incremental one.
const SEEDS = parseSeeds(process.env.PROPERTY_SEEDS) ?? [1, 2, 9, 12];
const STEPS = Number(process.env.PROPERTY_STEPS || 10);
const SKIP = new Set((process.env.PROPERTY_SKIP ?? '').split(',').filter(Boolean));
const VERBOSE = process.env.PROPERTY_VERBOSE === '1';
/** The seed's fixed timestamp (every seeded row's updated_at). */
const SEED_TS = '2024-01-01T00:00:00Z';
/** Ids explicitly placed in the second key bucket (2^14 ids per bucket). */
const BUCKET_1 = 16_384;

function parseSeeds(text: string | undefined): number[] | null {
  if (!text) return null;
  const out: number[] = [];
  for (const part of text.split(',')) {
    const m = /^(\d+)-(\d+)$/.exec(part.trim());
    if (m) for (let s = Number(m[1]); s <= Number(m[2]); s++) out.push(s);
    else out.push(Number(part));
  }
  return out;
}

type Row = Record<string, unknown>;

interface Invalid {
  readonly table: SourceTableName;
  readonly id: number;
  readonly fix: Row;
  readonly what: string;
}

/** The mutable state of one seeded session: the source, the PRNG, and what later mutations need. */
interface World {
  readonly k: Knex;
  readonly rng: Prng;
  /** For unique values (codes, NIPs, IRIs). */
  counter: number;
  /** Table watermarks of the last run (late commits are placed a few hours before them). */
  watermarks: Record<string, string>;
  /** Rows made invalid, with the values that fix them. */
  invalid: Invalid[];
  /** Deleted rows (as jsonb text), for restores. */
  graveyard: { table: SourceTableName; id: number; json: string }[];
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

async function ids(k: Knex, table: SourceTableName): Promise<number[]> {
  return (await k(table).select('id').orderBy('id')).map((r: { id: string | number }) => Number(r.id));
}

/** A row as jsonb (dates as text, exact): for fixes and restores. */
async function readRow(k: Knex, table: SourceTableName, id: number): Promise<Row | undefined> {
  const { rows } = await k.raw<{ rows: { j: Row }[] }>(
    `select to_jsonb(t) as j from "${table}" t where id = ?`,
    [id],
  );
  return rows[0]?.j;
}

async function pickId(w: World, table: SourceTableName): Promise<number | null> {
  const all = await ids(w.k, table);
  return all.length === 0 ? null : w.rng.pick(all);
}

/** A timestamp a few hours (1–21 h, random ms) before the table's watermark: a late commit. */
function lateTimestamp(w: World, table: SourceTableName): string {
  const mark = w.watermarks[table] ?? SEED_TS;
  const t = Date.parse(`${mark.slice(0, 23).replace(' ', 'T')}Z`.replace(/ZZ$/, 'Z'));
  if (!Number.isFinite(t)) throw new Error(`cannot parse watermark ${mark}`);
  return new Date(t - 3_600_000 - w.rng.int(0, 20 * 3_600_000)).toISOString();
}

/** An old timestamp (2023): a backfill. */
function oldTimestamp(w: World): string {
  return new Date(
    Date.UTC(2023, w.rng.int(0, 10), w.rng.int(1, 28), w.rng.int(0, 23), w.rng.int(0, 59)),
  ).toISOString();
}

/** A valid PNS NIP and the matching record fields; the counter keeps it unique. */
function pnsEmployee(w: World): Row {
  const c = w.counter++;
  const by = 1965 + (c % 30);
  const bm = 1 + (c % 12);
  const bd = 1 + ((c * 5) % 28);
  const sex = w.rng.pick(['M', 'F'] as const);
  const ty = by + 21 + (c % 5);
  const tm = 1 + ((c * 7) % 12);
  return {
    nip: `${by}${pad2(bm)}${pad2(bd)}${ty}${pad2(tm)}${sex === 'M' ? 1 : 2}${String(c % 1000).padStart(3, '0')}`,
    full_name: `Pegawai ${c}`,
    sex,
    birth_date: `${by}-${pad2(bm)}-${pad2(bd)}`,
    employment_type: 'PNS',
    appointed_on: `${ty}-${pad2(tm)}-01`,
    education: w.rng.pick(EDUCATION_LEVELS),
  };
}

/** A new valid row for `table` (parents drawn from the source), or null when it has no parent to point at. */
async function newRow(w: World, table: SourceTableName): Promise<Row | null> {
  const { k, rng } = w;
  const one = async (t: SourceTableName) => pickId(w, t);
  const c = w.counter++;
  switch (table) {
    case 'agencies': {
      const parents = await ids(k, 'agencies');
      return {
        code: `AG-${c}`,
        name: `Dinas ${c}`,
        kind: rng.pick(['dinas', 'badan', 'kecamatan', 'kelurahan'] as const),
        // Often the newest agency: it may have arrived in this very batch (backfilled, say).
        parent_id:
          parents.length > 0 && rng.chance(0.7)
            ? rng.chance(0.4)
              ? Math.max(...parents)
              : rng.pick(parents)
            : null,
        valid_from: '2020-01-01',
      };
    }
    case 'employees':
      if (rng.chance(0.75)) return pnsEmployee(w);
      return {
        ni_pppk: `2${String(c).padStart(17, '0')}`,
        full_name: `PPPK ${c}`,
        sex: rng.pick(['M', 'F'] as const),
        birth_date: '1990-02-03',
        employment_type: 'PPPK',
        appointed_on: '2022-01-01',
      };
    case 'employee_assignments': {
      const e = await one('employees');
      const a = await one('agencies');
      if (e === null || a === null) return null;
      return {
        employee_id: e,
        agency_id: a,
        grade: rng.pick(GRADES),
        position_type: rng.pick(POSITION_TYPES),
        started_on: `20${10 + rng.int(0, 12)}-0${rng.int(1, 9)}-01`,
      };
    }
    case 'programs':
      return {
        code: `PRG-${c}`,
        title: `Program ${c}`,
        competency_area: rng.pick(['technical', 'soft_skills', 'regulation', 'it', 'leadership'] as const),
        method: rng.pick(['workshop', 'seminar', 'e_learning', 'classroom', 'coaching'] as const),
        jp: rng.int(1, 40),
      };
    case 'offerings': {
      const p = await one('programs');
      const a = await one('agencies');
      if (p === null || a === null) return null;
      const start = new Date(Date.UTC(2023, rng.int(0, 10), rng.int(1, 28)));
      return {
        program_id: p,
        organizer_agency_id: a,
        starts_on: isoDate(start),
        ends_on: isoDate(new Date(start.getTime() + rng.int(0, 20) * 86_400_000)),
        capacity: rng.int(5, 200),
        venue: rng.chance(0.5) ? `Aula ${c}` : null,
      };
    }
    case 'invitations': {
      const o = await one('offerings');
      const e = await one('employees');
      if (o === null || e === null) return null;
      const response = rng.pick(['accepted', 'declined', 'no_response'] as const);
      return {
        offering_id: o,
        employee_id: e,
        invited_at: '2023-01-10T00:00:00Z',
        response,
        decline_reason: response === 'declined' ? rng.pick(DECLINE_REASONS) : null,
        responded_at: response === 'no_response' ? null : '2023-01-12T00:00:00Z',
      };
    }
    case 'enrollments': {
      const offerings = await k('offerings').select('id', k.raw(`to_char(ends_on, 'YYYY-MM-DD') as ends`));
      const e = await one('employees');
      if (offerings.length === 0 || e === null) return null;
      const o = rng.pick(offerings) as { id: string; ends: string };
      const completed = rng.chance(0.6);
      return {
        offering_id: Number(o.id),
        employee_id: e,
        status: completed ? 'completed' : rng.pick(['dropped', 'no_show'] as const),
        jp_earned: completed ? rng.int(1, 30) : 0,
        completed_at: completed ? `${o.ends}T09:00:00Z` : null,
      };
    }
    case 'assessments': {
      const en = await one('enrollments');
      if (en === null) return null;
      return { enrollment_id: en, kind: rng.pick(['pre', 'post'] as const), score: rng.int(0, 100) };
    }
    case 'reactions': {
      const en = await one('enrollments');
      if (en === null) return null;
      return {
        enrollment_id: en,
        relevance: rng.int(1, 5),
        satisfaction: rng.int(1, 5),
        facilitator: rng.int(1, 5),
        intent_to_apply: rng.int(1, 5),
        comment: rng.chance(0.3) ? `komentar ${c}` : null,
      };
    }
    case 'appraisals': {
      const e = await one('employees');
      if (e === null) return null;
      return {
        employee_id: e,
        period: rng.int(2019, 2024),
        score: rng.int(50, 100),
        rating: rng.pick(APPRAISAL_RATINGS),
      };
    }
    case 'service_levels':
      return {
        service_type: `svc_${c}`,
        name: `Layanan ${c}`,
        agency_code: rng.chance(0.5) ? 'DISDUKCAPIL' : null,
        target_days: rng.int(1, 30),
      };
    case 'service_requests': {
      const a = await one('agencies');
      const types = (await k('service_levels').select('service_type')).map(
        (r: { service_type: string }) => r.service_type,
      );
      if (a === null || types.length === 0) return null;
      const handled = rng.chance(0.7) ? await one('employees') : null;
      const status = rng.pick(SERVICE_REQUEST_STATUSES);
      return {
        service_unit_agency_id: a,
        service_type: rng.pick(types),
        handled_by: handled,
        kelurahan_code: rng.chance(0.5) ? '62.71.01.1001' : null,
        submitted_at: '2023-07-01T01:00:00Z',
        completed_at: status === 'completed' ? `2023-07-${pad2(rng.int(1, 28))}T05:00:00Z` : null,
        status,
      };
    }
    case 'satisfaction_responses': {
      const a = await one('agencies');
      if (a === null) return null;
      const row: Row = { agency_id: a, service_type: 'ktp', surveyed_on: '2023-08-01' };
      for (let i = 1; i <= 9; i++) row[`u${i}`] = rng.int(1, 4);
      return row;
    }
    case 'program_costs': {
      const o = await one('offerings');
      if (o === null) return null;
      return { offering_id: o, category: rng.pick(COST_CATEGORIES), amount_idr: rng.int(1, 50) * 100_000 };
    }
    case 'training_budgets': {
      const a = await one('agencies');
      if (a === null) return null;
      return {
        agency_id: a,
        fiscal_year: 2000 + (c % 100),
        allocated_idr: rng.int(10, 100) * 1_000_000,
        realized_idr: rng.int(1, 10) * 1_000_000,
      };
    }
    case 'salary_scale': {
      const taken = new Set((await k('salary_scale').select('grade')).map((r: { grade: string }) => r.grade));
      const free = GRADES.filter((g) => !taken.has(g));
      if (free.length === 0) return null;
      return { grade: rng.pick(free), monthly_cost_idr: rng.int(3, 20) * 1_000_000 };
    }
    case 'lms_accounts': {
      const e = await one('employees');
      if (e === null) return null;
      return rng.chance(0.5)
        ? { employee_id: e, mbox: `mailto:user${c}@example.go.id` }
        : { employee_id: e, account_homepage: 'https://lms.example.go.id', account_name: `user${c}` };
    }
    case 'lms_activities': {
      const o = await one('offerings');
      if (o === null) return null;
      return { activity_iri: `https://lms.example.go.id/course/${c}`, offering_id: o };
    }
  }
}

/** A valid change of ordinary columns of row `id` of `table` (FK columns repointed at existing rows). */
async function ordinaryUpdate(w: World, table: SourceTableName, id: number): Promise<Row | null> {
  const { k, rng } = w;
  const c = w.counter++;
  switch (table) {
    case 'agencies':
      return rng.pick([
        { name: `Dinas Baru ${c}` },
        { kind: rng.pick(['dinas', 'badan', 'kecamatan'] as const) },
        { parent_id: rng.chance(0.2) ? null : await pickId(w, 'agencies') },
      ]);
    case 'employees':
      return rng.chance(0.5) ? { education: rng.pick(EDUCATION_LEVELS) } : { full_name: `Nama ${c}` };
    case 'employee_assignments':
      return rng.pick([
        { grade: rng.pick(GRADES) },
        { position_type: rng.pick(POSITION_TYPES) },
        { agency_id: await pickId(w, 'agencies') },
      ]);
    case 'programs':
      return rng.pick([{ title: `Judul ${c}` }, { jp: rng.int(1, 40) }, { provider: `BPSDM ${c}` }]);
    case 'offerings': {
      if (rng.chance(0.5) || SKIP.has('offeringMove')) {
        return rng.chance(0.5) ? { capacity: rng.int(1, 300) } : { venue: `Ruang ${c}` };
      }
      // Moves the offering: enrollments completed before its new start become invalid (a rule
      // that reads the parent's columns).
      const start = new Date(Date.UTC(2023, rng.int(0, 10), rng.int(1, 28)));
      return {
        starts_on: isoDate(start),
        ends_on: isoDate(new Date(start.getTime() + rng.int(0, 20) * 86_400_000)),
      };
    }
    case 'invitations': {
      const response = rng.pick(['accepted', 'declined', 'no_response'] as const);
      return { response, decline_reason: response === 'declined' ? rng.pick(DECLINE_REASONS) : null };
    }
    case 'enrollments': {
      if (rng.chance(0.5)) return { jp_earned: rng.int(0, 40) };
      const o = await k('enrollments as e')
        .join('offerings as o', 'o.id', 'e.offering_id')
        .where('e.id', id)
        .first(k.raw(`to_char(o.ends_on, 'YYYY-MM-DD') as ends`));
      if (o && rng.chance(0.5)) return { status: 'completed', completed_at: `${o.ends}T10:00:00Z` };
      return { status: rng.pick(['dropped', 'no_show'] as const), completed_at: null };
    }
    case 'assessments':
      return { score: rng.int(0, 100) };
    case 'reactions':
      return { relevance: rng.int(1, 5), comment: `ubah ${c}` };
    case 'appraisals':
      return rng.chance(0.5) ? { score: rng.int(0, 100) } : { rating: rng.pick(APPRAISAL_RATINGS) };
    case 'service_levels':
      return rng.chance(0.5) ? { name: `Layanan ${c}` } : { target_days: rng.int(1, 60) };
    case 'service_requests':
      return rng.pick([
        { status: 'cancelled', completed_at: null },
        { kelurahan_code: `62.71.0${rng.int(1, 5)}.100${rng.int(1, 9)}` },
        { handled_by: rng.chance(0.3) ? null : await pickId(w, 'employees') },
      ]);
    case 'satisfaction_responses':
      return { [`u${rng.int(1, 9)}`]: rng.int(1, 4) };
    case 'program_costs':
      return rng.chance(0.5)
        ? { amount_idr: rng.int(1, 90) * 100_000 }
        : { category: rng.pick(COST_CATEGORIES) };
    case 'training_budgets':
      return { realized_idr: rng.int(1, 90) * 1_000_000 };
    case 'salary_scale':
      return { monthly_cost_idr: rng.int(3, 20) * 1_000_000 };
    case 'lms_accounts':
      return rng.chance(0.5)
        ? { mbox: `mailto:renamed${c}@example.go.id` }
        : { account_homepage: 'https://lms.example.go.id', account_name: `renamed${c}` };
    case 'lms_activities':
      return rng.chance(0.5)
        ? { activity_iri: `https://lms.example.go.id/course/renamed-${c}` }
        : { offering_id: await pickId(w, 'offerings') };
  }
}

const FORMULA: readonly (readonly [SourceTableName, string])[] = [
  ['agencies', 'name'],
  ['programs', 'title'],
  ['programs', 'provider'],
  ['offerings', 'venue'],
  ['service_levels', 'name'],
  ['service_requests', 'kelurahan_code'],
  ['satisfaction_responses', 'service_type'],
  ['lms_activities', 'activity_iri'],
];
/** Numbers the source's CHECKs accept but the ETL's ranges refuse (OUT_OF_RANGE). */
const OUT_OF_RANGE: readonly (readonly [SourceTableName, string, number])[] = [
  ['programs', 'jp', 2000],
  ['offerings', 'capacity', 200_000],
  ['appraisals', 'period', 1999],
  ['service_levels', 'target_days', 400],
  ['enrollments', 'jp_earned', 1500],
  ['salary_scale', 'monthly_cost_idr', 2_000_000_000_000],
];

/**
 * A change that makes a row invalid in a way the source schema allows, with the values that fix it.
 */
async function invalidation(
  w: World,
): Promise<{ table: SourceTableName; id: number; change: Row; fix: Row; what: string } | null> {
  const { k, rng } = w;
  const kind = rng.int(0, 4);
  const withOld = async (table: SourceTableName, id: number, change: Row, what: string) => {
    const old = await readRow(k, table, id);
    if (!old) return null;
    const fix = Object.fromEntries(Object.keys(change).map((c) => [c, old[c] ?? null]));
    return { table, id, change, fix, what };
  };
  if (kind === 0) {
    // NIP_INCONSISTENT: the sex no longer matches the NIP's sex digit.
    const pns = (await k('employees')
      .where({ employment_type: 'PNS' })
      .select('id', 'sex')
      .orderBy('id')) as {
      id: string;
      sex: string;
    }[];
    if (pns.length === 0) return null;
    const e = rng.pick(pns);
    return withOld(
      'employees',
      Number(e.id),
      { sex: e.sex === 'M' ? 'F' : 'M' },
      'NIP inconsistent with sex',
    );
  }
  if (kind === 1) {
    // NIP_MALFORMED: 30 February (18 digits, so the schema's regex lets it through).
    const id = await pickIdWhere(w, 'employees', { employment_type: 'PNS' });
    if (id === null) return null;
    const c = w.counter++;
    const nip = `198002302005031${String(c % 1000).padStart(3, '0')}`;
    return withOld('employees', id, { nip }, 'NIP malformed (30 Feb)');
  }
  if (kind === 2) {
    const [table, column] = rng.pick(FORMULA.filter(([t]) => !SKIP.has(`formula:${t}`)));
    const id = await pickId(w, table);
    if (id === null) return null;
    return withOld(table, id, { [column]: `=cmd|' /C calc'!A${w.counter++}` }, `formula in ${column}`);
  }
  if (kind === 3) {
    const [table, column, value] = rng.pick(OUT_OF_RANGE);
    const id = await pickId(w, table);
    if (id === null) return null;
    return withOld(table, id, { [column]: value }, `${column} out of range`);
  }
  // DATES_OUT_OF_ORDER: completed before its offering starts (a rule across two tables).
  const en = await pickId(w, 'enrollments');
  if (en === null) return null;
  return withOld(
    'enrollments',
    en,
    {
      status: 'completed',
      completed_at: '2019-01-01T00:00:00Z',
    },
    'enrollment completed before its offering',
  );
}

async function pickIdWhere(w: World, table: SourceTableName, where: Row): Promise<number | null> {
  const all = (await w.k(table).where(where).select('id').orderBy('id')).map((r: { id: string }) =>
    Number(r.id),
  );
  return all.length === 0 ? null : w.rng.pick(all);
}

/** Tables a row of another table points at (deleting one with FKs off leaves orphans). */
const PARENTS: readonly SourceTableName[] = [
  'agencies',
  'employees',
  'programs',
  'offerings',
  'enrollments',
  'service_levels',
];

/** Tables drawn more often than the others (default 1): the parents, where changes ripple. */
const TABLE_WEIGHTS: Partial<Record<SourceTableName, number>> = {
  agencies: 3,
  employees: 2,
  offerings: 2,
  enrollments: 2,
};

const KINDS = {
  update: 6,
  lateUpdate: 2,
  oldRewrite: 1,
  insert: 3,
  backfill: 2,
  lateInsert: 1,
  delete: 2,
  fkOffDelete: 2,
  rekeyFkOff: 0.5,
  invalidate: 2,
  fix: 2,
  restore: 1,
} as const;
type Kind = keyof typeof KINDS;

/**
 * Writes `change` to row `id`: normally (the trigger bumps updated_at), or with the trigger off and
 * an explicit updated_at: a few hours before the watermark (`true`, a late commit) or the one given.
 */
async function write(
  w: World,
  table: SourceTableName,
  id: number,
  change: Row,
  late: boolean | string,
): Promise<string> {
  if (late === false) {
    const n = await w.k(table).where({ id }).update(change);
    return n === 0 ? 'no such row' : 'ok';
  }
  const ts = late === true ? lateTimestamp(w, table) : late;
  await w.k.raw(`alter table "${table}" disable trigger user`);
  try {
    const n = await w
      .k(table)
      .where({ id })
      .update({ ...change, updated_at: ts });
    return n === 0 ? 'no such row' : `ok, updated_at ${ts}`;
  } finally {
    await w.k.raw(`alter table "${table}" enable trigger user`);
  }
}

async function insert(w: World, table: SourceTableName, row: Row): Promise<string> {
  const [r] = await w.k(table).insert(row).returning('id');
  return `ok, id ${Number((r as { id: string }).id)}`;
}

/** One random mutation; returns what it did (a refused one says why: the batch goes on). */
async function mutate(w: World): Promise<string> {
  const { k, rng } = w;
  const kinds = (Object.keys(KINDS) as Kind[]).filter((x) => !SKIP.has(x));
  const kind = kinds[rng.weighted(kinds.map((x) => KINDS[x]))] as Kind;
  const table = SOURCE_TABLES[
    rng.weighted(SOURCE_TABLES.map((t) => TABLE_WEIGHTS[t] ?? 1))
  ] as SourceTableName;
  const say = (what: string) => `${kind} ${what}`;
  try {
    switch (kind) {
      case 'update':
      case 'lateUpdate':
      case 'oldRewrite': {
        const id = await pickId(w, table);
        if (id === null) return say(`${table}: no rows`);
        const change = await ordinaryUpdate(w, table, id);
        if (!change) return say(`${table}#${id}: nothing to change`);
        // A restore with the trigger off: an existing row rewritten with an updated_at long past.
        if (kind === 'oldRewrite')
          return say(
            `${table}#${id} ${JSON.stringify(change)}: ${await write(w, table, id, change, oldTimestamp(w))}`,
          );
        return say(
          `${table}#${id} ${JSON.stringify(change)}: ${await write(w, table, id, change, kind === 'lateUpdate')}`,
        );
      }
      case 'insert':
      case 'backfill':
      case 'lateInsert': {
        const row = await newRow(w, table);
        if (!row) return say(`${table}: no parent`);
        if (kind === 'backfill') {
          row.updated_at = oldTimestamp(w);
          if (rng.chance(0.3)) row.id = BUCKET_1 + w.counter++;
        }
        if (kind === 'lateInsert') row.updated_at = lateTimestamp(w, table);
        return say(`${table} ${JSON.stringify(row)}: ${await insert(w, table, row)}`);
      }
      case 'delete': {
        const id = await pickId(w, table);
        if (id === null) return say(`${table}: no rows`);
        const json = await readRow(k, table, id);
        await k(table).where({ id }).del();
        w.graveyard.push({ table, id, json: JSON.stringify(json) });
        return say(`${table}#${id}: ok`);
      }
      case 'fkOffDelete': {
        const parents = PARENTS.filter((p) => !SKIP.has(`fkOffDelete:${p}`));
        const parent = rng.pick(parents.length > 0 ? parents : PARENTS);
        const id = await pickId(w, parent);
        if (id === null) return say(`${parent}: no rows`);
        const json = await readRow(k, parent, id);
        await k.transaction(async (trx) => {
          await trx.raw('set local session_replication_role = replica');
          await trx(parent).where({ id }).del();
        });
        w.graveyard.push({ table: parent, id, json: JSON.stringify(json) });
        return say(`${parent}#${id} (FKs off, children stay): ok`);
      }
      case 'rekeyFkOff': {
        // A service level's service_type (the key service_requests point at) changes with FKs off.
        const id = await pickId(w, 'service_levels');
        if (id === null) return say('service_levels: no rows');
        const service_type = `svc_rekeyed_${w.counter++}`;
        await k.transaction(async (trx) => {
          await trx.raw('set local session_replication_role = replica');
          // Replica mode fires no user trigger either: the change stamps updated_at itself.
          await trx('service_levels').where({ id }).update({ service_type, updated_at: trx.fn.now() });
        });
        return say(`service_levels#${id} service_type → ${service_type} (FKs off): ok`);
      }
      case 'invalidate': {
        const inv = await invalidation(w);
        if (!inv) return say('nothing to invalidate');
        const late = rng.chance(0.3);
        const result = await write(w, inv.table, inv.id, inv.change, late);
        if (result !== 'no such row')
          w.invalid.push({ table: inv.table, id: inv.id, fix: inv.fix, what: inv.what });
        return say(
          `${inv.what}: ${inv.table}#${inv.id} ${JSON.stringify(inv.change)}${late ? ' (late)' : ''}: ${result}`,
        );
      }
      case 'fix': {
        if (w.invalid.length === 0) return say('nothing to fix');
        const i = rng.int(0, w.invalid.length - 1);
        const inv = w.invalid[i] as Invalid;
        w.invalid.splice(i, 1);
        const late = rng.chance(0.3);
        return say(
          `${inv.what}: ${inv.table}#${inv.id} ${JSON.stringify(inv.fix)}${late ? ' (late)' : ''}: ${await write(w, inv.table, inv.id, inv.fix, late)}`,
        );
      }
      case 'restore': {
        if (w.graveyard.length === 0) return say('nothing deleted');
        const i = rng.int(0, w.graveyard.length - 1);
        const g = w.graveyard[i] as (typeof w.graveyard)[number];
        w.graveyard.splice(i, 1);
        await k.raw(
          `insert into "${g.table}" select * from jsonb_populate_record(null::"${g.table}", ?::jsonb || jsonb_build_object('updated_at', now()))`,
          [g.json],
        );
        return say(`${g.table}#${g.id}: ok`);
      }
    }
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return say(
      `${table}: refused (${e.code ?? ''} ${(e.message ?? String(error)).split('\n')[0]?.slice(-120)})`,
    );
  }
}

/** A slightly bigger deterministic world than seedSource: a few more rows per table (updated_at = the seed's). */
async function growWorld(w: World): Promise<void> {
  // Every table has an entry (the typecheck fails until a new one does), created parents first.
  const plan: Record<SourceTableName, number> = {
    agencies: 4,
    employees: 5,
    employee_assignments: 5,
    programs: 1,
    offerings: 3,
    invitations: 4,
    enrollments: 5,
    assessments: 4,
    reactions: 2,
    appraisals: 3,
    service_levels: 2,
    service_requests: 6,
    satisfaction_responses: 2,
    program_costs: 2,
    training_budgets: 1,
    salary_scale: 1,
    lms_accounts: 2,
    lms_activities: 2,
  };
  for (const table of SOURCE_TABLES) {
    for (let i = 0; i < plan[table]; i++) {
      const row = await newRow(w, table);
      if (!row) continue;
      try {
        await w.k(table).insert({ ...row, updated_at: SEED_TS });
      } catch (error) {
        // A unique pair drawn twice: skip it (deterministic all the same). Anything else is a bug here.
        if ((error as { code?: string }).code !== '23505') throw error;
      }
    }
  }
}

/**
 * A late commit for real: a transaction changes a row (its `now()` taken here), another row of the
 * same table then changes and commits (so the watermark passes the first one's `updated_at`), and
 * the first transaction is left open for the caller to commit after an incremental run. Without
 * `open` (PGlite) the same change simply commits. Rows differ, and no DDL runs meanwhile: nothing
 * waits on the open transaction's locks.
 */
async function openOverlap(w: World, open: boolean): Promise<{ trx: Knex.Transaction | null; note: string }> {
  const table = SOURCE_TABLES[
    w.rng.weighted(SOURCE_TABLES.map((t) => TABLE_WEIGHTS[t] ?? 1))
  ] as SourceTableName;
  const all = await ids(w.k, table);
  if (all.length < 2) return { trx: null, note: `overlap ${table}: fewer than two rows` };
  const [id, other] = w.rng.sample(all, 2) as [number, number];
  const change = await ordinaryUpdate(w, table, id);
  const later = await ordinaryUpdate(w, table, other);
  if (!change || !later) return { trx: null, note: `overlap ${table}: nothing to change` };
  const trx = open ? await w.k.transaction() : null;
  try {
    await (trx ?? w.k)(table).where({ id }).update(change);
    await new Promise((r) => setTimeout(r, 5));
    await w.k(table).where({ id: other }).update(later);
  } catch (error) {
    await trx?.rollback().catch(() => undefined);
    return { trx: null, note: `overlap ${table}: refused (${String((error as Error).message).slice(-100)})` };
  }
  return {
    trx,
    note: `overlap ${table}#${id} ${JSON.stringify(change)}${trx ? ' (open across an incremental run, committed after it)' : ''}, then ${table}#${other} ${JSON.stringify(later)}`,
  };
}

/** table:id:reason of every row a run quarantined, sorted. */
async function keyedQuarantine(dir: string, runId: string): Promise<string[]> {
  const { rows, total } = await listQuarantine(dir, { runId, limit: 1000 });
  if (total > rows.length) throw new Error(`more than ${rows.length} quarantined rows`);
  return rows.map((r) => `${r.table}:${(JSON.parse(r.raw) as { id: unknown }).id}:${r.reason}`).sort();
}

/** Multiset difference a − b. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = counts.get(x) ?? 0;
    if (n > 0) counts.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

/** One seed's session on an open source, which it empties first (a fresh schema, migrated). */
async function session(conn: SourceConnection, target: string, seed: number): Promise<void> {
  const t0 = performance.now();
  await conn.knex.raw('drop schema public cascade; create schema public');
  const dir = await mkdtemp(join(tmpdir(), `etl-prop-${seed}-`));
  const run = (warehouseDir: string, mode?: 'full') =>
    runEtl({
      env: readEnv({ WAREHOUSE_DIR: warehouseDir, PSEUDONYM_KEY: KEY }),
      sources: ['postgres'],
      connection: conn,
      steps: noMarts,
      threads: 2,
      ...(mode ? { mode } : {}),
    });
  const history: string[] = [];
  try {
    await migrateSource(conn.knex);
    await seedSource(conn.knex);
    const w: World = {
      k: conn.knex,
      rng: new Prng(seed, 'incremental-property'),
      counter: 100,
      watermarks: {},
      invalid: [],
      graveyard: [],
    };
    await growWorld(w);
    const first = await run(dir);
    expect(first.mode).toBe('full');
    // Every source table starts with rows in stg: equal empty tables would prove nothing. (The
    // drops' and xAPI's own stg tables stay empty: this run reads PostgreSQL only.)
    const loaded = await stgContent(dir);
    const empty = SOURCE_TABLES.filter((table) => (loaded[table]?.length ?? 0) === 0);
    expect(empty, `seed ${seed}: stg tables empty after the first run`).toEqual([]);
    w.watermarks = { ...first.record.watermarks };
    if (VERBOSE) {
      console.log(
        `seed ${seed} setup: fresh source, seed and first full run ${Math.round(performance.now() - t0)} ms`,
      );
    }

    for (let step = 1; step <= STEPS; step++) {
      const started = performance.now();
      const batch = w.rng.int(0, 5);
      for (let i = 0; i < batch; i++) history.push(`[${step}] ${await mutate(w)}`);
      if (batch === 0) history.push(`[${step}] (no change)`);
      if (VERBOSE)
        console.log(`seed ${seed} ${target}\n${history.filter((h) => h.startsWith(`[${step}]`)).join('\n')}`);
      const where = `seed ${seed}, step ${step} (${target})`;
      // Sometimes a transaction stays open across an incremental run and commits after it (on a
      // real server; PGlite runs one transaction at a time, so there it just commits first).
      const overlap = w.rng.chance(0.25) ? await openOverlap(w, target === 'postgres') : null;
      if (overlap) history.push(`[${step}] ${overlap.note}`);
      let inc: Awaited<ReturnType<typeof run>>;
      try {
        if (overlap?.trx) {
          const during = await run(dir);
          w.watermarks = { ...during.record.watermarks };
          await overlap.trx.commit();
        }
        inc = await run(dir);
      } catch (error) {
        await overlap?.trx?.rollback().catch(() => undefined);
        throw new Error(
          `${where}: the incremental run failed: ${(error as Error).message}\n${history.join('\n')}`,
        );
      }
      expect(inc.mode).toBe('incremental');
      w.watermarks = { ...inc.record.watermarks };
      const fullDir = await mkdtemp(join(tmpdir(), `etl-prop-full-${seed}-`));
      try {
        const full = await run(fullDir, 'full');
        const [a, b] = [await stgContent(dir), await stgContent(fullDir)];
        const [qa, qb] = [await keyedQuarantine(dir, inc.runId), await keyedQuarantine(fullDir, full.runId)];
        const problems: string[] = [];
        for (const table of Object.keys(b)) {
          const onlyInc = minus(a[table] ?? [], b[table] ?? []);
          const onlyFull = minus(b[table] ?? [], a[table] ?? []);
          if (onlyInc.length + onlyFull.length === 0) continue;
          problems.push(`stg.${table}:`);
          for (const r of onlyInc) problems.push(`  incremental only: ${r}`);
          for (const r of onlyFull) problems.push(`  full only:        ${r}`);
        }
        const qInc = minus(qa, qb);
        const qFull = minus(qb, qa);
        if (qInc.length + qFull.length > 0) {
          problems.push('quarantine (table:id:reason):');
          for (const q of qInc) problems.push(`  incremental only: ${q}`);
          for (const q of qFull) problems.push(`  full only:        ${q}`);
        }
        if (problems.length > 0) {
          const report = `${where}: incremental ≠ full\n${problems.join('\n')}\nmutations so far:\n${history.join('\n')}`;
          console.error(report);
        }
        // The contract: no differing stg row, no differing quarantine key (see the report above).
        expect(problems.join('\n'), `${where}: incremental ≠ full`).toBe('');
      } finally {
        await rm(fullDir, { recursive: true, force: true });
      }
      if (VERBOSE) console.log(`seed ${seed} step ${step}: ${Math.round(performance.now() - started)} ms`);
    }
    // The source really changed: most mutations applied (a refused one says why in the history).
    const applied = history.filter((h) => /: ok\b/.test(h)).length;
    const tried = history.filter((h) => !h.endsWith('(no change)')).length;
    if (STEPS > 0)
      expect(applied, `seed ${seed}: mutations applied of ${tried}\n${history.join('\n')}`).toBeGreaterThan(
        tried / 2,
      );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const ONLY = new Set((process.env.PROPERTY_TARGETS ?? '').split(',').filter(Boolean));
for (const target of sourceTargets().filter((t) => ONLY.size === 0 || ONLY.has(t.name))) {
  describe(`incremental = full under random source changes (${target.name})`, () => {
    let conn: SourceConnection;
    beforeAll(async () => {
      conn = await target.open();
    });
    afterAll(async () => {
      await conn?.close();
    });
    // A seed draws the same mutations on either target: the real server replays seed 2, PGlite the
    // others (it ran seed 2 too until CI on a slow two-core machine came to 28 of its 30 minutes;
    // seed 2 took 51 s there on PGlite, 41 s on the server). PROPERTY_SEEDS sets both.
    const seeds = process.env.PROPERTY_SEEDS
      ? SEEDS
      : target.name === 'pglite'
        ? SEEDS.filter((s) => s !== 2)
        : SEEDS.filter((s) => s === 2);
    for (const seed of seeds) {
      it(
        `seed ${seed}: ${STEPS} random steps`,
        () => session(conn, target.name, seed),
        30_000 + STEPS * 15_000,
      );
    }
  });
}
