/** Program attributes are copied onto the offering so facts and metrics filter without another join. */
export const dimOfferingSql = `-- grain: one row per scheduled run (offering) of a program
SELECT
  o.id AS offering_id,
  o.program_id,
  p.code AS program_code,
  p.method,
  p.competency_area,
  ag.code AS organizer_agency_code,
  o.starts_on,
  o.ends_on,
  year(o.starts_on) AS year,
  o.capacity
FROM stg.offerings o
LEFT JOIN stg.programs p ON p.id = o.program_id
LEFT JOIN stg.agencies ag ON ag.id = o.organizer_agency_id
ORDER BY offering_id`;
