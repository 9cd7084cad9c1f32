import { PEOPLE, type Person } from '../cohort/testing/cohort-fixture.ts';

/**
 * For tests: the cohort fixture (`PEOPLE`) with the matched trained handlers' post-window days
 * changed so that their changes (post − pre) are `deltas` for t1, t2, t3, t4. The controls stay as
 * they are (mean change 0), so the DiD is the deltas' mean, with the fixture's standard error when
 * the deltas vary as the fixture's do (±1, 0, 0 around their mean).
 */
export function withTreatedChanges(deltas: readonly [number, number, number, number]): Person[] {
  const keys = ['t1', 't2', 't3', 't4'];
  return PEOPLE.map((p) => {
    const i = keys.indexOf(p.key);
    if (i < 0) return p;
    const [placebo, pre] = p.days as [number, number, number];
    return { ...p, days: [placebo, pre, pre + deltas[i]!] };
  });
}
