/**
 * The build's parameters, read by models through a temp table so each model stays one
 * static SQL string. `as_of` (nullable) is the reference date for `is_current` and `current_name`;
 * null means "the latest known state" (open-ended versions are current).
 */
export function buildParamsSql(asOf: string | undefined): string {
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new Error(`buildMarts: asOf must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(asOf)}`);
  }
  const value = asOf === undefined ? 'CAST(NULL AS DATE)' : `DATE '${asOf}'`;
  return `-- grain: one row, the build's parameters\nCREATE OR REPLACE TEMP TABLE build_params AS SELECT ${value} AS as_of`;
}
