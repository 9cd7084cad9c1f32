import { useSnapshot } from '../app/SnapshotContext.tsx';
import { formatDate } from '../format/format.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { partialYear } from '../state/years.ts';

/**
 * Says so when `year` is the snapshot's last year and its data stops before December (an export in
 * September): the year's figures cover part of it, and "vs last year" sets part of a year against a
 * whole one. Renders nothing otherwise.
 */
export function PartialYearNote({ year }: { year: number | null }) {
  const { t, lang } = useLang();
  const snapshot = useSnapshot();
  const partial = partialYear(snapshot?.years, snapshot?.coverage);
  if (partial === null || year !== partial.year) return null;
  return (
    <p className="callout warn" data-partial-year>
      {t('years.partial', { year: partial.year, through: formatDate(partial.through, lang) })}
    </p>
  );
}
