import { PNS_GRADES, PPPK_GRADES } from '../source-schema/catalog.ts';
import { type AgencyDirectory, type AgencyProfile, BKPSDM_RENAMED_ON } from './agencies.ts';
import {
  addYears,
  day,
  firstOfNextMonth,
  isoDate,
  WORLD_END,
  WORLD_START,
  wibTimestamp,
  yearOf,
} from './calendar.ts';
import { indonesianName } from './names.ts';
import { formatNiPppk, formatNip, NipSequencer } from './nip.ts';
import type { Prng } from './prng.ts';

/**
 * Civil servants and their posting history (SCD: a promotion, transfer or agency rename ends
 * one assignment the day before the next starts).
 *
 * Headcount: every agency profile's headcount × HEADCOUNT_FACTOR × scale employees are drawn
 * for that agency (its posting on 2021-01-01, or at appointment if later). At scale 1 that is
 * ~6,000 (≈ 78 % PNS, ≈ 22 % PPPK); scale N multiplies every agency's headcount by N.
 */
export const HEADCOUNT_FACTOR = 1.114;
export const SERVICE_AGENCY_CODES = ['DISDUKCAPIL', 'DPMPTSP', 'DINSOS'] as const;

export type Position = 'jpt_pratama' | 'administrator' | 'pengawas' | 'fungsional' | 'pelaksana';

export interface Assignment {
  readonly agencyCode: string;
  readonly agencyId: number;
  readonly grade: string;
  readonly position: Position;
  readonly start: number;
  /** Last day (inclusive), or null while current. */
  readonly end: number | null;
}

export interface Employee {
  readonly id: number;
  readonly nip: string | null;
  readonly niPppk: string | null;
  readonly fullName: string;
  readonly sex: 'M' | 'F';
  readonly birthDay: number;
  readonly type: 'PNS' | 'PPPK';
  readonly appointedDay: number;
  readonly education: string;
  readonly position: Position;
  /** First day out of service (retirement), or null. */
  readonly leftDay: number | null;
  readonly assignments: readonly Assignment[];
  /** Handling-time multiplier (mean 1): some clerks are faster than others. */
  readonly speed: number;
  /** Appraisal (SKP) level relative to the mean. */
  readonly ability: number;
}

export function assignmentOn(e: Employee, d: number): Assignment | undefined {
  for (const a of e.assignments) if (a.start <= d && (a.end === null || d <= a.end)) return a;
  return undefined;
}

export function isFrontline(a: Assignment): boolean {
  return a.position === 'pelaksana' || a.position === 'fungsional';
}

const EDUCATION_PNS = { levels: ['SMA', 'D3', 'S1', 'S2', 'S3'], weights: [0.16, 0.1, 0.62, 0.11, 0.01] };
const EDUCATION_PPPK = { levels: ['SMA', 'D3', 'S1', 'S2'], weights: [0.1, 0.2, 0.65, 0.05] };
const START_GRADE: Record<string, number> = { SMA: 4, D3: 6, S1: 8, S2: 9, S3: 10 };
const CAP_GRADE: Record<string, number> = { SMA: 11, D3: 11, S1: 13, S2: 14, S3: 14 };
const PPPK_GRADE: Record<string, number> = { SMA: 4, D3: 6, S1: 8, S2: 9 };
const AGE_AT_APPOINTMENT: Record<string, [number, number]> = {
  SMA: [19, 28],
  D3: [21, 30],
  S1: [23, 35],
  S2: [26, 38],
  S3: [30, 40],
};
/** CPNS intake by TMT year: heavy 2005–2010 (honorer conversion), a moratorium 2015–2017. */
const APPOINTMENT_YEARS = Array.from({ length: 41 }, (_, i) => 1985 + i);
const APPOINTMENT_WEIGHTS = APPOINTMENT_YEARS.map((y) =>
  y <= 1995
    ? 1
    : y <= 2004
      ? 1.5
      : y <= 2010
        ? 3
        : y <= 2014
          ? 1.2
          : y <= 2017
            ? 0.1
            : y <= 2019
              ? 1.2
              : y === 2020
                ? 0.3
                : y === 2021
                  ? 0.6
                  : y === 2022
                    ? 0.8
                    : y <= 2024
                      ? 0.3
                      : 0.5,
);
const PPPK_YEARS = [2022, 2023, 2024, 2025];
const PPPK_WEIGHTS = [0.25, 0.2, 0.15, 0.4];
const TMT_MONTHS = [1, 3, 4, 12];
const PPPK_SHARE: Record<string, number> = { DISDIK: 0.27, DINKES: 0.25 };

interface Draft {
  sex: 'M' | 'F';
  type: 'PNS' | 'PPPK';
  education: string;
  appointedDay: number;
  birthDay: number;
  leftDay: number | null;
  position: Position;
}

export function generateEmployees(rng: Prng, agencies: AgencyDirectory, scale: number): Employee[] {
  const seq = new NipSequencer();
  const employees: Employee[] = [];
  const transferTargets = agencies.profiles.filter((p) => p.kind !== 'kelurahan' && p.fungsionalShare < 0.8);
  const transferWeights = transferTargets.map((p) => p.headcount);
  for (const profile of agencies.profiles) {
    const r = rng.fork(`employees/${profile.code}`);
    const n = Math.max(minimumHeadcount(profile), Math.round(profile.headcount * HEADCOUNT_FACTOR * scale));
    for (let i = 0; i < n; i++) {
      const draft = drawPerson(r, profile, i === 0);
      const id = employees.length + 1;
      const birth = isoDate(draft.birthDay);
      const nip =
        draft.type === 'PNS'
          ? formatNip({
              birthDate: birth,
              appointedYearMonth: isoDate(draft.appointedDay).slice(0, 7),
              sex: draft.sex,
              sequence: seq.take(`${birth}|${isoDate(draft.appointedDay).slice(0, 7)}|${draft.sex}`),
            })
          : null;
      const niPppk =
        draft.type === 'PPPK'
          ? formatNiPppk(
              birth,
              yearOf(draft.appointedDay),
              draft.sex,
              seq.take(`P${birth}|${yearOf(draft.appointedDay)}|${draft.sex}`),
            )
          : null;
      employees.push({
        id,
        nip,
        niPppk,
        fullName: indonesianName(r, draft.sex, draft.education, profile.titles),
        sex: draft.sex,
        birthDay: draft.birthDay,
        type: draft.type,
        appointedDay: draft.appointedDay,
        education: draft.education,
        position: draft.position,
        leftDay: draft.leftDay,
        assignments: career(r, agencies, profile, draft, transferTargets, transferWeights),
        speed: r.lognormalMean1(0.25),
        ability: r.normal(0, 4),
      });
    }
  }
  return employees;
}

/**
 * Floors that only bite below scale ≈ 0.3: the service agencies keep enough frontline staff
 * for the planted cohorts (trained, placebo, untrained) to exist in small test worlds.
 */
function minimumHeadcount(profile: AgencyProfile): number {
  if (profile.code === 'DISDUKCAPIL') return 40;
  if (profile.kind === 'kecamatan' || (SERVICE_AGENCY_CODES as readonly string[]).includes(profile.code))
    return 15;
  return profile.kind === 'kelurahan' ? 2 : 3;
}

function drawPerson(r: Prng, profile: AgencyProfile, isHead: boolean): Draft {
  const sex = r.chance(profile.femaleShare) ? 'F' : 'M';
  const pppk = !isHead && r.chance(PPPK_SHARE[profile.code] ?? 0.13);
  if (pppk) {
    const education = EDUCATION_PPPK.levels[r.weighted(EDUCATION_PPPK.weights)] ?? 'S1';
    const year = PPPK_YEARS[r.weighted(PPPK_WEIGHTS)] ?? 2025;
    const appointedDay = day(year, r.pick([1, 3, 4, 7, 10]), 1);
    const birthDay = appointedDay - Math.round(r.uniform(25, 48) * 365.25);
    const position = r.chance(profile.fungsionalShare) ? 'fungsional' : 'pelaksana';
    return { sex, type: 'PPPK', education, appointedDay, birthDay, leftDay: null, position };
  }
  for (;;) {
    let education = EDUCATION_PNS.levels[r.weighted(EDUCATION_PNS.weights)] ?? 'S1';
    if (isHead && (education === 'SMA' || education === 'D3')) education = 'S2';
    const year = isHead ? r.int(1990, 2000) : (APPOINTMENT_YEARS[r.weighted(APPOINTMENT_WEIGHTS)] ?? 2010);
    const appointedDay = day(year, r.pick(TMT_MONTHS), 1);
    const [lo, hi] = AGE_AT_APPOINTMENT[education] ?? [23, 35];
    const birthDay = appointedDay - Math.round(r.uniform(lo, hi + 1) * 365.25);
    const tenureAt2021 = (WORLD_START - appointedDay) / 365.25;
    const heavyFungsional = profile.fungsionalShare > 0.8 ? 0.1 : 1;
    let position: Position;
    if (isHead)
      position =
        profile.kind === 'kelurahan'
          ? 'pengawas'
          : profile.kind === 'kecamatan'
            ? 'administrator'
            : 'jpt_pratama';
    else if (tenureAt2021 >= 18 && education !== 'SMA' && r.chance(0.12 * heavyFungsional))
      position = 'administrator';
    else if (tenureAt2021 >= 8 && education !== 'SMA' && r.chance(0.12 * heavyFungsional))
      position = 'pengawas';
    else position = r.chance(profile.fungsionalShare) ? 'fungsional' : 'pelaksana';
    const bup = position === 'fungsional' || position === 'jpt_pratama' ? 60 : 58;
    const leftDay = firstOfNextMonth(addYears(birthDay, bup));
    if (leftDay <= WORLD_START + 180) continue; // retired before (or just as) the window opens: draw again
    return {
      sex,
      type: 'PNS',
      education,
      appointedDay,
      birthDay,
      leftDay: leftDay <= WORLD_END ? leftDay : null,
      position,
    };
  }
}

/** Posting history: grade steps every ~4 years (April/October rounds), occasional transfers. */
function career(
  r: Prng,
  agencies: AgencyDirectory,
  home: AgencyProfile,
  d: Draft,
  targets: readonly AgencyProfile[],
  targetWeights: readonly number[],
): Assignment[] {
  type Event = { day: number; grade?: number; agency?: string };
  const events: Event[] = [];
  const lastDay = d.leftDay === null ? WORLD_END : d.leftDay - 1;
  let grade = d.type === 'PNS' ? (START_GRADE[d.education] ?? 8) : (PPPK_GRADE[d.education] ?? 8);
  const startGrade = grade;
  if (d.type === 'PNS') {
    const cap =
      (CAP_GRADE[d.education] ?? 13) +
      (d.position === 'jpt_pratama' || d.position === 'administrator' ? 2 : 0);
    let y = yearOf(d.appointedDay) + 4;
    for (;;) {
      y += r.chance(0.25) ? r.int(1, 2) : 0;
      const when = day(y, r.chance(0.5) ? 4 : 10, 1);
      if (when > lastDay || grade >= Math.min(cap, 16)) break;
      grade++;
      events.push({ day: when, grade });
      y += 4;
    }
  }
  const movable =
    d.type === 'PNS' &&
    d.position !== 'fungsional' &&
    d.position !== 'jpt_pratama' &&
    home.kind !== 'kelurahan';
  const agencyOn: { day: number; code: string }[] = [];
  if (movable) {
    // Before the window: earlier postings elsewhere ending in `home`; inside it: rare moves.
    const before: number[] = [];
    for (let t = d.appointedDay + 365; t < WORLD_START; t += Math.round(r.uniform(0.3, 2) * 3652))
      before.push(t);
    const preMoves = before.filter(() => r.chance(0.5));
    let code = home.code;
    const chain: string[] = [home.code];
    for (let i = 0; i < preMoves.length; i++)
      chain.unshift(pickOther(r, targets, targetWeights, chain[0] ?? code));
    agencyOn.push({ day: d.appointedDay, code: chain[0] ?? home.code });
    preMoves.forEach((t, i) => {
      agencyOn.push({ day: t, code: chain[i + 1] ?? home.code });
    });
    const inWindowMove = r.chance(0.18) ? WORLD_START + r.int(30, WORLD_END - WORLD_START - 30) : null;
    if (inWindowMove !== null && inWindowMove > d.appointedDay && inWindowMove <= lastDay) {
      code = pickOther(r, targets, targetWeights, home.code);
      agencyOn.push({ day: inWindowMove, code });
    }
  } else {
    agencyOn.push({ day: d.appointedDay, code: home.code });
  }
  for (const a of agencyOn.slice(1)) events.push({ day: a.day, agency: a.code });
  events.push({ day: BKPSDM_RENAMED_ON });
  events.sort((a, b) => a.day - b.day);

  const out: Assignment[] = [];
  let current = { agency: agencyOn[0]?.code ?? home.code, grade: startGrade, start: d.appointedDay };
  const close = (end: number | null) => {
    out.push({
      agencyCode: current.agency,
      agencyId: agencies.versionOn(current.agency, current.start).id,
      grade: gradeName(d.type, current.grade),
      position: d.position,
      start: current.start,
      end,
    });
  };
  for (const e of events) {
    if (e.day <= current.start || e.day > lastDay) continue;
    const renamed = e.day === BKPSDM_RENAMED_ON && current.agency === 'BKPSDM';
    if (e.grade === undefined && e.agency === undefined && !renamed) continue;
    close(e.day - 1);
    current = { agency: e.agency ?? current.agency, grade: e.grade ?? current.grade, start: e.day };
  }
  close(d.leftDay === null ? null : d.leftDay - 1);
  return out;
}

function pickOther(
  r: Prng,
  targets: readonly AgencyProfile[],
  weights: readonly number[],
  not: string,
): string {
  for (;;) {
    const code = targets[r.weighted(weights)]?.code;
    if (code && code !== not) return code;
  }
}

function gradeName(type: 'PNS' | 'PPPK', index: number): string {
  const g = type === 'PNS' ? PNS_GRADES[index] : PPPK_GRADES[index];
  if (!g) throw new Error(`no ${type} grade #${index}`);
  return g;
}

export function employeeRows(employees: readonly Employee[]): unknown[][] {
  return employees.map((e) => [
    e.id,
    e.nip,
    e.niPppk,
    e.fullName,
    e.sex,
    isoDate(e.birthDay),
    e.type,
    isoDate(e.appointedDay),
    e.education,
    wibTimestamp(Math.max(e.appointedDay, ...e.assignments.map((a) => a.start)), 9),
  ]);
}
export const EMPLOYEE_COLUMNS = [
  'id',
  'nip',
  'ni_pppk',
  'full_name',
  'sex',
  'birth_date',
  'employment_type',
  'appointed_on',
  'education',
  'updated_at',
] as const;

export function assignmentRows(employees: readonly Employee[]): unknown[][] {
  const rows: unknown[][] = [];
  for (const e of employees)
    for (const a of e.assignments)
      rows.push([
        rows.length + 1,
        e.id,
        a.agencyId,
        a.grade,
        a.position,
        isoDate(a.start),
        a.end === null ? null : isoDate(a.end),
        wibTimestamp(Math.min(a.end === null ? a.start : a.end + 1, WORLD_END), 9),
      ]);
  return rows;
}
export const ASSIGNMENT_COLUMNS = [
  'id',
  'employee_id',
  'agency_id',
  'grade',
  'position_type',
  'started_on',
  'ended_on',
  'updated_at',
] as const;
