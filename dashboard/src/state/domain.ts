/**
 * Closed value lists of the domain (DESIGN "Sources"), used to validate URL input and to fill
 * filter selects. Agencies, programs and service types come from the API instead.
 */
export const METHODS = ['workshop', 'seminar', 'e_learning', 'classroom', 'coaching'] as const;
export const COMPETENCY_AREAS = ['technical', 'soft_skills', 'regulation', 'it', 'leadership'] as const;
export const GRADE_GROUPS = ['I', 'II', 'III', 'IV', 'PPPK'] as const;
export const TENURE_BANDS = ['<5', '5-9', '10-19', '20+'] as const;
export const EMPLOYMENT_TYPES = ['PNS', 'PPPK'] as const;
export const DECLINE_REASONS = ['workload', 'already_experienced', 'schedule', 'health', 'other'] as const;
export const GRAINS = ['year', 'quarter', 'month'] as const;
export type Grain = (typeof GRAINS)[number];
