import { createHash } from 'node:crypto';
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
 * `in_progress` is not one of the source's enrollment statuses (completed, dropped, no_show): an
 * e-learning enrollment can be open-ended. It counts as enrolled and not completed; the SQL side
 * must not turn it into `no_show` (the learner did show up).
 */
export type XapiEnrollmentStatus = 'completed' | 'dropped' | 'in_progress';

/** One row per employee × offering, the grain of `enrollments`. */
export interface XapiEnrollment {
  readonly employee_id: string;
  readonly offering_id: string;
  readonly status: XapiEnrollmentStatus;
  /** JP credited: null when completed but no statement reported a duration (fall back to the program's JP). */
  readonly jp_earned: number | null;
  /** Timestamp text of the first completing statement; null unless completed. */
  readonly completed_at: string | null;
  readonly statement_count: number;
}

export interface MappedStatements {
  readonly enrollments: XapiEnrollment[];
  readonly rejected: QuarantinedRow[];
}

/** `mailto:Siti@Example.go.id` and `siti@example.go.id` are one mailbox to everyone who types them. */
export function normalizeMbox(mbox: string): string {
  return mbox
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
}

/** Home pages differ in case and trailing slashes between LMS configurations; names are exact. */
export function normalizeHomepage(homePage: string): string {
  return homePage.trim().toLowerCase().replace(/\/+$/, '');
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

class Index {
  private readonly map = new Map<string, Set<string>>();
  add(key: string, employee: string): void {
    const set = this.map.get(key) ?? new Set<string>();
    set.add(employee);
    this.map.set(key, set);
  }
  get(key: string | null): Set<string> | undefined {
    return key === null ? undefined : this.map.get(key);
  }
}

interface Fold {
  employee_id: string;
  offering_id: string;
  count: number;
  completedAt: { ms: number; text: string } | null;
  latest: { ms: number; verb: SupportedVerb } | null;
  maxJp: number | null;
}

const COMPLETING: ReadonlySet<SupportedVerb> = new Set(['completed', 'passed']);

/**
 * The reference implementation of the xAPI → enrollment mapping. The warehouse does this in bulk
 * SQL; that SQL is tested against this function, so the rules live here in one readable place.
 *
 * **Actor → employee** via `lms_accounts`, by the statement's identifier in this order: `mbox`
 * (case-insensitive, `mailto:` optional), `mbox_sha1sum` (SHA-1 of `mailto:<address>` as stored
 * or lower-cased), `account` (home page case- and trailing-slash-insensitive, name exact). No
 * match, or a match to more than one employee → XAPI_UNMAPPED_ACTOR.
 * **Activity → offering** via `lms_activities`, exact IRI → else XAPI_UNKNOWN_ACTIVITY.
 * The actor is judged first; each statement gets one reason.
 *
 * **Several statements per employee × offering** fold into one enrollment:
 * - *completion wins*: any `completed` or `passed` makes it `completed`, whatever came after (a
 *   learner revisiting material, or failing a later retake, does not undo a completion);
 *   `completed_at` is the earliest completing statement (when the JP was earned);
 * - otherwise *latest wins*: if the latest statement (timestamp, ties → later in the file) is
 *   `failed` it is `dropped` (assessed and not passed); `attempted` / `experienced` → `in_progress`,
 *   so a retry after a fail reopens the enrollment;
 * - `jp_earned`: completed → the largest `jp` among the pair's statements (a completing
 *   statement normally reports the whole attempt; taking the largest rather than the sum never
 *   double-counts a `completed` + `passed` pair reporting the same session), null when none
 *   reported a duration; not completed → 0, as for classroom enrollments.
 *
 * Output is sorted by employee_id, then offering_id (numeric-aware), so it compares exactly.
 */
export function mapStatements(
  staged: StagedTable,
  accounts: readonly LmsAccountRow[],
  activities: readonly LmsActivityRow[],
): MappedStatements {
  const col = (name: string) => {
    const i = staged.columns.indexOf(name);
    if (i < 0) throw new Error(`mapStatements: staged table ${staged.table} has no column ${name}`);
    return i;
  };
  const c = {
    mbox: col('actor_mbox'),
    sha1: col('actor_mbox_sha1sum'),
    homepage: col('actor_account_homepage'),
    name: col('actor_account_name'),
    verb: col('verb'),
    activity: col('activity_iri'),
    timestamp: col('timestamp'),
    jp: col('jp'),
  };

  const byMbox = new Index();
  const bySha1 = new Index();
  const byAccount = new Index();
  for (const a of accounts) {
    if (a.mbox) {
      const address = normalizeMbox(a.mbox);
      byMbox.add(address, a.employee_id);
      bySha1.add(sha1(`mailto:${address}`), a.employee_id);
      bySha1.add(sha1(`mailto:${a.mbox.trim().replace(/^mailto:/i, '')}`), a.employee_id);
    }
    if (a.account_homepage && a.account_name) {
      byAccount.add(`${normalizeHomepage(a.account_homepage)}\u0000${a.account_name.trim()}`, a.employee_id);
    }
  }
  const offeringOf = new Map(activities.map((a) => [a.activity_iri.trim(), a.offering_id]));

  const rejected: QuarantinedRow[] = [];
  const folds = new Map<string, Fold>();
  for (let i = 0; i < staged.rows.length; i++) {
    const row = staged.rows[i]!;
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
    const sha = row[c.sha1] ?? null;
    const homepage = row[c.homepage] ?? null;
    const name = row[c.name] ?? null;
    const employees =
      byMbox.get(mbox === null ? null : normalizeMbox(mbox)) ??
      bySha1.get(sha === null ? null : sha.toLowerCase()) ??
      byAccount.get(homepage && name ? `${normalizeHomepage(homepage)}\u0000${name}` : null);
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
    const offering = offeringOf.get(iri);
    if (offering === undefined) {
      reject('XAPI_UNKNOWN_ACTIVITY', `activity ${iri} is in no lms_activities row`);
      continue;
    }

    const verb = row[c.verb] as SupportedVerb;
    const timestamp = row[c.timestamp] ?? '';
    const ms = xapiTimestampMillis(timestamp) ?? Number.NEGATIVE_INFINITY;
    const jp = row[c.jp] == null ? null : Number(row[c.jp]);
    const key = `${employee}\u0000${offering}`;
    const fold = folds.get(key) ?? {
      employee_id: employee,
      offering_id: offering,
      count: 0,
      completedAt: null,
      latest: null,
      maxJp: null,
    };
    fold.count++;
    if (jp !== null && (fold.maxJp === null || jp > fold.maxJp)) fold.maxJp = jp;
    if (COMPLETING.has(verb) && (fold.completedAt === null || ms < fold.completedAt.ms)) {
      fold.completedAt = { ms, text: timestamp };
    }
    if (fold.latest === null || ms >= fold.latest.ms) fold.latest = { ms, verb };
    folds.set(key, fold);
  }

  const numeric = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  const enrollments = [...folds.values()]
    .map((f): XapiEnrollment => {
      const completed = f.completedAt !== null;
      return {
        employee_id: f.employee_id,
        offering_id: f.offering_id,
        status: completed ? 'completed' : f.latest?.verb === 'failed' ? 'dropped' : 'in_progress',
        jp_earned: completed ? f.maxJp : 0,
        completed_at: f.completedAt?.text ?? null,
        statement_count: f.count,
      };
    })
    .sort((a, b) => numeric(a.employee_id, b.employee_id) || numeric(a.offering_id, b.offering_id));
  return { enrollments, rejected };
}
