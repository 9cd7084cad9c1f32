import { registerEnumType } from 'type-graphql';

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
    'A dimension to group metric rows by. Each metric documents which it supports; others are BAD_USER_INPUT.',
  valuesConfig: {
    agency: { description: 'Agency code (stable across renames), as of the event date.' },
    agencyKind: { description: 'dinas, badan, kecamatan, sekretariat, inspektorat.' },
    program: { description: 'Training program code.' },
    method: { description: 'workshop, seminar, e_learning, classroom, coaching.' },
    competencyArea: { description: 'technical, soft_skills, regulation, it, leadership.' },
    gradeGroup: { description: 'Golongan group I, II, III, IV, or PPPK.' },
    tenureBand: { description: "Years of service at the event date: '<5', '5-9', '10-19', '20+'." },
    employmentType: { description: 'PNS or PPPK.' },
    serviceType: { description: 'Public service type (e.g. a Disdukcapil document).' },
    kelurahan: { description: 'Kelurahan code (Kemendagri, dotted).' },
    declineReason: { description: 'workload, already_experienced, schedule, health, other.' },
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
    complementary: { description: 'Hidden so a primary-suppressed cell cannot be recovered from totals.' },
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
    sla_met_rate: { description: 'Share (0–1) of completed requests within the SLA target.' },
    requests_handled: { description: 'Requests handled per month.' },
    appraisal_score: { description: 'Mean SKP appraisal score (0–100) (Kirkpatrick L3).' },
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
