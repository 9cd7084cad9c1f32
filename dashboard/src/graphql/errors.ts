import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { formatDate } from '../format/format.ts';
import { type Lang, localeOf } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.id.ts';
import { labelOf, MESSAGES, type Translate } from '../i18n/translate.ts';

/**
 * - `unauthenticated`: the server did not accept who the caller says it is (HTTP 401 /
 *   UNAUTHENTICATED): an unknown or malformed token, or no token where one is required. Every
 *   request fails, public data included, so the fix is the token, not a role.
 * - `forbidden`: the caller is known but its role may not see this section (FORBIDDEN / 403).
 * - `badInput`: a caller mistake (BAD_USER_INPUT) whose message is safe to show as is; `badInputsOf`
 *   and `describeBadInput` word it in the page's language.
 * - `tooComplex`: the request is beyond a server limit (QUERY_TOO_COMPLEX): for the dashboard's own
 *   queries, disclosure control of a fine table with many small cells (reason
 *   DISCLOSURE_TOO_COMPLEX). Asking again gives the same answer; a coarser view does not.
 * - `timeout`: the server stopped the operation at its deadline (OPERATION_TIMEOUT, HTTP 504 after
 *   OPERATION_TIMEOUT_MS, 30 s): too much work for one answer. A narrower filter is answered; the
 *   same one may be again once the server is less busy.
 */
export type ErrorKind = 'unauthenticated' | 'forbidden' | 'badInput' | 'tooComplex' | 'timeout' | 'other';

/**
 * The client gave up waiting for an answer (`createClient`'s request timeout): nothing came back,
 * not even the server's own 504 at its deadline, so the connection or a proxy on the way stalled.
 * A service failure, as a failed fetch is (`isServiceUnreachable`).
 */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`No answer from the data service within ${timeoutMs} ms.`);
    this.name = 'RequestTimeoutError';
  }
}

/** The GraphQL errors an Apollo error carries: a GraphQL answer's, or a non-2xx JSON body's. */
function graphQLErrorsOf(error: unknown): { message?: unknown; extensions?: Record<string, unknown> }[] {
  if (CombinedGraphQLErrors.is(error)) return [...error.errors];
  if (!ServerError.is(error)) return [];
  try {
    const errors = (JSON.parse(error.bodyText) as { errors?: unknown } | null)?.errors;
    return Array.isArray(errors) ? errors.filter((e) => typeof e === 'object' && e !== null) : [];
  } catch {
    // Not JSON (a proxy's HTML page): no GraphQL errors.
    return [];
  }
}

/**
 * Whether the server stopped the operation at its deadline (OPERATION_TIMEOUT): answered as a
 * GraphQL error (HTTP 504, `application/graphql-response+json`) or as a 504 `application/json` body.
 */
export function isOperationTimeout(error: unknown): boolean {
  return graphQLErrorsOf(error).some((e) => e.extensions?.code === 'OPERATION_TIMEOUT');
}

/** The server's deadline in ms that an OPERATION_TIMEOUT names (`timeoutMs`), if it does. */
export function operationTimeoutMs(error: unknown): number | null {
  for (const e of graphQLErrorsOf(error)) {
    const ms = e.extensions?.timeoutMs;
    if (e.extensions?.code === 'OPERATION_TIMEOUT' && typeof ms === 'number' && ms > 0) return ms;
  }
  return null;
}

/**
 * Sorts an Apollo error for the UI: a missing role gets "enter a token", a rejected token gets
 * "check or remove the token", rather than a generic failure.
 */
export function classifyError(error: unknown): { kind: ErrorKind; message: string } {
  if (CombinedGraphQLErrors.is(error)) {
    const codes = error.errors.map((e) => e.extensions?.code);
    const message = error.errors.map((e) => e.message).join('; ');
    if (codes.includes('UNAUTHENTICATED')) return { kind: 'unauthenticated', message };
    if (codes.includes('FORBIDDEN') || /access denied/i.test(message)) return { kind: 'forbidden', message };
    if (codes.includes('BAD_USER_INPUT')) return { kind: 'badInput', message };
    if (codes.includes('QUERY_TOO_COMPLEX')) return { kind: 'tooComplex', message };
    if (codes.includes('OPERATION_TIMEOUT')) return { kind: 'timeout', message };
    return { kind: 'other', message };
  }
  if (ServerError.is(error)) {
    if (isOperationTimeout(error)) return { kind: 'timeout', message: serverMessage(error) };
    if (error.statusCode === 401) return { kind: 'unauthenticated', message: serverMessage(error) };
    if (error.statusCode === 403) return { kind: 'forbidden', message: serverMessage(error) };
  }
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** The GraphQL error message in a non-2xx `application/json` body, else Apollo's generic one. */
function serverMessage(error: ServerError): string {
  try {
    const body: unknown = JSON.parse(error.bodyText);
    const errors = (body as { errors?: unknown } | null)?.errors;
    if (Array.isArray(errors)) {
      const messages = errors
        .map((e: unknown) => (e as { message?: unknown } | null)?.message)
        .filter((m): m is string => typeof m === 'string' && m !== '');
      if (messages.length > 0) return messages.join('; ');
    }
  } catch {
    // Not JSON (a proxy's HTML page): keep Apollo's message.
  }
  return error.message;
}

/**
 * What one HTTP answer to a request that carried a token says about that token: 401 means the
 * server does not know it; a 2xx means it was accepted (authentication comes before anything
 * else the server checks). Anything else (a 5xx, a proxy's 4xx) says nothing about the token.
 */
export function tokenVerdict(httpStatus: number): 'accepted' | 'rejected' | null {
  if (httpStatus === 401) return 'rejected';
  if (httpStatus >= 200 && httpStatus < 300) return 'accepted';
  return null;
}

/**
 * One caller mistake (BAD_USER_INPUT) as the API describes it: `reason` (see the README's reasons
 * table), `field` (the argument path, e.g. `filter.programs`), the reason's parameters, and the
 * server's English message.
 */
export interface BadInput {
  readonly message: string;
  readonly reason: string | null;
  readonly field: string | null;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * Whether the server refused a result as too fine to protect (QUERY_TOO_COMPLEX with reason
 * DISCLOSURE_TOO_COMPLEX): disclosure control of its small cells would take more than the server's
 * work budget. A coarser grain can be answered; asking again cannot (the server remembers the refusal).
 */
export function isDisclosureTooComplex(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.some(
      (e) => e.extensions?.code === 'QUERY_TOO_COMPLEX' && e.extensions?.reason === 'DISCLOSURE_TOO_COMPLEX',
    )
  );
}

/** The BAD_USER_INPUT errors of an Apollo error, one per distinct message. */
export function badInputsOf(error: unknown): BadInput[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  const seen = new Set<string>();
  const inputs: BadInput[] = [];
  for (const e of error.errors) {
    const { code, reason, field, ...params } = (e.extensions ?? {}) as Record<string, unknown>;
    if (code !== 'BAD_USER_INPUT' || seen.has(e.message)) continue;
    seen.add(e.message);
    inputs.push({
      message: e.message,
      reason: typeof reason === 'string' ? reason : null,
      field: typeof field === 'string' ? field : null,
      params,
    });
  }
  return inputs;
}

/**
 * The dashboard's own label of an argument path, where it has one: the filter bar's, the cohort
 * form's, the ROI form's and the budget card's labels. ROI and budget inputs share the `input`
 * argument but not its fields.
 */
const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  'filter.agencies': 'filter.agencies',
  'filter.programs': 'filter.programs',
  'filter.methods': 'filter.methods',
  'filter.competencyAreas': 'filter.competencyAreas',
  'filter.gradeGroups': 'filter.gradeGroups',
  'filter.tenureBands': 'filter.tenureBands',
  'filter.employmentTypes': 'filter.employmentTypes',
  'filter.serviceTypes': 'filter.serviceTypes',
  'filter.kelurahan': 'filter.kelurahan',
  'filter.from': 'filter.from',
  'filter.to': 'filter.to',
  grain: 'filter.grain',
  year: 'filter.year',
  years: 'filter.year',
  agencies: 'filter.agencies',
  'cohort.selector.kind': 'kohort.selectorKind',
  'cohort.selector.value': 'kohort.value',
  'selector.value': 'kohort.value',
  'cohort.from': 'kohort.from',
  'cohort.to': 'kohort.to',
  'cohort.outcome': 'kohort.outcome',
  'cohort.windowMonths': 'kohort.windowMonths',
  'cohort.agencies': 'filter.agencies',
  'input.selector.value': 'roi.program',
  'input.from': 'roi.from',
  'input.to': 'roi.to',
  'input.windowMonths': 'roi.a.windowMonths',
  windowMonths: 'roi.a.windowMonths',
  'input.agencies': 'filter.agencies',
  'input.agency': 'roi.budgetAgency',
  'input.program': 'roi.budgetProgram',
  'input.budgetIdr': 'roi.budgetIdr',
  'input.year': 'roi.budgetYear',
  snapshotId: 'snapshot.label',
};

/** ROI assumptions (`input.assumptions.confidence`, portfolio `assumptions.jpMinutes`) use the form's labels. */
const ASSUMPTION = /^(?:input\.)?assumptions\.(\w+)$/;

/** Group-by dimensions, named as the filter bar names the same dimension. */
const DIMENSION_LABELS: Readonly<Record<string, MessageKey>> = {
  agency: 'filter.agencies',
  program: 'filter.programs',
  method: 'filter.methods',
  competencyArea: 'filter.competencyAreas',
  gradeGroup: 'filter.gradeGroups',
  tenureBand: 'filter.tenureBands',
  employmentType: 'filter.employmentTypes',
  serviceType: 'filter.serviceTypes',
  kelurahan: 'filter.kelurahan',
  declineReason: 'kualitas.reason',
};

/** Where the labels of a field's fixed-domain values live (`method.e_learning` → "E-learning"). */
const VALUE_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  methods: ['method'],
  competencyAreas: ['area'],
  employmentTypes: ['emp'],
  tenureBands: ['tenure'],
  value: ['method', 'area'],
};

const quote = (s: string) => `“${s}”`;

/** The label of a field in quotes, or its argument path when the dashboard has no label for it. */
export function fieldLabel(t: Translate, field: string | null | undefined): string {
  if (!field) return '';
  const key = FIELD_LABELS[field];
  if (key) return quote(t(key));
  const assumption = ASSUMPTION.exec(field)?.[1];
  const assumptionKey = `roi.a.${assumption}` as MessageKey;
  if (assumption && assumptionKey in MESSAGES.id) return quote(t(assumptionKey));
  return quote(field);
}

function valueLabel(t: Translate, field: string | null, value: string): string {
  for (const prefix of VALUE_PREFIXES[field?.split('.').at(-1) ?? ''] ?? []) {
    const label = labelOf(t, prefix, value);
    if (label !== value) return label;
  }
  return value;
}

const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** An ISO calendar day (YYYY-MM-DD), as the API sends date bounds. */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Whether an argument path names a calendar year (`year`, `years`, the budget's `input.year`): its
 * bounds (1990 … 2100) are years, written without thousands grouping ("1990", not "1.990").
 */
const isYearField = (field: string | null): boolean => /^years?$/.test(field?.split('.').at(-1) ?? '');

/**
 * A caller mistake in the page's language, from its reason, field and parameters; null when the
 * dashboard does not know the reason (or it lacks what the sentence needs): show the server's
 * English message instead.
 */
export function describeBadInput(
  input: BadInput,
  t: Translate,
  lang: Lang,
  /** An agency's name by its code, where the page has the catalogue (else the code). */
  agencyName: (code: string) => string = (code) => code,
): string | null {
  const { reason, field, params } = input;
  const numberText = (n: number) =>
    new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 2 }).format(n).replace(/\u00a0/g, ' ');
  const list = (values: readonly string[]) => values.join(', ');
  const accepted = (labels: readonly string[] | null) =>
    labels?.length ? ` ${t('badInput.accepted', { list: list(labels) })}` : '';
  const f = fieldLabel(t, field);
  switch (reason) {
    case 'UNKNOWN_VALUE': {
      const unknown = strings(params.unknown);
      if (!unknown?.length) return null;
      const values = list(unknown.map(quote));
      const domain = strings(params.accepted);
      if (!domain) return t('badInput.unknownInSnapshot', { field: f, values });
      return (
        t('badInput.unknownValue', { field: f, values }) +
        accepted(domain.map((v) => valueLabel(t, field, v)))
      );
    }
    case 'OUT_OF_RANGE': {
      // A bound is a number, or a date (an ISO day: the API's 1900-01-01 … 2999-12-31 for dates),
      // written as the page writes numbers or dates; a year as a year is written, without grouping.
      const year = isYearField(field);
      const boundText = (v: unknown): string | null => {
        const n = num(v);
        if (n !== null) return year && Number.isInteger(n) ? String(n) : numberText(n);
        return typeof v === 'string' && ISO_DAY.test(v) ? formatDate(v, lang) : null;
      };
      const min = boundText(params.min);
      const max = boundText(params.max);
      if (min !== null && max !== null) return t('badInput.between', { field: f, min, max });
      if (min !== null)
        return t(params.minExclusive === true ? 'badInput.above' : 'badInput.atLeast', { field: f, min });
      if (max !== null) return t('badInput.atMost', { field: f, max });
      return t('badInput.outOfRange', { field: f });
    }
    case 'LIST_LENGTH': {
      const min = num(params.min);
      const max = num(params.max);
      if (max === null) return null;
      return min === null
        ? t('badInput.listAtMost', { field: f, max: numberText(max) })
        : t('badInput.listBetween', { field: f, min: numberText(min), max: numberText(max) });
    }
    case 'RANGE_REVERSED': {
      const { startField, endField, start, end } = params;
      if (![startField, endField, start, end].every((v) => typeof v === 'string')) return null;
      return t('badInput.rangeReversed', {
        startField: fieldLabel(t, startField as string),
        endField: fieldLabel(t, endField as string),
        start: formatDate(start as string, lang),
        end: formatDate(end as string, lang),
      });
    }
    case 'RANGE_NOT_ALIGNED': {
      const { unit, earlier, later } = params;
      if (![unit, earlier, later].every((v) => typeof v === 'string'))
        return t('badInput.rangeNotAligned', { field: f });
      return t('badInput.rangeNotAlignedDates', {
        field: f,
        unit: labelOf(t, 'grain', unit as string).toLowerCase(),
        earlier: formatDate(earlier as string, lang),
        later: formatDate(later as string, lang),
      });
    }
    case 'DUPLICATE_VALUE': {
      const duplicates = strings(params.duplicates);
      if (!duplicates?.length) return null;
      const labels = duplicates.map((d) => quote(DIMENSION_LABELS[d] ? t(DIMENSION_LABELS[d]) : d));
      return t('badInput.duplicate', { field: f, values: list(labels) });
    }
    case 'MISSING_ARGUMENT':
      if (typeof params.missing !== 'string') return null;
      return t('badInput.missingArgument', { field: f, missing: fieldLabel(t, params.missing) });
    case 'UNSUPPORTED_FILTER':
      return (
        t('badInput.unsupportedFilter', { field: f }) +
        accepted(strings(params.accepted)?.map((a) => fieldLabel(t, `filter.${a}`)) ?? null)
      );
    case 'UNSUPPORTED_GROUP_BY': {
      if (typeof params.value !== 'string') return null;
      const dim = (d: string) => quote(DIMENSION_LABELS[d] ? t(DIMENSION_LABELS[d]) : d);
      return (
        t('badInput.unsupportedGroupBy', { value: dim(params.value) }) +
        accepted(strings(params.accepted)?.map(dim) ?? null)
      );
    }
    case 'UNSUPPORTED_GRAIN': {
      if (typeof params.value !== 'string') return null;
      const grain = (g: string) => quote(labelOf(t, 'grain', g));
      return (
        t('badInput.unsupportedGrain', { value: grain(params.value) }) +
        accepted(strings(params.accepted)?.map(grain) ?? null)
      );
    }
    case 'TOO_MANY_ROWS': {
      // The answer the server refused to build: how many rows it would have had, and the cap.
      const rows = num(params.rows);
      const max = num(params.max);
      if (max === null) return t('badInput.tooManyRowsBare');
      return rows === null
        ? t('badInput.tooManyRowsMax', { max: numberText(max) })
        : t('badInput.tooManyRows', { rows: numberText(rows), max: numberText(max) });
    }
    case 'KECAMATAN_BY_KELURAHAN': {
      const values = strings(params.values);
      if (!values?.length) return null;
      const labels =
        field === 'filter.serviceTypes'
          ? values.map((v) => labelOf(t, 'service', v))
          : values.map(agencyName);
      return t('badInput.kecamatanByKelurahan', { field: f, values: list(labels.map(quote)) });
    }
    case 'INVALID_DATE':
      return t('badInput.invalidDate', { field: f });
    case 'NOT_KEPT':
      return t('badInput.notKept');
    case 'INVALID_VARIABLE':
      if (typeof params.variable !== 'string') return null;
      return t('badInput.invalidVariable', { variable: quote(params.variable) });
    case 'INVALID_LITERAL':
      if (typeof params.type !== 'string') return null;
      return t('badInput.invalidLiteral', { type: quote(params.type) });
    default:
      return null;
  }
}
