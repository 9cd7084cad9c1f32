import { ScrollBox } from '../../components/ScrollBox.tsx';
import type { Roi } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { labelOf } from '../../i18n/translate.ts';
import { assumptionNote, assumptionValue } from './assumption-text.ts';
import { CaveatList } from './CaveatList.tsx';

type UsedAssumption = Pick<
  Roi['assumptions'][number],
  'name' | 'value' | 'unit' | 'source' | 'note' | 'noteId'
>;

/**
 * The assumptions a figure was priced with (value, unit, source and a plain-language note: no field
 * names); a source `override` reads "changed in the form". The ROI chain and the budget scenario
 * both list theirs with it.
 */
export function AssumptionsTable({
  assumptions,
  labelledBy,
  label,
}: {
  readonly assumptions: readonly UsedAssumption[];
  /** The id of the heading that names the table. */
  readonly labelledBy: string;
  /** That heading's text (names the scroll region). */
  readonly label: string;
}) {
  const { t, lang } = useLang();
  return (
    <ScrollBox label={label} className="stack-host">
      <table className="data-table stack-table" aria-labelledby={labelledBy}>
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
          {assumptions.map((a) => (
            <tr key={a.name} data-assumption-row={a.name} data-source={a.source}>
              <th scope="row" data-assumption={a.name}>
                {labelOf(t, 'roi.a', a.name)}
                <br />
                <span className="muted">{assumptionNote(a, t, lang)}</span>
              </th>
              <td className="num" data-label={t('roi.assumptionValue')} data-assumption-value>
                {assumptionValue(a, t, lang)}
              </td>
              <td data-label={t('roi.unit')}>{labelOf(t, 'unit', a.unit)}</td>
              <td data-label={t('roi.source')}>
                {a.source === 'override' ? (
                  <strong>{labelOf(t, 'roi.src', a.source)}</strong>
                ) : (
                  labelOf(t, 'roi.src', a.source)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/** The assumptions the ROI used, then the ROI's warnings. */
export function AssumptionsUsedCard({ roi }: { roi: Roi }) {
  const { t } = useLang();
  return (
    <section className="card wide" aria-labelledby="assump-h">
      <h3 id="assump-h">{t('roi.assumptionsUsed')}</h3>
      <AssumptionsTable
        assumptions={roi.assumptions}
        labelledBy="assump-h"
        label={t('roi.assumptionsUsed')}
      />
      <CaveatList caveats={roi.warnings} />
    </section>
  );
}
