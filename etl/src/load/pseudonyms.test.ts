import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLanding } from './landTable.ts';
import { pseudonymiseLanding } from './pseudonymiseLanding.ts';
import { employeeKey, hmacHex, hmacPads, hmacSql } from './pseudonyms.ts';

const TEXTS = [
  '198005122005031001',
  '198005122022211001',
  '',
  ' spaced ',
  'é\\x41\'"',
  'ünïcødé 🙂',
  'x'.repeat(300),
];
const KEYS = ['test-key-0123456789', 'k', 'k'.repeat(64), `${'z'.repeat(100)}é`, 'ключ'];

describe('pseudonyms in SQL', () => {
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    db = await Db.open(':memory:', { mode: 'read-write' });
    dir = await mkdtemp(join(tmpdir(), 'pseudonyms-'));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('hmacSql is HMAC-SHA256 exactly as hmacHex computes it, for any key length and text', async () => {
    for (const key of KEYS) {
      for (const text of TEXTS) {
        const [row] = await db.all<{ h: string }>(`SELECT ${hmacSql('CAST($text AS VARCHAR)')} AS h`, {
          text,
          ...hmacPads(key),
        });
        expect(row?.h, `${key} / ${text}`).toBe(hmacHex(key, text));
      }
    }
  });

  it('employee keys: the NI PPPK of a PPPK, else the NIP, none without one — as employeeKey', async () => {
    await db.exec('CREATE SCHEMA IF NOT EXISTS land');
    await createLanding(db, 'employees');
    const people: [string | null, string | null, string | null][] = [
      ['PNS', '198005122005031001', null],
      ['PPPK', '198005122005031001', '198005122022211001'],
      ['PPPK', '198005122005031001', null],
      ['PNS', null, '198005122022211001'],
      [null, '198005122005031002', null],
      ['pns', null, null],
    ];
    for (const [i, [t, nip, ni]] of people.entries()) {
      await db.run(
        `INSERT INTO land.l_employees (id, employment_type, nip, ni_pppk, _source) VALUES ($id, $t, $nip, $ni, 'postgres')`,
        { id: String(i + 1), t, nip, ni },
      );
    }
    const key = 'test-key-0123456789';
    await pseudonymiseLanding(db, 'employees', key, dir);
    const rows = await db.all<{ id: string; employee_key: string | null }>(
      'SELECT l.id, p.employee_key FROM land.l_employees l JOIN land.p_employees p ON p._rid = l.rowid ORDER BY l.rowid',
    );
    expect(rows.map((r) => r.employee_key)).toEqual(
      people.map(([t, nip, ni]) => employeeKey(key, t, nip, ni)),
    );
    expect(rows.filter((r) => r.employee_key === null)).toHaveLength(3);
  });
});
