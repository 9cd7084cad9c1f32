/** Calendar spine for time series that must show empty periods. */
export const dimDateSql = `-- grain: one row per calendar day 2000-01-01 … 2035-12-31
SELECT
  CAST(d AS DATE) AS date_key,
  year(d) AS year,
  quarter(d) AS quarter,
  month(d) AS month,
  CAST(date_trunc('month', d) AS DATE) AS month_start,
  CAST(date_trunc('quarter', d) AS DATE) AS quarter_start,
  CAST(date_trunc('year', d) AS DATE) AS year_start,
  CAST(week(d) AS INTEGER) AS iso_week,
  CAST(isodow(d) AS INTEGER) AS day_of_week,
  isodow(d) >= 6 AS is_weekend
FROM range(DATE '2000-01-01', DATE '2036-01-01', INTERVAL 1 DAY) AS t(d)
ORDER BY date_key`;
