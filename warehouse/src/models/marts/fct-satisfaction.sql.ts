/** SKM questionnaires; the IKM is computed by metrics from u1..u9 (PermenPANRB 14/2017). */
export const fctSatisfactionSql = `-- grain: one row per SKM questionnaire (nine unsur u1..u9 scored 1–4)
SELECT
  s.id AS response_id,
  ag.code AS agency_code,
  s.service_type,
  s.surveyed_on,
  year(s.surveyed_on) AS year,
  s.u1, s.u2, s.u3, s.u4, s.u5, s.u6, s.u7, s.u8, s.u9
FROM stg.satisfaction_responses s
LEFT JOIN stg.agencies ag ON ag.id = s.agency_id
ORDER BY response_id`;
