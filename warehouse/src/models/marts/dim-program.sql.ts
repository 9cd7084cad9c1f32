export const dimProgramSql = `-- grain: one row per training program
SELECT
  id AS program_id,
  code AS program_code,
  title,
  competency_area,
  method,
  jp,
  provider
FROM stg.programs
ORDER BY program_id`;
