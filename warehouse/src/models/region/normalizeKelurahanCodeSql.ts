/**
 * SQL expression turning a kelurahan code into the dotted Kemendagri form the marts use
 * (`62.71.01.1001`, as shipped by idn-area-data). Sources may send the undotted 10-digit form
 * (`6271011001`); other values are only trimmed, so an unknown code stays visible to the
 * `dim_region` relationship test instead of silently becoming null.
 */
export function normalizeKelurahanCodeSql(expr: string): string {
  const code = `trim(${expr})`;
  // strlen first: only a 10-byte value can be 10 digits, and most codes arrive dotted (13 bytes).
  return `CASE WHEN strlen(${code}) = 10 AND regexp_full_match(${code}, '[0-9]{10}')
    THEN substr(${code}, 1, 2) || '.' || substr(${code}, 3, 2) || '.' || substr(${code}, 5, 2) || '.' || substr(${code}, 7, 4)
    ELSE nullif(${code}, '') END`;
}
