import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLanding } from './landTable.ts';
import { pseudonymiseLanding } from './pseudonymiseLanding.ts';
import {
  accountKey,
  employeeKey,
  hmacHex,
  hmacPads,
  hmacSql,
  mboxKey,
  mboxSha1Key,
  normaliseMbox,
  sha1Hex,
} from './pseudonyms.ts';

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

  it('lms account keys: SQL for ASCII accounts, Node for the rest, all equal to the JavaScript keys', async () => {
    await db.exec('CREATE SCHEMA IF NOT EXISTS land');
    await createLanding(db, 'lms_accounts');
    const ws = ['', ' ', '\t', '\n', '\r\n', '\v', '\f', ' \t '];
    const accounts: [string | null, string | null, string | null][] = [
      ['Budi.Santoso@PalangkaRaya.go.id', null, null],
      ['mailto:siti@example.org', 'https://lms.example', 'siti'],
      ['MAILTO:Siti@Example.org', null, null],
      ['', 'https://lms.example', 'u-17'],
      [null, 'https://lms.example/', ' u-18 '],
      [null, 'https://lms.example', ''],
      [null, '', 'u-19'],
      ['   ', null, null],
      [null, null, null],
      // Not ASCII: keyed in Node (JavaScript's trim also removes NBSP, U+FEFF, U+3000; lower-casing
      // of İ, Σ, ß follows Unicode).
      ['\u00a0Ayu@Example.org\u00a0', null, null],
      ['\ufeffdewi@example.org', 'https://lms.example', 'DEWİ'],
      [null, 'https://lms.example', '\u3000ΣΟΦΙΑ\u3000'],
      ['STRAßE@example.org', null, null],
      ['ünïcødé@example.org 🙂', 'https://lms.example', 'x'],
    ];
    for (const [i, w] of ws.entries()) {
      accounts.push([`${w}User${i}@Example.ORG${w}`, `${w}https://lms.example${w}`, `${w}user-${i}${w}`]);
    }
    for (const [i, [mbox, hp, name]] of accounts.entries()) {
      await db.run(
        `INSERT INTO land.l_lms_accounts (id, mbox, account_homepage, account_name, _source)
         VALUES ($id, $mbox, $hp, $name, 'postgres')`,
        { id: String(i + 1), mbox, hp, name },
      );
    }
    const key = 'test-key-0123456789';
    await pseudonymiseLanding(db, 'lms_accounts', key, dir);
    const rows = await db.all<{
      actor_key: string | null;
      account_key: string | null;
      mbox_sha1_key: string | null;
    }>(
      `SELECT p.actor_key, p.account_key, p.mbox_sha1_key
       FROM land.l_lms_accounts l LEFT JOIN land.p_lms_accounts p ON p._rid = l.rowid ORDER BY l.rowid`,
    );
    const expected = accounts.map(([mbox, hp, name]) => {
      const account = hp && name ? accountKey(key, hp, name) : null;
      return {
        actor_key: mbox ? mboxKey(key, mbox) : account,
        account_key: account,
        mbox_sha1_key: mbox ? mboxSha1Key(key, sha1Hex(normaliseMbox(mbox))) : null,
      };
    });
    expect(rows).toEqual(expected);
    const [n] = await db.all<{ n: number }>('SELECT count(*) AS n FROM land.p_lms_accounts');
    expect(Number(n?.n)).toBe(accounts.length);
  });
});
