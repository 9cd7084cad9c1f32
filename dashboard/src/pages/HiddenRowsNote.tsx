import type { ReactNode } from 'react';
import type { ChartTable } from '../charts/chart-table.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { useFilters } from '../state/use-filters.ts';
import { mostlyHidden } from './agency-unit.ts';

/**
 * Under a card that hides half or more of its rows (of at least four, `mostlyHidden`): how many,
 * and why or what to do (`message`, given `hidden` and `rows`), then `children` (an action).
 * `mark` names the note for the e2e checks (`data-mostly-hidden`, `data-kinds-hidden`).
 */
function HiddenRowsNote({
  table,
  message,
  mark,
  children,
}: {
  readonly table: ChartTable | null;
  readonly message: 'partisipasi.mostlyHidden' | 'partisipasi.kindsHidden' | 'partisipasi.kindsHiddenRange';
  readonly mark: 'mostly-hidden' | 'kinds-hidden';
  readonly children?: ReactNode;
}) {
  const { t } = useLang();
  const share = mostlyHidden(table);
  if (!share) return null;
  return (
    <p className="card-notes" {...{ [`data-${mark}`]: true }}>
      {t(message, { hidden: share.hidden, rows: share.rows })}
      {children && <> {children}</>}
    </p>
  );
}

/** Under a by-agency card that hides most of its rows: how many, and the way to the kinds. */
export function MostlyHiddenNote({ table }: { readonly table: ChartTable | null }) {
  return <HiddenRowsNote table={table} message="partisipasi.mostlyHidden" mark="mostly-hidden" />;
}

/**
 * Under a by-kind card that hides most of its rows: how many, and why. A kind is hidden where the
 * answer by agency hides some of its agencies (`coarse-complements.ts`), and that answer over several
 * years hides an agency hidden in any one of them, so a range hides more kinds than its single years:
 * over several years (`severalYears`) the note says so, and offers to show the range's last year
 * alone (`oneYear`, once known), which narrows the page's range (the filter bar shows it, and Back
 * restores it). Focus goes to the card's heading, as the button leaves with the note.
 */
export function KindsHiddenNote({
  table,
  severalYears,
  oneYear,
}: {
  readonly table: ChartTable | null;
  readonly severalYears: boolean;
  /** The year the button shows alone; null: no button (one year already, or the years unknown). */
  readonly oneYear: number | null;
}) {
  const { t } = useLang();
  const [filters, setFilters] = useFilters();
  return (
    <HiddenRowsNote
      table={table}
      message={severalYears ? 'partisipasi.kindsHiddenRange' : 'partisipasi.kindsHidden'}
      mark="kinds-hidden"
    >
      {severalYears && oneYear !== null && (
        <button
          type="button"
          className="btn btn-small"
          data-one-year={oneYear}
          onClick={(e) => {
            const heading = e.currentTarget.closest('section')?.querySelector<HTMLElement>('h2, h3');
            setFilters({ ...filters, fromYear: oneYear, toYear: oneYear });
            if (heading) {
              heading.tabIndex = -1;
              heading.focus();
            }
          }}
        >
          {t('partisipasi.kindsOneYear', { year: oneYear })}
        </button>
      )}
    </HiddenRowsNote>
  );
}
