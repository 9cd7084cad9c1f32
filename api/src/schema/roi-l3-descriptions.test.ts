import type { GraphQLObjectType } from 'graphql';
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
});
