import { type ApolloClient, CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client';
import { Subscribable } from '../state/subscribable.ts';

/**
 * Whether an error says the data service could not be reached or failed as a whole, rather than
 * refusing this one request: the network failed (fetch's TypeError), the server or a proxy answered
 * 5xx, or a proxy answered with something that is not GraphQL. A coded GraphQL error, a 4xx (a
 * token, a role, a caller mistake) is about the request and stays with its card.
 */
export function isServiceUnreachable(error: unknown): boolean {
  if (!error || CombinedGraphQLErrors.is(error)) return false;
  if (ServerError.is(error)) return error.statusCode >= 500 || error.statusCode === 0;
  if (ServerParseError.is(error)) return true;
  return error instanceof TypeError;
}

/** From this many cards failing so on one page, one page-level alert speaks for them all. */
export const SERVICE_ALERT_MIN = 2;

/**
 * The cards on screen that show a service-unreachable error: each registers while it shows one, so
 * the page says once that the service cannot be reached (with one "retry all") instead of eleven
 * identical alerts, and the cards then show a quiet error (`ServiceAlert`, `ErrorState`).
 */
export class ServiceFailures extends Subscribable {
  #ids = new Set<symbol>();

  /** Registers one failing card; the returned function removes it. */
  add(): () => void {
    const id = Symbol('failure');
    this.#ids.add(id);
    this.emit();
    return () => {
      if (this.#ids.delete(id)) this.emit();
    };
  }

  count = (): number => this.#ids.size;

  /** Whether the page-level alert speaks for the failing cards (they are then quiet). */
  pageLevel = (): boolean => this.#ids.size >= SERVICE_ALERT_MIN;
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
