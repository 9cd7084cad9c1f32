/**
 * SCD2 over agency names: every source row of `agencies` is one version; versions sharing a code are
 * one agency (BKPP → BKPSDM). `current_name` is the name of the latest version (the latest that had
 * started by `as_of` when a build date is given). `is_current` marks the version in force: the open
 * one, or with `as_of` the one covering that date (the later start wins on a boundary day).
 */
export const dimAgencySql = `-- grain: one row per agency version (SCD2); a rename closes one version and opens the next with the same code
WITH versions AS (
  SELECT
    a.*,
    CASE WHEN p.as_of IS NULL THEN a.valid_to IS NULL
      ELSE a.valid_from <= p.as_of AND (a.valid_to IS NULL OR a.valid_to >= p.as_of) END AS covers,
    p.as_of IS NULL OR a.valid_from <= p.as_of AS started
  FROM stg.agencies a CROSS JOIN build_params p
)
SELECT
  v.id AS agency_version_id,
  v.code AS agency_code,
  v.name,
  first_value(v.name) OVER (
    PARTITION BY v.code ORDER BY v.started DESC, v.valid_from DESC, v.id DESC
  ) AS current_name,
  v.kind,
  parent.code AS parent_code,
  v.valid_from,
  v.valid_to,
  v.covers AND row_number() OVER (
    PARTITION BY v.code ORDER BY v.covers DESC, v.valid_from DESC, v.id DESC
  ) = 1 AS is_current
FROM versions v
LEFT JOIN stg.agencies parent ON parent.id = v.parent_id
ORDER BY agency_version_id`;
