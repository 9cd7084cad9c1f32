import { withCurrentOption } from '../../components/current-option.ts';
import type { Program } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';

/**
 * The options of a program picker: each program's code and title, valued by its code. `current`,
 * the picker's value, is kept as an option of its own when it is no program of the catalog (a
 * shared link's unknown code), so the select never shows another program in its place.
 */
export function ProgramOptions({ programs, current }: { programs: readonly Program[]; current: string }) {
  const { t } = useLang();
  const options = withCurrentOption(
    programs.map((p) => ({ value: p.code, label: `${p.code} — ${p.title}` })),
    current,
    // An empty list is a catalog still loading (or failed), not one without the program.
    programs.length > 0,
    (v) => t('filter.unknownOption', { value: v }),
  );
  return (
    <>
      {options.map((o) => (
        <option key={o.value} value={o.value} data-unknown={o.unknown || undefined}>
          {o.label}
        </option>
      ))}
    </>
  );
}
