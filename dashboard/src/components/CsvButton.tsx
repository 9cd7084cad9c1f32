import { useSnapshot } from '../app/SnapshotContext.tsx';
import { csvFileName } from '../charts/csv.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { downloadText } from './download.ts';

/**
 * "Unduh CSV" for one card: the file is named after the card, its filters and its snapshot, and the button's
 * accessible name carries the card's title ("Unduh CSV: Tingkat partisipasi"), so a page's many CSV
 * buttons can be told apart in a screen reader's list of buttons. `csv` builds the text on click.
 */
export function CsvButton({
  title,
  csv,
  filterPart,
  ...data
}: {
  /** The card's title: names the file and the button. */
  readonly title: string;
  /** The filters the data was read under, for the file name (`csvFilterPart`). */
  readonly filterPart?: string;
  readonly csv: (snapshotId: string | null) => string;
  /** `data-*` attributes for tests (the button always has `data-csv`). */
  readonly [key: `data-${string}`]: string | boolean | undefined;
}) {
  const { t } = useLang();
  const snapshot = useSnapshot();
  return (
    <button
      type="button"
      className="btn btn-small"
      data-csv
      {...data}
      aria-label={t('chart.csvFor', { title })}
      onClick={() => downloadText(csvFileName(title, snapshot?.id, filterPart), csv(snapshot?.id ?? null))}
    >
      {t('chart.csv')}
    </button>
  );
}
