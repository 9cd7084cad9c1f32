import { MARTS } from '../models/marts/contract.ts';
import { ACCEPTED_VALUES } from './acceptedValues.ts';
import { type DataTest, rowLevel } from './dataTest.ts';
import { RELATIONSHIPS } from './relationships.ts';

const quote = (value: string): string => `'${value.replaceAll("'", "''")}'`;

const INTEGER_TYPES = [
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
];
const integerKey = (mart: (typeof MARTS)[number]): boolean =>
  mart.key.length === 1 &&
  INTEGER_TYPES.includes(mart.columns.find((col) => col.name === mart.key[0])?.type.toUpperCase() ?? '');

/**
 * Whether a single integer key has a duplicate, in one pass without grouping: one bit per value
 * between the column's min and max (bitstring_agg), so the distinct non-null values are the bits
 * set; a duplicate makes them fewer than the non-null values. Two NULL keys are a duplicate too, as
 * GROUP BY groups them. About a third of the CPU of the grouped query on ten million request ids.
 */
const uniqueIntegerFails = (mart: string, key: string): string =>
  `SELECT coalesce(bit_count(bitstring_agg(${key})), 0) <> count(${key}) OR count(*) - count(${key}) > 1
   FROM marts.${mart}`;

/** unique + not_null on every mart's contract key. */
export function keyTests(): DataTest[] {
  return MARTS.flatMap((mart) => {
    const key = mart.key.join(', ');
    const suffix = mart.key.join('_');
    return [
      {
        name: `unique_${mart.name}_${suffix}`,
        model: mart.name,
        severity: 'error' as const,
        sql: `SELECT ${key}, count(*) AS n FROM marts.${mart.name} GROUP BY ${key} HAVING count(*) > 1`,
        ...(integerKey(mart) ? { failsSql: uniqueIntegerFails(mart.name, key) } : {}),
        // A duplicate among rows that were unique before involves an inserted row: count only the
        // keys of inserted rows (IS NOT DISTINCT FROM: a NULL key groups like GROUP BY does). A key
        // that a deleted row had was there once and is gone: its count is its count among the
        // inserted rows, without reading the mart; only the other inserted keys are looked up in it
        // (usually none when rows were replaced by key, and then the mart is not scanned at all).
        delta: (source: (mart: string) => string | null, removed: (mart: string) => string | null) => {
          const rows = source(mart.name);
          if (rows === null) return null;
          const on = (a: string, b: string) =>
            mart.key.map((k) => `${a}.${k} IS NOT DISTINCT FROM ${b}.${k}`).join(' AND ');
          const m = mart.key.map((k) => `m.${k}`).join(', ');
          const gone = removed(mart.name);
          if (gone === null) {
            return `SELECT ${m}, count(*) AS n
            FROM marts.${mart.name} m SEMI JOIN (SELECT DISTINCT ${key} FROM ${rows}) d ON ${on('m', 'd')}
            GROUP BY ${m} HAVING count(*) > 1`;
          }
          return `SELECT ${mart.key.map((k) => `d.${k}`).join(', ')}, d.n
            FROM (SELECT ${key}, count(*) AS n FROM ${rows} GROUP BY ${key}) d
            SEMI JOIN (SELECT DISTINCT ${key} FROM ${gone}) o ON ${on('d', 'o')}
            WHERE d.n > 1
            UNION ALL
            SELECT ${m}, count(*) AS n
            FROM marts.${mart.name} m SEMI JOIN (
              SELECT DISTINCT ${key} FROM ${rows} d ANTI JOIN (SELECT DISTINCT ${key} FROM ${gone}) o ON ${on('d', 'o')}
            ) d ON ${on('m', 'd')}
            GROUP BY ${m} HAVING count(*) > 1`;
        },
      },
      rowLevel({
        name: `not_null_${mart.name}_${suffix}`,
        model: mart.name,
        severity: 'error' as const,
        sql: `SELECT * FROM marts.${mart.name} WHERE ${mart.key.map((k) => `${k} IS NULL`).join(' OR ')}`,
      }),
    ];
  });
}

/** Every declared relationship, on every mart that has the column. */
export function relationshipTests(): DataTest[] {
  return RELATIONSHIPS.flatMap((rule) =>
    MARTS.filter(
      (mart) => mart.name !== rule.to.model && mart.columns.some((col) => col.name === rule.column),
    ).map((mart) => {
      // Counted per value first, then each distinct value looked up once: the facts repeat a few
      // thousand keys millions of times (same rows as the anti-join-then-count, half the CPU).
      const sql = (rows: string) => `SELECT child.${rule.column}, child.n
        FROM (
          SELECT ${rule.column}, count(*) AS n FROM ${rows}
          WHERE ${rule.column} IS NOT NULL GROUP BY ${rule.column}
        ) child
        WHERE NOT EXISTS (
          SELECT 1 FROM marts.${rule.to.model} parent WHERE parent.${rule.to.column} = child.${rule.column}
        )
        ORDER BY child.${rule.column}`;
      return {
        name: `relationships_${mart.name}_${rule.column}__${rule.to.model}`,
        model: mart.name,
        severity: rule.severity,
        sql: sql(`marts.${mart.name}`),
        valueChecks: [
          {
            column: rule.column,
            // NOT IN over the parent's non-null keys: NOT EXISTS (parent = v), without correlation;
            // the parent's keys are collected once for all the marts that refer to it.
            fails: (v: string, keys: (relation: string, column: string) => string) =>
              `${v} IS NOT NULL AND ${v} NOT IN (SELECT k FROM ${keys(`marts.${rule.to.model}`, rule.to.column)})`,
          },
        ],
        // Every old value was found in the parent. Parent unchanged: a missing value is one of the
        // inserted rows' values, and no old row has it, so its count over the inserted rows is its
        // count. Parent updated by key: a missing value is an inserted row's value or a key of a
        // deleted parent row; only those candidates are looked up, and counted over the whole mart.
        delta: (source: (mart: string) => string | null, removed: (mart: string) => string | null) => {
          const rows = source(mart.name);
          if (source(rule.to.model) === null) return rows === null ? null : sql(rows);
          const gone = removed(rule.to.model);
          if (gone === null) return null;
          const candidates = [
            ...(rows === null ? [] : [`SELECT ${rule.column} AS v FROM ${rows}`]),
            `SELECT ${rule.to.column} AS v FROM ${gone}`,
          ].join(' UNION ');
          return `SELECT child.${rule.column}, child.n
        FROM (
          SELECT ${rule.column}, count(*) AS n FROM marts.${mart.name}
          WHERE ${rule.column} IN (
            SELECT v FROM (${candidates})
            WHERE v IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM marts.${rule.to.model} parent WHERE parent.${rule.to.column} = v
            )
          )
          GROUP BY ${rule.column}
        ) child
        ORDER BY child.${rule.column}`;
        },
      };
    }),
  );
}

/** Every accepted-values rule, on every (or the listed) mart that has the column. */
export function acceptedValuesTests(): DataTest[] {
  return ACCEPTED_VALUES.flatMap((rule) =>
    MARTS.filter(
      (mart) =>
        (rule.models ?? [mart.name]).includes(mart.name) && mart.columns.some((c) => c.name === rule.column),
    ).map((mart) => {
      const rejected = (v: string) =>
        `${v} IS NOT NULL AND ${v} NOT IN (${rule.values.map(quote).join(', ')})`;
      // Per value, but a value is accepted or not on its own: no old row has a rejected value.
      return rowLevel({
        name: `accepted_values_${mart.name}_${rule.column}`,
        model: mart.name,
        severity: 'error' as const,
        sql: `SELECT ${rule.column}, count(*) AS n FROM marts.${mart.name}
        WHERE ${rejected(rule.column)}
        GROUP BY ${rule.column} ORDER BY ${rule.column}`,
        valueChecks: [{ column: rule.column, fails: rejected }],
      });
    }),
  );
}
