import { normaliseMbox } from '../../load/pseudonyms.ts';
import type { ReasonCode } from '../../validate/reasons.ts';
import { isoDurationSeconds } from './iso-duration.ts';
import { jpFromSeconds } from './jp.ts';
import { resolveVerb } from './verbs.ts';
import { xapiTimestamp } from './xapi-timestamp.ts';

/** The staged table xAPI statements land in. */
export const XAPI_TABLE = 'xapi_statements';

/** Columns of `xapi_statements`, in order: one row per accepted statement. */
export const XAPI_COLUMNS = [
  'statement_id',
  'actor_mbox',
  'actor_mbox_sha1sum',
  'actor_account_homepage',
  'actor_account_name',
  'verb',
  'activity_iri',
  'timestamp',
  'duration_seconds',
  'jp',
  'success',
  'completion',
  'score_scaled',
  'score_raw',
] as const;

export type StatementRowResult =
  | { readonly ok: true; readonly row: (string | null)[] }
  | { readonly ok: 'voids'; readonly target: string }
  | { readonly ok: false; readonly reason: ReasonCode; readonly detail: string };

/** ADL's voiding verb (xAPI 1.0.3 §2.3.2): its object is a StatementRef to the statement voided. */
const VOIDED = /^https?:\/\/adlnet\.gov\/expapi\/verbs\/voided\/?$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

const invalid = (detail: string): StatementRowResult => ({
  ok: false,
  reason: 'XAPI_INVALID_STATEMENT',
  detail,
});

function optionalBoolean(v: unknown): string | null | undefined {
  if (v === undefined || v === null) return null;
  return typeof v === 'boolean' ? String(v) : undefined;
}

function optionalNumber(v: unknown): number | null | undefined {
  if (v === undefined || v === null) return null;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The textual form of a UUID (RFC 4122 §3), any version: 8-4-4-4-12 hex digits. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A statement id (or a StatementRef's) in its one canonical form, lower-case: RFC 4122 §3 reads
 * UUID hex digits case-insensitively, so `AAAA…` and `aaaa…` are one statement, and ids are compared
 * as text downstream (voiding, a statement sent twice). Null when it is absent (the bulk rules call a
 * statement without id MISSING_REQUIRED); undefined when it is given but is no UUID, which xAPI
 * 1.0.3 requires it to be.
 */
function uuid(v: unknown): string | null | undefined {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
  return typeof v === 'string' && UUID.test(v.trim()) ? v.trim().toLowerCase() : undefined;
}

/** xAPI's inverse functional identifiers (1.0.3 §2.4.2.3): an Agent has exactly one. */
const IDENTIFIERS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

/**
 * One xAPI 1.0.3 statement → one `xapi_statements` row of text, or the reason it cannot be one.
 *
 * Only what makes a statement unusable is judged here (the shape: a UUID id, an Agent actor with one
 * identifier, verb, Activity object, timestamp, countable duration, typed result fields), and a Group
 * actor, which is no employee. Whether the actor is an employee and the activity an offering is
 * judged later against lms_accounts and lms_activities, because those live in the source database.
 *
 * The row's values are canonical — the id lower-case, the mbox as `mailto:` + lower-cased address,
 * the mbox_sha1sum lower-case, the timestamp in UTC with six fraction digits, numbers as JavaScript
 * writes them — so that two copies of one statement that xAPI 1.0.3 §2.3.1 calls the same (another
 * zone, another case of a case-insensitive value) land as the same text: a run compares its copies as
 * landed text, and a copy against a stored one by value (etl/src/validate/rules.ts), and both must
 * give one answer. What the statement said as received stays in the raw row kept for quarantine.
 */
export function statementRow(statement: unknown, jpMinutes: number): StatementRowResult {
  if (!isObject(statement)) return invalid('a statement must be a JSON object');

  const id = uuid(statement.id);
  if (id === undefined) return invalid(`id ${JSON.stringify(statement.id)} is not a UUID`);

  const actor = statement.actor;
  if (!isObject(actor)) return invalid('actor is missing');
  const group = actor.objectType === 'Group';
  const given = IDENTIFIERS.filter((k) => (k === 'account' ? isObject(actor[k]) : text(actor[k]) !== null));
  if (given.length > 1) {
    return invalid(
      `actor has ${given.length} identifiers (${given.join(', ')}); an ${group ? 'identified Group' : 'Agent'} has exactly one (xAPI 1.0.3 §2.4.2.${group ? 2 : 1})`,
    );
  }
  const account = isObject(actor.account) ? actor.account : null;
  const givenMbox = text(actor.mbox);
  const mbox = givenMbox === null ? null : normaliseMbox(givenMbox);
  const sha1 = text(actor.mbox_sha1sum)?.toLowerCase() ?? null;
  const homePage = account ? text(account.homePage) : null;
  const accountName = account ? text(account.name) : null;
  // openid is a valid identifier, but no lms_accounts row can match it (they hold an mbox or an
  // account): it stages rather than being called invalid here, and the bulk rules quarantine it as
  // XAPI_UNMAPPED_ACTOR, like any actor no LMS account answers to (etl/src/validate/rules.ts).
  // (A Group may be anonymous: its members then say who it is.)
  if (!group && !mbox && !sha1 && !(homePage && accountName) && !text(actor.openid)) {
    return invalid('actor has no identifier (mbox, mbox_sha1sum, openid or account {homePage, name})');
  }

  // A voiding statement: not an event of the enrollment, but the voided statement no longer counts.
  const verbId = isObject(statement.verb) ? text(statement.verb.id) : null;
  if (verbId && VOIDED.test(verbId)) {
    const ref = statement.object;
    if (!isObject(ref) || ref.objectType !== 'StatementRef' || !text(ref.id))
      return invalid('a voided statement needs an object {objectType: "StatementRef", id}');
    const target = uuid(ref.id);
    if (!target) return invalid(`the StatementRef id ${JSON.stringify(ref.id)} is not a UUID`);
    return { ok: 'voids', target };
  }

  // A Group's identifier names the group (xAPI 1.0.3 §2.4.2.2), not one of its members, and no
  // lms_accounts row is a group: crediting it to the employee whose mbox it shares would be a guess.
  // (A Group may void a statement: who voids does not matter, above.)
  if (group) {
    return {
      ok: false,
      reason: 'XAPI_UNMAPPED_ACTOR',
      detail: 'actor is a Group, not an employee: a group statement is credited to no one',
    };
  }

  const verb = resolveVerb(statement.verb);
  if (!verb.ok)
    return verb.missing
      ? invalid(verb.detail)
      : { ok: false, reason: 'XAPI_UNSUPPORTED_VERB', detail: verb.detail };

  const object = statement.object;
  if (!isObject(object)) return invalid('object is missing');
  if (object.objectType !== undefined && object.objectType !== 'Activity') {
    return invalid(`object is a ${String(object.objectType)}, not an Activity`);
  }
  const activity = text(object.id);
  if (!activity) return invalid('object.id (the activity IRI) is missing');

  const givenTimestamp = text(statement.timestamp);
  if (!givenTimestamp) return invalid('timestamp is missing');
  const timestamp = xapiTimestamp(givenTimestamp);
  if (!timestamp.ok) return invalid(timestamp.detail);

  const result = statement.result === undefined || statement.result === null ? {} : statement.result;
  if (!isObject(result)) return invalid('result is not an object');
  let seconds: number | null = null;
  if (result.duration !== undefined && result.duration !== null) {
    seconds = typeof result.duration === 'string' ? isoDurationSeconds(result.duration) : null;
    if (seconds === null)
      return invalid(
        `result.duration ${JSON.stringify(result.duration)} is not a countable ISO 8601 duration`,
      );
  }
  const success = optionalBoolean(result.success);
  const completion = optionalBoolean(result.completion);
  if (success === undefined || completion === undefined)
    return invalid('result.success / result.completion must be true or false');
  const score = result.score === undefined || result.score === null ? {} : result.score;
  if (!isObject(score)) return invalid('result.score is not an object');
  // xAPI 1.0.3 §4.1.5.1: numbers, min < max, min ≤ raw ≤ max. scaled's −1…1 is the bulk rules'
  // OUT_OF_RANGE (checkedColumns.ts), as for every ranged column.
  const scaled = optionalNumber(score.scaled);
  const raw = optionalNumber(score.raw);
  const min = optionalNumber(score.min);
  const max = optionalNumber(score.max);
  if (scaled === undefined || raw === undefined || min === undefined || max === undefined)
    return invalid('result.score.scaled / raw / min / max must be numbers');
  if (min !== null && max !== null && !(min < max))
    return invalid(`result.score.min ${min} is not below result.score.max ${max}`);
  if (raw !== null && min !== null && raw < min)
    return invalid(`result.score.raw ${raw} is below result.score.min ${min}`);
  if (raw !== null && max !== null && raw > max)
    return invalid(`result.score.raw ${raw} is above result.score.max ${max}`);

  return {
    ok: true,
    row: [
      id,
      mbox,
      sha1,
      homePage,
      accountName,
      verb.verb,
      activity,
      timestamp.text,
      seconds === null ? null : String(seconds),
      // The JP at this run's JP_MINUTES, for the range check; not the statement's content: every run
      // derives the stored statements' JP again from duration_seconds (`rebuildXapiEnrollments`).
      seconds === null ? null : String(jpFromSeconds(seconds, jpMinutes)),
      success,
      completion,
      scaled === null ? null : String(scaled),
      raw === null ? null : String(raw),
    ],
  };
}
