import { GraphQLError } from 'graphql';

/** Raised inside resolvers after the operation's deadline; the HTTP layer has already answered. */
export class OperationAbortedError extends Error {
  constructor() {
    super('operation aborted after its timeout');
    this.name = 'OperationAbortedError';
  }
}

export function operationTimeoutError(timeoutMs: number): GraphQLError {
  return new GraphQLError(
    `The operation took longer than ${timeoutMs} ms and was stopped. Narrow the filter or ask for less.`,
    {
      extensions: { code: 'OPERATION_TIMEOUT', timeoutMs },
    },
  );
}

/** Resolves to 'timeout' after `ms` unless cleared; `unref` so a pending timer never holds the process. */
export function deadline(ms: number): { promise: Promise<'timeout'>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
    timer.unref();
  });
  return { promise, clear: () => clearTimeout(timer) };
}
