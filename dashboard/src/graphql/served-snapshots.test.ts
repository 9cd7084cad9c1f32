import { describe, expect, it } from 'vitest';
import { ServedSnapshots } from './served-snapshots.ts';

describe('ServedSnapshots', () => {
  it('moves once per snapshot change, never for the first answer, a repeat or a missing header', () => {
    const moves: string[] = [];
    const served = new ServedSnapshots((id) => moves.push(id));
    served.note('A', served.send());
    served.note('A', served.send());
    served.note(null, served.send());
    served.note(undefined, served.send());
    expect(moves).toEqual([]);
    served.note('B', served.send());
    served.note('B', served.send());
    expect(moves).toEqual(['B']);
    served.note('C', served.send());
    expect(moves).toEqual(['B', 'C']);
  });

  it('ignores a late answer from the snapshot the page left: its request was sent before the move', () => {
    const moves: string[] = [];
    const served = new ServedSnapshots((id) => moves.push(id));
    served.note('A', served.send());
    const slow = served.send(); // sent on A, answered after the publish
    const early = served.send(); // sent before the page noticed B, answered by B
    served.note('B', early);
    served.note('A', slow);
    expect(moves).toEqual(['B']);
    // The refetch after the move is answered by B: nothing to do.
    served.note('B', served.send());
    expect(moves).toEqual(['B']);
  });

  it('follows a rollback to a snapshot the page showed before, once a request sent after the move says so', () => {
    const moves: string[] = [];
    const served = new ServedSnapshots((id) => moves.push(id));
    served.note('A', served.send());
    const inFlight = served.send();
    served.note('B', served.send());
    served.note('A', inFlight); // late: not a rollback
    expect(moves).toEqual(['B']);
    served.note('A', served.send()); // sent after the move: the server serves A again
    expect(moves).toEqual(['B', 'A']);
    served.note('B', served.send());
    expect(moves).toEqual(['B', 'A', 'B']);
  });

  it('the first answer sets the page’s snapshot, whichever request it answers', () => {
    const moves: string[] = [];
    const served = new ServedSnapshots((id) => moves.push(id));
    const first = served.send();
    const second = served.send();
    served.note('B', second);
    served.note('A', first); // sent before the page knew any snapshot: late, not a move
    expect(moves).toEqual([]);
  });
});
