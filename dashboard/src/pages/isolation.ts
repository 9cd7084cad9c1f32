import type { EffectIsolation } from '../graphql/types.ts';

/** How an ROI isolates its effect, in the order the forms offer them; the first is the API's default. */
export const ISOLATIONS: readonly EffectIsolation[] = ['cohort', 'joint'];

/** An isolation from a URL parameter (`ri`, `pi`); null for a missing or unknown one (the default). */
export function isolationFromParam(raw: string | null): EffectIsolation | null {
  return ISOLATIONS.includes(raw as EffectIsolation) ? (raw as EffectIsolation) : null;
}

/** The URL value of an isolation: nothing for the default, so default links stay as they were. */
export function isolationToParam(isolation: EffectIsolation | null | undefined): string | null {
  return isolation && isolation !== 'cohort' ? isolation : null;
}
