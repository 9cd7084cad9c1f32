/** SLA targets are parameters in the source (DOMAIN §6), never constants in code. */
export const dimServiceTypeSql = `-- grain: one row per public service type with its SLA target
SELECT service_type, name, agency_code, target_days
FROM stg.service_levels
ORDER BY service_type`;
