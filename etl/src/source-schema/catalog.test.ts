import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConnection } from '../source/connect.ts';
import { migrateSource, rollbackSource } from '../source/migrate.ts';
import { sourceTargets } from '../testing/source-targets.ts';
import { CATALOG } from './catalog.ts';

const PG_TYPES: Record<string, string> = {
  bigint: 'bigint',
  int: 'integer|smallint',
  numeric: 'numeric',
  text: 'text',
  date: 'date',
  timestamptz: 'timestamp with time zone',
  boolean: 'boolean',
};

describe.each(sourceTargets())('source schema on $name', (target) => {
  let conn: SourceConnection;
  beforeAll(async () => {
    conn = await target.open();
    await migrateSource(conn.knex);
  });
  afterAll(async () => conn?.close());

  it('creates every catalog table with the catalog columns, types and nullability', async () => {
    const { rows } = await conn.knex.raw(
      `select table_name, column_name, data_type, is_nullable
         from information_schema.columns where table_schema = 'public' and table_name <> 'knex_migrations'
          and table_name <> 'knex_migrations_lock'
        order by table_name, ordinal_position`,
    );
    const actual = new Map<string, { column_name: string; data_type: string; is_nullable: string }[]>();
    for (const r of rows) actual.set(r.table_name, [...(actual.get(r.table_name) ?? []), r]);
    expect([...actual.keys()].sort()).toEqual(CATALOG.map((t) => t.name).sort());
    for (const table of CATALOG) {
      const cols = actual.get(table.name) ?? [];
      expect(cols.map((c) => c.column_name).sort(), table.name).toEqual(
        table.columns.map((c) => c.name).sort(),
      );
      for (const spec of table.columns) {
        const col = cols.find((c) => c.column_name === spec.name)!;
        expect(col.data_type, `${table.name}.${spec.name}`).toMatch(new RegExp(`^(${PG_TYPES[spec.type]})$`));
        expect(col.is_nullable === 'NO', `${table.name}.${spec.name} not null`).toBe(spec.required);
      }
    }
  });

  it('indexes updated_at on every table and bumps it on update', async () => {
    for (const table of CATALOG) {
      const { rows } = await conn.knex.raw(
        `select indexdef from pg_indexes where tablename = ? and indexdef like '%(updated_at)%'`,
        [table.name],
      );
      expect(rows.length, table.name).toBe(1);
    }
    const [row] = await conn
      .knex('service_levels')
      .insert({ service_type: 'ktp_el', name: 'KTP-el', target_days: 1, updated_at: '2020-01-01T00:00:00Z' })
      .returning(['id', 'updated_at']);
    await conn.knex('service_levels').where({ id: row.id }).update({ target_days: 2 });
    const after = await conn.knex('service_levels').where({ id: row.id }).first();
    expect(new Date(after.updated_at).getTime()).toBeGreaterThan(new Date('2021-01-01').getTime());
  });

  it('enforces checks and foreign keys', async () => {
    await expect(
      conn.knex('satisfaction_responses').insert({
        agency_id: 999_999,
        surveyed_on: '2024-01-01',
        u1: 1,
        u2: 1,
        u3: 1,
        u4: 1,
        u5: 1,
        u6: 1,
        u7: 1,
        u8: 1,
        u9: 1,
      }),
    ).rejects.toThrow(/foreign key/);
    const [agency] = await conn
      .knex('agencies')
      .insert({ code: 'X', name: 'X', kind: 'dinas', valid_from: '2020-01-01' })
      .returning('id');
    await expect(
      conn.knex('satisfaction_responses').insert({
        agency_id: agency.id,
        surveyed_on: '2024-01-01',
        u1: 5,
        u2: 1,
        u3: 1,
        u4: 1,
        u5: 1,
        u6: 1,
        u7: 1,
        u8: 1,
        u9: 1,
      }),
    ).rejects.toThrow(/check constraint/);
    await expect(
      conn.knex('agencies').insert({ code: 'Y', name: 'Y', kind: 'kementerian', valid_from: '2020-01-01' }),
    ).rejects.toThrow(/check constraint/);
  });

  it('rolls back cleanly and migrates again', async () => {
    await rollbackSource(conn.knex);
    const { rows } = await conn.knex.raw(
      `select count(*)::int n from information_schema.tables where table_name = 'agencies'`,
    );
    expect(rows[0].n).toBe(0);
    await migrateSource(conn.knex);
  });
});
