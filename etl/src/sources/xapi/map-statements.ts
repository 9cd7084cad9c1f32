import { createHash } from 'node:crypto';
import { normaliseMbox } from '../../load/pseudonyms.ts';
import type { QuarantinedRow } from '../../validate/reasons.ts';
import type { StagedTable } from '../staged.ts';
import type { SupportedVerb } from './verbs.ts';
import { xapiTimestampMillis } from './xapi-timestamp.ts';

/** An `lms_accounts` row: one LMS identity (mbox or account) of an employee. */
export interface LmsAccountRow {
  readonly employee_id: string;
  readonly mbox: string | null;
  readonly account_homepage: string | null;
  readonly account_name: string | null;
}

/** An `lms_activities` row: an activity IRI that belongs to an e-learning offering. */
export interface LmsActivityRow {
  readonly activity_iri: string;
  readonly offering_id: string;
}

/**
 * Enrollment statuses the mapping gives: the source's `completed` and `dropped` (an enrollment with
 * statements but no completion; `no_show` needs an invitation and no statement at all).
 */
export type XapiEnrollmentStatus = 'completed' | 'dropped';

/** One row per employee × offering, the grain of `enrollments`. */
export interface XapiEnrollment {
  readonly employee_id: string;
  readonly offering_id: string;
  readonly status: XapiEnrollmentStatus;
  /**
   * JP credited: completed → the largest JP among the completing statements, else the program's JP
   * (null when `programJp` does not know the offering); not completed → 0.
   */
  readonly jp_earned: number | null;
  /**
   * Timestamp of the first completing statement as the parser stages it (UTC, six fraction digits:
   * `2024-03-05T03:00:00.000000Z`); null unless completed.
   */
  readonly completed_at: string | null;
  readonly statement_count: number;
}

export interface MappedStatements {
  readonly enrollments: XapiEnrollment[];
  readonly rejected: QuarantinedRow[];
}

/**
 * The identity forms the warehouse keys (`etl/src/load/pseudonyms.ts`, before the HMAC): an mbox
 * trimmed, lower-cased, with `mailto:` (`normaliseMbox`: `mailto:Siti@Example.go.id` and
 * `siti@example.go.id` are one mailbox); an account's home page and name trimmed, otherwise exact;
 * an mbox_sha1sum lower-cased.
 */
const accountForm = (homePage: string, name: string) => `${homePage.trim()}|${name.trim()}`;
const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

/** Identity form → the employees whose accounts answer to it. */
class Index {
  private readonly map = new Map<string, Set<string>>();
  add(key: string, employee: string): void {
    const set = this.map.get(key) ?? new Set<string>();
    set.add(employee);
    this.map.set(key, set);
  }
  get(key: string): ReadonlySet<string> | undefined {
    return this.map.get(key);
  }
}

interface Fold {
  employee_id: string;
  offering_id: string;
  count: number;
  completedAt: { ms: number; text: string } | null;
  maxCompletionJp: number | null;
}

const COMPLETING: ReadonlySet<string> = new Set<SupportedVerb>(['completed', 'passed']);

/** A completion's JP: the statements' largest, at most the program's; the program's when none reported one. */
function capJp(reported: number | null, program: number | null): number | null {
  if (reported === null) return program;
  return program === null ? reported : Math.min(reported, program);
}

/**
 * The reference implementation of the xAPI → enrollment mapping: the rules the warehouse applies in
 * bulk SQL (the validation pass in `etl/src/validate/rules.ts`, then `rebuildXapiEnrollments`),
 * written out in one readable place. `map-statements.sql.test.ts` feeds generated statements
 * through both and requires the same quarantine and the same enrollments.
 *
 * **Actor → employee** via `lms_accounts`. A statement's actor is identified by its one identifier:
 * mbox, account (home page + name) or mbox_sha1sum (the parser quarantines an Agent with more than
 * one, which xAPI 1.0.3 §2.4.2.1 forbids, as XAPI_INVALID_STATEMENT, and a Group as
 * XAPI_UNMAPPED_ACTOR). An account answers to its mbox, its account and the SHA-1 of its normalised
 * `mailto:` address. No answer, only an openid, or accounts of more than one employee answering (a
 * shared mailbox) → XAPI_UNMAPPED_ACTOR: never guessed.
 * **Activity → offering** via `lms_activities`, by exact IRI; no row, or rows naming more than one
 * offering → XAPI_UNKNOWN_ACTIVITY. The actor is judged first; each statement gets one reason.
 *
 * **Several statements per employee × offering** fold into one enrollment. A statement *completes*
 * when its verb is `completed` or `passed` or its `result.completion` is true. Any completion makes
 * the enrollment `completed` whatever came after (a learner revisiting material, or failing a later
 * retake, does not undo a completion), with `completed_at` the earliest completing statement and
 * `jp_earned` the largest JP a completing statement reported (a `completed` + `passed` pair
 * reporting one session is not counted twice; an attempt's time is not credited), or the program's
 * JP when no completing statement reported a duration, and never more than the program's JP (a
 * `result.duration` of P1D on a 16-JP course is 16 JP, not 32). Without a completion the enrollment is
 * `dropped` with 0 JP, as for classroom enrollments. A statement a voiding statement (verb `voided`,
 * object a StatementRef, `staged.voided`) names is left out, as if never sent.
 *
 * Output is sorted by employee_id, then offering_id (numeric-aware), so it compares exactly.
 */
export function mapStatements(
  staged: StagedTable,
  accounts: readonly LmsAccountRow[],
  activities: readonly LmsActivityRow[],
  programJp: ReadonlyMap<string, number> = new Map(),
): MappedStatements {
  const col = (name: string) => {
    const i = staged.columns.indexOf(name);
    if (i < 0) throw new Error(`mapStatements: staged table ${staged.table} has no column ${name}`);
    return i;
  };
  const c = {
    id: col('statement_id'),
    mbox: col('actor_mbox'),
    sha1: col('actor_mbox_sha1sum'),
    homepage: col('actor_account_homepage'),
    name: col('actor_account_name'),
    verb: col('verb'),
    activity: col('activity_iri'),
    timestamp: col('timestamp'),
    jp: col('jp'),
    completion: col('completion'),
  };

  const actors = new Index();
  for (const a of accounts) {
    if (a.mbox?.trim()) {
      const mailto = normaliseMbox(a.mbox);
      actors.add(`mbox:${mailto}`, a.employee_id);
      actors.add(`mbox_sha1sum:${sha1(mailto)}`, a.employee_id);
    }
    if (a.account_homepage?.trim() && a.account_name?.trim()) {
      actors.add(`account:${accountForm(a.account_homepage, a.account_name)}`, a.employee_id);
    }
  }
  const offerings = new Index();
  for (const a of activities) offerings.add(a.activity_iri, a.offering_id);

  const rejected: QuarantinedRow[] = [];
  const folds = new Map<string, Fold>();
  const voided = new Set(staged.voided ?? []);
  for (let i = 0; i < staged.rows.length; i++) {
    const row = staged.rows[i]!;
    // A voided statement does not count (xAPI 1.0.3 §2.3.2): as if it had never been sent.
    if (voided.has(row[c.id] ?? '')) continue;
    const reject = (reason: 'XAPI_UNMAPPED_ACTOR' | 'XAPI_UNKNOWN_ACTIVITY', detail: string): void => {
      rejected.push({
        source: staged.source,
        table: staged.table,
        rowNumber: staged.rowNumbers[i] ?? null,
        raw: staged.rawRows[i] ?? JSON.stringify(row),
        reason,
        detail,
      });
    };
    const mbox = row[c.mbox] ?? null;
    const homepage = row[c.homepage] ?? null;
    const name = row[c.name] ?? null;
    const sha = row[c.sha1] ?? null;
    const identity = mbox
      ? `mbox:${normaliseMbox(mbox)}`
      : homepage && name
        ? `account:${accountForm(homepage, name)}`
        : sha
          ? `mbox_sha1sum:${sha.trim().toLowerCase()}`
          : null;
    const employees = identity === null ? undefined : actors.get(identity);
    if (!employees) {
      reject('XAPI_UNMAPPED_ACTOR', 'actor matches no lms_accounts row');
      continue;
    }
    if (employees.size > 1) {
      reject('XAPI_UNMAPPED_ACTOR', `actor matches several employees: ${[...employees].sort().join(', ')}`);
      continue;
    }
    const employee = [...employees][0]!;
    const iri = row[c.activity] ?? '';
    const offeringIds = offerings.get(iri);
    if (!offeringIds) {
      reject('XAPI_UNKNOWN_ACTIVITY', `activity ${iri} is in no lms_activities row`);
      continue;
    }
    if (offeringIds.size > 1) {
      reject('XAPI_UNKNOWN_ACTIVITY', `activity ${iri} is mapped to several offerings`);
      continue;
    }
    const offering = [...offeringIds][0]!;

    const timestamp = row[c.timestamp] ?? '';
    const ms = xapiTimestampMillis(timestamp) ?? Number.NEGATIVE_INFINITY;
    const jp = row[c.jp] == null ? null : Number(row[c.jp]);
    const completes = COMPLETING.has(row[c.verb] ?? '') || row[c.completion] === 'true';
    const key = `${employee}\u0000${offering}`;
    const fold = folds.get(key) ?? {
      employee_id: employee,
      offering_id: offering,
      count: 0,
      completedAt: null,
      maxCompletionJp: null,
    };
    fold.count++;
    if (completes) {
      if (fold.completedAt === null || ms < fold.completedAt.ms) fold.completedAt = { ms, text: timestamp };
      if (jp !== null && (fold.maxCompletionJp === null || jp > fold.maxCompletionJp))
        fold.maxCompletionJp = jp;
    }
    folds.set(key, fold);
  }

  const numeric = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  const enrollments = [...folds.values()]
    .map((f): XapiEnrollment => {
      const completed = f.completedAt !== null;
      return {
        employee_id: f.employee_id,
        offering_id: f.offering_id,
        status: completed ? 'completed' : 'dropped',
        jp_earned: completed ? capJp(f.maxCompletionJp, programJp.get(f.offering_id) ?? null) : 0,
        completed_at: f.completedAt?.text ?? null,
        statement_count: f.count,
      };
    })
    .sort((a, b) => numeric(a.employee_id, b.employee_id) || numeric(a.offering_id, b.offering_id));
  return { enrollments, rejected };
}
