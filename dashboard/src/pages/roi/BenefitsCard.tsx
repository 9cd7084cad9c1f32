import type { Roi, RoiInput } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { BenefitStreamsTable } from './BenefitStreamsTable.tsx';
import { inLang } from './format.ts';
import { IkmChanges } from './IkmChanges.tsx';

interface BenefitsCardProps {
  readonly roi: Roi;
  readonly input: RoiInput | null;
  readonly agencyName: (code: string) => string;
}

/** Step 4 of the Phillips chain: the benefit streams, then the IKM changes or else the listed intangibles. */
export function BenefitsCard({ roi, input, agencyName }: BenefitsCardProps) {
  const { t, lang } = useLang();
  return (
    <section className="card" aria-labelledby="s4">
      <h3 id="s4">{t('roi.step4')}</h3>
      <BenefitStreamsTable streams={roi.streams} />
      {roi.ikmChanges.length > 0 && input && (
        <IkmChanges changes={roi.ikmChanges} period={input} agencyName={agencyName} minN={roi.minN} />
      )}
      {roi.ikmChanges.length === 0 && roi.intangibles.length > 0 && (
        <>
          <h4>{t('roi.intangibles')}</h4>
          <ul>
            {roi.intangibles.map((i) => (
              <li key={i.name}>
                <strong>{i.name}</strong>: {inLang(lang, i.description, i.descriptionId)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
