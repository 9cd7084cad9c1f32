export {
  type EffectEvidence,
  effectEvidence,
  loadPortfolioEvidence,
  PORTFOLIO_HOLM_ALPHA,
  PORTFOLIO_MAX_YEARS,
  type PortfolioEvidence,
  type ProgramPortfolioEntry,
  type ProgramPortfolioSpec,
  pricePortfolio,
  programPortfolio,
  withHolm,
} from './program-portfolio.ts';
