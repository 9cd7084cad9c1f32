import type { CohortContrast, CohortInput, CohortOutcome, CohortSelectorKind } from '../graphql/types.ts';
import type { MessageKey } from '../i18n/messages.id.ts';
import type { Translate } from '../i18n/translate.ts';
import { CONTRASTS } from './contrast.ts';
import { monthEnd, monthStart, wholeMonthsAround } from './month-window.ts';

export const COHORT_KINDS: readonly CohortSelectorKind[] = ['program', 'method', 'competencyArea'];
export const COHORT_OUTCOMES: readonly CohortOutcome[] = [
  'service_days',
  'sla_met_rate',
  'requests_handled',
  'appraisal_score',
];
/** The window length the form offers (months, inclusive), as the API accepts it. */
export const WINDOW_MONTHS = { min: 1, max: 36, default: 12 } as const;

/** The URL parameters of a cohort (Kohort page). */
export const COHORT_PARAMS = ['ck', 'cv', 'cfrom', 'cto', 'cout', 'cwin', 'cag', 'cc'] as const;
type CohortParam = (typeof COHORT_PARAMS)[number];

/** What is wrong with a cohort link, one entry per fault, as data (the page words it). */
export type CohortLinkProblem =
  | { readonly kind: 'missing'; readonly param: 'cv' | 'cfrom' | 'cto' }
  | { readonly kind: 'invalidDate'; readonly param: 'cfrom' | 'cto'; readonly value: string }
  | {
      readonly kind: 'notAligned';
      readonly param: 'cfrom' | 'cto';
      readonly value: string;
      /** The whole-month dates either side of `value` (as the API's RANGE_NOT_ALIGNED names them). */
      readonly earlier: string;
      readonly later: string;
    }
  | { readonly kind: 'rangeReversed'; readonly from: string; readonly to: string }
  | {
      /** Outcome appraisal_score (SKP, yearly): the window must be one calendar year (`year`'s). */
      readonly kind: 'notCalendarYear';
      readonly param: 'cfrom' | 'cto';
      readonly value: string;
      readonly year: string;
    }
  | { readonly kind: 'windowOutOfRange'; readonly value: string }
  | { readonly kind: 'unknownValue'; readonly param: 'ck' | 'cout' | 'cc'; readonly value: string };

/** The fields of a cohort a link names validly: the form shows them even when the link has a fault. */
export interface AskedCohort {
  readonly kind?: CohortSelectorKind;
  readonly value?: string;
  readonly from?: string;
  readonly to?: string;
  readonly outcome?: CohortOutcome;
  readonly windowMonths?: number;
  readonly agencies?: readonly string[];
  readonly contrast?: CohortContrast;
}

export interface CohortLink {
  /** True when the URL names a cohort at all (any of its parameters); false: the page's default. */
  readonly named: boolean;
  /** The cohort to compare: null when the URL names none, or names one with a fault. */
  readonly cohort: CohortInput | null;
  /** What the link asked for, valid fields only. */
  readonly asked: AskedCohort;
  readonly problems: readonly CohortLinkProblem[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD` (not 2023-13-01, not 2023-02-30). */
export function isCalendarDay(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC: no time zone can shift it).
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * The cohort a Kohort link asks for (`ck`, `cv`, `cfrom`, `cto`, `cout`, `cwin`, `cag`, `cc`).
 * A link without any of them is no cohort (the page shows its default). A link with a fault (a
 * missing or impossible date, a date that cuts a month (analysis windows are whole months), a
 * window that ends before it starts, a window length outside 1–36,
 * an unknown kind, outcome or contrast) is no cohort either, but it is never replaced by another
 * one: `asked` keeps every field that is valid, so the form still names what the link asked for,
 * and `problems` says what is wrong. Left out, the kind is `program`, the outcome service days,
 * the window 12 months and the contrast the API's default, as the form writes them.
 */
export function cohortFromSearch(params: URLSearchParams): CohortLink {
  const get = (p: CohortParam) => {
    const v = params.get(p);
    return v === null || v.trim() === '' ? null : v.trim();
  };
  const named = COHORT_PARAMS.some((p) => get(p) !== null);
  const problems: CohortLinkProblem[] = [];
  const asked: {
    -readonly [K in keyof AskedCohort]: AskedCohort[K];
  } = {};

  const kind = get('ck');
  if (kind === null) asked.kind = 'program';
  else if (COHORT_KINDS.includes(kind as CohortSelectorKind)) asked.kind = kind as CohortSelectorKind;
  else problems.push({ kind: 'unknownValue', param: 'ck', value: kind });

  const value = get('cv');
  if (value === null) problems.push({ kind: 'missing', param: 'cv' });
  else asked.value = value;

  for (const param of ['cfrom', 'cto'] as const) {
    const day = get(param);
    if (day === null) problems.push({ kind: 'missing', param });
    else if (!isCalendarDay(day)) problems.push({ kind: 'invalidDate', param, value: day });
    else {
      // The form shows the date as the link gives it; the comparison needs whole months.
      asked[param === 'cfrom' ? 'from' : 'to'] = day;
      const aligned = param === 'cfrom' ? monthStart(day) : monthEnd(day);
      if (day !== aligned)
        problems.push({
          kind: 'notAligned',
          param,
          value: day,
          ...wholeMonthsAround(param === 'cfrom' ? 'start' : 'end', day),
        });
    }
  }
  if (asked.from && asked.to && asked.from > asked.to)
    problems.push({ kind: 'rangeReversed', from: asked.from, to: asked.to });

  const outcome = get('cout');
  if (outcome === null) asked.outcome = 'service_days';
  else if (COHORT_OUTCOMES.includes(outcome as CohortOutcome)) asked.outcome = outcome as CohortOutcome;
  else problems.push({ kind: 'unknownValue', param: 'cout', value: outcome });

  // SKP appraisals are yearly: an appraisal_score window is one calendar year (the API refuses any
  // other: windows a month apart would differ by a few employees' appraisals).
  if (asked.outcome === 'appraisal_score' && asked.from && asked.to && asked.from <= asked.to) {
    const [from, to] = [asked.from, asked.to];
    const year = from.slice(0, 4);
    if (from !== calendarYear(from).from)
      problems.push({ kind: 'notCalendarYear', param: 'cfrom', value: from, year });
    if (to !== `${year}-12-31`) problems.push({ kind: 'notCalendarYear', param: 'cto', value: to, year });
  }

  const win = get('cwin');
  if (win === null) asked.windowMonths = WINDOW_MONTHS.default;
  else {
    const n = Number(win);
    if (/^\d+$/.test(win) && n >= WINDOW_MONTHS.min && n <= WINDOW_MONTHS.max) asked.windowMonths = n;
    else problems.push({ kind: 'windowOutOfRange', value: win });
  }

  const agencies = (get('cag') ?? '').split(',').filter(Boolean);
  if (agencies.length) asked.agencies = agencies;

  const contrast = get('cc');
  if (contrast !== null) {
    if (CONTRASTS.includes(contrast as CohortContrast)) asked.contrast = contrast as CohortContrast;
    else problems.push({ kind: 'unknownValue', param: 'cc', value: contrast });
  }

  if (!named) return { named, cohort: null, asked: {}, problems: [] };
  const { kind: k, value: v, from, to, outcome: o, windowMonths } = asked;
  const cohort: CohortInput | null =
    problems.length === 0 && k && v && from && to && o && windowMonths
      ? {
          selector: { kind: k, value: v },
          from,
          to,
          outcome: o,
          windowMonths,
          agencies: asked.agencies ? [...asked.agencies] : null,
          contrast: asked.contrast ?? null,
        }
      : null;
  return { named, cohort, asked, problems };
}

/** The calendar year a date is in: the window an appraisal_score comparison takes. */
export function calendarYear(day: string): { from: string; to: string } {
  const year = day.slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The form label of each cohort parameter, quoted in messages as the API's field names are. */
const PARAM_LABEL: Record<CohortParam, MessageKey> = {
  ck: 'kohort.selectorKind',
  cv: 'kohort.value',
  cfrom: 'kohort.from',
  cto: 'kohort.to',
  cout: 'kohort.outcome',
  cwin: 'kohort.windowMonths',
  cag: 'filter.agencies',
  cc: 'contrast.label',
};

const quote = (s: string) => `“${s}”`;

/** One link fault in the reader's language, naming the form field (as the API errors do). */
export function describeLinkProblem(p: CohortLinkProblem, t: Translate): string {
  const field = (param: CohortParam) => quote(t(PARAM_LABEL[param]));
  switch (p.kind) {
    case 'missing':
      return t('kohort.link.missing', { field: field(p.param) });
    case 'invalidDate':
      return t('kohort.link.invalidDate', { field: field(p.param), value: p.value });
    case 'notAligned':
      return t('kohort.link.notAligned', {
        field: field(p.param),
        value: p.value,
        earlier: p.earlier,
        later: p.later,
      });
    case 'notCalendarYear':
      return t('kohort.link.notCalendarYear', {
        field: field(p.param),
        value: p.value,
        from: `${p.year}-01-01`,
        to: `${p.year}-12-31`,
      });
    case 'rangeReversed':
      return t('badInput.rangeReversed', {
        startField: field('cfrom'),
        start: p.from,
        endField: field('cto'),
        end: p.to,
      });
    case 'windowOutOfRange':
      return `${t('badInput.between', {
        field: field('cwin'),
        min: WINDOW_MONTHS.min,
        max: WINDOW_MONTHS.max,
      })} ${t('kohort.link.given', { value: quote(p.value) })}`;
    case 'unknownValue':
      return t('badInput.unknownValue', { field: field(p.param), values: quote(p.value) });
  }
}
