import type { Db } from '../../db/index.ts';
import { loadDimRegion } from '../region/loadDimRegion.ts';
import { buildParamsSql } from './build-params.sql.ts';
import { createMartTables } from './contract.ts';
import { intEmployeeAssignmentSql } from './int-employee-assignment.sql.ts';
import { MART_MODELS } from './mart-models.ts';

export interface BuildMartsOptions {
  /**
   * Reference date (YYYY-MM-DD) for `is_current` and `current_name`. Default: none, meaning the latest
   * known state (open-ended versions are current). Never "today": the same stg must give the same marts.
   */
  readonly asOf?: string;
}

/**
 * Recreates every mart from the `stg` tables, in one transaction: the contract's DDL (exact columns,
 * NOT NULL), then each SQL model inserted by column name in dependency order, `dim_region` from
 * idn-area-data. Either every mart is rebuilt or (on any error) none changes. Deterministic: every
 * model orders its rows by its key and breaks every tie, so the same stg gives identical marts.
 */
export async function buildMarts(db: Db, options: BuildMartsOptions = {}): Promise<void> {
  const paramsSql = buildParamsSql(options.asOf);
  await db.exec('BEGIN TRANSACTION');
  try {
    await createMartTables((sql) => db.exec(sql));
    await db.exec(paramsSql);
    await db.exec(intEmployeeAssignmentSql);
    await loadDimRegion(db);
    for (const model of MART_MODELS) {
      try {
        await db.exec(`INSERT INTO marts.${model.name} BY NAME\n${model.sql}`);
      } catch (error) {
        throw new Error(`buildMarts: model ${model.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    await db.exec('DROP TABLE int_employee_assignment; DROP TABLE build_params');
    await db.exec('COMMIT');
  } catch (error) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
