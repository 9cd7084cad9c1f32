import { useId } from 'react';
import { useLang } from '../i18n/LangContext.tsx';

export interface Option {
  readonly value: string;
  readonly label: string;
}

interface MultiSelectProps {
  readonly label: string;
  readonly options: readonly Option[];
  readonly selected: readonly string[];
  readonly onChange: (next: string[]) => void;
  readonly name: string;
}

/**
 * A checkbox list in a disclosure: native elements only, so keyboard and screen readers work
 * without ARIA widgets, and it folds to one line on a phone. Empty selection means "all".
 */
export function MultiSelect({ label, options, selected, onChange, name }: MultiSelectProps) {
  const { t } = useLang();
  const id = useId();
  const summary =
    selected.length === 0
      ? t('filter.all')
      : selected.length === 1
        ? (options.find((o) => o.value === selected[0])?.label ?? selected[0])
        : t('filter.selected', { n: selected.length });
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  return (
    <div className="field multi" data-filter={name}>
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <details className="multi-details">
        <summary aria-describedby={`${id}-label`}>
          <span className="sr-only">{label}: </span>
          {summary}
        </summary>
        <fieldset className="multi-options">
          <legend className="sr-only">{label}</legend>
          {selected.length > 0 && (
            <button type="button" className="btn btn-small" onClick={() => onChange([])}>
              {t('filter.all')}
            </button>
          )}
          {options.map((o) => (
            <label key={o.value} className="check">
              <input
                type="checkbox"
                name={name}
                value={o.value}
                checked={selected.includes(o.value)}
                onChange={(e) => toggle(o.value, e.currentTarget.checked)}
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}
