import type { Db } from '../../db/index.ts';
import type { MetricQuery } from '../filter.ts';
import type { MetricOptions } from './metric-options.ts';
import { SnapshotMemo } from './snapshot-memo.ts';

type Metric<R, O extends MetricOptions> = (db: Db, query: MetricQuery, options?: O) => Promise<R>;

interface ProgramRow {
  readonly program_code: string;
  readonly method: string;
  readonly competency_area: string;
}

/** `dim_program` per published snapshot (read once; a writable database is read every call). */
const catalogs = new SnapshotMemo(8);

function programCatalog(db: Db): Promise<readonly ProgramRow[]> {
  return catalogs.get(db, 'dim_program', () =>
    db.all<ProgramRow>(
      'SELECT program_code, method, competency_area FROM marts.dim_program ORDER BY program_code',
    ),
  );
}

/**
 * For a metric that cannot be grouped by program (participation, JP compliance): a `methods` or
 * `competencyAreas` filter asked as the list of the programs it selects. Each program has one method
 * and one area (`dim_program`; the facts take them from it), so the answers are the same, but the
 * disclosure control across queries is not: a list of programs is checked against itself with each
 * program left out (`relaxationsOf`), a method or area of one value only against no filter at all. A
 * review of 2026-12-05 took `competencyAreas: ["technical"]` less `programs` of four of its five
 * programs: 2021, grade group II, 67 − 66 = 1 TEK-CO participant, a cell hidden where asked for
 * (27 participation and 9 JP compliance cells of 1–4 given back). A filter selecting no program is
 * asked as it is (it counts no completion).
 */
export function methodsAsPrograms<R, O extends MetricOptions>(metric: Metric<R, O>): Metric<R, O> {
  return async (db, query, options) => {
    const filter = query.filter;
    const methods = filter?.methods ?? [];
    const areas = filter?.competencyAreas ?? [];
    if (!filter || (methods.length === 0 && areas.length === 0)) return metric(db, query, options);
    const listed = filter.programs ?? [];
    const programs = (await programCatalog(db))
      .filter(
        (p) =>
          (methods.length === 0 || methods.includes(p.method)) &&
          (areas.length === 0 || areas.includes(p.competency_area)) &&
          (listed.length === 0 || listed.includes(p.program_code)),
      )
      .map((p) => p.program_code);
    if (programs.length === 0) return metric(db, query, options);
    const { methods: _m, competencyAreas: _a, ...rest } = filter;
    return metric(db, { ...query, filter: { ...rest, programs } }, options);
  };
}
