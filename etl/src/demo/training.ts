import { dayOfTimestamp, firstOfNextMonth, WORLD_END, wholeYears, wibTimestamp, yearOf } from './calendar.ts';
import type { Employee } from './employees.ts';
import type { Offering } from './offerings.ts';
import { type Method, PLANTED, type TenureBand, tenureBand } from './planted-effects.ts';
import type { Prng } from './prng.ts';

/**
 * The training pipeline for every invitation: response (planted b, c), enrollment outcome
 * (c), pre/post tests (e), the L1 questionnaire, cost lines, LMS identities and activities.
 * Alongside the rows it keeps the tallies the manifest reports as realised truth.
 */
export interface TrainingTables {
  readonly invitations: unknown[][];
  readonly enrollments: unknown[][];
  readonly assessments: unknown[][];
  readonly reactions: unknown[][];
  readonly programCosts: unknown[][];
  readonly lmsAccounts: unknown[][];
  readonly lmsActivities: unknown[][];
  /** Employee id → day the planted effect starts (first of the month after completing PLY-PRIMA). */
  readonly plyPrimaEffectFrom: ReadonlyMap<number, number>;
  readonly plyPrimaCompletedYear: ReadonlyMap<number, number>;
  readonly placeboEffectFrom: ReadonlyMap<number, number>;
  readonly tallies: TrainingTallies;
}

export interface Counter {
  n: number;
  k: number;
}
export interface TrainingTallies {
  declineByTenure: Record<TenureBand, Counter>;
  /** Same, for methods with decline factor 1 (all but e-learning): should match the planted rates. */
  declineByTenureNonElearning: Record<TenureBand, Counter>;
  reasonsByTenure: Record<TenureBand, Record<string, number>>;
  acceptanceByMethod: Record<Method, Counter>;
  completionByMethod: Record<Method, Counter>;
  gainByMethod: Record<Method, { n: number; sum: number }>;
  offeringsByYear: Record<number, number>;
}

const REACTION_MEAN: Record<Method, number> = {
  coaching: 4.3,
  workshop: 4.1,
  classroom: 3.9,
  seminar: 3.7,
  e_learning: 3.5,
};
const COMMENTS = [
  'Materi sangat bermanfaat untuk pekerjaan sehari-hari.',
  'Waktu pelatihan terlalu singkat.',
  'Narasumber menguasai materi.',
  'Perlu lebih banyak praktik.',
  'Jaringan internet sering terputus.',
  'Semoga ada pelatihan lanjutan.',
  'Jadwal bentrok dengan pekerjaan kantor.',
] as const;

const counter = (): Counter => ({ n: 0, k: 0 });
const byMethod = <T>(f: () => T): Record<Method, T> => ({
  workshop: f(),
  seminar: f(),
  e_learning: f(),
  classroom: f(),
  coaching: f(),
});

export function generateTraining(
  rng: Prng,
  offerings: readonly Offering[],
  employees: readonly Employee[],
): TrainingTables {
  const r = rng.fork('training');
  const t: TrainingTallies = {
    declineByTenure: { '<5': counter(), '5-9': counter(), '10-19': counter(), '20+': counter() },
    declineByTenureNonElearning: { '<5': counter(), '5-9': counter(), '10-19': counter(), '20+': counter() },
    reasonsByTenure: { '<5': {}, '5-9': {}, '10-19': {}, '20+': {} },
    acceptanceByMethod: byMethod(counter),
    completionByMethod: byMethod(counter),
    gainByMethod: byMethod(() => ({ n: 0, sum: 0 })),
    offeringsByYear: {},
  };
  const invitations: unknown[][] = [];
  const enrollments: unknown[][] = [];
  const assessments: unknown[][] = [];
  const reactions: unknown[][] = [];
  const programCosts: unknown[][] = [];
  const lmsActivities: unknown[][] = [];
  const eLearners = new Set<number>();
  const plyPrimaEffectFrom = new Map<number, number>();
  const plyPrimaCompletedYear = new Map<number, number>();
  const placeboEffectFrom = new Map<number, number>();
  const d = PLANTED.decline;
  const c = PLANTED.completion;
  const l = PLANTED.learning;

  for (const o of offerings) {
    const method = o.program.method;
    const year = yearOf(o.start);
    t.offeringsByYear[year] = (t.offeringsByYear[year] ?? 0) + 1;
    const isPlacebo = o.program.code === PLANTED.placebo.programCode;
    const isPlyPrima = o.program.code === PLANTED.serviceTraining.programCode;
    let attended = 0;
    for (const employeeId of o.invitees) {
      const e = employees[employeeId - 1] as Employee;
      const invitedAt = wibTimestamp(o.start - r.int(10, 30), r.uniform(8, 15));
      const band = tenureBand(wholeYears(e.appointedDay, dayOfTimestamp(invitedAt)));
      const u = r.next();
      const pDecline = (d.probabilityByTenure[band] ?? 0) * d.methodFactor[method];
      const response =
        u < pDecline ? 'declined' : u < pDecline + d.noResponse[method] ? 'no_response' : 'accepted';
      const reason =
        response === 'declined'
          ? (d.reasons[r.weighted(d.reasonWeightsByTenure[band] ?? [1])] ?? 'other')
          : null;
      const respondedAt =
        response === 'no_response' ? null : invitedAt + Math.round(r.uniform(0.1, 6) * 86_400);
      invitations.push([
        invitations.length + 1,
        o.id,
        employeeId,
        invitedAt,
        response,
        reason,
        respondedAt,
        respondedAt ?? invitedAt,
      ]);
      t.declineByTenure[band].n++;
      if (method !== 'e_learning') t.declineByTenureNonElearning[band].n++;
      if (response === 'declined') {
        t.declineByTenure[band].k++;
        if (method !== 'e_learning') t.declineByTenureNonElearning[band].k++;
        const reasons = t.reasonsByTenure[band];
        reasons[reason as string] = (reasons[reason as string] ?? 0) + 1;
      }
      t.acceptanceByMethod[method].n++;
      if (response !== 'accepted') continue;
      t.acceptanceByMethod[method].k++;

      const enrollmentId = enrollments.length + 1;
      const v = r.next();
      const status =
        v < c.noShow[method]
          ? 'no_show'
          : v < c.noShow[method] + c.completed[method]
            ? 'completed'
            : 'dropped';
      const completedDay = method === 'e_learning' ? r.int(o.start + 3, o.end) : o.end;
      const completedAt = status === 'completed' ? wibTimestamp(completedDay, r.uniform(10, 16)) : null;
      enrollments.push([
        enrollmentId,
        o.id,
        employeeId,
        status,
        status === 'completed' ? o.program.jp : 0,
        completedAt,
        completedAt ?? wibTimestamp(o.end, 17),
      ]);
      t.completionByMethod[method].n++;
      if (method === 'e_learning') eLearners.add(employeeId);
      if (status === 'no_show') continue;
      attended++;
      if (status === 'completed') {
        t.completionByMethod[method].k++;
        if (isPlyPrima && !plyPrimaEffectFrom.has(employeeId)) {
          plyPrimaEffectFrom.set(employeeId, firstOfNextMonth(completedDay));
          plyPrimaCompletedYear.set(employeeId, yearOf(completedDay));
        }
        if (isPlacebo && !placeboEffectFrom.has(employeeId))
          placeboEffectFrom.set(employeeId, firstOfNextMonth(completedDay));
      }

      const pre = clampScore(r.normal(l.preMean, l.preSd));
      assessments.push([assessments.length + 1, enrollmentId, 'pre', pre, wibTimestamp(o.start, 9)]);
      if (status === 'completed') {
        const gainMean = isPlacebo ? 0 : l.gainMean[method];
        const post = clampScore(pre + r.normal(gainMean, l.gainSd));
        assessments.push([assessments.length + 1, enrollmentId, 'post', post, completedAt]);
        t.gainByMethod[method].n++;
        t.gainByMethod[method].sum += post - pre;
      }
      if (r.chance(status === 'completed' ? 0.75 : 0.25)) {
        const mean = REACTION_MEAN[method] + (isPlyPrima ? 0.3 : 0) + r.normal(0, 0.3);
        const item = () =>
          r.chance(0.03) ? null : Math.min(5, Math.max(1, Math.round(r.normal(mean, 0.7))));
        reactions.push([
          reactions.length + 1,
          enrollmentId,
          item(),
          item(),
          item(),
          item(),
          r.chance(0.12) ? r.pick(COMMENTS) : null,
          // The day after the offering; one ending with the world is rated that evening.
          o.end < WORLD_END ? wibTimestamp(o.end + 1, 12) : wibTimestamp(WORLD_END, 16.5),
        ]);
      }
    }
    programCosts.push(...costLines(r, o, attended, programCosts.length));
    if (method === 'e_learning') {
      const base = `https://lms.palangkaraya.go.id/xapi/activities/${o.program.code.toLowerCase()}/${o.id}`;
      const iris = [base, ...Array.from({ length: r.int(3, 6) }, (_, k) => `${base}/modul-${k + 1}`)];
      for (const iri of iris)
        lmsActivities.push([lmsActivities.length + 1, iri, o.id, wibTimestamp(o.start - 7, 10)]);
    }
  }

  const lmsAccounts: unknown[][] = [];
  for (const id of [...eLearners].sort((a, b) => a - b)) {
    const e = employees[id - 1] as Employee;
    const handle = `${(e.fullName.split(/[ ,]/)[0] ?? 'asn').toLowerCase().replace(/[^a-z]/g, '')}.${id}`;
    const useMbox = r.chance(0.8);
    lmsAccounts.push([
      lmsAccounts.length + 1,
      id,
      useMbox ? `mailto:${handle}@palangkaraya.go.id` : null,
      useMbox ? null : 'https://lms.palangkaraya.go.id',
      useMbox ? null : (e.nip ?? e.niPppk),
      wibTimestamp(Math.max(e.appointedDay, offerings[0]?.start ?? 0), 8),
    ]);
  }
  return {
    invitations,
    enrollments,
    assessments,
    reactions,
    programCosts,
    lmsAccounts,
    lmsActivities,
    plyPrimaEffectFrom,
    plyPrimaCompletedYear,
    placeboEffectFrom,
    tallies: t,
  };
}

function clampScore(x: number): number {
  return Math.min(100, Math.max(0, Math.round(x)));
}

/** Cost lines of one offering (IDR), only the categories that apply to its method. */
function costLines(r: Prng, o: Offering, participants: number, idBase: number): unknown[][] {
  const method = o.program.method;
  const days = o.end - o.start + 1;
  const lines: [string, number][] = [];
  lines.push(['trainer', o.program.jp * r.int(3, 9) * 100_000]);
  if (method === 'e_learning') lines.push(['platform', r.int(20, 50) * 100_000]);
  else if (!o.venue.includes('daring')) {
    if (r.chance(0.5)) lines.push(['venue', days * r.int(15, 40) * 100_000]);
    lines.push(['admin', participants * Math.min(days, 10) * 60_000]);
  }
  lines.push(['materials', participants * r.int(5, 15) * 10_000]);
  if (!o.program.provider.startsWith('BKPSDM')) lines.push(['travel', r.int(30, 80) * 100_000]);
  const updatedAt = wibTimestamp(o.end + 14, 10);
  return lines.map(([category, amount], i) => [idBase + i + 1, o.id, category, amount, updatedAt]);
}

export const INVITATION_COLUMNS = [
  'id',
  'offering_id',
  'employee_id',
  'invited_at',
  'response',
  'decline_reason',
  'responded_at',
  'updated_at',
];
export const ENROLLMENT_COLUMNS = [
  'id',
  'offering_id',
  'employee_id',
  'status',
  'jp_earned',
  'completed_at',
  'updated_at',
];
export const ASSESSMENT_COLUMNS = ['id', 'enrollment_id', 'kind', 'score', 'updated_at'];
export const REACTION_COLUMNS = [
  'id',
  'enrollment_id',
  'relevance',
  'satisfaction',
  'facilitator',
  'intent_to_apply',
  'comment',
  'updated_at',
];
export const PROGRAM_COST_COLUMNS = ['id', 'offering_id', 'category', 'amount_idr', 'updated_at'];
export const LMS_ACCOUNT_COLUMNS = [
  'id',
  'employee_id',
  'mbox',
  'account_homepage',
  'account_name',
  'updated_at',
];
export const LMS_ACTIVITY_COLUMNS = ['id', 'activity_iri', 'offering_id', 'updated_at'];
