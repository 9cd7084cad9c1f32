import { SelectField } from '../components/SelectField.tsx';
import type { CohortContrast } from '../graphql/types.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { CONTRASTS } from './contrast.ts';

/** "Pembanding": who a cohort comparison sets against whom (cohort form, ROI form, portfolio). */
export function ContrastSelect({
  name,
  value,
  onChange,
}: {
  readonly name: string;
  readonly value: CohortContrast;
  readonly onChange: (contrast: CohortContrast) => void;
}) {
  const { t } = useLang();
  return (
    <SelectField
      label={t('contrast.label')}
      name={name}
      value={value}
      onChange={(v) => onChange(v as CohortContrast)}
    >
      {CONTRASTS.map((k) => (
        <option key={k} value={k}>
          {t(`contrast.${k}`)}
        </option>
      ))}
    </SelectField>
  );
}
