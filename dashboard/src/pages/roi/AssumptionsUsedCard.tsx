import { formatNumber } from '../../format/format.ts';
import type { Roi } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { labelOf } from '../../i18n/translate.ts';
import { CaveatList } from './CaveatList.tsx';
import { inLang } from './format.ts';

/** The assumptions the ROI used (value, unit, source and note), then the ROI's warnings. */
export function AssumptionsUsedCard({ roi }: { roi: Roi }) {
  const { t, lang } = useLang();
  return (
    <section className="card wide" aria-labelledby="assump-h">
      <h3 id="assump-h">{t('roi.assumptionsUsed')}</h3>
      <div className="table-scroll stack-host">
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
                <th scope="row">
                  {labelOf(t, 'roi.a', a.name)} <code className="muted">{a.name}</code>
                  <br />
                  <span className="muted">{inLang(lang, a.note, a.noteId)}</span>
                </th>
                <td className="num" data-label={t('roi.assumptionValue')}>
                  {a.value === null
                    ? t('count.hidden')
                    : formatNumber(a.value, lang, a.value % 1 === 0 ? 0 : 2)}
                </td>
                <td data-label={t('roi.unit')}>{labelOf(t, 'unit', a.unit)}</td>
                <td data-label={t('roi.source')}>{labelOf(t, 'roi.src', a.source)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CaveatList caveats={roi.warnings} />
    </section>
  );
}
