/**
 * Training budgets per agency and fiscal year. Budgets are booked against an agency version; they are
 * grouped by the stable code, so a year in which an agency was renamed (two versions, two budget
 * lines) still yields one row with both amounts summed. Amounts are whole rupiah, so the double sums
 * are exact and do not depend on the order the rows are added in.
 */
export const fctBudgetsSql = `-- grain: one row per agency (stable code) per fiscal year
SELECT
  ag.code AS agency_code,
  b.fiscal_year,
  sum(b.allocated_idr) AS allocated_idr,
  sum(b.realized_idr) AS realized_idr
FROM stg.training_budgets b
LEFT JOIN stg.agencies ag ON ag.id = b.agency_id
GROUP BY ag.code, b.fiscal_year
ORDER BY agency_code, fiscal_year`;
