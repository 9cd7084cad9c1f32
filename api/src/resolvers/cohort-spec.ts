import type { CohortSpecInput, RoiSpecInput } from '../metrics/metric-port.ts';
import type { CohortInput } from '../schema/cohort.type.ts';
import type { RoiInput } from '../schema/roi.type.ts';

/** GraphQL input → warehouse spec, leaving out nulls (absent = the metric's default). */
export function toCohortSpec(
  input: Omit<CohortInput, 'windowMonths' | 'agencies'> & Partial<CohortInput>,
): CohortSpecInput {
  return {
    selector: { kind: input.selector.kind, value: input.selector.value },
    from: input.from,
    to: input.to,
    outcome: input.outcome,
    ...(input.windowMonths ? { windowMonths: input.windowMonths } : {}),
    ...(input.agencies?.length ? { agencies: input.agencies } : {}),
  };
}

export function toRoiSpec(input: RoiInput): RoiSpecInput {
  const assumptions = Object.fromEntries(
    Object.entries(input.assumptions ?? {}).filter(([, v]) => typeof v === 'number'),
  ) as Record<string, number>;
  return {
    selector: { kind: input.selector.kind, value: input.selector.value },
    from: input.from,
    to: input.to,
    ...(input.windowMonths ? { windowMonths: input.windowMonths } : {}),
    ...(input.agencies?.length ? { agencies: input.agencies } : {}),
    ...(Object.keys(assumptions).length ? { assumptions } : {}),
  };
}
