import { readFile } from 'node:fs/promises';
import { isInputObjectType, isInterfaceType, isObjectType, isScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchema, printApiSchema } from './build-schema.ts';
import { SCHEMA_FILE } from './schema-file.ts';

describe('schema', () => {
  it('schema.graphql is current', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    const current = await printApiSchema();
    expect(committed === current, 'schema.graphql is stale: run npx tsx api/src/schema/emit-schema.ts').toBe(
      true,
    );
  });

  it('has the contract root fields', async () => {
    const schema = await apiSchema();
    expect(Object.keys(schema.getQueryType()!.getFields()).sort()).toEqual(
      [
        'snapshot',
        'agencies',
        'agency',
        'programs',
        'program',
        'participation',
        'resistance',
        'jpCompliance',
        'kirkpatrick',
        'serviceTimes',
        'satisfaction',
        'cohortComparison',
        'roi',
        'agencyComparison',
        'budgetScenario',
        'etlRuns',
        'dataQuality',
        // Added beyond the DESIGN.md contract (additive): the invitation funnel metric.
        'invitationFunnel',
      ].sort(),
    );
    expect(Object.keys(schema.getMutationType()!.getFields())).toEqual(['refreshWarehouse']);
  });

  it('describes every type, field and argument', async () => {
    const schema = await apiSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        (isScalarType(type) && type.specifiedByURL === undefined && !type.description)
      ) {
        if (!type.name.startsWith('__') && !['String', 'Boolean', 'Int', 'Float', 'ID'].includes(type.name)) {
          missing.push(type.name);
        }
        continue;
      }
      if (
        !type.description &&
        !['String', 'Boolean', 'Int', 'Float', 'ID', 'Query', 'Mutation'].includes(type.name)
      ) {
        missing.push(type.name);
      }
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
