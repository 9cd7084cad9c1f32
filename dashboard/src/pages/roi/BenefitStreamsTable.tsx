import { ScrollBox } from '../../components/ScrollBox.tsx';
import { formatIdr, formatNumber } from '../../format/format.ts';
import type { Roi } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { formatRange, inLang } from './format.ts';
import { StackHead } from './StackHead.tsx';

/** The benefit streams: effect and notes, yearly volume, value per unit and low/base/high benefits. */
export function BenefitStreamsTable({ streams }: { streams: Roi['streams'] }) {
  const { t, lang } = useLang();
  const idr = (v: number | null | undefined) => formatIdr(v, lang);
  // Low / base / high benefits sit on three labelled lines, so the table fits a half-width card; in a
  // narrow box (phone, mid-size screen) each stream becomes a stacked block.
  return (
    <ScrollBox label={t('roi.step4')} className="stack-host">
      <table className="data-table stack-table roi-streams">
        <StackHead first={t('roi.stream')} nums={[t('roi.volume'), t('roi.value'), t('roi.benefits')]} />
        <tbody>
          {streams.map((s) => (
            <tr key={s.name}>
              <th scope="row">
                {inLang(lang, s.name, s.nameId)}
                <br />
                <span className="muted">
                  {t('roi.effect')}: {formatRange(s.effect, (v) => formatNumber(v, lang, 2))}{' '}
                  {inLang(lang, s.effectUnit, s.effectUnitId)}
                </span>
                {(lang === 'en' ? s.notes : s.notesId).map((note) => (
                  <span key={note} className="muted stream-note">
                    <br />
                    {note}
                  </span>
                ))}
              </th>
              <td className="num" data-label={t('roi.volume')}>
                {formatNumber(s.volumePerYear, lang)}
              </td>
              <td className="num" data-label={t('roi.value')}>
                {idr(s.valuePerUnitIdr)}
              </td>
              <td className="num" data-label={t('roi.benefits')}>
                <dl className="range-lines">
                  {(['low', 'base', 'high'] as const).map((k) => (
                    <div key={k}>
                      <dt>{t(`roi.${k}`)}</dt>
                      <dd>{idr(s.benefitsIdr[k])}</dd>
                    </div>
                  ))}
                </dl>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
