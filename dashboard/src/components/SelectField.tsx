import type { ReactNode } from 'react';

/** A labelled `<select>` in a form grid: the label above, the chosen value reported as a string. */
export function SelectField({
  label,
  name,
  value,
  onChange,
  children,
}: {
  readonly label: string;
  readonly name: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The `<option>`s. */
  readonly children: ReactNode;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {children}
      </select>
    </label>
  );
}
