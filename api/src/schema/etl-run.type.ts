import { Field, Int, ObjectType } from 'type-graphql';
import { DateTime, SafeInt } from './scalars.ts';

@ObjectType({ simpleResolvers: true, description: 'Per table, reconciled: read = loaded + quarantined.' })
export class EtlTableCounts {
  @Field(() => String, { description: 'Table.' })
  table!: string;
  @Field(() => SafeInt, { description: 'Rows read from the sources.' })
  read!: number;
  @Field(() => SafeInt, { description: 'Rows that passed validation.' })
  loaded!: number;
  @Field(() => SafeInt, { description: 'Rows sent to quarantine.' })
  quarantined!: number;
  @Field(() => SafeInt, { description: 'Loaded rows that were identical duplicates (loaded once).' })
  collapsed!: number;
  @Field(() => SafeInt, { description: 'Rows inserted into stg.' })
  inserted!: number;
  @Field(() => SafeInt, { description: 'stg rows removed (deleted at the source, orphans).' })
  deleted!: number;
  @Field(() => Number, { description: 'Seconds spent on the table.' })
  seconds!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Data tests of a run.' })
export class EtlDataTestSummary {
  @Field(() => Int, { description: 'Tests run.' })
  total!: number;
  @Field(() => Int, { description: 'Tests failed (error and warn).' })
  failed!: number;
  @Field(() => [String], { description: 'Failed error-level tests (they fail the run).' })
  errors!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A source table watermark after a run.' })
export class EtlWatermark {
  @Field(() => String, { description: 'Source table.' })
  table!: string;
  @Field(() => String, { description: 'Largest updated_at read.' })
  watermark!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One ETL run from the run log (kept outside snapshots, so failed runs are listed too).',
})
export class EtlRun {
  @Field(() => String, { description: 'Run id (sorts by start time).' })
  runId!: string;
  @Field(() => String, { description: 'full or incremental.' })
  mode!: string;
  @Field(() => [String], { description: 'Sources read: postgres, files, xapi.' })
  sources!: string[];
  @Field(() => String, { description: 'running, succeeded or failed.' })
  status!: string;
  @Field(() => DateTime, { description: 'Start (UTC).' })
  startedAt!: string;
  @Field(() => DateTime, { nullable: true, description: 'End (UTC); null while running.' })
  finishedAt!: string | null;
  @Field(() => SafeInt, { nullable: true, description: 'Duration in milliseconds; null while running.' })
  durationMs!: number | null;
  @Field(() => [EtlWatermark], { description: 'Watermarks after the run.' })
  watermarks!: EtlWatermark[];
  @Field(() => [EtlTableCounts], { description: 'Reconciled per-table counts.' })
  tables!: EtlTableCounts[];
  @Field(() => EtlDataTestSummary, {
    nullable: true,
    description: 'Data tests; null when the run failed before them.',
  })
  dataTests!: EtlDataTestSummary | null;
  @Field(() => String, { nullable: true, description: 'Snapshot published; null unless succeeded.' })
  snapshotId!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Error message of a failed run; null otherwise. Below admin, drop file, sheet and path names read files:<file>, <sheet>, <path>.',
  })
  error!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A page of ETL runs, newest first.' })
export class EtlRunPage {
  @Field(() => SafeInt, { description: 'Runs in the log.' })
  total!: number;
  @Field(() => [EtlRun], { description: 'This page.' })
  items!: EtlRun[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'An ETL run started by refreshWarehouse. Follow it in etlRuns (the ETL assigns the run id).',
})
export class EtlLaunch {
  @Field(() => String, { description: 'Id of this launch (also in the API logs with the child output).' })
  launchId!: string;
  @Field(() => String, {
    description:
      'started; already_running when a launch from this server is still going (that launch is described); failed when the command could not start (`error` says why).',
  })
  status!: string;
  @Field(() => Int, {
    nullable: true,
    description:
      'Process id of the ETL child, which leads its own process group: `kill -- -<pid>` (SIGTERM to the group) stops the whole run, the ETL under npm included. Null when not started.',
  })
  pid!: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why the run did not start (status failed); null otherwise.',
  })
  error!: string | null;
  @Field(() => DateTime, { description: 'When it started (UTC).' })
  startedAt!: string;
  @Field(() => String, { description: 'full or incremental.' })
  mode!: string;
}
