import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConnection } from '../../source/connect.ts';
import { sourceTargets } from '../../testing/source-targets.ts';
import { CopyDataDecoder } from './copyDataDecoder.ts';
import { copyToFile } from './copyToFile.ts';

const message = (code: string, body: string | Buffer): Buffer => {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  const header = Buffer.alloc(5);
  header[0] = code.charCodeAt(0);
  header.writeUInt32BE(payload.length + 4, 1);
  return Buffer.concat([header, payload]);
};

const rows = Array.from({ length: 40 }, (_, i) =>
  i % 7 === 3 ? `${i},"a long, quoted ${'x'.repeat(300)} value"\n` : `${i},ktp_el,2021-01-0${(i % 9) + 1}\n`,
);
const copyOut = message('H', Buffer.from([0, 0, 2, 0, 0, 0, 0]));
const after = Buffer.concat([message('C', 'COPY 40\0'), message('Z', 'I')]);
const stream = Buffer.concat([
  copyOut,
  ...rows.slice(0, 20).map((r) => message('d', r)),
  message('N', 'SNOTICE\0Mslow\0\0'),
  message('S', 'TimeZone\0UTC\0'),
  ...rows.slice(20).map((r) => message('d', r)),
  message('c', ''),
  after,
]);

/** Feeds `bytes` in chunks of the given sizes (cycled) and collects what the decoder returns. */
function decodeIn(bytes: Buffer, sizes: readonly number[]) {
  const decoder = new CopyDataDecoder();
  const data: Buffer[] = [];
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const size = sizes[k++ % sizes.length] as number;
    const result = decoder.decode(bytes.subarray(at, at + size));
    at += size;
    data.push(result.data);
    if (result.stop) {
      return {
        data: Buffer.concat(data),
        stop: result.stop,
        rest: Buffer.concat([result.rest, bytes.subarray(at)]),
      };
    }
    expect(result.rest.length).toBe(0);
  }
  return { data: Buffer.concat(data), stop: null, rest: Buffer.alloc(0) };
}

describe('CopyDataDecoder', () => {
  it('returns exactly the CopyData payloads, whatever the chunk boundaries, and hands back what follows CopyDone', () => {
    const expected = Buffer.from(rows.join(''));
    const splits: number[][] = [[stream.length], [1], [2], [3], [4], [5], [6], [7], [64], [1, 5, 13, 200]];
    for (let size = 8; size < 400; size += 37) splits.push([size]);
    for (const sizes of splits) {
      const { data, stop, rest } = decodeIn(stream, sizes);
      expect(data.equals(expected), `chunks of ${sizes.join('/')}`).toBe(true);
      expect(stop).toBe('done');
      expect(rest.equals(after), `rest after chunks of ${sizes.join('/')}`).toBe(true);
    }
  });

  it('stops at an ErrorResponse without consuming it', () => {
    const error = Buffer.concat([message('E', 'SERROR\0C57014\0Mcanceled\0\0'), message('Z', 'I')]);
    const broken = Buffer.concat([copyOut, ...rows.slice(0, 5).map((r) => message('d', r)), error]);
    for (const sizes of [[broken.length], [1], [3], [17]]) {
      const { data, stop, rest } = decodeIn(broken, sizes);
      expect(stop).toBe('error');
      expect(rest.equals(error)).toBe(true);
      // Rows decoded before the error may come out or not (the copy fails either way), never others.
      expect(Buffer.from(rows.slice(0, 5).join('')).subarray(0, data.length).equals(data)).toBe(true);
    }
  });

  it('ends copy-out at any message other than data or the interspersed ones, after consuming it', () => {
    const unexpected = message('C', 'COPY 1\0');
    const { data, stop, rest } = decodeIn(
      Buffer.concat([copyOut, message('d', 'x\n'), unexpected, message('Z', 'I')]),
      [2],
    );
    expect(data.toString()).toBe('x\n');
    expect(stop).toBe('done');
    expect(rest.equals(message('Z', 'I'))).toBe(true);
    const decoder = new CopyDataDecoder();
    decoder.decode(Buffer.concat([message('c', '')]));
    expect(() => decoder.decode(Buffer.from('x'))).toThrow(/already ended/);
  });
});

for (const target of sourceTargets()) {
  describe(`copyToFile through the decoder, ${target.name}`, () => {
    let conn: SourceConnection;
    let client: pg.Client;
    let dir: string;
    beforeAll(async () => {
      conn = await target.open();
      client = new pg.Client({ connectionString: conn.url });
      await client.connect();
      dir = await mkdtemp(join(tmpdir(), 'copy-decoder-'));
    });
    afterAll(async () => {
      await client.end();
      await conn.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('writes what COPY sends, byte for byte, with the row count, and leaves the connection usable', async () => {
      const select = `select i, repeat('é,"x', i % 97) as t, i * 2 as d from generate_series(1, 5000) i`;
      const file = join(dir, 'a.csv');
      const rows = await copyToFile(client, `COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER)`, file);
      expect(rows).toBe(5000);
      const expected = (await client.query<{ i: number; t: string; d: number }>(select)).rows
        .map((r) => `${r.i},"${r.t.replaceAll('"', '""')}",${r.d}\n`)
        .join('');
      const text = await readFile(file, 'utf8');
      // An empty string is quoted by COPY CSV ("" for empty, nothing for NULL).
      expect(text).toBe(`i,t,d\n${expected}`);
      expect((await client.query('select 41 + 1 as n')).rows).toEqual([{ n: 42 }]);
    });

    it('fails on an error in the middle of the copy, and the connection still works', async () => {
      const file = join(dir, 'b.csv');
      await expect(
        copyToFile(
          client,
          `COPY (select 1 / (i - 4000) as x from generate_series(1, 5000) i) TO STDOUT WITH (FORMAT csv)`,
          file,
        ),
      ).rejects.toThrow(/division by zero/);
      expect((await client.query('select 7 as n')).rows).toEqual([{ n: 7 }]);
    });
  });
}
