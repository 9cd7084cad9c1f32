import { ScrollBox } from '../../components/ScrollBox.tsx';
import { formatDate, formatNumber } from '../../format/format.ts';
import type { Roi, RoiInput } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { StackHead } from './StackHead.tsx';

type IkmChange = Roi['ikmChanges'][number];

interface IkmChangesProps {
  readonly changes: Roi['ikmChanges'];
  /** The ROI window, named in the note under the table. */
  readonly period: Pick<RoiInput, 'from' | 'to'>;
  readonly agencyName: (code: string) => string;
  /** The disclosure threshold the ROI was computed with (`Roi.minN`), named in a hidden reading's title. */
  readonly minN: number;
}

/** The intangible benefit: each agency's IKM before and after the window, and its change. */
export function IkmChanges({ changes, period, agencyName, minN }: IkmChangesProps) {
  const { t, lang } = useLang();
  return (
    <>
      <h4>{t('roi.intangibles')}</h4>
      <ScrollBox label={t('roi.intangibles')} className="stack-host">
        <table className="data-table stack-table" data-ikm-changes>
          <StackHead
            first={t('instansi.agency')}
            nums={[t('roi.ikmPre'), t('roi.ikmPost'), t('roi.ikmChange')]}
          />
          <tbody>
            {changes.map((c) => (
              <tr key={c.agencyCode}>
                <th scope="row">{agencyName(c.agencyCode)}</th>
                <td className="num" data-label={t('roi.ikmPre')}>
                  <IkmReading reading={c.pre} hidden={c.preSuppressed} minN={minN} />
                </td>
                <td className="num" data-label={t('roi.ikmPost')}>
                  <IkmReading reading={c.post} hidden={c.postSuppressed} minN={minN} />
                </td>
                <td className="num" data-label={t('roi.ikmChange')}>
                  {c.change === null || c.change === undefined
                    ? '—'
                    : `${c.change > 0 ? '+' : ''}${formatNumber(c.change, lang, 2)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <p className="muted">
        {t('roi.ikmNote', { from: formatDate(period.from, lang), to: formatDate(period.to, lang) })}
      </p>
    </>
  );
}

/**
 * The IKM on one line, its band and respondents under it: the column stays narrow in a half card.
 * A reading withheld by disclosure control says so (not a dash, which means not surveyed).
 */
function IkmReading({ reading, hidden, minN }: { reading: IkmChange['pre']; hidden: boolean; minN: number }) {
  const { t, lang } = useLang();
  if (!reading && hidden)
    return (
      <span className="muted" title={t('roi.ikmHiddenTitle', { minN })} data-ikm-hidden>
        {t('chart.suppressed')}
      </span>
    );
  return reading ? (
    <>
      {formatNumber(reading.ikm, lang, 2)}
      <br />
      <span className="muted">
        {reading.band}, {t('roi.respondents', { n: formatNumber(reading.respondents, lang) })}
      </span>
    </>
  ) : (
    '—'
  );
}
