import { describe, expect, it } from 'vitest';
import { failureHint } from './failure-hint.ts';

describe('the hint after a failed run', () => {
  it('says what to check for a missing schema, database, login or server', () => {
    expect(failureHint('42P01')).toMatch(/operational database with the ASN schema/);
    expect(failureHint('3D000')).toMatch(/database name in SOURCE_DATABASE_URL/);
    expect(failureHint('28P01')).toMatch(/user or password/);
    expect(failureHint('ECONNREFUSED')).toMatch(/is PostgreSQL running/);
  });

  it('adds nothing where the message says enough', () => {
    expect(failureHint(undefined)).toBeNull();
    expect(failureHint('BUILD_IN_PROGRESS')).toBeNull();
  });
});
