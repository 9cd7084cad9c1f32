import { ACCEPTED_VALUES } from '@asn/warehouse';
import { registerEnumType } from 'type-graphql';

/**
 * The agency kinds, as the warehouse's data tests accept them (`agency_kind` in `dim_agency`):
 * descriptions list them from here, so a kind added there is listed in the schema too.
 */
export const AGENCY_KINDS: readonly string[] =
  ACCEPTED_VALUES.find((rule) => rule.column === 'agency_kind')?.values ?? [];

/** `dinas, badan, …, inspektorat or kelurahan`. */
export const AGENCY_KINDS_TEXT = `${AGENCY_KINDS.slice(0, -1).join(', ')} or ${AGENCY_KINDS.at(-1)}`;

/** Dimensions a metric may group by; values match `@asn/warehouse` `Dimension`. */
export enum Dimension {
  agency = 'agency',
  agencyKind = 'agencyKind',
  program = 'program',
  method = 'method',
  competencyArea = 'competencyArea',
  gradeGroup = 'gradeGroup',
  tenureBand = 'tenureBand',
  employmentType = 'employmentType',
  serviceType = 'serviceType',
  kelurahan = 'kelurahan',
  declineReason = 'declineReason',
}
registerEnumType(Dimension, {
  name: 'Dimension',
  description:
    'A dimension to group metric rows by. Each metric’s query documents which it supports; others are BAD_USER_INPUT (UNSUPPORTED_GROUP_BY).',
  valuesConfig: {
    agency: { description: 'Agency code (stable across renames), as of the event date.' },
    agencyKind: {
      description: `Agency kind: ${AGENCY_KINDS_TEXT} (a kelurahan office, under its kecamatan; the \`kelurahan\` dimension is the area a service request comes from).`,
    },
    program: { description: 'Training program code.' },
    method: { description: 'workshop, seminar, e_learning, classroom, coaching.' },
    competencyArea: { description: 'technical, soft_skills, regulation, it, leadership.' },
    gradeGroup: { description: 'Golongan group I, II, III, IV, or PPPK.' },
    tenureBand: {
      description:
        "Years of service at the event date: '<5', '5-9', '10-19', '20+' (rows grouped by it come in this order, not as the strings sort).",
    },
    employmentType: { description: 'PNS or PPPK.' },
    serviceType: { description: 'Public service type (e.g. a Disdukcapil document).' },
    kelurahan: {
      description:
        'Kelurahan code (Kemendagri, dotted): the area a service request comes from (serviceTimes only; null = not recorded). Without the kecamatan agencies’ requests (see ServiceTimesRow).',
    },
    declineReason: {
      description:
        'Decline reason: workload, already_experienced, schedule, health, other. Not a groupBy dimension: every metric refuses it (BAD_USER_INPUT, UNSUPPORTED_GROUP_BY); it is the key of resistance.byReason rows (keys.declineReason).',
    },
  },
});

export enum TimeGrain {
  month = 'month',
  quarter = 'quarter',
  year = 'year',
}
registerEnumType(TimeGrain, {
  name: 'TimeGrain',
  description: 'Period length of a time series. With a grain, every empty period in range is filled (n = 0).',
  valuesConfig: {
    month: { description: 'Calendar months; a period is its first day (YYYY-MM-01).' },
    quarter: {
      description: 'Calendar quarters; a period is its first day (YYYY-01-01, -04-01, -07-01, -10-01).',
    },
    year: { description: 'Calendar years; a period is 1 January (YYYY-01-01).' },
  },
});

export enum SuppressionReason {
  primary = 'primary',
  complementary = 'complementary',
}
registerEnumType(SuppressionReason, {
  name: 'SuppressionReason',
  description: 'Why a row is hidden (disclosure control).',
  valuesConfig: {
    primary: { description: 'n is below SUPPRESSION_MIN_N.' },
    complementary: {
      description:
        'Hidden so a primary-suppressed cell cannot be recovered from totals, from the same query at a coarser grain (a quarter minus its other months), or from another query.',
    },
  },
});

export enum Role {
  public = 'public',
  analyst = 'analyst',
  planner = 'planner',
  admin = 'admin',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'Access roles, each including the ones before it: public < analyst < planner < admin.',
  valuesConfig: {
    public: {
      description:
        'Anonymous callers (unless ALLOW_ANONYMOUS=false or ANONYMOUS_ROLE raises them): aggregate metrics with disclosure control, agencies, programs, the snapshot, data-test results without samples.',
    },
    analyst: {
      description:
        'public, plus the cohort comparison, the joint program-effects model, Kirkpatrick L3 (behaviour), the ETL run log and the kept snapshots.',
    },
    planner: {
      description: 'analyst, plus ROI, the program portfolio, budget scenarios and agency comparison.',
    },
    admin: {
      description:
        'planner, plus quarantined raw rows (person-level), data-test samples, and the refreshWarehouse and rollbackWarehouse mutations.',
    },
  },
});

export enum CohortSelectorKind {
  program = 'program',
  method = 'method',
  competencyArea = 'competencyArea',
}
registerEnumType(CohortSelectorKind, {
  name: 'CohortSelectorKind',
  description:
    'What makes an employee "treated": completing a program, any program of a method, or of an area.',
  valuesConfig: {
    program: {
      description: 'One training program; the value is its code (the `programs` query lists them).',
    },
    method: {
      description:
        'Any program of a learning method; the value is one of workshop, seminar, e_learning, classroom, coaching.',
    },
    competencyArea: {
      description:
        'Any program of a competency area; the value is one of technical, soft_skills, regulation, it, leadership.',
    },
  },
});

export enum CohortOutcome {
  service_days = 'service_days',
  sla_met_rate = 'sla_met_rate',
  requests_handled = 'requests_handled',
  appraisal_score = 'appraisal_score',
}
/** Values match `@asn/warehouse` `CohortContrast`. */
export enum CohortContrast {
  vs_rest = 'vs_rest',
  only_vs_untrained = 'only_vs_untrained',
}
registerEnumType(CohortContrast, {
  name: 'CohortContrast',
  description: 'Who a cohort comparison sets against whom.',
  valuesConfig: {
    vs_rest: {
      description:
        'Treated: completed the selector in the window (other training too). Comparison: everyone else, staff trained by other programs included. The default.',
    },
    only_vs_untrained: {
      description:
        'Treated: completed the selector and nothing outside it in the window. Comparison: completed no program in the window. Keeps other programs’ effects out of both arms (under vs_rest a strong program makes the others look worse), with smaller groups.',
    },
  },
});

registerEnumType(CohortOutcome, {
  name: 'CohortOutcome',
  description: 'Outcome measured per employee in the pre and post windows.',
  valuesConfig: {
    service_days: { description: 'Mean days per completed service request handled.' },
    sla_met_rate: {
      description:
        "Share (0–1) of completed requests within the SLA target, per employee and window: Σ met / Σ completed over the employee's handler-months in the window (agg_handler_month, by submission month), a ratio of sums, not a mean of monthly rates. An employee with no completed request in a window has no value there (null, not 0) and drops out of a comparison that needs it. Over completed requests only, unlike serviceTimes' slaMetRate (over the requests due by the data end), so it differs slightly in the latest months.",
    },
    requests_handled: {
      description:
        'Requests handled per month of the window, per employee: Σ requests in any status (completed or not) recorded as handled by the employee, by submission month (agg_handler_month), / windowMonths. An employee with no requests in a window has no value there (null, not 0) and drops out of a comparison that needs it.',
    },
    appraisal_score: {
      description:
        'Mean SKP appraisal score (0–100) (Kirkpatrick L3) of the appraisal years dated (31 December of the year rated) inside the window; the treatment window is one calendar year: pre holds the year before it and post the year after (12-month windows), and a window under 12 months holds none after it (see windowMonths). Another treatment window is RANGE_NOT_ALIGNED: windows a month apart hold the same appraisal years, and their difference would give a few employees’ appraisals back.',
    },
  },
});

/** Values match `@asn/warehouse` `RoiIsolation`. */
export enum EffectIsolation {
  cohort = 'cohort',
  joint = 'joint',
}
registerEnumType(EffectIsolation, {
  name: 'EffectIsolation',
  description: 'Which estimate isolates the effect an ROI prices (Phillips step 3).',
  valuesConfig: {
    cohort: {
      description:
        'The matched cohort comparison of service days (its contrast says against whom); volume = the matched trained handlers’ post-window requests.',
    },
    joint: {
      description:
        'The selector’s coefficient in the window’s joint model (`programEffects` on service days, by the selector’s kind): an effect shared with programs the same staff took is not counted again; volume = its completers’ post-window requests in that model.',
    },
  },
});
