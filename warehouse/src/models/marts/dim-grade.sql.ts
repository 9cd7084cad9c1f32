import { gradeGroupSql } from './sql-fragments.ts';

/** Monthly fully loaded cost per grade, for the participants' time in ROI cost. */
export const dimGradeSql = `-- grain: one row per grade with its fully loaded monthly cost
SELECT
  grade,
  ${gradeGroupSql('grade')} AS grade_group,
  monthly_cost_idr
FROM stg.salary_scale
ORDER BY grade`;
