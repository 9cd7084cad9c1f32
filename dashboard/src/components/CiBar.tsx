import { CI_CROSSES_ZERO, PALETTE } from '../charts/palette.ts';
import { formatNumber } from '../format/format.ts';
import { useLang } from '../i18n/LangContext.tsx';

/**
 * A point estimate with its confidence interval against zero, drawn in SVG so it scales to any
 * width. When the bar crosses the zero line the data cannot rule out "no effect" — the picture
 * policy makers need more than a p-value.
 */
export function CiBar({
  estimate,
  low,
  high,
  label,
}: {
  estimate: number;
  low: number;
  high: number;
  label: string;
}) {
  const { lang } = useLang();
  const min = Math.min(low, 0);
  const max = Math.max(high, 0);
  const pad = (max - min || 1) * 0.1;
  const x = (v: number) => ((v - (min - pad)) / (max - min + 2 * pad)) * 100;
  const crossesZero = low <= 0 && high >= 0;
  return (
    <svg className="ci-bar" viewBox="0 0 100 24" preserveAspectRatio="none" role="img" aria-label={label}>
      <line
        x1={x(0)}
        x2={x(0)}
        y1="2"
        y2="22"
        stroke="#4b5563"
        strokeDasharray="2 2"
        strokeWidth="0.6"
        vectorEffect="non-scaling-stroke"
      />
      <line
        x1={x(low)}
        x2={x(high)}
        y1="12"
        y2="12"
        stroke={crossesZero ? CI_CROSSES_ZERO : PALETTE[0]}
        strokeWidth="6"
        vectorEffect="non-scaling-stroke"
      />
      <line
        x1={x(estimate)}
        x2={x(estimate)}
        y1="4"
        y2="20"
        stroke="#000"
        strokeWidth="3"
        vectorEffect="non-scaling-stroke"
      />
      <title>{`${formatNumber(low, lang, 2)} … ${formatNumber(high, lang, 2)}`}</title>
    </svg>
  );
}
