import type { MetricInputError } from '@asn/warehouse';
import { GraphQLError } from 'graphql';

/** The reasons (and their parameters) the warehouse's metrics give for a caller mistake. */
type MetricInputDetail = MetricInputError['detail'];

/**
 * Every caller mistake (BAD_USER_INPUT) carries `extensions.reason`, one of a closed set, with
 * `extensions.field` (the argument path at fault) and the parameters a client needs to phrase the
 * mistake in its own language. The English `message` stays as it was; reasons are additive. The
 * README ("Codes in requests") documents the set; a test keeps the two equal.
 *
 * The metric reasons come from the warehouse (`MetricInputError`, mapped in `format-error.ts`):
 * OUT_OF_RANGE, LIST_LENGTH, RANGE_REVERSED, RANGE_NOT_ALIGNED, DUPLICATE_VALUE, MISSING_ARGUMENT,
 * UNSUPPORTED_FILTER, UNSUPPORTED_GROUP_BY, UNSUPPORTED_GRAIN, INVALID_DATE, TOO_MANY_ROWS. The API
 * adds:
 */
interface ApiReasons {
  /**
   * A code the snapshot (agencies, programs, service types, kelurahan) or a fixed domain (methods,
   * competency areas, grade groups, tenure bands, employment types) does not know: `unknown` lists
   * the values; `accepted` lists a fixed domain in full (a snapshot's codes are listed by queries).
   */
  readonly UNKNOWN_VALUE: { readonly unknown: readonly string[]; readonly accepted?: readonly string[] };
  /** A snapshot id that is not among the kept snapshots (or is no snapshot id at all). */
  readonly NOT_KEPT: Record<never, never>;
  /**
   * A variable whose value does not fit its declared type (or a required one that is missing),
   * refused before execution; `variable` is its path in the variables (e.g. `f.from`).
   */
  readonly INVALID_VARIABLE: { readonly variable?: string };
  /**
   * A value written in the document (not a variable) that its type refuses, e.g. a date literal
   * that is no calendar day or an unknown enum value; `type` is the type it should have. Refused
   * before execution (HTTP 400).
   */
  readonly INVALID_LITERAL: { readonly type?: string };
}

/** One reason of a caller mistake with its parameters and the argument path at fault. */
export type BadInputDetail =
  | MetricInputDetail
  | {
      [R in keyof ApiReasons]: { readonly reason: R; readonly field?: string } & ApiReasons[R];
    }[keyof ApiReasons];

export type BadInputReason = BadInputDetail['reason'];

/** The closed set of `extensions.reason` values, in the README's order. */
export const BAD_INPUT_REASONS = [
  'UNKNOWN_VALUE',
  'OUT_OF_RANGE',
  'LIST_LENGTH',
  'RANGE_REVERSED',
  'RANGE_NOT_ALIGNED',
  'DUPLICATE_VALUE',
  'MISSING_ARGUMENT',
  'UNSUPPORTED_FILTER',
  'UNSUPPORTED_GROUP_BY',
  'UNSUPPORTED_GRAIN',
  'KECAMATAN_BY_KELURAHAN',
  'INVALID_DATE',
  'TOO_MANY_ROWS',
  'NOT_KEPT',
  'INVALID_VARIABLE',
  'INVALID_LITERAL',
] as const satisfies readonly BadInputReason[];

// The list names every reason the types know (and `satisfies` above: no other).
type Missing = Exclude<BadInputReason, (typeof BAD_INPUT_REASONS)[number]>;
const _everyReasonListed: [Missing] extends [never] ? true : Missing = true;
void _everyReasonListed;

/**
 * A caller mistake: the message is safe to show and says what to change; `detail` says it as data.
 * `beforeExecution`: raised while the operation is checked (cost plugin), where Apollo answers 500
 * unless the error names its status; a resolver's mistake needs no status (data present: 200).
 */
export function badInput(
  message: string,
  detail: BadInputDetail,
  options: { readonly beforeExecution?: boolean } = {},
): GraphQLError {
  const { reason, field, ...params } = detail;
  return new GraphQLError(message, {
    extensions: {
      code: 'BAD_USER_INPUT',
      reason,
      ...(field ? { field } : {}),
      ...params,
      ...(options.beforeExecution ? { http: { status: 400 } } : {}),
    },
  });
}

/**
 * The reason of a BAD_USER_INPUT raised before execution without one: graphql-js's variable
 * coercion (`Variable "$f" got invalid value … at "f.from"; …`, `Variable "$c" of required type …
 * was not provided.`, `Argument "if" of non-null type "Boolean!" must not be null.`), answered by
 * Apollo or by the cost plugin, which coerces variables first.
 * Null for anything else, which keeps no reason (and fails the reasons test).
 */
export function variableErrorDetail(message: string): BadInputDetail | null {
  const match = /^Variable "\$(\w+)"(?:.*? at "([^"]+)")?/.exec(message);
  if (match) return { reason: 'INVALID_VARIABLE', variable: match[2] ?? match[1] ?? '' };
  // A variable that coerced but cannot fill its argument: `null` in a nullable variable with a
  // default, used where the argument is non-null (`query($v: Boolean = true) { … @include(if: $v) }`
  // with `{"v": null}`): graphql-js names the argument (and the variable, when it was omitted).
  const argument =
    /^Argument "(\w+)" of (?:non-null|required) type "[^"]+" (?:must not be null|was provided the variable "\$(\w+)")/.exec(
      message,
    );
  if (!argument) return null;
  return {
    reason: 'INVALID_VARIABLE',
    field: argument[1] ?? '',
    ...(argument[2] ? { variable: argument[2] } : {}),
  };
}

/**
 * A limit the operation breaks; answered before execution, with the limit in the extensions (and,
 * for a list argument, `field`: the argument path at fault).
 */
export function tooComplex(message: string, limit: Record<string, number | string>): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, ...limit },
  });
}
