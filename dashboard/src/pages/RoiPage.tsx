import { skipToken, useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useSnapshot } from '../app/SnapshotContext.tsx';
import { Empty, ErrorState, Loading } from '../components/StateView.tsx';
import { RoiQuery } from '../graphql/operations.ts';
import { useSearch } from '../state/url-store.ts';
import { useDefaultCohort } from './default-cohort.ts';
import { AssumptionsUsedCard } from './roi/AssumptionsUsedCard.tsx';
import { BenefitsCard } from './roi/BenefitsCard.tsx';
import { BudgetScenarioCard } from './roi/BudgetScenarioCard.tsx';
import { ChainStepsCard } from './roi/ChainStepsCard.tsx';
import { CostBreakdownCard } from './roi/CostBreakdownCard.tsx';
import { RoiCasesCard } from './roi/RoiCasesCard.tsx';
import { RoiForm } from './roi/RoiForm.tsx';
import { roiFromSearch } from './roi-params.ts';
import { useCatalog } from './use-catalog.ts';

/** ROI & Anggaran: the Phillips chain with editable assumptions, then a budget scenario. */
export default function RoiPage() {
  const params = useSearch();
  const search = params.toString();
  const catalog = useCatalog();
  const snapshot = useSnapshot();
  const defaults = useDefaultCohort();
  const input = useMemo(() => roiFromSearch(new URLSearchParams(search), defaults), [search, defaults]);
  const roiQuery = useQuery(RoiQuery, input ? { variables: { input } } : skipToken);
  const roi = roiQuery.data?.roi;

  return (
    <div className="grid">
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
          <Empty />
        </div>
      )}
      {roiQuery.error && (
        <div className="card wide">
          <ErrorState error={roiQuery.error} needsRole="planner" onRetry={() => roiQuery.refetch()} />
        </div>
      )}
      {roi && (
        <>
          <ChainStepsCard roi={roi} snapshotId={snapshot?.id} />
          <BenefitsCard roi={roi} input={input} agencyName={catalog.agencyName} />
          <RoiCasesCard roi={roi} />
          <CostBreakdownCard roi={roi} />
          <AssumptionsUsedCard roi={roi} />
        </>
      )}
      <BudgetScenarioCard
        defaultProgram={input?.selector.value ?? ''}
        catalog={catalog}
        snapshotId={snapshot?.id}
      />
    </div>
  );
}
