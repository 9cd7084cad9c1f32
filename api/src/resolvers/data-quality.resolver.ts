import { readdir } from 'node:fs/promises';
import {
  isSnapshotId,
  listQuarantine,
  type QuarantineCountRecord,
  quarantineDir,
  REASON_CODES,
  type ReasonCode,
  readDataTests,
  readQuarantineCounts,
  runLogDir,
  STG_TABLES,
} from '@asn/warehouse';
import type { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors/api-errors.ts';
import { DataQuality, QuarantinePage } from '../schema/data-quality.type.ts';
import type { Role } from '../schema/enums.ts';
import { PageInput } from '../schema/page.input.ts';

import { withoutFileName } from './file-names.ts';
import { checkPage } from './page.ts';

/** The ETL's quarantine reason codes (`REASON_CODES`, shared through the warehouse package). */
export const QUARANTINE_REASONS = Object.keys(REASON_CODES) as readonly ReasonCode[];

/** The tables a quarantined row can belong to: the staging tables (source tables and xAPI's). */
export const QUARANTINE_TABLES: readonly string[] = STG_TABLES.map((t) => t.name);

const ECHO_CHARS = 64;
const echo = (v: string) => (v.length > ECHO_CHARS ? `${v.slice(0, ECHO_CHARS - 1)}…` : v);

/**
 * The runs a quarantine filter may name: those in the run log (`<warehouseDir>/runs/<runId>.json`,
 * failed and running runs included) and those with a quarantine folder.
 */
async function knownRunIds(warehouseDir: string): Promise<Set<string>> {
  const [logged, quarantined] = await Promise.all([
    readdir(runLogDir(warehouseDir)).catch(() => [] as string[]),
    readdir(quarantineDir(warehouseDir)).catch(() => [] as string[]),
  ]);
  return new Set([
    ...logged.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5)),
    ...quarantined,
  ]);
}

/**
 * The quarantine's filters are codes like every other code argument: a reason the ETL has no rule
 * for, a table it never stages, or a run that is not in the run log is UNKNOWN_VALUE at its
 * argument (fixed domains listed in `accepted`), not `total: 0` read as "nothing quarantined".
 */
export async function quarantineFilterError(
  warehouseDir: string,
  args: { readonly runId?: string | null; readonly table?: string | null; readonly reason?: string | null },
): Promise<GraphQLError | null> {
  const fixed: [string, string | null | undefined, readonly string[]][] = [
    ['reason', args.reason, QUARANTINE_REASONS],
    ['table', args.table, QUARANTINE_TABLES],
  ];
  for (const [field, value, accepted] of fixed) {
    if (value == null || accepted.includes(value)) continue;
    return badInput(
      `Unknown value in ${field}: ${JSON.stringify(echo(value))} (accepted: ${accepted.join(', ')}).`,
      { reason: 'UNKNOWN_VALUE', field, unknown: [echo(value)], accepted: [...accepted] },
    );
  }
  const runId = args.runId;
  if (runId != null && !(await knownRunIds(warehouseDir)).has(runId)) {
    const why = isSnapshotId(runId)
      ? 'no such ETL run; etlRuns lists the runs'
      : 'not a run id, which reads like 20250101T000000000Z-1a2b; etlRuns lists the runs';
    return badInput(`Unknown value in runId: ${JSON.stringify(echo(runId))} (${why}).`, {
      reason: 'UNKNOWN_VALUE',
      field: 'runId',
      unknown: [echo(runId)],
    });
  }
  return null;
}

/**
 * The quarantine counts as a role below admin sees them: a count's source names the drop file
 * (`files:rekap_Bambang.xlsx`), chosen by a person, so it becomes `files:<file>`, and the counts
 * of one run, table and reason from several files are summed into one row (in the order given).
 */
export function withoutFileNamesInCounts(counts: readonly QuarantineCountRecord[]): QuarantineCountRecord[] {
  const merged = new Map<string, QuarantineCountRecord>();
  for (const c of counts) {
    const source = withoutFileName(c.source);
    const key = JSON.stringify([c.runId, source, c.table, c.reason]);
    const held = merged.get(key);
    merged.set(key, { ...c, source, rows: (held?.rows ?? 0) + c.rows });
  }
  return [...merged.values()];
}

@Resolver(() => DataQuality)
export class DataQualityResolver {
  @Query(() => DataQuality, {
    description: "The snapshot's data tests and quarantine counts.",
    complexity: 5,
  })
  async dataQuality(@Ctx() ctx: ApiContext): Promise<DataQuality> {
    const { db, snapshot } = ctx.lease;
    const admin = ctx.principal.role === 'admin';
    const tests = await readDataTests(db);
    const counts = await readQuarantineCounts(db);
    return {
      snapshotId: snapshot.id,
      // Failing-row samples can be person-level: only admin receives them.
      dataTests: tests.map((t) => ({ ...t, sample: admin ? t.sample : null })),
      quarantineCounts: admin ? counts : withoutFileNamesInCounts(counts),
      viewerRole: ctx.principal.role as Role,
    };
  }

  @Authorized('admin')
  @FieldResolver(() => QuarantinePage, {
    description: 'Quarantined raw rows (person-level), newest run first (admin).',
    complexity: 10,
  })
  async quarantine(
    @Root() _dq: DataQuality,
    @Ctx() ctx: ApiContext,
    @Arg('page', () => PageInput, { nullable: true, description: 'Offset and limit; default the first 50.' })
    page?: PageInput | null,
    @Arg('runId', () => String, {
      nullable: true,
      description:
        'Only this ETL run (an id etlRuns lists); an unknown run is BAD_USER_INPUT / UNKNOWN_VALUE.',
    })
    runId?: string | null,
    @Arg('table', () => String, {
      nullable: true,
      description:
        'Only this source table (a staging table: agencies, employees, …, xapi_statements); an unknown table is BAD_USER_INPUT / UNKNOWN_VALUE listing the accepted ones.',
    })
    table?: string | null,
    @Arg('reason', () => String, {
      nullable: true,
      description:
        "Only this reason code (one of the ETL's validation reason codes, README 'ETL: validation rules and reason codes'); an unknown code is BAD_USER_INPUT / UNKNOWN_VALUE listing the accepted ones.",
    })
    reason?: string | null,
  ): Promise<QuarantinePage> {
    const { offset, limit } = checkPage(page, ctx.services.limits.maxList);
    const refused = await quarantineFilterError(ctx.services.warehouseDir, { runId, table, reason });
    if (refused) throw refused;
    const { rows, total } = await listQuarantine(ctx.services.warehouseDir, {
      offset,
      limit,
      ...(runId ? { runId } : {}),
      ...(table ? { table } : {}),
      ...(reason ? { reason } : {}),
    });
    return {
      total,
      items: rows.map((r) => ({
        runId: r.run_id,
        source: r.source,
        table: r.table,
        rowNumber: r.row_number,
        raw: r.raw,
        reason: r.reason,
        detail: r.detail,
      })),
    };
  }
}
