import type { StgRow, StgRows } from './seedStg.ts';

const key = (n: number): string => `${'a'.repeat(63)}${n}`;

/**
 * A tiny but complete stg world for mart tests: two agencies (BKPSDM renamed from BKPP, and
 * Disdukcapil), three employees (one transferred and promoted), one program with one offering,
 * invitations, enrollments from the source and from xAPI, service requests and the rest. Tests
 * override or extend single tables with `{ ...miniWorld(), table: [...] }`.
 */
export function miniWorld(): Record<string, StgRow[]> {
  return {
    agencies: [
      {
        id: 1,
        code: 'BKPSDM',
        name: 'BKPP',
        kind: 'badan',
        valid_from: '2010-01-01',
        valid_to: '2018-06-30',
      },
      { id: 2, code: 'BKPSDM', name: 'BKPSDM', kind: 'badan', valid_from: '2018-07-01' },
      { id: 3, code: 'DISDUKCAPIL', name: 'Disdukcapil', kind: 'dinas', valid_from: '2010-01-01' },
    ],
    employees: [
      {
        id: 10,
        employee_key: key(1),
        sex: 'F',
        birth_year: 1985,
        employment_type: 'PNS',
        appointed_on: '2010-03-01',
        education: 'S1',
      },
      {
        id: 11,
        employee_key: key(2),
        sex: 'M',
        birth_year: 1995,
        employment_type: 'PPPK',
        appointed_on: '2021-01-01',
      },
      {
        id: 12,
        employee_key: key(3),
        sex: 'M',
        birth_year: 1970,
        employment_type: 'PNS',
        appointed_on: '1995-01-01',
        education: 'S2',
      },
    ],
    employee_assignments: [
      // Employee 10: BKPP (III/a, pelaksana) → transferred to Disdukcapil on 2022-01-01 → promoted 2024-04-01.
      {
        id: 100,
        employee_id: 10,
        agency_id: 1,
        grade: 'III/a',
        position_type: 'pelaksana',
        started_on: '2010-03-01',
        ended_on: '2021-12-31',
      },
      {
        id: 101,
        employee_id: 10,
        agency_id: 3,
        grade: 'III/a',
        position_type: 'pelaksana',
        started_on: '2022-01-01',
        ended_on: '2024-03-31',
      },
      {
        id: 102,
        employee_id: 10,
        agency_id: 3,
        grade: 'III/b',
        position_type: 'pengawas',
        started_on: '2024-04-01',
      },
      {
        id: 103,
        employee_id: 11,
        agency_id: 3,
        grade: 'VII',
        position_type: 'fungsional',
        started_on: '2021-01-01',
      },
      {
        id: 104,
        employee_id: 12,
        agency_id: 2,
        grade: 'IV/a',
        position_type: 'administrator',
        started_on: '2018-07-01',
      },
    ],
    programs: [
      {
        id: 1,
        code: 'PLY-01',
        title: 'Pelayanan Prima',
        competency_area: 'technical',
        method: 'workshop',
        jp: 24,
        provider: 'BKPSDM',
      },
    ],
    offerings: [
      {
        id: 1,
        program_id: 1,
        organizer_agency_id: 2,
        starts_on: '2023-03-01',
        ends_on: '2023-03-03',
        capacity: 30,
      },
    ],
    invitations: [
      {
        id: 1,
        offering_id: 1,
        employee_id: 10,
        invited_at: '2023-02-01T02:00:00Z',
        response: 'accepted',
        responded_at: '2023-02-02T02:00:00Z',
      },
      {
        id: 2,
        offering_id: 1,
        employee_id: 11,
        invited_at: '2023-02-01T02:00:00Z',
        response: 'declined',
        decline_reason: 'workload',
      },
      { id: 3, offering_id: 1, employee_id: 12, invited_at: '2023-02-01T02:00:00Z', response: 'accepted' },
    ],
    enrollments: [
      {
        id: 1,
        offering_id: 1,
        employee_id: 10,
        status: 'completed',
        jp_earned: 24,
        completed_at: '2023-03-03T09:00:00Z',
      },
    ],
    xapi_enrollments: [
      {
        enrollment_id: 900001,
        offering_id: 1,
        employee_id: 12,
        status: 'completed',
        jp_earned: 20,
        completed_at: '2023-03-04T09:00:00Z',
        statement_count: 3,
        _source: 'xapi:lrs.ndjson',
      },
    ],
    assessments: [
      { id: 1, enrollment_id: 1, kind: 'pre', score: 55 },
      { id: 2, enrollment_id: 1, kind: 'post', score: 80 },
    ],
    reactions: [
      { id: 1, enrollment_id: 1, relevance: 5, satisfaction: 4, facilitator: 4, intent_to_apply: 5 },
    ],
    appraisals: [
      { id: 1, employee_id: 10, period: 2023, score: 85, rating: 'baik' },
      { id: 2, employee_id: 11, period: 2023, score: 90, rating: 'sangat_baik' },
    ],
    service_levels: [
      { id: 1, service_type: 'ktp_el', name: 'KTP-el', agency_code: 'DISDUKCAPIL', target_days: 1 },
      {
        id: 2,
        service_type: 'akta_kelahiran',
        name: 'Akta Kelahiran',
        agency_code: 'DISDUKCAPIL',
        target_days: 2,
      },
    ],
    service_requests: [
      {
        id: 1,
        service_unit_agency_id: 3,
        service_type: 'ktp_el',
        handled_by: 10,
        kelurahan_code: '62.71.01.1001',
        submitted_at: '2024-05-02T01:00:00Z',
        completed_at: '2024-05-02T13:00:00Z',
        status: 'completed',
      },
      {
        id: 2,
        service_unit_agency_id: 3,
        service_type: 'akta_kelahiran',
        handled_by: 10,
        kelurahan_code: '6271031002',
        submitted_at: '2024-05-10T01:00:00Z',
        completed_at: '2024-05-13T01:00:00Z',
        status: 'completed',
      },
      {
        id: 3,
        service_unit_agency_id: 3,
        service_type: 'ktp_el',
        handled_by: 10,
        submitted_at: '2024-05-20T01:00:00Z',
        status: 'in_progress',
      },
      {
        id: 4,
        service_unit_agency_id: 3,
        service_type: 'ktp_el',
        handled_by: 11,
        kelurahan_code: '62.71.05.1007',
        submitted_at: '2024-06-01T01:00:00Z',
        completed_at: '2024-06-02T01:00:00Z',
        status: 'completed',
      },
    ],
    satisfaction_responses: [
      {
        id: 1,
        agency_id: 3,
        service_type: 'ktp_el',
        surveyed_on: '2024-06-15',
        u1: 3,
        u2: 4,
        u3: 3,
        u4: 3,
        u5: 4,
        u6: 3,
        u7: 3,
        u8: 4,
        u9: 3,
      },
    ],
    program_costs: [
      { id: 1, offering_id: 1, category: 'trainer', amount_idr: 5_000_000 },
      { id: 2, offering_id: 1, category: 'venue', amount_idr: 2_000_000 },
    ],
    training_budgets: [
      { id: 1, agency_id: 2, fiscal_year: 2023, allocated_idr: 100_000_000, realized_idr: 80_000_000 },
      { id: 2, agency_id: 3, fiscal_year: 2023, allocated_idr: 50_000_000, realized_idr: 50_000_000 },
    ],
    salary_scale: [
      { id: 1, grade: 'III/a', monthly_cost_idr: 6_000_000 },
      { id: 2, grade: 'III/b', monthly_cost_idr: 6_500_000 },
      { id: 3, grade: 'IV/a', monthly_cost_idr: 9_000_000 },
      { id: 4, grade: 'VII', monthly_cost_idr: 5_000_000 },
    ],
  };
}

/** Seeds `miniWorld()` with some tables replaced. */
export function miniWorldWith(overrides: StgRows): StgRows {
  return { ...miniWorld(), ...overrides };
}
