import {
  type DuckDBDateValue,
  type DuckDBDecimalValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  type DuckDBValueConverter,
  JSDuckDBValueConverter,
} from '@duckdb/node-api';

/**
 * What `Db.all` puts in a row: values that callers (metrics, GraphQL resolvers, tests) can compare with
 * `===`, put in JSON, and read without knowing DuckDB's value classes.
 */
export type PlainValue =
  | null
  | boolean
  | number
  | string
  | bigint
  | Uint8Array
  | readonly PlainValue[]
  | { readonly [key: string]: PlainValue };

/** One result row: column name → plain value. */
export type PlainRow = Record<string, PlainValue>;

/**
 * The DuckDB → JS mapping used for every query result.
 *
 * | DuckDB                                  | JS                                                        |
 * |-----------------------------------------|-----------------------------------------------------------|
 * | BOOLEAN                                 | boolean                                                   |
 * | TINYINT … INTEGER, UTINYINT … UINTEGER  | number                                                    |
 * | FLOAT, DOUBLE                           | number                                                    |
 * | BIGINT, UBIGINT, HUGEINT, UHUGEINT      | number when it is a safe integer (|v| ≤ 2^53−1), else bigint |
 * | DECIMAL(w,s)                            | number (a double; metrics are reported, not accounted)    |
 * | DATE                                    | 'YYYY-MM-DD'                                              |
 * | TIMESTAMP[_S/_MS/_NS], TIMESTAMPTZ      | ISO 8601 in UTC, ms precision: '2026-11-29T10:15:00.000Z' |
 * | ±infinity DATE/TIMESTAMP                | 'infinity' / '-infinity'                                  |
 * | VARCHAR, ENUM, UUID, TIME               | string                                                    |
 * | BLOB                                    | Uint8Array                                                |
 * | LIST, ARRAY / STRUCT                    | arrays / objects of the above, recursively                |
 *
 * Why these choices: COUNT(*) and SUM(integer) are BIGINT/HUGEINT in DuckDB, so without the narrowing
 * nearly every metric would hand bigints to GraphQL. An integer beyond 2^53 stays a bigint rather than
 * silently losing digits (JSON.stringify then throws, which is loud). Dates become strings because a JS
 * Date for a DATE invites time-zone bugs, and strings sort and compare correctly. A TIMESTAMP without a
 * zone is read as UTC, which is how the ETL writes them.
 */
export const plainValueConverter: DuckDBValueConverter<PlainValue> = (value, type, converter) => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return narrowBigint(value as bigint);
    case DuckDBTypeId.DECIMAL:
      return (value as DuckDBDecimalValue).toDouble();
    case DuckDBTypeId.DATE:
      return dateToIso(value as DuckDBDateValue);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return timestampToIso(value, type);
    case DuckDBTypeId.TIME:
      return String(value);
    default:
      // Nested types recurse through `converter`, i.e. back into this function.
      return JSDuckDBValueConverter(value, type, converter as never) as PlainValue;
  }
};

/** Converts one DuckDB value with the mapping documented on `plainValueConverter`. */
export function toPlainValue(value: DuckDBValue, type: DuckDBType): PlainValue {
  return plainValueConverter(value, type, plainValueConverter);
}

function narrowBigint(value: bigint): number | bigint {
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value;
}

function dateToIso(value: DuckDBDateValue): string {
  if (!value.isFinite) return value.days > 0 ? 'infinity' : '-infinity';
  const { year, month, day } = value.toParts();
  if (year < 0 || year > 9999) return value.toString();
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function timestampToIso(value: DuckDBValue, type: DuckDBType): string {
  const finite = (value as { isFinite?: boolean }).isFinite;
  if (finite === false) return String(value).startsWith('-') ? '-infinity' : 'infinity';
  // The stock converter already turns every timestamp flavour into a Date (ms precision).
  const asDate = JSDuckDBValueConverter(value, type, JSDuckDBValueConverter) as Date;
  return asDate.toISOString();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
