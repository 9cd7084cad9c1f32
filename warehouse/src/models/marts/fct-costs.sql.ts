/** Direct program costs per cost line, with the offering's program and organiser for grouping. */
export const fctCostsSql = `-- grain: one row per offering per cost line
SELECT
  c.id AS cost_id,
  c.offering_id,
  o.program_id,
  o.program_code,
  o.method,
  o.competency_area,
  o.organizer_agency_code,
  o.year,
  c.category,
  c.amount_idr
FROM stg.program_costs c
LEFT JOIN marts.dim_offering o ON o.offering_id = c.offering_id
ORDER BY cost_id`;
