import { ROI_DEFAULT_ASSUMPTIONS } from './roi-defaults.ts';

/** Low / base / high, in the unit stated by the field that holds it. */
export interface RoiRange {
  low: number;
  base: number;
  high: number;
}

/** One monetisable benefit, e.g. "KTP-el: service days saved". */
export interface RoiBenefitStream {
  name: string;
  /** The name in Bahasa Indonesia, when the caller gives one. */
  nameId?: string;
  /**
   * Isolated effect per unit of volume, oriented so that positive = improvement (e.g. days saved per
   * request = −DiD of service days), with its CI as low/high. Null when there is no data.
   */
  effect: RoiRange | null;
  /** Unit of the effect, e.g. 'days saved per request'. */
  effectUnit: string;
  /** The unit in Bahasa Indonesia, when the caller gives one. */
  effectUnitId?: string;
  /** Units affected per year, e.g. requests handled by trained staff. */
  volumePerYear: number;
  /** IDR per unit of effect; default: the citizen-day value. */
  valuePerUnitIdr?: number;
}

/** A benefit reported but not converted to money (Phillips), e.g. an IKM change. */
export interface RoiIntangible {
  name: string;
  description: string;
  /** The description in Bahasa Indonesia, when the caller gives one. */
  descriptionId?: string;
}

export interface RoiInput {
  /** Program costs in IDR by category (trainer, venue, materials, …), each ≥ 0. */
  programCostsIdr: Readonly<Record<string, number>>;
  /** Hours all participants spent in training, summed (e.g. JP × JP length × participants). */
  participantHours: number;
  benefits: readonly RoiBenefitStream[];
  intangibles?: readonly RoiIntangible[];
}

/** Parameters a caller may override; see ROI_DEFAULT_ASSUMPTIONS. */
export interface RoiParameters {
  monthlySalaryCostIdr: number;
  workingHoursPerMonth: number;
  /** Fully loaded cost of one participant hour; default monthlySalaryCostIdr / workingHoursPerMonth. */
  hourlySalaryCostIdr?: number;
  citizenDayValueIdr: number;
  confidence: number;
  attribution: number;
}

export interface RoiAssumption {
  name: string;
  value: number;
  unit: string;
  /** 'override' = supplied by the caller; 'default' = from ROI_DEFAULT_ASSUMPTIONS. */
  source: 'default' | 'override';
  note: string;
  /** The note in Bahasa Indonesia. */
  noteId: string;
}

export interface RoiCase {
  /** First-year monetary benefits in IDR, after confidence and attribution (negative = harm). */
  benefitsIdr: number;
  netBenefitsIdr: number;
  /** (benefits − costs) / costs × 100; null when costs are 0. */
  roiPercent: number | null;
  /** benefits / costs; null when costs are 0. */
  bcr: number | null;
  /**
   * costs / (benefits / horizonMonths), horizonMonths = 12: months of the first-year monthly benefit
   * that repay the costs. Not capped at the horizon: when benefits < costs it is a number above 12
   * (e.g. 144 for benefits of a twelfth of the costs), an extrapolation of the first-year benefit
   * past the 12 months this model counts, and means the costs are not recovered within the horizon
   * (the same case as bcr < 1, roiPercent < 0, netBenefitsIdr < 0). Exactly 12 when benefits equal
   * costs; 0 when costs are 0 and benefits > 0; null when benefits ≤ 0 (nothing to pay back with).
   */
  paybackMonths: number | null;
}

export interface RoiStreamResult {
  name: string;
  nameId?: string;
  effectUnit: string;
  effectUnitId?: string;
  effect: RoiRange | null;
  volumePerYear: number;
  valuePerUnitIdr: number;
  /** Benefit in IDR per case after the conservative rules, confidence and attribution. */
  benefitsIdr: RoiRange;
  /** Which conservative rules changed this stream, in words; empty when none did. */
  notes: string[];
  /** The same notes in Bahasa Indonesia. */
  notesId: string[];
}

export interface RoiResult {
  costs: {
    programByCategoryIdr: Record<string, number>;
    programIdr: number;
    participantTimeIdr: number;
    totalIdr: number;
  };
  streams: RoiStreamResult[];
  low: RoiCase;
  base: RoiCase;
  high: RoiCase;
  intangibles: RoiIntangible[];
  assumptions: RoiAssumption[];
}

function assertNonNegative(value: number, what: string): void {
  if (!(Number.isFinite(value) && value >= 0))
    throw new RangeError(`${what} must be a finite number ≥ 0, got ${value}`);
}

function assertShare(value: number, what: string): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${what} must be in [0, 1], got ${value}`);
}

function roiCase(benefitsIdr: number, costsIdr: number, horizonMonths: number): RoiCase {
  return {
    benefitsIdr,
    netBenefitsIdr: benefitsIdr - costsIdr,
    roiPercent: costsIdr > 0 ? ((benefitsIdr - costsIdr) / costsIdr) * 100 : null,
    bcr: costsIdr > 0 ? benefitsIdr / costsIdr : null,
    paybackMonths: benefitsIdr > 0 ? costsIdr / (benefitsIdr / horizonMonths) : null,
  };
}

/**
 * Phillips ROI (Kirkpatrick L5) for one program, first year, as a low/base/high range.
 *
 * Costs are fully loaded: program costs by category + participant hours × hourly salary cost.
 * Benefits per stream = effect × volume per year × IDR per unit × confidence × attribution, summed.
 * ROI % = (benefits − costs) / costs × 100, BCR = benefits / costs, payback = costs / monthly benefit
 * (not capped: above 12 months when the first-year benefits fall short of the costs; see RoiCase).
 *
 * Phillips' guiding principles, applied literally (DOMAIN §5):
 * - No data for a stream (`effect` null) → no improvement: 0 in every case.
 * - Most conservative alternative: the low case uses the CI's lower bound even when it is harm
 *   (negative), so a CI that includes harm shows up as a negative low ROI. The base and high cases
 *   never go below 0: a negative point estimate means "no improvement" (0 benefit), not a monetised
 *   loss, because the estimate does not establish harm either.
 * - Estimates are adjusted for error by `confidence`, and for other causes by `attribution`.
 * - First-year benefits only (12 months); intangibles are listed apart, not monetised.
 *
 * @throws RangeError for negative costs or volumes, shares outside [0, 1], or low > base > high.
 */
export function computeRoi(input: RoiInput, overrides: Partial<RoiParameters> = {}): RoiResult {
  const defaults = ROI_DEFAULT_ASSUMPTIONS;
  const assumptions: RoiAssumption[] = [];
  const param = (name: keyof typeof defaults & keyof RoiParameters): number => {
    const given = overrides[name];
    const value = given ?? defaults[name].value;
    assumptions.push({
      name,
      value,
      unit: defaults[name].unit,
      source: given === undefined ? 'default' : 'override',
      note: `${defaults[name].note} [certainty ${defaults[name].certainty}]`,
      noteId: `${defaults[name].noteId} [kepastian ${defaults[name].certainty}]`,
    });
    return value;
  };

  const confidence = param('confidence');
  const attribution = param('attribution');
  assertShare(confidence, 'confidence');
  assertShare(attribution, 'attribution');

  let hourlySalaryCostIdr: number;
  if (overrides.hourlySalaryCostIdr === undefined) {
    const monthly = param('monthlySalaryCostIdr');
    const hours = param('workingHoursPerMonth');
    if (!(hours > 0)) throw new RangeError(`workingHoursPerMonth must be > 0, got ${hours}`);
    hourlySalaryCostIdr = monthly / hours;
    const derivedFromDefaults =
      overrides.monthlySalaryCostIdr === undefined && overrides.workingHoursPerMonth === undefined;
    assumptions.push({
      name: 'hourlySalaryCostIdr',
      value: hourlySalaryCostIdr,
      unit: 'IDR/hour',
      source: derivedFromDefaults ? 'default' : 'override',
      note: 'Value of one employee hour = monthlySalaryCostIdr / workingHoursPerMonth.',
      noteId: 'Nilai satu jam kerja pegawai = monthlySalaryCostIdr / workingHoursPerMonth.',
    });
  } else {
    hourlySalaryCostIdr = overrides.hourlySalaryCostIdr;
    assumptions.push({
      name: 'hourlySalaryCostIdr',
      value: hourlySalaryCostIdr,
      unit: 'IDR/hour',
      source: 'override',
      note: 'Value of one employee hour, supplied by the caller.',
      noteId: 'Nilai satu jam kerja pegawai, diberikan oleh pemanggil.',
    });
  }
  assertNonNegative(hourlySalaryCostIdr, 'hourlySalaryCostIdr');

  const horizonMonths = defaults.horizonMonths.value;
  assumptions.push({
    name: 'horizonMonths',
    value: horizonMonths,
    unit: defaults.horizonMonths.unit,
    source: 'default',
    note: defaults.horizonMonths.note,
    noteId: defaults.horizonMonths.noteId,
  });

  const needsCitizenDay = input.benefits.some((s) => s.valuePerUnitIdr === undefined);
  const citizenDayValueIdr = needsCitizenDay
    ? param('citizenDayValueIdr')
    : (overrides.citizenDayValueIdr ?? defaults.citizenDayValueIdr.value);

  // Costs, by category in category order: the warehouse returns the categories in no set order
  // (one server listed trainer first, another materials), and summing the same amounts in another
  // order can change a total's last bits.
  const programByCategoryIdr: Record<string, number> = {};
  let programIdr = 0;
  const byCategory = Object.entries(input.programCostsIdr).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [category, amount] of byCategory) {
    assertNonNegative(amount, `programCostsIdr.${category}`);
    programByCategoryIdr[category] = amount;
    programIdr += amount;
  }
  assertNonNegative(input.participantHours, 'participantHours');
  const participantTimeIdr = input.participantHours * hourlySalaryCostIdr;
  const totalIdr = programIdr + participantTimeIdr;

  // Benefits.
  const adjustment = confidence * attribution;
  const streams = input.benefits.map((stream): RoiStreamResult => {
    assertNonNegative(stream.volumePerYear, `${stream.name}.volumePerYear`);
    const valuePerUnitIdr = stream.valuePerUnitIdr ?? citizenDayValueIdr;
    assertNonNegative(valuePerUnitIdr, `${stream.name}.valuePerUnitIdr`);
    if (stream.valuePerUnitIdr !== undefined) {
      assumptions.push({
        name: `${stream.name}: valuePerUnitIdr`,
        value: valuePerUnitIdr,
        unit: `IDR per ${stream.effectUnit}`,
        source: 'override',
        note: 'Money value per unit of effect, supplied by the caller.',
        noteId: 'Nilai uang per satuan efek, diberikan oleh pemanggil.',
      });
    }
    const notes: string[] = [];
    const notesId: string[] = [];
    const note = (en: string, id: string) => {
      notes.push(en);
      notesId.push(id);
    };
    const { effect } = stream;
    if (effect === null) {
      note(
        'No effect data: no improvement assumed (Phillips), benefit 0 in every case.',
        'Tidak ada data efek: dianggap tidak ada perbaikan (Phillips), manfaat 0 di setiap skenario.',
      );
      return {
        ...stream,
        effect,
        valuePerUnitIdr,
        benefitsIdr: { low: 0, base: 0, high: 0 },
        notes,
        notesId,
      };
    }
    if (!(effect.low <= effect.base && effect.base <= effect.high)) {
      throw new RangeError(`${stream.name}: effect must satisfy low ≤ base ≤ high`);
    }
    if (effect.low < 0)
      note(
        'Effect CI includes harm: the low case uses the negative lower bound.',
        'Selang kepercayaan efek mencakup kerugian: skenario rendah memakai batas bawah yang negatif.',
      );
    if (effect.base < 0)
      note(
        'Negative point estimate: no improvement assumed, base benefit 0.',
        'Perkiraan titik negatif: dianggap tidak ada perbaikan, manfaat dasar 0.',
      );
    if (effect.high < 0)
      note(
        'Whole CI is harm: high benefit 0.',
        'Seluruh selang kepercayaan berupa kerugian: manfaat tinggi 0.',
      );
    const money = (e: number) => e * stream.volumePerYear * valuePerUnitIdr * adjustment;
    return {
      ...stream,
      effect,
      valuePerUnitIdr,
      benefitsIdr: {
        low: money(effect.low),
        base: money(Math.max(0, effect.base)),
        high: money(Math.max(0, effect.high)),
      },
      notes,
      notesId,
    };
  });

  const sum = (key: keyof RoiRange) => streams.reduce((s, stream) => s + stream.benefitsIdr[key], 0);
  return {
    costs: { programByCategoryIdr, programIdr, participantTimeIdr, totalIdr },
    streams,
    low: roiCase(sum('low'), totalIdr, horizonMonths),
    base: roiCase(sum('base'), totalIdr, horizonMonths),
    high: roiCase(sum('high'), totalIdr, horizonMonths),
    intangibles: [...(input.intangibles ?? [])],
    assumptions,
  };
}
