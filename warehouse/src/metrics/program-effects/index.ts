export {
  type EffectDirection,
  holmAdjust,
  type ProgramEffect,
  type ProgramEffectGap,
  type ProgramEffectsOptions,
  type ProgramEffectsResult,
  type ProgramEffectsSpec,
  programEffects,
  programEffectsWithCoverage,
} from './program-effects.ts';
