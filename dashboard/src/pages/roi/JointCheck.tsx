import { useGlossaryTerms } from '../../components/Glossary.tsx';
import type { ProgramEffects, RoiInput } from '../../graphql/types.ts';
import { useLang } from '../../i18n/LangContext.tsx';
import { effectText, survivesHolm, verdictOf } from '../joint-effects.ts';
import { jointClusteredSentence } from './joint-check.ts';
import { jointCheckTerms } from './roi-terms.ts';

/**
 * Step 3's cross-check: the priced program in the window's joint model (every program of the
 * window at once, on service days, same agencies and window length): does the effect the chain
 * prices hold with the other programs its participants took held fixed, after Holm, and with
 * errors clustered by agency (with a caution when its completers sit in few agencies)? Says nothing
 * while loading or when the model has no row for the program (e.g. a selector other than a program); when the
 * chain prices the joint model itself (`isolation: joint`), says that instead. The page asks for the
 * model (`roiJointInputOf`) beside the ROI itself, so it does not wait for the ROI's answer.
 */
export function JointCheck({
  input,
  joint,
}: {
  readonly input: RoiInput;
  /** The joint model's answer; undefined while it loads, when it failed, or when none is asked for. */
  readonly joint: ProgramEffects | undefined;
}) {
  const { t, lang } = useLang();
  const row = joint?.programs.find((p) => p.program === input.selector.value);
  const shownRow = row && !joint?.suppressed ? row : null;
  useGlossaryTerms('jointCheck', jointCheckTerms(input, shownRow));
  if (input.isolation === 'joint')
    // The chain already prices the joint model: say so, in place of the cross-check.
    return (
      <p className="muted" data-joint-priced>
        {t('roi.jointPriced')}
      </p>
    );
  if (!row || joint?.suppressed) return null;
  const verdict = t(verdictOf(row, 'service_days').key);
  const holds = survivesHolm(row) && (row.direction === 'lower' || row.direction === 'higher');
  const clustered = jointClusteredSentence(row, t, lang);
  return (
    <p
      className="muted"
      data-joint-check={row.direction}
      data-joint-holm={holds || undefined}
      data-joint-clustered={clustered?.verdict}
      data-treated-agencies={clustered?.treatedAgencies}
    >
      {t('roi.jointCheck', {
        effect: effectText(row, 'service_days', lang),
        verdict,
        others: String(joint?.programs.length ?? 0),
      })}{' '}
      {row.direction === 'lower' || row.direction === 'higher'
        ? t(holds ? 'roi.jointHolds' : 'roi.jointNotHolds')
        : ''}
      {clustered && (
        <>
          {' '}
          <span data-joint-clustered-text>{clustered.text}</span>
        </>
      )}
    </p>
  );
}
