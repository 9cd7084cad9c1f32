import { badInput } from '../errors/api-errors.ts';
import type { PageInput } from '../schema/page.input.ts';

export function checkPage(
  page: PageInput | null | undefined,
  maxList: number,
): { offset: number; limit: number } {
  const offset = page?.offset ?? 0;
  const limit = page?.limit ?? 50;
  if (offset < 0)
    throw badInput('page.offset must be ≥ 0', { reason: 'OUT_OF_RANGE', field: 'page.offset', min: 0 });
  if (limit < 1 || limit > maxList)
    throw badInput(`page.limit must be 1 … ${maxList}`, {
      reason: 'OUT_OF_RANGE',
      field: 'page.limit',
      min: 1,
      max: maxList,
    });
  return { offset, limit };
}
