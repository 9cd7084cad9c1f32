import { useId, useLayoutEffect, useMemo, useRef } from 'react';
import { useLang } from '../i18n/LangContext.tsx';
import { withSelectedOptions } from './current-option.ts';
import { EDGE, floatShift } from './float-shift.ts';
import { useDisclosure } from './use-disclosure.ts';

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
 * On a wide screen the open list floats over the filter bar, shifted left when it would run past
 * the right edge of the window (a field in the last column). On a phone (and in an analysis form)
 * it opens in the flow and pushes what follows down, so no field is hidden under it (styles.css).
 * A click outside, Tab out of it or Escape closes it.
 */
export function MultiSelect({ label, options: offered, selected, onChange, name }: MultiSelectProps) {
  const { t } = useLang();
  // A selected value the list lacks (a link's unknown code) stays visible, marked, and can be unticked.
  const options = useMemo(
    () =>
      withSelectedOptions(offered, selected, offered.length > 0, (v) =>
        t('filter.unknownOption', { value: v }),
      ),
    [offered, selected, t],
  );
  const id = useId();
  const { open, detailsProps, summaryProps } = useDisclosure();
  const listRef = useRef<HTMLFieldSetElement>(null);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!open || !list) return;
    const place = () => {
      // Measured at its natural place (under the summary, left edges aligned), before paint.
      list.style.left = '';
      list.style.maxWidth = '';
      // Only a floating list is placed: in the flow (a phone, an analysis form) it fits its field.
      // Checked on every resize, as turning a tablet can cross the width where that changes.
      if (getComputedStyle(list).position !== 'absolute') return;
      const viewport = document.documentElement.clientWidth;
      list.style.maxWidth = `${viewport - 2 * EDGE}px`;
      const { left, right } = list.getBoundingClientRect();
      const shift = floatShift(left, right, viewport);
      if (shift > 0) list.style.left = `${-shift}px`;
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [open]);
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
      <details className="multi-details" {...detailsProps}>
        {/* One line, cut with an ellipsis when a long name does not fit the field (styles.css); the
            full text stays in the accessible name and in the tooltip. */}
        <summary aria-describedby={`${id}-label`} title={summary} {...summaryProps}>
          <span className="sr-only">{label}: </span>
          {summary}
        </summary>
        <fieldset className="multi-options" ref={listRef}>
          <legend className="sr-only">{label}</legend>
          {selected.length > 0 && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                onChange([]);
                // The button goes with the selection: focus stays in the list, on its summary.
                summaryProps.ref.current?.focus();
              }}
            >
              {t('filter.all')}
            </button>
          )}
          {options.map((o) => (
            <label key={o.value} className="check" data-unknown={o.unknown || undefined}>
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
