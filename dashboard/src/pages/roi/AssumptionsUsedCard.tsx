import { ScrollBox } from '../../components/ScrollBox.tsx';
import type { Roi } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { labelOf } from '../../i18n/translate.ts';
import { assumptionNote, assumptionValue } from './assumption-text.ts';
import { CaveatList } from './CaveatList.tsx';

/**
 * The assumptions the ROI used (value, unit, source and a plain-language note: no field names), then
 * the ROI's warnings.
 */
export function AssumptionsUsedCard({ roi }: { roi: Roi }) {
  const { t, lang } = useLang();
  return (
    <section className="card wide" aria-labelledby="assump-h">
      <h3 id="assump-h">{t('roi.assumptionsUsed')}</h3>
      <ScrollBox label={t('roi.assumptionsUsed')} className="stack-host">
        <table className="data-table stack-table">
          <thead>
            <tr>
              <th scope="col">{t('roi.assumption')}</th>
              <th scope="col" className="num">
                {t('roi.assumptionValue')}
              </th>
              <th scope="col">{t('roi.unit')}</th>
              <th scope="col">{t('roi.source')}</th>
            </tr>
          </thead>
          <tbody>
            {roi.assumptions.map((a) => (
              <tr key={a.name}>
                <th scope="row" data-assumption={a.name}>
                  {labelOf(t, 'roi.a', a.name)}
                  <br />
                  <span className="muted">{assumptionNote(a, t, lang)}</span>
                </th>
                <td className="num" data-label={t('roi.assumptionValue')}>
                  {assumptionValue(a, t, lang)}
                </td>
                <td data-label={t('roi.unit')}>{labelOf(t, 'unit', a.unit)}</td>
                <td data-label={t('roi.source')}>{labelOf(t, 'roi.src', a.source)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <CaveatList caveats={roi.warnings} />
    </section>
  );
}
