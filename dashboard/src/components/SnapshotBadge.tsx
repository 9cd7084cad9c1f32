import { useSnapshotIdText, useSnapshotState } from '../app/SnapshotContext.tsx';
import { useLang } from '../i18n/LangContext.tsx';

/**
 * The snapshot a card's figures come from: its id, "…" while it loads, and "—" when it cannot come
 * (an unknown token fails the snapshot query too; the card then shows why), never "…" for ever.
 */
export function SnapshotBadge() {
  const { t } = useLang();
  const state = useSnapshotState();
  const id = useSnapshotIdText('…');
  return (
    <span className="snap-badge" title={t('snapshot.label')} data-snapshot-state={state}>
      {t('chart.snapshotNote', { id })}
    </span>
  );
}
