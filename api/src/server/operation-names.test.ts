import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationNames } from './operation-names.ts';

const none = new URLSearchParams();

describe('operationNames', () => {
  it('takes operationName when given, else the first operation name in the document', () => {
    expect(operationNames({ operationName: 'Scorecard', query: 'query Other { a }' }, none)).toBe(
      'Scorecard',
    );
    expect(operationNames({ query: '# the funnel\n  query Funnel($y: Int) { a }' }, none)).toBe('Funnel');
    expect(operationNames({ query: 'mutation Refresh { refreshWarehouse { id } }' }, none)).toBe('Refresh');
    expect(operationNames({ query: '{ snapshot { id } }' }, none)).toBeUndefined();
    expect(operationNames({ query: 'query { a }' }, none)).toBeUndefined();
    expect(operationNames('not json', none)).toBeUndefined();
  });

  it('lists a batch, ? for an anonymous operation', () => {
    expect(
      operationNames([{ query: 'query A { a }' }, { query: '{ b }' }, { operationName: 'C' }], none),
    ).toBe('A,?,C');
    expect(operationNames([{ query: '{ b }' }], none)).toBeUndefined();
  });

  it('reads a GET request from the URL', () => {
    expect(operationNames(undefined, new URLSearchParams({ query: 'query Snap { snapshot { id } }' }))).toBe(
      'Snap',
    );
    expect(operationNames(undefined, new URLSearchParams({ query: '{ a }', operationName: 'X' }))).toBe('X');
  });

  it('names every researcher example as its document does, however long its opening comments', () => {
    const dir = fileURLToPath(new URL('../../examples/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const query = readFileSync(`${dir}${file}`, 'utf8');
      const first = parse(query).definitions.find((d) => d.kind === 'OperationDefinition');
      expect([file, operationNames({ query }, none)]).toEqual([file, first?.name?.value]);
    }
  });

  it('skips comments and whitespace of any length, and reads no further than the name', () => {
    const comments = '# a long note\n'.repeat(2_000);
    expect(operationNames({ query: `\uFEFF${comments}  ,\n query AgencyComparison { a }` }, none)).toBe(
      'AgencyComparison',
    );
    expect(operationNames({ query: comments }, none)).toBeUndefined();
    expect(operationNames({ query: `query ${'N'.repeat(300)} { a }` }, none)).toBe('N'.repeat(100));
  });
});
