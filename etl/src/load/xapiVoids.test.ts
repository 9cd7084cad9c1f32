import { Db } from '@asn/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stagedRows } from '../run/testing/stagedRows.ts';
import { applyVoidsToStaged, deleteVoidedStatements } from './xapiVoids.ts';

const ID = 'aaaaaaaa-0000-4000-8000-00000000000a';
const OTHER = 'bbbbbbbb-0000-4000-8000-00000000000b';

/**
 * Voiding compares statement ids case-insensitively (RFC 4122 §3: a UUID's hex digits are), whatever
 * case a staged table or a stored statement holds them in: the parser stages ids lower-case, but a
 * statement stored before it did, or a staged table another caller builds, may hold capitals.
 */
describe('xAPI voiding compares statement ids case-insensitively', () => {
  it('leaves out a staged statement whose id is in capitals, named lower-case, and the reverse', () => {
    const staged = {
      ...stagedRows(
        'xapi_statements',
        [{ statement_id: ID.toUpperCase() }, { statement_id: OTHER }],
        'xapi:a',
      ),
      voided: [ID, OTHER.toUpperCase()],
    };
    const { staged: out, ids, removed } = applyVoidsToStaged([staged]);
    expect(ids).toEqual([ID, OTHER]);
    expect(removed).toBe(2);
    expect(out[0]?.rows).toEqual([]);
  });

  describe('stored statements', () => {
    let db: Db;
    beforeAll(async () => {
      db = await Db.open(':memory:', { mode: 'read-write', threads: 1 });
      await db.exec('CREATE SCHEMA stg; CREATE TABLE stg.xapi_statements (statement_id VARCHAR)');
    });
    afterAll(() => db.close());

    it('removes a statement stored in capitals when a voiding statement names it lower-case', async () => {
      await db.exec(`INSERT INTO stg.xapi_statements VALUES ('${ID.toUpperCase()}'), ('${OTHER}')`);
      expect(await deleteVoidedStatements(db, [ID])).toBe(1);
      expect(await db.all('SELECT statement_id FROM stg.xapi_statements')).toEqual([{ statement_id: OTHER }]);
    });
  });
});
