import { describe, expect, it } from 'vitest';
import { ServedSnapshots } from './served-snapshots.ts';

describe('ServedSnapshots', () => {
  it('calls onNew once per snapshot first seen after another, never for the first or a repeat', () => {
    const news: string[] = [];
    const served = new ServedSnapshots((id) => news.push(id));
    served.note('A');
    served.note('A');
    served.note(null);
    served.note(undefined);
    expect(news).toEqual([]);
    served.note('B');
    served.note('B');
    // A late answer from A (started before the publish) does not send the page back.
    served.note('A');
    expect(news).toEqual(['B']);
    served.note('C');
    expect(news).toEqual(['B', 'C']);
  });
});
