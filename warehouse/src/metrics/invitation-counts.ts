import type { Db, PlainRow } from '../db/index.ts';
import { INVITATIONS } from './bindings.ts';
import { count } from './query/measures.ts';
import { allWithPersonId, perPersonCountsSql } from './query/person-id.ts';
import type { QueryPlan } from './query/plan-query.ts';

/** An invitation accepted and enrolled in its offering: one of completion's enrollments. */
const ENROLLED = "response = 'accepted' AND enrolled";
/** That enrollment completed: one of reaction's and learning's completions. */
const COMPLETED = `${ENROLLED} AND enrollment_status = 'completed'`;
/** Resistance's counts: the invitations declined, not answered, and enrolled without showing up. */
const DECLINED = "response = 'declined'";
const NO_RESPONSE = "response = 'no_response'";
const NO_SHOW = "enrollment_status = 'no_show'";

/**
 * The counts per group of the metrics over invitations (the funnel, resistance), read in one pass
 * (`perPersonCountsSql`) with what their disclosure control needs beside them: `enrolled`, the
 * invitations enrolled, `completed`, those completed, `declined`, `no_response` and `no_show`,
 * resistance's counts, `employees`, the employees invited, and the employees of each of those
 * protected counts (`enrolled_employees`, `completed_employees`, `declined_employees`,
 * `no_response_employees`). `counts`: alias → condition, as
 * `perPersonCountsSql` takes them.
 */
export function readInvitationCounts(
  db: Db,
  plan: QueryPlan,
  counts: Readonly<Record<string, string>>,
): Promise<PlainRow[]> {
  return allWithPersonId(
    db,
    perPersonCountsSql(
      plan,
      INVITATIONS,
      'marts.fct_invitations',
      {
        ...counts,
        enrolled: ENROLLED,
        completed: COMPLETED,
        declined: DECLINED,
        no_response: NO_RESPONSE,
        no_show: NO_SHOW,
      },
      {
        enrolled_employees: 'enrolled',
        completed_employees: 'completed',
        declined_employees: 'declined',
        no_response_employees: 'no_response',
      },
    ),
    plan.params.values,
  );
}

/** The counts `INVITATION_PROTECTION` protects beside n, by their SQL aliases. */
export const INVITATION_PROTECTED = ['enrolled', 'completed', 'declined', 'no_response'] as const;

/**
 * What an invitation metric's `MeasureSpec` protects beside n (the invitations): the employees
 * invited, and the invitations enrolled with their employees. These are completion's n and persons
 * over the same enrollments (where an invitation and its offering fall in one period), and the rows
 * publish them (the funnel's enrolled; resistance's accepted, invited less declined and no response,
 * the enrolled on the demo): protected as completion protects them, the funnel, resistance and
 * completion hide the same cells of a table (privacy reviews of 2026-12-04: 77 and 75 small counts
 * completion hides, shown by the funnel and by resistance). Likewise the invitations completed, with
 * their employees: reaction's and learning's n and persons, and the funnel publishes them (review of
 * 2026-12-05: KEL-62.71.02.1002 in 2024 by agency, invited 12, enrolled 7, completed 4, a row reaction
 * and learning hide, resting on 3 employees); resistance protects them too, so both hide the same cells.
 * And resistance's declined and no response, with the employees of each (a row resting on
 * 1 … minN − 1 employees who declined is hidden however many invitations they declined): resistance
 * publishes them beside n, and its byReason's total row is the declined as its n, which it hid while
 * the row showed it (statistics audit of 2026-12-06: KEL-62.71.05.1001 in 2022 by agency, n 9,
 * declined 1, no-show 1; 58 such counts of 1–4 by agency 2021–2025). The funnel publishes the
 * declined and no response as invited less accepted, and its cells are resistance's: it protects
 * them too, so both still hide the same cells. The no-shows are not protected (nor completion's
 * no-shows and dropped, the same enrollments): protected like n, they hid the flagship program's ROI
 * (PLY-PRIMA 2023, a few drop-outs among 51 participants) and most of completion by program on the
 * scale-1 demo (2026-12-06); a count of people who enrolled and did not come informs the question
 * who resists, and rests on a row of at least minN invitations and employees.
 */
export const INVITATION_PROTECTION = {
  protect: (_: unknown, r: PlainRow): readonly number[] => INVITATION_PROTECTED.map((c) => count(r[c])),
  persons: (_: unknown, r: PlainRow): readonly number[] => [
    count(r.employees),
    count(r.enrolled_employees),
    count(r.completed_employees),
    count(r.declined_employees),
    count(r.no_response_employees),
  ],
};
