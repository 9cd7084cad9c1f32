import type { CohortContrast } from '../graphql/types.ts';

/** Who a cohort comparison sets against whom, in the order the forms offer them; the first is the API's default. */
export const CONTRASTS: readonly CohortContrast[] = ['vs_rest', 'only_vs_untrained'];

/** A contrast from a URL parameter (`cc`, `rc`, `pc`); null for a missing or unknown one (the default). */
export function contrastFromParam(raw: string | null): CohortContrast | null {
  return CONTRASTS.includes(raw as CohortContrast) ? (raw as CohortContrast) : null;
}

/** The URL value of a contrast: nothing for the default, so default links stay as they were. */
export function contrastToParam(contrast: CohortContrast | null | undefined): string | null {
  return contrast && contrast !== 'vs_rest' ? contrast : null;
}
