import { SnapshotBadge } from '../../components/SnapshotBadge.tsx';
import { formatIdr, formatNumber } from '../../format/format.ts';
import type { ProgramEffects, Roi, RoiInput } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { countText } from '../hidden-count.ts';
import { formatRange } from './format.ts';
import { JointCheck } from './JointCheck.tsx';
import { Stat } from './Stat.tsx';
import { effectWithCi } from './tables.ts';

/**
 * Steps 1–3 of the Phillips chain: participation, costs and the measured effect (with the joint
 * model's cross-check of it), with n and snapshot.
 */
export function ChainStepsCard({
  roi,
  input,
  joint,
}: {
  roi: Roi;
  input: RoiInput;
  /** The joint model for step 3's cross-check (`JointCheck`), asked for by the page beside the ROI. */
  joint: ProgramEffects | undefined;
}) {
  const { t, lang } = useLang();
  // The API hides the participant side of an ROI by disclosure control and says so with the warning
  // participants_suppressed (never why: that would give small counts away).
  const hidden = roi.warnings.some((w) => w.code === 'participants_suppressed');
  const idr = (v: number | null | undefined) =>
    hidden && v == null ? t('count.hidden') : formatIdr(v, lang);
  const count = (v: number | null) => (hidden && v === null ? t('count.hidden') : formatNumber(v, lang));
  return (
    <section className="card" aria-labelledby="s1">
      <h3 id="s1">{t('roi.step1')}</h3>
      <dl className="stat-list">
        <Stat label={t('roi.participants')} value={count(roi.participants)} />
        <Stat label={t('roi.completed')} value={count(roi.completed)} />
        <Stat label={t('roi.hours')} value={count(roi.participantHours)} />
      </dl>
      <h3>{t('roi.step2')}</h3>
      <dl className="stat-list">
        <Stat label={t('roi.programCost')} value={idr(roi.costs?.programIdr)} />
        <Stat label={t('roi.timeCost')} value={idr(roi.costs?.participantTimeIdr)} />
        <Stat label={t('roi.totalCost')} value={idr(roi.costs?.totalIdr)} />
      </dl>
      <h3>{t('roi.step3')}</h3>
      <dl className="stat-list">
        <Stat
          label={t(roi.effect.isolation === 'joint' ? 'roi.jointDays' : 'roi.didDays')}
          value={effectWithCi(roi, t, (v) => formatNumber(v, lang, 2))}
        />
        <Stat
          label={`${t('roi.daysSaved')} (${t('roi.low')} / ${t('roi.base')} / ${t('roi.high')})`}
          value={formatRange(roi.effect.daysSavedPerRequest, (v) => formatNumber(v, lang, 2))}
        />
        <Stat label={t('roi.handlers')} value={countText(roi.effect.handlers, t, lang)} />
        <Stat label={t('roi.requestsPerYear')} value={formatNumber(roi.effect.requestsPerYear, lang)} />
      </dl>
      <JointCheck input={input} joint={joint} />
      <p className="card-meta">
        <span className="n-badge">{t('chart.n', { n: formatNumber(roi.n, lang) })}</span>
        <SnapshotBadge />
      </p>
    </section>
  );
}
