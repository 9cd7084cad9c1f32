import type { Db, PlainRow, SqlParams } from '../../db/index.ts';

/** A snapshot built before the facts had person_id (see `personIdSql`) answers binder errors like this. */
const NO_PERSON_ID = /Referenced column "person_id" not found/;

/**
 * Runs a fact query that counts distinct employees (`count(DISTINCT ${personId})`, disclosure
 * control's MeasureSpec.persons) with the facts' integer `person_id`, or, on a snapshot published
 * before that column existed, with `employee_key`: the same counts (a hash collision of two
 * employees, the only difference, can only make the integer count smaller), about 2.5× slower.
 */
export async function allWithPersonId(
  db: Db,
  sql: (personId: 'person_id' | 'employee_key') => string,
  params?: SqlParams,
): Promise<PlainRow[]> {
  try {
    return await db.all(sql('person_id'), params);
  } catch (error) {
    if (error instanceof Error && NO_PERSON_ID.test(error.message))
      return db.all(sql('employee_key'), params);
    throw error;
  }
}
