import { Field, Int, ObjectType } from 'type-graphql';
import { DateTime, LocalDate, SafeInt } from './scalars.ts';

@ObjectType({ simpleResolvers: true, description: 'Rows in one mart of the snapshot.' })
export class TableRowCount {
  @Field(() => String, { description: 'Mart name, e.g. fct_enrollments.' })
  table!: string;
  @Field(() => SafeInt, { description: 'Exact row count.' })
  rows!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'How far the ETL read one source table: the next incremental run reads rows updated after it.',
})
export class Watermark {
  @Field(() => String, { description: 'Source table.' })
  table!: string;
  @Field(() => String, { description: 'Largest updated_at loaded (ISO timestamp as the source wrote it).' })
  watermark!: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'The calendar years a snapshot covers: the years of its headcount (employees on 30 June of every year in which any fact falls).',
})
export class YearSpan {
  @Field(() => Int, { description: 'First year with data.' })
  first!: number;
  @Field(() => Int, {
    description:
      'Last year with data. An effect measured in the year after a training (cohort comparison, ROI) needs a training year before this one.',
  })
  last!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "The period one fact's data covers. A source exported mid-year ends before its last year does: an analysis window past `last` (or before `first`) measures less than it claims, and the cohort comparison and ROI warn about it.",
})
export class FactCoverage {
  @Field(() => String, {
    description:
      'Fact table: fct_invitations, fct_enrollments, fct_service_requests, fct_satisfaction, fct_appraisals, fct_costs, fct_budgets or fct_headcount.',
  })
  fact!: string;
  @Field(() => String, {
    description:
      'day: first and last are days with rows (invitation, offering start or completion, request submission, survey). year: the fact is yearly (appraisal period, cost year, fiscal year, headcount year), so first is 1 January of its first year and last 31 December of its last.',
  })
  grain!: string;
  @Field(() => LocalDate, { description: 'First day covered.' })
  first!: string;
  @Field(() => LocalDate, { description: 'Last day covered (inclusive).' })
  last!: string;
  @Field(() => SafeInt, { description: 'Rows of the fact.' })
  rows!: number;
}

/** What every description of a published snapshot carries: `Snapshot` and `KeptSnapshot` (no field returns it, so the schema has no such type). */
@ObjectType({ simpleResolvers: true })
export abstract class SnapshotHeaderFields {
  @Field(() => String, { description: 'Snapshot id (sortable build time).' })
  id!: string;
  @Field(() => DateTime, { description: 'When the snapshot was published (UTC).' })
  publishedAt!: string;
  @Field(() => String, { description: 'full or incremental build.' })
  mode!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Snapshot an incremental build started from; null for a full build.',
  })
  basedOn!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'ETL run that built it; null when built outside the ETL (tests).',
  })
  runId!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'The warehouse snapshot that answered this request. Every figure in a response comes from this one snapshot: cite its id to make a result reproducible. An analyst (or higher) reads a cited snapshot again by sending the request header `X-Snapshot-Id: <id>`: the whole request is answered from it, for as long as it is kept (the ETL keeps the newest SNAPSHOTS_KEEP; `snapshots { id }` lists them), and an id no longer kept is refused with SNAPSHOT_NOT_KEPT.',
})
export class Snapshot extends SnapshotHeaderFields {
  // Read on demand (field resolvers in snapshot.resolver.ts): every page asks for the header.
  @Field(() => [Watermark], {
    description: 'Source watermarks the snapshot was built to (empty when unknown).',
  })
  watermarks?: Watermark[];
  @Field(() => [TableRowCount], {
    description: 'Row count of every mart (counts every mart: ask only when needed).',
  })
  rowCounts?: TableRowCount[];
  @Field(() => YearSpan, {
    nullable: true,
    description: 'Years the snapshot covers; null when it has no facts.',
  })
  years?: YearSpan | null;
  @Field(() => [FactCoverage], {
    description:
      "Each fact's first and last day (facts without rows left out): where each source really starts and ends, e.g. service requests exported up to 30 September.",
  })
  coverage?: FactCoverage[];
}
