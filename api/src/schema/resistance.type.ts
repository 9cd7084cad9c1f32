import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DeclineReasonRow } from './decline-reason.type.ts';
import { MetricRow, PctOfTotalField } from './metric-row.type.ts';
import { SafeInt } from './scalars.ts';

@ObjectType({
  implements: MetricRow,
  simpleResolvers: true,
  description:
    'Resistance: (declined + no response + no-show) / invited, by invitation date (placed by day; filter.from/to are whole periods of the grain, whole years without one, RANGE_NOT_ALIGNED otherwise). n = invitations; person attributes as of the offering start, as in the funnel and completion. ' +
    'A row is hidden as the funnel’s row over the same invitations is (it protects the invitations enrolled too, completion’s n, since invited less declined and no response is the accepted). previousPeriod / samePeriodLastYear compare rate.',
})
export class ResistanceRow extends MetricRow {
  @PctOfTotalField('resisted invitations (not of n, the invitations)')
  override pctOfTotal: number | null = null;
  @Field(() => SafeInt, { nullable: true, description: 'Invitations.' })
  invited!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description: `Invitations declined. Protected like n (byReason’s total for the group): a row with 1 … SUPPRESSION_MIN_N − 1 of them, or resting on that few employees, is hidden.`,
  })
  declined!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Invitations never answered. Protected like n: a row with 1 … SUPPRESSION_MIN_N − 1 of them, or resting on that few employees, is hidden.',
  })
  noResponse!: number | null;
  @Field(() => SafeInt, {
    nullable: true,
    description:
      'Enrolled but did not show up. Not protected beyond the row’s n and employees (as completion’s noShow over the same enrollments).',
  })
  noShow!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'declined + noResponse + noShow.' })
  resisted!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'resisted / invited (0–1); null when nobody was invited.',
  })
  rate!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Resistance rows, ordered by period, then group, the total row last within each period.',
})
export class ResistanceResult {
  @Field(() => [ResistanceRow], { description: 'The rows.' })
  rows!: ResistanceRow[];

  @Field(() => Int, { description: 'Minimum n applied for disclosure control (SUPPRESSION_MIN_N).' })
  minN!: number;

  @Field(() => [DeclineReasonRow], {
    description:
      "Declines by reason within every row of `rows`, per period: each group's reasons and total (isTotal, the group's declines), then the total row's (every groupBy key null; without groupBy the only ones). pctOfTotal and share are shares of the declines of the row's group (its isTotal row). With a groupBy of one dimension (two are refused here, BAD_USER_INPUT / LIST_LENGTH: groups × reasons would be a three-way table), disclosure control treats groups × reasons as one table whose margins are the groups' declines and the total's reasons, and hides the reasons of a group hidden in `rows`. `rows` hides a group (or the total) whose declines, or the distinct employees declining, are 1 to minN − 1 (declined is protected like n), and its reasons are hidden with it. The breakdown is withheld whole (no reason of the answer is listed: every table keeps only its isTotal row, hidden, or shown where `rows` shows 0 declines) when its own disclosure control hid a total, a group’s declines, that `rows` shows (the reasons hidden around it rest on it being unknown), and when `filter` has a list (agencies, programs, …: the answer would be a slice of the breakdown by the listed dimension, which nothing protects consistently). Computed only when selected: it is a second table with disclosure control of its own, and by agency per month or quarter most of the query's work (by agency per month it can be refused as QUERY_TOO_COMPLEX / DISCLOSURE_TOO_COMPLEX while `rows` alone is answered).",
  })
  byReason!: DeclineReasonRow[];
}
