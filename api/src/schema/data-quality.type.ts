import { Field, ObjectType } from 'type-graphql';
import { Role } from './enums.ts';
import { DateTime, SafeInt } from './scalars.ts';

@ObjectType({
  simpleResolvers: true,
  description: 'A data test result stored in the snapshot by the build that made it.',
})
export class DataTestResult {
  @Field(() => String, { description: 'Stable test name, e.g. unique_fct_enrollments_enrollment_id.' })
  name!: string;
  @Field(() => String, { description: 'Mart the rule is about.' })
  model!: string;
  @Field(() => String, { description: 'error (blocks publication) or warn.' })
  severity!: string;
  @Field(() => String, { description: 'pass or fail.' })
  status!: string;
  @Field(() => SafeInt, { description: 'Rows breaking the rule.' })
  failingRows!: number;
  @Field(() => DateTime, { description: 'When it ran (UTC).' })
  checkedAt!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Up to 5 failing rows as JSON (may be person-level: admin only; null for other roles).',
  })
  sample?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Rows quarantined by one run for one table and reason.' })
export class QuarantineCount {
  @Field(() => String, { description: 'ETL run.' })
  runId!: string;
  @Field(() => String, {
    description:
      'Source: postgres, files:<name> (the drop file read) or xapi:<name> (the xAPI export read). Below admin the name reads <file> (files:<file>, xapi:<file>), and the counts of one run, table and reason from several files are one row, summed.',
  })
  source!: string;
  @Field(() => String, { description: 'Source table.' })
  table!: string;
  @Field(() => String, { description: 'Reason code (one per validation rule).' })
  reason!: string;
  @Field(() => SafeInt, { description: 'Rows.' })
  rows!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One quarantined source row (raw, person-level: admin only).',
})
export class QuarantineRow {
  @Field(() => String, { description: 'ETL run.' })
  runId!: string;
  @Field(() => String, { description: 'Source.' })
  source!: string;
  @Field(() => String, { description: 'Source table.' })
  table!: string;
  @Field(() => SafeInt, {
    nullable: true,
    description: 'Row number in the source file; null for database sources.',
  })
  rowNumber!: number | null;
  @Field(() => String, { description: 'The raw row as JSON.' })
  raw!: string;
  @Field(() => String, { description: 'Reason code.' })
  reason!: string;
  @Field(() => String, { description: 'Human-readable detail.' })
  detail!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A page of quarantined rows, newest run first.' })
export class QuarantinePage {
  @Field(() => SafeInt, { description: 'Matching rows in total.' })
  total!: number;
  @Field(() => [QuarantineRow], { description: 'This page.' })
  items!: QuarantineRow[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'Data quality of the snapshot: data tests and quarantine counts (aggregate, any role).',
})
export class DataQuality {
  @Field(() => String, { description: 'Snapshot the tests and counts belong to.' })
  snapshotId!: string;
  @Field(() => [DataTestResult], { description: 'Data test results of the build.' })
  dataTests!: DataTestResult[];
  @Field(() => [QuarantineCount], {
    description:
      'Quarantine counts of the run that built the snapshot, by table, reason and source: every invalid row the sources held at that run (earlier runs’ counts are not added in).',
  })
  quarantineCounts!: QuarantineCount[];
  @Field(() => Role, { description: 'Role of the caller (what the admin-only fields require: admin).' })
  viewerRole!: Role;
}
