export { budgetCaveats } from './budget-caveats.ts';
export { budgetScenario } from './budget-scenario.ts';
export {
  BUDGET_MAX_IDR,
  type BudgetCaveat,
  type BudgetCaveatCode,
  type BudgetHistory,
  type BudgetPastCohort,
  type BudgetScenarioResult,
  type BudgetScenarioSpec,
} from './budget-scenario-spec.ts';
export {
  type BudgetTrendRequest,
  type BudgetTrendYear,
  budgetTrend,
} from './budget-trend.ts';
export { type EffectEstimate, type PooledEffect, poolFixedEffect } from './pool-effects.ts';
