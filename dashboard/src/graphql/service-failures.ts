import { type ApolloClient, CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client';
import { Subscribable } from '../state/subscribable.ts';
import { isOperationTimeout, RequestTimeoutError } from './errors.ts';

/**
 * Whether an error says the data service could not be reached or failed as a whole, rather than
 * refusing this one request: the network failed (fetch's TypeError), no answer came within the
 * client's request timeout (a stalled connection or proxy), the server or a proxy answered 5xx, or a
 * proxy answered with something that is not GraphQL. A coded GraphQL error, a 4xx (a token, a role,
 * a caller mistake) is about the request and stays with its card.
 */
export function isServiceUnreachable(error: unknown): boolean {
  if (!error || CombinedGraphQLErrors.is(error)) return false;
  if (error instanceof RequestTimeoutError) return true;
  if (ServerError.is(error)) return error.statusCode >= 500 || error.statusCode === 0;
  if (ServerParseError.is(error)) return true;
  return error instanceof TypeError;
}

/**
 * How a card failed when the page, not the card, should say so: the service could not be reached
 * (`unreachable`), or the server stopped the query at its deadline (`timeout`: OPERATION_TIMEOUT,
 * HTTP 504, whether its body is a GraphQL answer or plain JSON). Every card of a heavy page times out
 * alike, so the page says once that the queries took too long and that a narrower filter helps
 * (eleven "Data tidak dapat dimuat." with ten retries and nothing about the time before: slow-link review).
 * `null`: the failure is the card's own.
 */
export type ServiceFailure = 'unreachable' | 'timeout';

export function serviceFailureOf(error: unknown): ServiceFailure | null {
  if (!error) return null;
  if (isOperationTimeout(error)) return 'timeout';
  return isServiceUnreachable(error) ? 'unreachable' : null;
}

/** From this many cards failing so on one page, one page-level alert speaks for them all. */
export const SERVICE_ALERT_MIN = 2;

/**
 * The cards on screen that show a service failure: each registers while it shows one, so the page
 * says once that the service cannot be reached or that its queries took too long (with one "retry
 * all") instead of eleven identical alerts, and the cards then show a quiet error (`ServiceAlert`,
 * `ErrorState`).
 */
export class ServiceFailures extends Subscribable {
  #ids = new Map<symbol, ServiceFailure>();

  /** Registers one failing card (how it failed); the returned function removes it. */
  add(failure: ServiceFailure = 'unreachable'): () => void {
    const id = Symbol('failure');
    this.#ids.set(id, failure);
    this.emit();
    return () => {
      if (this.#ids.delete(id)) this.emit();
    };
  }

  count = (): number => this.#ids.size;

  /** The failing cards that could not reach the service. */
  unreachable = (): number => this.#countOf('unreachable');

  /** The failing cards whose query the server stopped at its deadline. */
  timedOut = (): number => this.#countOf('timeout');

  /** Whether the page-level alert speaks for the failing cards (they are then quiet). */
  pageLevel = (): boolean => this.#ids.size >= SERVICE_ALERT_MIN;

  #countOf(failure: ServiceFailure): number {
    let n = 0;
    for (const f of this.#ids.values()) if (f === failure) n++;
    return n;
  }
}

/** The page's failing cards (one page, one client). */
export const serviceFailures = new ServiceFailures();

/**
 * "Coba lagi semua": refetches every query on screen (the snapshot's in the header and footer
 * included). A query that fails again shows its error in its own card: the rejection is settled here.
 */
export async function retryAll(client: ApolloClient): Promise<void> {
  try {
    await client.refetchQueries({ include: 'active' });
  } catch {
    // Shown per query.
  }
}
