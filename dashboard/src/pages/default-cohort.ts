import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useSnapshot, useSnapshotError } from '../app/SnapshotContext.tsx';
import { ProgramCompletersQuery } from '../graphql/operations.ts';
import { measurableYear, yearWindow } from '../state/years.ts';

/** What the cohort and ROI pages open on when the URL names nothing. */
export interface DefaultCohort {
  /** The program with the most completers in the window; null when none has any (or not known yet). */
  readonly program: string | null;
  /** The latest measurable year as inclusive dates; null until the snapshot is known. */
  readonly window: { readonly from: string; readonly to: string } | null;
  /** True until both are known (or known not to come: see `error`). */
  readonly loading: boolean;
  /** Why they will not come: the snapshot or the completers query failed (e.g. an unknown token). */
  readonly error?: unknown;
}

interface CompletersRow {
  readonly keys: { readonly program?: string | null };
  readonly isTotal: boolean;
  readonly suppressed: boolean;
  readonly completed?: number | null;
}

/**
 * The program with the most completers (ties: the smaller code); suppressed cells and the total row
 * do not count. Null when no program has a completer.
 */
export function largestProgram(rows: readonly CompletersRow[]): string | null {
  let best: { code: string; completed: number } | null = null;
  for (const r of rows) {
    const code = r.keys.program;
    const completed = r.completed ?? 0;
    if (r.isTotal || r.suppressed || !code || completed <= 0) continue;
    if (!best || completed > best.completed || (completed === best.completed && code < best.code))
      best = { code, completed };
  }
  return best?.code ?? null;
}

/**
 * The latest year whose training can be measured against the year after it (from the snapshot's
 * years), and the program with the most completers in that year: the largest question the data can
 * answer, with no program code or year written into the dashboard.
 */
export function useDefaultCohort(): DefaultCohort {
  const snapshot = useSnapshot();
  const snapshotError = useSnapshotError();
  const year = measurableYear(snapshot?.years);
  const window = useMemo(() => (year === null ? null : yearWindow(year)), [year]);
  const completers = useQuery(ProgramCompletersQuery, {
    variables: { filter: window ?? {} },
    skip: window === null,
  });
  const rows = completers.data?.invitationFunnel.rows;
  return useMemo(
    () => ({
      program: rows ? largestProgram(rows) : null,
      window,
      loading: (!snapshot && !snapshotError) || (window !== null && !rows && !completers.error),
      error: snapshotError ?? completers.error,
    }),
    [rows, window, snapshot, snapshotError, completers.error],
  );
}
