/**
 * Why a row was quarantined. Every validation rule of the ETL has exactly one code; the README
 * lists them; the API checks a quarantine filter against them. Kept here, beside the quarantine
 * store, so that both packages read one list. Codes are stable identifiers (dashboards and the API group by them): add new ones,
 * never rename.
 */
export const REASON_CODES = {
  MISSING_REQUIRED:
    'a required field is empty, or one the row needs (nip for a PNS, ni_pppk for a PPPK, completed_at for status completed, one reaction item, an LMS account’s mbox or account)',
  BAD_TYPE:
    'a value does not parse as the column type (number, date, timestamp): a whole number takes plain digits only, a rupiah amount no thousands separators; a date or timestamp of ±infinity (no point in time)',
  NOT_ACCEPTED_VALUE:
    'a value is not in the accepted list for the column (or decline_reason without declined, completed_at without completed)',
  OUT_OF_RANGE:
    'a number is outside its column’s range (SKM 1–4, scores 0–100, Likert 1–5, JP 0–1000, years 2000–2100, target_days 0–365, amounts up to 1e15; xAPI scaled score −1…1), an enrollment’s jp_earned above its program’s JP, or an event time (submitted, completed, responded, surveyed, a statement’s timestamp, a birth date) more than a day after the run or before 1900',
  NEGATIVE_MONEY: 'an amount in rupiah is negative',
  DATES_OUT_OF_ORDER:
    'an end date/time is before its start (completed_at < submitted_at, ends_on < starts_on, appointment not after birth, …) or a completion is before its offering starts',
  UNKNOWN_REFERENCE:
    'a foreign key points to no valid row (agency, employee, program, offering, service type, …), also when that row was quarantined',
  DUPLICATE_CONFLICT:
    'the same id arrives twice with different content (also twice from a PostgreSQL table without a primary key on id: every copy), a file-drop row reuses a PostgreSQL id with other content, or repeats a unique key (NIP, program code, agency + fiscal year, …) held by another row',
  NIP_MALFORMED: 'a NIP is not 18 digits, or its birth date, appointment month or sex digit is impossible',
  NIP_INCONSISTENT:
    "a NIP's birth date or sex digit disagrees with the person's record, or its appointment month is after appointed_on or more than 24 months before it",
  FORMULA_INJECTION: 'text starts with =, +, - or @ and a spreadsheet would run it as a formula',
  MALFORMED_ROW: 'a row cannot be parsed (wrong number of fields, broken quoting, too long, invalid JSON)',
  IDENTIFIER_AS_NUMBER:
    'a spreadsheet stores an identifier (NIP, NI PPPK, LMS login, an id beyond 2^53) as a number, which loses digits: format the column as text',
  XAPI_UNMAPPED_ACTOR:
    'an xAPI statement’s actor (mbox, mbox_sha1sum or account) maps to no employee or to several, or it has only an openid',
  XAPI_UNKNOWN_ACTIVITY: 'an xAPI statement’s activity maps to no e-learning offering, or to several',
  XAPI_UNSUPPORTED_VERB: 'an xAPI verb outside completed, passed, failed, attempted, experienced',
  XAPI_INVALID_STATEMENT:
    'an xAPI statement misses a required part (actor, verb, object, timestamp) or has a bad timestamp, duration or result',
} as const;

export type ReasonCode = keyof typeof REASON_CODES;
