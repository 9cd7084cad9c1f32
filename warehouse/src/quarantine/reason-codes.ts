/**
 * Why a row was quarantined. Every validation rule of the ETL has exactly one code; the README
 * lists them; the API checks a quarantine filter against them. Kept here, beside the quarantine
 * store, so that both packages read one list. Codes are stable identifiers (dashboards and the API group by them): add new ones,
 * never rename.
 */
export const REASON_CODES = {
  MISSING_REQUIRED: 'a required field is empty',
  BAD_TYPE: 'a value does not parse as the column type (number, date, timestamp)',
  NOT_ACCEPTED_VALUE: 'a value is not in the accepted list for the column',
  OUT_OF_RANGE: 'a number is outside its allowed range (SKM 1–4, scores 0–100, JP ≥ 0, Likert 1–5)',
  NEGATIVE_MONEY: 'an amount in rupiah is negative',
  DATES_OUT_OF_ORDER:
    'an end date/time is before its start (completed_at < submitted_at, ends_on < starts_on, …)',
  UNKNOWN_REFERENCE: 'a foreign key points to no known row (agency, employee, program, offering, …)',
  DUPLICATE_CONFLICT: 'the same id arrives twice with different content',
  NIP_MALFORMED: 'a NIP is not 18 digits or its date parts are impossible',
  NIP_INCONSISTENT: "a NIP's birth date, appointment month or sex disagrees with the person's record",
  FORMULA_INJECTION: 'text starts with =, +, - or @ and a spreadsheet would run it as a formula',
  MALFORMED_ROW: 'a row cannot be parsed (wrong number of fields, broken quoting, invalid JSON)',
  IDENTIFIER_AS_NUMBER:
    'a spreadsheet stores an identifier (NIP, NI PPPK, LMS login, an id beyond 2^53) as a number, which loses digits: format the column as text',
  XAPI_UNMAPPED_ACTOR:
    'an xAPI statement’s actor (mbox, mbox_sha1sum or account) maps to no employee, or it has only an openid',
  XAPI_UNKNOWN_ACTIVITY: 'an xAPI statement’s activity maps to no e-learning offering',
  XAPI_UNSUPPORTED_VERB: 'an xAPI verb outside completed, passed, failed, attempted, experienced',
  XAPI_INVALID_STATEMENT:
    'an xAPI statement misses a required part (actor, verb, object, timestamp) or has a bad timestamp, duration or result',
} as const;

export type ReasonCode = keyof typeof REASON_CODES;
