import { DisclosureTooComplexError } from '@asn/warehouse';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { formatError } from '../errors/format-error.ts';
import type { Logger } from './logger.ts';
import { loggingPlugin } from './logging.plugin.ts';

async function logged(errors: GraphQLError[]) {
  const lines: { level: string; msg: string; fields: Record<string, unknown> }[] = [];
  const logger: Logger = { log: (level, msg, fields = {}) => void lines.push({ level, msg, fields }) };
  const hooks = await loggingPlugin(logger).requestDidStart!({} as never);
  await (hooks as { didEncounterErrors: (rc: unknown) => Promise<void> }).didEncounterErrors({
    errors,
    contextValue: { requestId: 'req-1' },
  });
  return lines;
}

const resolverError = (original: Error) =>
  new GraphQLError(original.message, { path: ['resistance'], originalError: original });

describe('loggingPlugin', () => {
  it('logs a refused request at info with the code the client got, without a stack', async () => {
    const [line] = await logged([resolverError(new DisclosureTooComplexError(1))]);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request error',
      fields: { requestId: 'req-1', code: 'QUERY_TOO_COMPLEX', path: 'resistance' },
    });
    expect(line?.fields.stack).toBeUndefined();
  });

  it('logs a coded GraphQL error (validation, auth) as a request error', async () => {
    const [line] = await logged([
      new GraphQLError('Cannot query field', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
    expect(line).toMatchObject({ level: 'info', fields: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('logs a failure at error, as INTERNAL_SERVER_ERROR, with its stack', async () => {
    const [line] = await logged([resolverError(new Error('IO Error: could not read block'))]);
    expect(line).toMatchObject({
      level: 'error',
      msg: 'resolver failed',
      fields: { code: 'INTERNAL_SERVER_ERROR', error: 'IO Error: could not read block' },
    });
    expect(String(line?.fields.stack)).toContain('IO Error');
  });

  it("logs Apollo's uncoded 4xx request refusals (a persisted-query hash mismatch) as BAD_REQUEST", async () => {
    // Apollo's own error when automatic persisted queries are on (they are off here): no code.
    const error = new GraphQLError('provided sha does not match query', {
      extensions: { http: { status: 400, headers: new Map() } },
    });
    const [line] = await logged([error]);
    expect(line).toMatchObject({ level: 'info', msg: 'request error', fields: { code: 'BAD_REQUEST' } });
    expect(formatError({ message: error.message }, error)).toEqual({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_REQUEST' },
    });
  });
});
