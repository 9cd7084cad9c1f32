export {
  type EffectEvidence,
  effectEvidence,
  loadPortfolioEvidence,
  PORTFOLIO_MAX_YEARS,
  type PortfolioEvidence,
  type ProgramPortfolioEntry,
  type ProgramPortfolioSpec,
  pricePortfolio,
  programPortfolio,
} from './program-portfolio.ts';
