import { type ChartTable, cellText } from '../charts/chart-table.ts';
import { hiddenCellText, hiddenReasonText } from '../charts/suppression-note.ts';
import { formatNumber } from '../format/format.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { ScrollBox } from './ScrollBox.tsx';

/**
 * The accessible view of a chart: a real table with a caption, header scopes and n per row. In a
 * narrow box (a phone, a half-width card) each row becomes a block of "column … value" lines
 * (`stack-table`), so a wide table is read, not scrolled.
 */
export function DataTable({ table, caption }: { table: ChartTable; caption: string }) {
  const { t, lang } = useLang();
  const [first, ...measures] = table.columns;
  // Catalogue tables (row counts, test lists) carry no n; an all-dash column would only add noise.
  const showN = table.rows.some((r) => r.n !== null);
  return (
    <ScrollBox label={caption} className="stack-host">
      <table className="data-table stack-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={c.kind === 'text' ? '' : 'num'}>
                {c.label}
              </th>
            ))}
            {showN && (
              <th scope="col" className="num">
                n
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            // Rows have no stable id beyond their label and position; the table is rebuilt on change.
            // biome-ignore lint/suspicious/noArrayIndexKey: positional rows of an immutable result
            <tr key={i} className={row.suppressed ? 'suppressed' : undefined}>
              <th scope="row">{first ? cellText(first, row.values[first.key] ?? null, lang) : ''}</th>
              {row.suppressed ? (
                <td
                  colSpan={measures.length + (showN ? 1 : 0)}
                  className="suppressed-cell"
                  title={hiddenReasonText(t, row.suppressionReason, table.minN)}
                >
                  {hiddenCellText(t, row.suppressionReason, table.minN)}
                </td>
              ) : (
                <>
                  {measures.map((c) => {
                    const hidden = row.suppressedCells?.[c.key];
                    return hidden ? (
                      <td
                        key={c.key}
                        className="suppressed-cell"
                        data-label={c.label}
                        title={hiddenReasonText(t, hidden, table.minN)}
                      >
                        {hiddenCellText(t, hidden, table.minN)}
                      </td>
                    ) : (
                      <td key={c.key} className={c.kind === 'text' ? '' : 'num'} data-label={c.label}>
                        {cellText(c, row.values[c.key] ?? null, lang)}
                      </td>
                    );
                  })}
                  {showN && (
                    <td className="num" data-label="n">
                      {formatNumber(row.n, lang)}
                    </td>
                  )}
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
