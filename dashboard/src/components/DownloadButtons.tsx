import { useSnapshot } from '../app/SnapshotContext.tsx';
import { type CsvTable, csvFileName, toCsv } from '../charts/csv.ts';
import { toXlsx, XLSX_MIME } from '../charts/xlsx.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { download } from './download.ts';

/**
 * "Unduh CSV" and "Unduh Excel" for one table: the files are named after the card, its filters and
 * its snapshot, and each button's accessible name carries the card's title ("Unduh CSV: Tingkat
 * partisipasi"), so a page's many download buttons can be told apart in a screen reader's list of
 * buttons. `table` builds the header and rows on click, the same for both files.
 *
 * Why both: the CSV (`,` and `.`, RFC 4180) is what researchers' tools read; Excel set to
 * Indonesian opens a double-clicked CSV with `;` and a decimal comma, one column per line, so an
 * official gets the workbook, whose numbers are numbers in any locale (xlsx.ts).
 */
export function DownloadButtons({
  title,
  table,
  filterPart,
  small = true,
  disabled = false,
  ...data
}: {
  /** The card's title: names the files, the sheet and the buttons. */
  readonly title: string;
  /** The filters the data was read under, for the file names (`csvFilterPart`). */
  readonly filterPart?: string;
  readonly table: (snapshotId: string | null) => CsvTable;
  /** `btn-small`, as in a chart card's tools (the default); a page's own buttons are full size. */
  readonly small?: boolean;
  /** Shown but not pressable (a card whose figures are being replaced). */
  readonly disabled?: boolean;
  /** `data-*` attributes for tests, on the CSV button (which always has `data-csv`; Excel's has `data-xlsx`). */
  readonly [key: `data-${string}`]: string | boolean | undefined;
}) {
  const { t } = useLang();
  const snapshot = useSnapshot();
  const id = snapshot?.id ?? null;
  const className = small ? 'btn btn-small' : 'btn';
  return (
    <>
      <button
        type="button"
        className={className}
        data-csv
        {...data}
        disabled={disabled}
        aria-label={t('chart.csvFor', { title })}
        onClick={() => {
          const { header, rows } = table(id);
          download(csvFileName(title, id, filterPart), toCsv(header, rows));
        }}
      >
        {t('chart.csv')}
      </button>
      <button
        type="button"
        className={className}
        data-xlsx
        disabled={disabled}
        aria-label={t('chart.xlsxFor', { title })}
        onClick={() => {
          const { header, rows } = table(id);
          download(csvFileName(title, id, filterPart, 'xlsx'), toXlsx(header, rows, title), XLSX_MIME);
        }}
      >
        {t('chart.xlsx')}
      </button>
    </>
  );
}
