import { describe, expect, it } from 'vitest';
import { collapseRepeatedErrors } from './repeated-errors.plugin.ts';

const forbidden = (i: number, field = 'scorecard') => ({
  message: `Your role (public) may not read agencies.${i}.${field}: it needs planner or higher.`,
  path: ['agencies', i, field],
  extensions: { code: 'FORBIDDEN' },
});

describe('collapseRepeatedErrors', () => {
  it('keeps one error per code, message and path up to list indices', () => {
    const out = collapseRepeatedErrors([forbidden(0), forbidden(1), forbidden(2), forbidden(0, 'budget')]);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({
      path: ['agencies', 0, 'scorecard'],
      extensions: { code: 'FORBIDDEN', repeated: 3, pathPattern: 'agencies.*.scorecard' },
    });
    expect(out[1]).toEqual(forbidden(0, 'budget'));
  });

  it('leaves distinct errors, and errors outside lists, as they are', () => {
    const a = { message: 'a', path: ['x'], extensions: { code: 'BAD_USER_INPUT' } };
    const b = { message: 'b', path: ['y'], extensions: { code: 'BAD_USER_INPUT' } };
    const errors = [a, b, forbidden(0)];
    expect(collapseRepeatedErrors(errors)).toBe(errors);
    // Two identical errors at one field (no list index): kept as one without a count.
    expect(collapseRepeatedErrors([a, a])).toEqual([a]);
    // Same path pattern, different codes: apart.
    const other = { ...forbidden(1), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(collapseRepeatedErrors([forbidden(0), other])).toHaveLength(2);
  });
});
