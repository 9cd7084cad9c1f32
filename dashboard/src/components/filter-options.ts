import type { CatalogQuery, KelurahanCatalogQuery } from '../graphql/operations.generated.ts';
import type { Translate } from '../i18n/translate.ts';
import { labelOf } from '../i18n/translate.ts';
import { COMPETENCY_AREAS, EMPLOYMENT_TYPES, GRADE_GROUPS, METHODS, TENURE_BANDS } from '../state/domain.ts';
import { LIST_PARAMS, type ListField } from '../state/filters.ts';
import type { Option } from './MultiSelect.tsx';

/**
 * The filter bar's lists: one per list filter the URL can carry (`LIST_PARAMS`), so a filter a
 * shared link sets (`program=`, `kel=`) is always shown ticked and can be unticked, never active
 * with every control reading "Semua". Catalogue lists are empty until their query answers.
 */
export function filterListOptions(
  t: Translate,
  catalog: CatalogQuery | undefined,
  kelurahan: KelurahanCatalogQuery | undefined,
): Record<ListField, Option[]> {
  const fixed = (prefix: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: labelOf(t, prefix, v) }));
  // A kelurahan is named after its office (agency `KEL-<code>`, "Kelurahan Sabaru") when there is one.
  const names = new Map((catalog?.agencies ?? []).map((a) => [a.code, a.name]));
  const lists: Record<ListField, Option[]> = {
    agencies: (catalog?.agencies ?? []).map((a) => ({ value: a.code, label: a.name })),
    programs: (catalog?.programs ?? []).map((p) => ({ value: p.code, label: `${p.title} (${p.code})` })),
    methods: fixed('method', METHODS),
    competencyAreas: fixed('area', COMPETENCY_AREAS),
    gradeGroups: GRADE_GROUPS.map((g) => ({ value: g, label: g })),
    tenureBands: fixed('tenure', TENURE_BANDS),
    employmentTypes: fixed('emp', EMPLOYMENT_TYPES),
    // `keys.serviceType` is null on the total row (and nullable in the schema): skip, don't assert.
    serviceTypes: (catalog?.serviceTypes.rows ?? []).flatMap(({ isTotal, keys: { serviceType } }) =>
      !isTotal && serviceType ? [{ value: serviceType, label: labelOf(t, 'service', serviceType) }] : [],
    ),
    kelurahan: [
      ...new Set(
        (kelurahan?.serviceTimes.rows ?? []).flatMap(({ isTotal, keys }) =>
          !isTotal && keys.kelurahan ? [keys.kelurahan] : [],
        ),
      ),
    ]
      .sort()
      .map((code) => ({ value: code, label: names.get(`KEL-${code}`) ?? code })),
  };
  // In the URL's order, so every list filter has its control.
  return Object.fromEntries((Object.keys(LIST_PARAMS) as ListField[]).map((f) => [f, lists[f]])) as Record<
    ListField,
    Option[]
  >;
}
