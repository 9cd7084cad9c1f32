export {
  type AppendValue,
  Db,
  type DbMode,
  type OpenDbOptions,
  openDb,
  QueryAbortedError,
  type QueryEvent,
  type SqlParam,
  type SqlParams,
} from './db.ts';
export { type PlainRow, type PlainValue, plainValueConverter, toPlainValue } from './plainValue.ts';
export { SerialQueue } from './serialQueue.ts';
