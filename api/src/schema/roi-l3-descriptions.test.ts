import type { GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchema } from './build-schema.ts';

const fieldDescription = async (type: string, field: string) =>
  ((await apiSchema()).getType(type) as GraphQLObjectType).getFields()[field]?.description ?? '';

describe('descriptions a researcher reads the ROI and L3 figures by', () => {
  it('paybackMonths says what a payback past the 12-month benefit horizon is (computeRoi: not capped)', async () => {
    const payback = await fieldDescription('RoiCase', 'paybackMonths');
    expect(payback).toMatch(/costs \/ \(benefitsIdr \/ 12\)/);
    expect(payback).toMatch(/Not capped at the horizon: a value above 12/);
    expect(payback).toMatch(/NOT recovered within the 12 months/);
    expect(payback).toMatch(/bcr < 1/);
    expect(payback).toMatch(/Null when benefitsIdr ≤ 0/);
    expect(payback).not.toMatch(/null when it never pays back/);
  });

  it('the L3 window descriptions say which yearly SKP appraisal each window holds (behaviour-change-windows.test.ts)', async () => {
    const schema = await apiSchema();
    const behaviour = (schema.getType('Kirkpatrick') as GraphQLObjectType).getFields().behaviour!;
    for (const text of [
      behaviour.description ?? '',
      (schema.getType('CohortInput') as GraphQLInputObjectType).getFields().windowMonths?.description ?? '',
      (schema.getType('ProgramEffectsInput') as GraphQLInputObjectType).getFields().windowMonths
        ?.description ?? '',
    ]) {
      expect(text).toMatch(/dated 31 December of the year it rates/);
      expect(text).toMatch(/The treatment window is one calendar year, 1 January to 31 December/);
      expect(text).toMatch(/2023: pre SKP 2022, post SKP 2024/);
      expect(text).toMatch(/under 12 months, post holds no 31 December/);
    }
    expect(behaviour.description).toMatch(/Windows: 12 months each/);
    expect(behaviour.args.find((a) => a.name === 'to')?.description).toMatch(
      /the 31 December of the year `from` starts; the window is one calendar year/,
    );
    const outcome = (schema.getType('CohortOutcome') as GraphQLEnumType).getValue('appraisal_score');
    expect(outcome?.description).toMatch(
      /the treatment window is one calendar year: pre holds the year before it/,
    );
  });
});
