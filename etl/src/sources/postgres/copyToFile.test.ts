import { FileWriteError } from '@asn/warehouse';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceConnection } from '../../source/connect.ts';
import { sourceTargets } from '../../testing/source-targets.ts';
import { copyToFile } from './copyToFile.ts';

for (const target of sourceTargets()) {
  describe(`copyToFile on a full disk, ${target.name}`, () => {
    let conn: SourceConnection;
    // A connection per test: one whose copy was cut off by a failed write is not used again (the
    // extract closes its connections when it fails).
    let client: pg.Client;
    beforeAll(async () => {
      conn = await target.open();
    });
    afterAll(async () => {
      await conn.close();
    });
    beforeEach(async () => {
      client = new pg.Client({ connectionString: conn.url });
      await client.connect();
    });
    afterEach(async () => {
      await client.end();
    });

    /**
     * A full disk during the extract (review of 2026-12-06, diskfull): the run failed with
     * `ENOSPC: no space left on device, write`, naming no file. /dev/full fails every write so.
     */
    it('names the file it could not write', async () => {
      const error = await copyToFile(
        client,
        `COPY (select i, md5(i::text) from generate_series(1, 50000) i) TO STDOUT WITH (FORMAT csv)`,
        '/dev/full',
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileWriteError);
      expect(error).toMatchObject({
        code: 'ENOSPC',
        path: '/dev/full',
        message: 'cannot write extract file /dev/full: ENOSPC: no space left on device',
      });
    });

    it('keeps the error of a failed query as it is (its SQLSTATE)', async () => {
      const error = await copyToFile(
        client,
        `COPY (select 1 / (i - 1) as x from generate_series(1, 5) i) TO STDOUT WITH (FORMAT csv)`,
        '/dev/full',
      ).catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(FileWriteError);
      expect(error).toMatchObject({ code: '22012', message: 'division by zero' });
    });
  });
}
