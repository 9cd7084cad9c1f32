import { GraphQLScalarType } from 'graphql';
import { DateTimeISOResolver, LocalDateResolver, SafeIntResolver } from 'graphql-scalars';

/** Dates already validated by `LocalDate.serialize` (a metric answer repeats a few periods many times). */
const validLocalDates = new Set<string>();
const MAX_REMEMBERED_DATES = 10_000;

/**
 * graphql-scalars' LocalDate with a memo on output: its check (regex, then a Date round trip through
 * toISOString) ran for every row's `period`, about 1 ms per 600-row answer. A string that passed
 * once passes again, so it is checked once; anything else goes through the original (same errors).
 */
const LocalDateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  serialize(value) {
    if (typeof value === 'string' && validLocalDates.has(value)) return value;
    const serialized = LocalDateResolver.serialize(value);
    if (typeof value === 'string') {
      if (validLocalDates.size >= MAX_REMEMBERED_DATES) validLocalDates.clear();
      validLocalDates.add(value);
    }
    return serialized;
  },
});

/**
 * Scalars. Counts use `SafeInt` (integers up to 2^53 − 1, sent as JSON numbers): row counts at
 * national scale pass 2^31, and unlike a string-encoded BigInt every JSON client reads them as
 * numbers exactly. Calendar dates are `LocalDate` (YYYY-MM-DD, no time zone: periods are days in
 * WIB); instants are `DateTimeISO` (UTC).
 */
export const LocalDate = LocalDateScalar;
export const SafeInt = SafeIntResolver;
export const DateTime = DateTimeISOResolver;
