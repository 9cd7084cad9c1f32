import type { AgencyDirectory } from './agencies.ts';
import { day, WORLD_END, WORLD_YEARS, weekdayOf, wibTimestamp } from './calendar.ts';
import { assignmentOn, type Employee, isFrontline } from './employees.ts';
import { type Method, PLANTED } from './planted-effects.ts';
import type { Prng } from './prng.ts';
import type { Program } from './programs.ts';

/**
 * Scheduled runs of programs, with who gets invited. Volume per year follows the training
 * budget (planted effect d: 2021 was cut by 40 %, so it has ~40 % fewer offerings). The two
 * planted programs get their own schedule in 2023 and a chosen set of invitees.
 */
export interface Offering {
  readonly id: number;
  readonly program: Program;
  readonly organizerId: number;
  readonly start: number;
  readonly end: number;
  readonly capacity: number;
  readonly venue: string;
  readonly invitees: readonly number[];
}

const METHOD_WEIGHTS: Record<Method, number> = {
  workshop: 0.3,
  seminar: 0.15,
  e_learning: 0.2,
  classroom: 0.2,
  coaching: 0.15,
};
const CAPACITY: Record<Method, number> = {
  workshop: 30,
  seminar: 100,
  e_learning: 150,
  classroom: 30,
  coaching: 10,
};
const VENUES = [
  'Aula BKPSDM Kota Palangka Raya',
  'Aula Kantor Wali Kota Palangka Raya',
  'Aula Bappeda Kota Palangka Raya',
  'Ruang Rapat Sekretariat Daerah',
  'Aula BPSDM Provinsi Kalimantan Tengah',
] as const;

export function durationDays(rng: Prng, method: Method): number {
  switch (method) {
    case 'workshop':
      return rng.int(2, 3);
    case 'seminar':
      return 1;
    case 'e_learning':
      return 30;
    case 'classroom':
      return rng.int(5, 10);
    case 'coaching':
      return 60;
  }
}

function workday(rng: Prng, year: number, fromMonth: number, toMonth: number): number {
  for (;;) {
    const d = rng.int(day(year, fromMonth, 1), day(year, toMonth + 1, 1) - 1);
    const w = weekdayOf(d);
    if (w !== 0 && w !== 6) return d;
  }
}

export interface SpecialCohorts {
  /** Disdukcapil frontline handlers on 2023-01-01. */
  readonly disdukcapilHandlers: readonly number[];
  /**
   * Employees invited to a PLY-PRIMA (placebo) offering: the invitations written, so one drawn for
   * the cohort who is not active at the start of their offering is not counted.
   */
  readonly plyPrimaInvited: readonly number[];
  readonly placeboInvited: readonly number[];
}

export function buildOfferings(
  rng: Prng,
  programs: readonly Program[],
  employees: readonly Employee[],
  agencies: AgencyDirectory,
  scale: number,
): { offerings: Offering[]; cohorts: SpecialCohorts } {
  const r = rng.fork('offerings');
  const generic = programs.filter((p) => !p.planted);
  const bkpsdm = agencies.versionOn('BKPSDM', day(2021, 1, 1)).id;
  const organizers = agencies.profiles.filter((p) => p.kind !== 'kelurahan').map((p) => p.code);
  const drafts: Omit<Offering, 'id'>[] = [];

  for (const year of WORLD_YEARS) {
    const mid = day(year, 7, 1);
    const pool = employees.filter((e) => assignmentOn(e, mid) !== undefined).map((e) => e.id);
    const n = Math.round(PLANTED.budget.baseOfferings * (PLANTED.budget.yearFactor[year] ?? 1) * scale);
    for (const method of stratifiedMethods(n)) {
      const candidates = generic.filter((p) => p.method === method);
      const program = r.pick(candidates);
      const start = workday(r, year, 2, 11);
      // Nothing in the world happens after its end: a late coaching round is cut at 31 December.
      const end = Math.min(start + durationDays(r, method) - 1, WORLD_END);
      const capacity = CAPACITY[method];
      const invited = Math.round(capacity * r.uniform(1.0, 1.3));
      const organizerCode = r.chance(0.6) ? 'BKPSDM' : r.pick(organizers);
      const invitees = r.sample(pool, invited).filter((id) => isActive(employees, id, start));
      drafts.push({
        program,
        organizerId: organizerCode === 'BKPSDM' ? bkpsdm : agencies.versionOn(organizerCode, start).id,
        start,
        end,
        capacity,
        venue: venueFor(r, method),
        invitees,
      });
    }
  }

  // Planted (a): PLY-PRIMA for a share (invitedShare, 85 %) of Disdukcapil's frontline handlers, 2023.
  const jan2023 = day(2023, 1, 1);
  const handlers = employees
    .filter((e) => {
      const a = assignmentOn(e, jan2023);
      return a !== undefined && a.agencyCode === 'DISDUKCAPIL' && isFrontline(a);
    })
    .map((e) => e.id);
  const plyPrima = programs.find((p) => p.code === PLANTED.serviceTraining.programCode);
  const placebo = programs.find((p) => p.code === PLANTED.placebo.programCode);
  if (!plyPrima || !placebo) throw new Error('planted programs missing from the catalogue');
  const plyInvited = r.sample(handlers, Math.round(handlers.length * PLANTED.serviceTraining.invitedShare));
  const disdukcapil = agencies.versionOn('DISDUKCAPIL', jan2023).id;
  scheduleCohort(
    r,
    drafts,
    plyPrima,
    plyInvited,
    25,
    2,
    11,
    disdukcapil,
    'Aula Disdukcapil Kota Palangka Raya',
    employees,
  );

  // Planted (g): the placebo seminar for comparable staff who were not invited to PLY-PRIMA.
  const invitedSet = new Set(plyInvited);
  const others = employees
    .filter((e) => {
      const a = assignmentOn(e, jan2023);
      return (
        a !== undefined &&
        isFrontline(a) &&
        (a.agencyCode === 'DPMPTSP' || a.agencyCode === 'DINSOS' || a.agencyCode.startsWith('KEC-'))
      );
    })
    .map((e) => e.id);
  const placeboInvited = [
    ...handlers.filter((id) => !invitedSet.has(id)),
    ...r.sample(others, Math.round(others.length * PLANTED.placebo.otherAgenciesShare)),
  ];
  scheduleCohort(r, drafts, placebo, placeboInvited, 40, 3, 11, bkpsdm, VENUES[0], employees);

  drafts.sort((a, b) => a.start - b.start || a.program.id - b.program.id);
  // The drawn lists drive the draw above (the placebo group is the handlers not drawn for
  // PLY-PRIMA); the manifest reports who was invited, i.e. the invitees of the scheduled offerings.
  const invitedTo = (program: Program) =>
    drafts.filter((d) => d.program === program).flatMap((d) => d.invitees);
  return {
    offerings: drafts.map((d, i) => ({ ...d, id: i + 1 })),
    cohorts: {
      disdukcapilHandlers: handlers,
      plyPrimaInvited: invitedTo(plyPrima),
      placeboInvited: invitedTo(placebo),
    },
  };
}

function scheduleCohort(
  r: Prng,
  drafts: Omit<Offering, 'id'>[],
  program: Program,
  invited: readonly number[],
  perOffering: number,
  fromMonth: number,
  toMonth: number,
  organizerId: number,
  venue: string,
  employees: readonly Employee[],
): void {
  const k = Math.max(1, Math.ceil(invited.length / perOffering));
  const shuffled = r.sample(invited, invited.length);
  for (let i = 0; i < k; i++) {
    const month = fromMonth + Math.floor(((toMonth - fromMonth + 1) * i) / k);
    const start = workday(r, 2023, month, month);
    const batch = shuffled.filter((_, j) => j % k === i).filter((id) => isActive(employees, id, start));
    drafts.push({
      program,
      organizerId,
      start,
      end: Math.min(start + durationDays(r, program.method) - 1, WORLD_END),
      capacity: Math.max(batch.length, perOffering),
      venue,
      invitees: batch,
    });
  }
}

/**
 * The method of each of a year's `n` offerings, allotted by largest remainder rather than
 * drawn: at small scales a random mix would swamp the budget effect (one extra e-learning
 * run with 150 seats moves a year's participation more than the 2021 cut does).
 */
function stratifiedMethods(n: number): Method[] {
  const methods = Object.keys(METHOD_WEIGHTS) as Method[];
  const exact = methods.map((m) => METHOD_WEIGHTS[m] * n);
  const counts = exact.map(Math.floor);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < n - counts.reduce((a, b) => a + b, 0); k++) {
    const i = order[k]?.[1] ?? 0;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return methods.flatMap((m, i) => Array.from({ length: counts[i] ?? 0 }, () => m));
}

function isActive(employees: readonly Employee[], id: number, d: number): boolean {
  const e = employees[id - 1];
  return e !== undefined && assignmentOn(e, d) !== undefined;
}

function venueFor(r: Prng, method: Method): string {
  if (method === 'e_learning') return 'LMS Kota Palangka Raya (daring)';
  if (method === 'seminar' && r.chance(0.3)) return 'Zoom Meeting (daring)';
  return r.pick(VENUES);
}

export const OFFERING_COLUMNS = [
  'id',
  'program_id',
  'organizer_agency_id',
  'starts_on',
  'ends_on',
  'capacity',
  'venue',
  'updated_at',
];
export function offeringRows(offerings: readonly Offering[], iso: (d: number) => string): unknown[][] {
  return offerings.map((o) => [
    o.id,
    o.program.id,
    o.organizerId,
    iso(o.start),
    iso(o.end),
    o.capacity,
    o.venue,
    wibTimestamp(o.start - 45, 10),
  ]);
}
