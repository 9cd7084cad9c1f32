import { completion as completionMetric } from './completion.metric.ts';
import { invitationFunnel as invitationFunnelMetric } from './invitation-funnel.metric.ts';
import { jpCompliance as jpComplianceMetric } from './jp-compliance.metric.ts';
import { learning as learningMetric } from './learning.metric.ts';
import { participation as participationMetric } from './participation.metric.ts';
import { guardFilterComplements } from './query/filter-complements.ts';
import { reaction as reactionMetric } from './reaction.metric.ts';
import { resistance as resistanceMetric } from './resistance.metric.ts';
import { satisfaction as satisfactionMetric } from './satisfaction.metric.ts';
import { serviceTimes as serviceTimesMetric } from './service-times.metric.ts';

/**
 * The filtered metrics as the package publishes them (the API and the bench call these): each with
 * disclosure control across queries (`guardFilterComplements`). The metric modules' own exports are
 * the bare computations their known-answer tests check.
 */
export const participation = guardFilterComplements(participationMetric);
export const invitationFunnel = guardFilterComplements(invitationFunnelMetric);
export const resistance = guardFilterComplements(resistanceMetric);
export const completion = guardFilterComplements(completionMetric);
export const jpCompliance = guardFilterComplements(jpComplianceMetric);
export const reaction = guardFilterComplements(reactionMetric, ['completed']);
export const learning = guardFilterComplements(learningMetric);
export const serviceTimes = guardFilterComplements(serviceTimesMetric, ['handlerMonths']);
export const satisfaction = guardFilterComplements(satisfactionMetric);
