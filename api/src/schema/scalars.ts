import { DateTimeISOResolver, LocalDateResolver, SafeIntResolver } from 'graphql-scalars';

/**
 * Scalars. Counts use `SafeInt` (integers up to 2^53 − 1, sent as JSON numbers): row counts at
 * national scale pass 2^31, and unlike a string-encoded BigInt every JSON client reads them as
 * numbers exactly. Calendar dates are `LocalDate` (YYYY-MM-DD, no time zone: periods are days in
 * WIB); instants are `DateTimeISO` (UTC).
 */
export const LocalDate = LocalDateResolver;
export const SafeInt = SafeIntResolver;
export const DateTime = DateTimeISOResolver;
