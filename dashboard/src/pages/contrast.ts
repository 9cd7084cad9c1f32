import type { CohortContrast, CohortSelectorKind } from '../graphql/types.ts';
import type { MessageKey } from '../i18n/messages.id.ts';

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

/**
 * The words of a contrast for what was selected: a program, a method or a competency area ("This
 * method vs all other staff", "… did not complete a program of this method …"), as the joint card
 * words its kinds. `label` names the contrast (the form's drop-down, the page's echo), `note` says
 * who was compared. Without a kind (the ROI and portfolio forms, programs only): a program's words.
 */
export function contrastKey(
  contrast: CohortContrast,
  kind: CohortSelectorKind | null | undefined,
  part: 'label' | 'note',
): MessageKey {
  return CONTRAST_KEYS[kind ?? 'program'][contrast][part];
}

const CONTRAST_KEYS: Record<
  CohortSelectorKind,
  Record<CohortContrast, { readonly label: MessageKey; readonly note: MessageKey }>
> = {
  program: {
    vs_rest: { label: 'contrast.vs_rest', note: 'contrast.vs_rest.note' },
    only_vs_untrained: { label: 'contrast.only_vs_untrained', note: 'contrast.only_vs_untrained.note' },
  },
  method: {
    vs_rest: { label: 'contrast.vs_rest.method', note: 'contrast.vs_rest.method.note' },
    only_vs_untrained: {
      label: 'contrast.only_vs_untrained.method',
      note: 'contrast.only_vs_untrained.method.note',
    },
  },
  competencyArea: {
    vs_rest: { label: 'contrast.vs_rest.competencyArea', note: 'contrast.vs_rest.competencyArea.note' },
    only_vs_untrained: {
      label: 'contrast.only_vs_untrained.competencyArea',
      note: 'contrast.only_vs_untrained.competencyArea.note',
    },
  },
};
