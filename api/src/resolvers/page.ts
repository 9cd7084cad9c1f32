import { badInput } from '../errors/api-errors.ts';
import type { PageInput } from '../schema/page.input.ts';

/** Items a page returns when the caller sends no `page` (and PageInput's default `limit`). */
export const DEFAULT_PAGE_LIMIT = 50;

export interface PageCheckOptions {
  /** The argument's name (its path in `extensions.field`): `page`. */
  readonly arg?: string;
  /** The field the argument belongs to, named in the message (`etlRuns`, `quarantine`). */
  readonly on?: string;
  /** Raised while the operation is checked, before any resolver runs (the cost plugin). */
  readonly beforeExecution?: boolean;
}

/**
 * A page's offset and limit, or BAD_USER_INPUT / OUT_OF_RANGE naming the argument (`page.limit`),
 * the value given and the accepted range: `limit` is 1 … MAX_LIST, `offset` ≥ 0. The cost plugin
 * runs this on every PageInput argument before execution, so a page out of range is refused the
 * same way whether the limit is too small or above MAX_LIST; resolvers run it again for the values.
 */
export function checkPage(
  page: Partial<PageInput> | null | undefined,
  maxList: number,
  options: PageCheckOptions = {},
): { offset: number; limit: number } {
  const arg = options.arg ?? 'page';
  const on = options.on ? ` of ${options.on}` : '';
  const raise = { beforeExecution: options.beforeExecution ?? false };
  const offset = page?.offset ?? 0;
  // No page at all: the default, but never more than the server allows.
  const limit = page?.limit ?? Math.min(DEFAULT_PAGE_LIMIT, maxList);
  if (offset < 0)
    throw badInput(
      `${arg}.offset${on} is ${offset}; it must be ≥ 0.`,
      { reason: 'OUT_OF_RANGE', field: `${arg}.offset`, min: 0 },
      raise,
    );
  if (limit < 1 || limit > maxList)
    throw badInput(
      `${arg}.limit${on} is ${limit}; it must be 1 … ${maxList} (MAX_LIST, the most items one page returns).`,
      { reason: 'OUT_OF_RANGE', field: `${arg}.limit`, min: 1, max: maxList },
      raise,
    );
  return { offset, limit };
}
