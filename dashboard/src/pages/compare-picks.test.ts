import { describe, expect, it } from 'vitest';
import { comparePicks } from './compare-picks.ts';

describe('comparePicks', () => {
  it('keeps the codes as they are while the catalogue loads', () => {
    expect(comparePicks('DKPP,NOPE', [])).toEqual({ picked: ['DKPP', 'NOPE'], unknown: [] });
  });

  it('drops codes the catalogue does not know, which then use none of the four places', () => {
    expect(comparePicks('DKPP,NOPE,BKPSDM', ['BKPSDM', 'DKPP', 'A', 'B'])).toEqual({
      picked: ['DKPP', 'BKPSDM'],
      unknown: ['NOPE'],
    });
    expect(comparePicks('NOPE,A,B,DKPP,BKPSDM', ['BKPSDM', 'DKPP', 'A', 'B']).picked).toEqual([
      'A',
      'B',
      'DKPP',
      'BKPSDM',
    ]);
  });

  it('counts a repeated code once', () => {
    expect(comparePicks('A,A,,B', ['A', 'B']).picked).toEqual(['A', 'B']);
  });
});
