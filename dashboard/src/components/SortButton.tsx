import { useLang } from '../i18n/LangContext.tsx';

/** The direction a sortable column is sorted in, or none. */
export type SortDir = 'asc' | 'desc';

/** `aria-sort` of a column header: the direction when the table is sorted by it. */
export function ariaSortOf(active: boolean, dir: SortDir): 'ascending' | 'descending' | undefined {
  return active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined;
}

/** A column header's sort control: its label, the direction when active (▲ ▼), else ↕. */
export function SortButton({
  label,
  active,
  dir,
  onClick,
}: {
  readonly label: string;
  readonly active: boolean;
  readonly dir: SortDir;
  readonly onClick: () => void;
}) {
  const { t } = useLang();
  return (
    <button
      type="button"
      className="sort-btn"
      onClick={onClick}
      aria-label={t('instansi.sortBy', { col: label })}
    >
      {label}
      <span aria-hidden="true">{active ? (dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
    </button>
  );
}
