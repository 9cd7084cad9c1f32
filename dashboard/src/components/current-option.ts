/** One `<option>` of a picker. */
export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
  /** True for a value the picker does not offer (a shared link's typo, a program not in the snapshot). */
  readonly unknown?: boolean;
}

/**
 * The options of a picker whose value may come from the URL. A `<select>` whose value matches none
 * of its options shows its first option: the form would then name another program than the one
 * asked for (and the one the error message is about). So a value the options lack is added, first,
 * and stays the select's value until the user picks another. It is called unknown only once the
 * options are known (`known`: the catalog has loaded); before that it shows as it is.
 */
export function withCurrentOption(
  options: readonly ChoiceOption[],
  value: string,
  known: boolean,
  unknownLabel: (value: string) => string,
): readonly ChoiceOption[] {
  if (value === '' || options.some((o) => o.value === value)) return options;
  return [known ? { value, label: unknownLabel(value), unknown: true } : { value, label: value }, ...options];
}

/**
 * `withCurrentOption` for a multi-select: every selected value the options lack (an agency code a
 * shared link names that the snapshot does not know) is added first, marked unknown once the options
 * are known, so it can be seen and unticked rather than counted in "2 dipilih" with no box to clear.
 */
export function withSelectedOptions(
  options: readonly ChoiceOption[],
  selected: readonly string[],
  known: boolean,
  unknownLabel: (value: string) => string,
): readonly ChoiceOption[] {
  const missing = selected.filter((v) => v !== '' && !options.some((o) => o.value === v));
  if (missing.length === 0) return options;
  return [
    ...missing.map((value) =>
      known ? { value, label: unknownLabel(value), unknown: true } : { value, label: value },
    ),
    ...options,
  ];
}

/**
 * The value a single-choice picker shows, and so the one its form must submit: the value picked (or
 * named by the URL), kept even when the options lack it (`withCurrentOption` shows it as unknown);
 * without one, the preferred default when it is offered; else the first option, which is what a
 * `<select>` shows when its value matches none. '' only when there is no option at all (none in the
 * data, or the options still loading): the form then has nothing to send, and must not send ''.
 */
export function shownChoice(picked: string, values: readonly string[], preferred?: string | null): string {
  if (picked !== '') return picked;
  if (preferred && values.includes(preferred)) return preferred;
  return values[0] ?? '';
}
