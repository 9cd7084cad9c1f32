export {
  type EffectDirection,
  holmAdjust,
  type ProgramEffect,
  type ProgramEffectGap,
  type ProgramEffectsBy,
  type ProgramEffectsOptions,
  type ProgramEffectsResult,
  type ProgramEffectsSpec,
  programEffects,
  programEffectsWithCoverage,
} from './program-effects.ts';
