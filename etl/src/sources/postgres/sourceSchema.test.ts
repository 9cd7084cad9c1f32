import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRunRecords, readCurrent } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureHint } from '../../cli/failure-hint.ts';
import { readEnv } from '../../env.ts';
import { runEtl } from '../../run/runEtl.ts';
import { seedSource } from '../../run/testing/seedSource.ts';
import { withLiveSnapshot } from '../../run/testing/warehouseContent.ts';
import type { SourceConnection } from '../../source/connect.ts';
import { migrateSource } from '../../source/migrate.ts';
import {
  type ColumnType,
  SOURCE_TABLES,
  type SourceTableName,
  tableSpec,
} from '../../source-schema/catalog.ts';
import { sourceTargets } from '../../testing/source-targets.ts';
import {
  assertSourceSchema,
  closeName,
  type SourceColumnRow,
  SourceNotATableError,
  SourceSchemaError,
} from './sourceSchema.ts';

/** What the source migrations create for each catalog type: [format_type, typname, typcategory]. */
const PG: Record<ColumnType, [string, string, string]> = {
  int: ['integer', 'int4', 'N'],
  bigint: ['bigint', 'int8', 'N'],
  numeric: ['numeric(15,0)', 'numeric', 'N'],
  text: ['text', 'text', 'S'],
  date: ['date', 'date', 'D'],
  timestamptz: ['timestamp with time zone', 'timestamptz', 'D'],
  boolean: ['boolean', 'bool', 'B'],
};

/** The catalog as `SOURCE_SCHEMA_SQL` reads a freshly migrated source, with `change` applied. */
function catalogRows(
  change: (table: SourceTableName, row: SourceColumnRow) => SourceColumnRow | null = (_t, r) => r,
): SourceColumnRow[] {
  return SOURCE_TABLES.flatMap((table) =>
    tableSpec(table).columns.flatMap((c) => {
      const [type, base, category] = PG[c.type];
      const row = change(table, { table, relkind: 'r', column: c.name, type, base, category });
      return row ? [row] : [];
    }),
  );
}
const full = () => false;
const incremental = () => true;
const thrown = (fn: () => void): (Error & { code?: string }) | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return error as Error & { code?: string };
  }
};
const retype = (
  table: SourceTableName,
  column: string,
  type: string,
  base: string,
  category: string,
): ((t: SourceTableName, r: SourceColumnRow) => SourceColumnRow) => {
  return (t, r) => (t === table && r.column === column ? { ...r, type, base, category } : r);
};

describe('the source schema check (catalog rows)', () => {
  it('passes the migrated schema, in full and incremental runs', () => {
    expect(thrown(() => assertSourceSchema(catalogRows(), SOURCE_TABLES, incremental))).toBeNull();
  });

  it('passes widenings, enums, domains over text, extra columns and a missing never-read column', () => {
    const rows = catalogRows((t, r) => {
      if (t === 'offerings' && r.column === 'capacity') return { ...r, type: 'smallint', base: 'int2' };
      if (t === 'appraisals' && r.column === 'period') return { ...r, type: 'bigint', base: 'int8' };
      if (t === 'programs' && r.column === 'jp') return { ...r, type: 'numeric(10,3)' };
      if (t === 'programs' && r.column === 'title')
        return { ...r, type: 'character varying(300)', base: 'varchar' };
      if (t === 'enrollments' && r.column === 'status')
        return { ...r, type: 'enrollment_status', base: 'enrollment_status', category: 'E' };
      if (t === 'enrollments' && r.column === 'completed_at')
        return { ...r, type: 'timestamp(3) with time zone' };
      if (t === 'employees' && r.column === 'full_name') return null; // never read
      return r;
    });
    rows.push({
      table: 'programs',
      relkind: 'r',
      column: 'notes',
      type: 'text',
      base: 'text',
      category: 'S',
    });
    expect(thrown(() => assertSourceSchema(rows, SOURCE_TABLES, incremental))).toBeNull();
  });

  it('passes text where a number or date is expected (its values are checked row by row: BAD_TYPE)', () => {
    const rows = catalogRows(retype('service_levels', 'target_days', 'text', 'text', 'S'));
    const dates = rows.map((r) =>
      r.table === 'agencies' && r.column === 'valid_from'
        ? { ...r, type: 'text', base: 'text', category: 'S' }
        : r,
    );
    expect(thrown(() => assertSourceSchema(dates, SOURCE_TABLES, incremental))).toBeNull();
  });

  it('names a missing column, its table, a close new name and what to do', () => {
    const rows = catalogRows((t, r) =>
      t === 'programs' && r.column === 'provider' ? { ...r, column: 'provider_name' } : r,
    );
    const error = thrown(() => assertSourceSchema(rows, SOURCE_TABLES, full));
    expect(error).toBeInstanceOf(SourceSchemaError);
    expect(error?.code).toBe('SOURCE_SCHEMA_CHANGED');
    expect(error?.message).toMatch(
      /programs has no column provider \(found provider_name\?\): restore the column/,
    );
    expect(error?.message).toMatch(/map it in the catalog/);
  });

  it('lists every problem at once, and suggests no name when none is close', () => {
    const rows = catalogRows((t, r) => {
      if (t === 'programs' && r.column === 'provider') return null;
      if (t === 'agencies' && r.column === 'kind') return { ...r, column: 'knd' };
      return r;
    });
    const error = thrown(() => assertSourceSchema(rows, SOURCE_TABLES, full));
    expect(error?.message).toMatch(/agencies has no column kind \(found knd\?\)/);
    expect(error?.message).toMatch(/programs has no column provider: /);
  });

  it('refuses a timestamp without time zone (or a date) where the catalog has timestamptz', () => {
    const error = thrown(() =>
      assertSourceSchema(
        catalogRows(retype('enrollments', 'completed_at', 'timestamp without time zone', 'timestamp', 'D')),
        SOURCE_TABLES,
        full,
      ),
    );
    expect(error?.code).toBe('SOURCE_SCHEMA_CHANGED');
    expect(error?.message).toMatch(
      /enrollments\.completed_at is timestamp without time zone, the catalog expects timestamp with time zone: its values carry no time zone and would be read as UTC/,
    );
    expect(error?.message).toMatch(
      /ALTER TABLE enrollments ALTER COLUMN completed_at TYPE timestamptz USING/,
    );
    for (const [type, base, category] of [
      ['date', 'date', 'D'],
      ['text', 'text', 'S'],
    ] as const) {
      const e = thrown(() =>
        assertSourceSchema(
          catalogRows(retype('invitations', 'invited_at', type, base, category)),
          SOURCE_TABLES,
          full,
        ),
      );
      expect(e?.message, type).toMatch(
        new RegExp(`invitations\\.invited_at is ${type}, the catalog expects timestamp with time zone`),
      );
    }
  });

  it('refuses a timestamp where a date is expected, a non-number where a number is, and a non-integer id', () => {
    const cases: [SourceTableName, string, string, string, string, RegExp][] = [
      [
        'agencies',
        'valid_from',
        'timestamp with time zone',
        'timestamptz',
        'D',
        /the catalog expects date \(the date of a timestamp depends on the zone/,
      ],
      [
        'offerings',
        'capacity',
        'date',
        'date',
        'D',
        /the catalog expects an integer: no value of it is a number/,
      ],
      ['programs', 'jp', 'boolean', 'bool', 'B', /the catalog expects numeric: no value of it is a number/],
      [
        'programs',
        'id',
        'numeric',
        'numeric',
        'N',
        /programs\.id is numeric, the catalog expects bigint: ids must be integers/,
      ],
    ];
    for (const [table, column, type, base, category, message] of cases) {
      const e = thrown(() =>
        assertSourceSchema(catalogRows(retype(table, column, type, base, category)), SOURCE_TABLES, full),
      );
      expect(e?.code, `${table}.${column}`).toBe('SOURCE_SCHEMA_CHANGED');
      expect(e?.message, `${table}.${column}`).toMatch(message);
    }
  });

  it('refuses a view only where the extract reads xmin; a partitioned table passes', () => {
    const kind = (table: SourceTableName, relkind: string) =>
      catalogRows((t, r) => (t === table ? { ...r, relkind } : r));
    const error = thrown(() =>
      assertSourceSchema(kind('program_costs', 'v'), SOURCE_TABLES, (t) => t === 'program_costs'),
    );
    expect(error).toBeInstanceOf(SourceNotATableError);
    expect(error?.code).toBe('SOURCE_NOT_A_TABLE');
    expect(error?.message).toMatch(
      /^program_costs is a view, not a table: a view .*cannot be read incrementally/,
    );
    expect(error?.message).toMatch(/point the source at the table again.*--full/i);
    expect(thrown(() => assertSourceSchema(kind('program_costs', 'v'), SOURCE_TABLES, full))).toBeNull();
    expect(
      thrown(() =>
        assertSourceSchema(kind('program_costs', 'v'), SOURCE_TABLES, (t) => t !== 'program_costs'),
      ),
    ).toBeNull();
    expect(
      thrown(() => assertSourceSchema(kind('service_requests', 'p'), SOURCE_TABLES, incremental)),
    ).toBeNull();
    expect(
      thrown(() => assertSourceSchema(kind('lms_accounts', 'm'), SOURCE_TABLES, incremental))?.message,
    ).toMatch(/lms_accounts is a materialized view, not a table/);
  });

  it('leaves a missing table to its COPY (42P01, which has its hint)', () => {
    const rows = catalogRows().filter((r) => r.table !== 'salary_scale');
    expect(thrown(() => assertSourceSchema(rows, SOURCE_TABLES, incremental))).toBeNull();
  });

  it('has a hint for each new code, and for a column the source lacks (42703) as a fallback', () => {
    expect(failureHint('SOURCE_SCHEMA_CHANGED')).toMatch(/Undo the change at the source .*npm run migrate/);
    expect(failureHint('SOURCE_NOT_A_TABLE')).toMatch(
      /Make that source relation a table again, or run `npm run etl -- --full`/,
    );
    expect(failureHint('42703')).toMatch(/source lacks a column the ETL reads: its schema changed/);
  });

  it('suggests a close column name only when there is one', () => {
    expect(closeName('provider', ['provider_name', 'notes'])).toBe('provider_name');
    expect(closeName('completed_at', ['completd_at'])).toBe('completd_at');
    expect(closeName('provider', ['notes', 'x'])).toBeNull();
    expect(closeName('jp', [])).toBeNull();
  });
});

/**
 * The check against a real schema change, through `runEtl`: PGlite (the embedded source) and a real
 * PostgreSQL server. Each change fails the run before any COPY (a renamed column would otherwise
 * fail the COPY with 42703) and leaves the live snapshot as it was.
 */
for (const target of sourceTargets()) {
  describe(`source schema changes (${target.name})`, () => {
    let conn: SourceConnection;
    let dir: string;
    const run = (mode?: 'full' | 'incremental') =>
      runEtl({
        env: readEnv({ WAREHOUSE_DIR: dir, PSEUDONYM_KEY: 'test-key-0123456789' }),
        sources: ['postgres'],
        connection: conn,
        steps: { buildMarts: async () => undefined, runDataTests: async () => [] },
        ...(mode ? { mode } : {}),
      });
    /** Runs and expects a failure before publishing: the error, with the live snapshot unchanged. */
    const refused = async (mode: 'full' | 'incremental') => {
      const before = await readCurrent(dir);
      const error = (await run(mode).then(
        () => null,
        (e: unknown) => e,
      )) as (Error & { code?: string }) | null;
      expect(error).not.toBeNull();
      expect((await readCurrent(dir))?.id).toBe(before?.id);
      const [last] = (await listRunRecords(dir)).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      expect(last?.status).toBe('failed');
      expect(last?.error).toContain(error?.message.slice(0, 40));
      return error as Error & { code?: string };
    };
    const completedAt = () =>
      withLiveSnapshot(
        dir,
        async (db) =>
          (
            await db.all<{ t: string }>(`select completed_at::varchar as t from stg.enrollments where id = 1`)
          )[0]?.t,
      );

    beforeAll(async () => {
      conn = await target.open();
      await migrateSource(conn.knex);
      await seedSource(conn.knex);
      dir = await mkdtemp(join(tmpdir(), 'etl-source-schema-'));
      expect((await run()).mode).toBe('full');
    });
    afterAll(async () => {
      await conn?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('a renamed column fails the run naming the table, the column and its new name', async () => {
      await conn.knex.raw('ALTER TABLE programs RENAME COLUMN provider TO provider_name');
      try {
        for (const mode of ['incremental', 'full'] as const) {
          const error = await refused(mode);
          expect(error.code, mode).toBe('SOURCE_SCHEMA_CHANGED');
          expect(error.message, mode).toMatch(
            /^the source schema changed: programs has no column provider \(found provider_name\?\): restore the column/,
          );
        }
      } finally {
        await conn.knex.raw('ALTER TABLE programs RENAME COLUMN provider_name TO provider');
      }
      expect((await run()).mode).toBe('incremental');
    });

    it('timestamptz changed to timestamp fails the run; converted back, the times are as before', async () => {
      const before = await completedAt();
      expect(before).toMatch(/^2023-03-03 09:00:00/);
      await conn.knex.transaction(async (trx) => {
        await trx.raw(`SET LOCAL timezone = 'Asia/Jakarta'`);
        await trx.raw('ALTER TABLE enrollments ALTER COLUMN completed_at TYPE timestamp');
      });
      for (const mode of ['incremental', 'full'] as const) {
        const error = await refused(mode);
        expect(error.code, mode).toBe('SOURCE_SCHEMA_CHANGED');
        expect(error.message, mode).toMatch(
          /enrollments\.completed_at is timestamp without time zone, the catalog expects timestamp with time zone: its values carry no time zone and would be read as UTC/,
        );
      }
      // The fix the message gives restores the instants exactly.
      await conn.knex.raw(
        `ALTER TABLE enrollments ALTER COLUMN completed_at TYPE timestamptz USING completed_at AT TIME ZONE 'Asia/Jakarta'`,
      );
      expect((await run()).mode).toBe('incremental');
      expect(await completedAt()).toBe(before);
    });

    it('a view in place of a table fails incremental runs naming it; --full still works', async () => {
      await conn.knex.raw('ALTER TABLE program_costs RENAME TO program_costs_old');
      await conn.knex.raw('CREATE VIEW program_costs AS SELECT * FROM program_costs_old');
      try {
        const error = await refused('incremental');
        expect(error.code).toBe('SOURCE_NOT_A_TABLE');
        expect(error.message).toMatch(
          /^program_costs is a view, not a table: a view .*cannot be read incrementally/,
        );
        const result = await run('full');
        expect(result.mode).toBe('full');
        expect(result.tables.find((t) => t.table === 'program_costs')?.read).toBeGreaterThan(0);
        expect((await refused('incremental')).code).toBe('SOURCE_NOT_A_TABLE');
      } finally {
        await conn.knex.raw('DROP VIEW program_costs');
        await conn.knex.raw('ALTER TABLE program_costs_old RENAME TO program_costs');
      }
      expect((await run()).mode).toBe('incremental');
    });

    it('harmless widenings and extra columns pass; text in a numeric column is quarantined row by row', async () => {
      const k = conn.knex;
      await k.raw('ALTER TABLE offerings ALTER COLUMN capacity TYPE bigint');
      await k.raw('ALTER TABLE appraisals ALTER COLUMN period TYPE smallint');
      await k.raw('ALTER TABLE programs ALTER COLUMN jp TYPE numeric(8,2)');
      await k.raw('ALTER TABLE programs ALTER COLUMN title TYPE varchar(300)');
      await k.raw('ALTER TABLE programs ADD COLUMN notes text');
      await k.raw('ALTER TABLE service_levels DROP CONSTRAINT service_levels_check_1');
      await k.raw('ALTER TABLE service_levels ALTER COLUMN target_days TYPE text');
      await k('service_levels').insert({ id: 9, service_type: 'kk', name: 'KK', target_days: 'tujuh' });
      const result = await run('incremental');
      expect(result.mode).toBe('incremental');
      const levels = result.tables.find((t) => t.table === 'service_levels');
      expect(levels?.quarantined).toBe(1);
      const quarantined = (
        await readFile(join(dir, 'quarantine', result.runId, 'service_levels.ndjson'), 'utf8')
      )
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { reason: string; detail: string });
      expect(quarantined.map((q) => q.reason)).toEqual(['BAD_TYPE']);
      expect(quarantined[0]?.detail).toMatch(/target_days=tujuh/);
    });
  });
}
