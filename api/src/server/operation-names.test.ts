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
});
