import type { MessageKey } from '../i18n/messages.id.ts';
import type { Translate } from '../i18n/translate.ts';
import type { ListField } from '../state/filters.ts';

/**
 * The note under a chart or a KPI tile naming the global filters it cannot apply (they are not sent:
 * the API would reject them), so an unfiltered figure never passes for a filtered one. Null when
 * every filter applies.
 */
export function ignoredFiltersNote(
  t: Translate,
  ignored: readonly ListField[] | undefined,
  on: 'chart' | 'tile',
): string | null {
  if (!ignored || ignored.length === 0) return null;
  const list = ignored.map((f) => t(`filter.${f}` as MessageKey)).join(', ');
  return t(on === 'chart' ? 'filter.ignored' : 'filter.ignoredTile', { list });
}
