import { SelectField } from '../components/SelectField.tsx';
import type { CohortContrast, CohortSelectorKind } from '../graphql/types.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { CONTRASTS, contrastKey } from './contrast.ts';

/** "Pembanding": who a cohort comparison sets against whom (cohort form, ROI form, portfolio). */
export function ContrastSelect({
  name,
  value,
  onChange,
  kind,
}: {
  readonly name: string;
  readonly value: CohortContrast;
  readonly onChange: (contrast: CohortContrast) => void;
  /** What is selected (Kohort): a method's or area's words; a program's without. */
  readonly kind?: CohortSelectorKind;
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
          {t(contrastKey(k, kind, 'label'))}
        </option>
      ))}
    </SelectField>
  );
}
