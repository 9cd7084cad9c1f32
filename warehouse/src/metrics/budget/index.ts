export { budgetCaveats } from './budget-caveats.ts';
export { budgetScenario } from './budget-scenario.ts';
export type {
  BudgetCaveat,
  BudgetCaveatCode,
  BudgetHistory,
  BudgetPastCohort,
  BudgetScenarioResult,
  BudgetScenarioSpec,
} from './budget-scenario-spec.ts';
export { type EffectEstimate, type PooledEffect, poolFixedEffect } from './pool-effects.ts';
