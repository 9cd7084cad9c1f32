export {
  type EffectEvidence,
  effectEvidence,
  PORTFOLIO_MAX_YEARS,
  type ProgramPortfolioEntry,
  type ProgramPortfolioSpec,
  programPortfolio,
} from './program-portfolio.ts';
