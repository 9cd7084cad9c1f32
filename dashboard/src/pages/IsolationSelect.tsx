import { SelectField } from '../components/SelectField.tsx';
import type { EffectIsolation } from '../graphql/types.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { ISOLATIONS } from './isolation.ts';

/** "Isolasi efek": which estimate an ROI prices (ROI form, portfolio). */
export function IsolationSelect({
  name,
  value,
  onChange,
}: {
  readonly name: string;
  readonly value: EffectIsolation;
  readonly onChange: (isolation: EffectIsolation) => void;
}) {
  const { t } = useLang();
  return (
    <SelectField
      label={t('isolation.label')}
      name={name}
      value={value}
      onChange={(v) => onChange(v as EffectIsolation)}
    >
      {ISOLATIONS.map((k) => (
        <option key={k} value={k}>
          {t(`isolation.${k}`)}
        </option>
      ))}
    </SelectField>
  );
}
