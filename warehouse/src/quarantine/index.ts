export {
  appendQuarantineRecords,
  listQuarantine,
  type QuarantineCount,
  type QuarantinePageOptions,
  type QuarantineRecord,
  quarantineCounts,
  quarantineDir,
  quarantineRunDir,
  quarantineTableFile,
  writeQuarantineCounts,
} from './quarantineStore.ts';
export { REASON_CODES, type ReasonCode } from './reason-codes.ts';
