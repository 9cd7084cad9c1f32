import { SelectField } from '../components/SelectField.tsx';
import { useLang } from '../i18n/LangContext.tsx';
import { AGENCY_UNITS, type AgencyUnit } from './agency-unit.ts';

/** "Rincian": the Partisipasi page's agency cards by agency or by kind of agency (`AgencyUnit`). */
export function AgencyUnitSelect({
  value,
  onChange,
}: {
  readonly value: AgencyUnit;
  readonly onChange: (unit: AgencyUnit) => void;
}) {
  const { t } = useLang();
  return (
    <SelectField
      label={t('unit.label')}
      name="unit"
      value={value}
      onChange={(v) => onChange(v as AgencyUnit)}
    >
      {AGENCY_UNITS.map((u) => (
        <option key={u} value={u}>
          {t(`unit.${u}`)}
        </option>
      ))}
    </SelectField>
  );
}
