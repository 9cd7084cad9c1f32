import type { ReasonCode } from '../../validate/reasons.ts';
import { isoDurationSeconds } from './iso-duration.ts';
import { jpFromSeconds } from './jp.ts';
import { resolveVerb } from './verbs.ts';
import { xapiTimestampText } from './xapi-timestamp.ts';

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

function optionalNumber(v: unknown): string | null | undefined {
  if (v === undefined || v === null) return null;
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
}

/**
 * One xAPI 1.0.3 statement → one `xapi_statements` row of text, or the reason it cannot be one.
 *
 * Only what makes a statement unusable is judged here (the shape: actor with an identifier,
 * verb, Activity object, timestamp, countable duration, typed result fields). Whether the actor
 * is an employee and the activity an offering is judged later against lms_accounts and
 * lms_activities, because those live in the source database.
 */
export function statementRow(statement: unknown, jpMinutes: number): StatementRowResult {
  if (!isObject(statement)) return invalid('a statement must be a JSON object');

  const actor = statement.actor;
  if (!isObject(actor)) return invalid('actor is missing');
  const account = isObject(actor.account) ? actor.account : null;
  const mbox = text(actor.mbox);
  const sha1 = text(actor.mbox_sha1sum);
  const homePage = account ? text(account.homePage) : null;
  const accountName = account ? text(account.name) : null;
  // openid is a valid identifier, but no lms_accounts row can match it (they hold an mbox or an
  // account): it stages rather than being called invalid here, and the bulk rules quarantine it as
  // XAPI_UNMAPPED_ACTOR, like any actor no LMS account answers to (etl/src/validate/rules.ts).
  if (!mbox && !sha1 && !(homePage && accountName) && !text(actor.openid)) {
    return invalid('actor has no identifier (mbox, mbox_sha1sum, openid or account {homePage, name})');
  }

  // A voiding statement: not an event of the enrollment, but the voided statement no longer counts.
  const verbId = isObject(statement.verb) ? text(statement.verb.id) : null;
  if (verbId && VOIDED.test(verbId)) {
    const ref = statement.object;
    if (!isObject(ref) || ref.objectType !== 'StatementRef' || !text(ref.id))
      return invalid('a voided statement needs an object {objectType: "StatementRef", id}');
    return { ok: 'voids', target: text(ref.id) as string };
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

  const given = text(statement.timestamp);
  if (!given) return invalid('timestamp is missing');
  const timestamp = xapiTimestampText(given);
  if (timestamp === null) return invalid(`timestamp ${given} is not ISO 8601`);

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
  const scaled = optionalNumber(score.scaled);
  const raw = optionalNumber(score.raw);
  if (scaled === undefined || raw === undefined) return invalid('result.score.scaled / raw must be numbers');

  return {
    ok: true,
    row: [
      text(statement.id),
      mbox,
      sha1,
      homePage,
      accountName,
      verb.verb,
      activity,
      timestamp,
      seconds === null ? null : String(seconds),
      // The JP at this run's JP_MINUTES, for the range check; not the statement's content: every run
      // derives the stored statements' JP again from duration_seconds (`rebuildXapiEnrollments`).
      seconds === null ? null : String(jpFromSeconds(seconds, jpMinutes)),
      success,
      completion,
      scaled,
      raw,
    ],
  };
}
