import { skipToken, useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { Glossary, GlossaryReportProvider, useReportedTerms } from '../components/Glossary.tsx';
import { Empty, ErrorState, Loading } from '../components/StateView.tsx';
import { CsvPageStateContext } from '../components/use-csv-filter-part.ts';
import { ProgramEffectsQuery, RoiQuery } from '../graphql/operations.ts';
import { useSearch } from '../state/url-store.ts';
import { useDefaultCohort } from './default-cohort.ts';
import { roiJointInputOf } from './joint-effects.ts';
import { AssumptionsUsedCard } from './roi/AssumptionsUsedCard.tsx';
import { BenefitsCard } from './roi/BenefitsCard.tsx';
import { BudgetScenarioCard } from './roi/BudgetScenarioCard.tsx';
import { BudgetTrendCard } from './roi/BudgetTrendCard.tsx';
import { ChainStepsCard } from './roi/ChainStepsCard.tsx';
import { CostBreakdownCard } from './roi/CostBreakdownCard.tsx';
import { chainCsvState } from './roi/csv-inputs.ts';
import { PortfolioCard } from './roi/PortfolioCard.tsx';
import { RoiCasesCard } from './roi/RoiCasesCard.tsx';
import { RoiForm } from './roi/RoiForm.tsx';
import { chainTerms, ROI_GLOSSARY_PARTS } from './roi/roi-terms.ts';
import { roiFromSearch } from './roi-params.ts';
import { useCatalog } from './use-catalog.ts';

/**
 * ROI & Anggaran: the training budget per year (what the city spends, beside participation), the
 * program portfolio (every program × year side by side), the Phillips chain of one with editable
 * assumptions, then a budget scenario.
 */
export default function RoiPage() {
  const params = useSearch();
  const search = params.toString();
  const catalog = useCatalog();
  const defaults = useDefaultCohort();
  const input = useMemo(() => roiFromSearch(new URLSearchParams(search), defaults), [search, defaults]);
  const roiQuery = useQuery(RoiQuery, input ? { variables: { input } } : skipToken);
  const roi = roiQuery.data?.roi;
  // Step 3's cross-check (the joint model of the window) needs only the window, not the ROI's
  // answer: asked for beside it, not once the chain's card has mounted on that answer. Its
  // variables are the cohort page's (`jointInputOf`): one request for both pages.
  const jointInput = useMemo(() => (input ? roiJointInputOf(input) : null), [input]);
  const jointQuery = useQuery(
    ProgramEffectsQuery,
    jointInput ? { variables: { input: jointInput } } : skipToken,
  );
  const chainCsv = useMemo(() => (input ? chainCsvState(input) : null), [input]);
  // The glossary lists what the cards render: the chain's terms from its answer here, the others'
  // as the cards report them (each runs its own query; nothing while locked, loading or failed).
  const { byPart, report } = useReportedTerms();
  const terms = ROI_GLOSSARY_PARTS.flatMap((part) =>
    part === 'chain' ? (roi && input ? chainTerms(roi) : []) : (byPart[part] ?? []),
  );

  return (
    <GlossaryReportProvider value={report}>
      <div className="grid">
        <BudgetTrendCard />
        <PortfolioCard catalog={catalog} assumptions={input?.assumptions ?? undefined} />
        <RoiForm
          input={input}
          defaults={defaults}
          programInUrl={Boolean(params.get('rp'))}
          programs={catalog.programs}
          assumptionsUsed={roi?.assumptions}
        />
        {(roiQuery.loading || (!input && defaults.loading)) && (
          <div className="card wide">
            <Loading />
          </div>
        )}
        {!input && !defaults.loading && (
          <div className="card wide">
            {/* No default to price because the snapshot did not come (an unknown token): say why. */}
            {defaults.error ? <ErrorState error={defaults.error} needsRole="planner" /> : <Empty />}
          </div>
        )}
        {roiQuery.error && (
          <div className="card wide">
            <ErrorState error={roiQuery.error} needsRole="planner" onRetry={() => roiQuery.refetch()} />
          </div>
        )}
        {roi && input && (
          // The chain's CSVs are named after, and end with, the program, window and assumptions
          // they were priced with: the page has no global filters to tell two such files apart.
          <CsvPageStateContext.Provider value={chainCsv}>
            <ChainStepsCard roi={roi} input={input} joint={jointQuery.data?.programEffects} />
            <BenefitsCard roi={roi} input={input} agencyName={catalog.agencyName} />
            <RoiCasesCard roi={roi} />
            <CostBreakdownCard roi={roi} />
            <AssumptionsUsedCard roi={roi} />
          </CsvPageStateContext.Provider>
        )}
        <BudgetScenarioCard
          defaultProgram={input?.selector.value ?? ''}
          catalog={catalog}
          assumptions={input?.assumptions ?? undefined}
        />
        <Glossary terms={terms} />
      </div>
    </GlossaryReportProvider>
  );
}
