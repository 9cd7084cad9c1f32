import type { Program } from '../../graphql/types.ts';

/** The options of a program picker: each program's code and title, valued by its code. */
export function ProgramOptions({ programs }: { programs: readonly Program[] }) {
  return (
    <>
      {programs.map((p) => (
        <option key={p.code} value={p.code}>
          {p.code} — {p.title}
        </option>
      ))}
    </>
  );
}
