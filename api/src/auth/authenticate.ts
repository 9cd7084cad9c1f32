import { GraphQLError } from 'graphql';
import type { Role } from './roles.ts';
import type { TokenStore } from './token-store.ts';

export interface Principal {
  readonly role: Role;
  /** The token's name from API_TOKENS_FILE, or null for anonymous callers (for logs, never secrets). */
  readonly name: string | null;
}

export class AuthenticationFailure extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

/**
 * Resolves the Authorization header to a principal. A presented but unknown token is always
 * UNAUTHENTICATED (never silently downgraded to public: the caller meant to be someone).
 *
 * `authorization` is every value the request sent (Node's `headersDistinct`): Node's `headers` keeps
 * only the first of several, so `Bearer <admin>` then `Bearer bogus` ran as admin, `Bearer <public>`
 * then `Bearer <admin>` as public, and an empty header as anonymous (review of 2026-12-06). More than
 * one value, or an empty or blank one, is UNAUTHENTICATED: which credential was meant is not ours to
 * guess.
 */
export function authenticate(
  authorization: string | readonly string[] | undefined,
  tokens: TokenStore,
  allowAnonymous: boolean,
  anonymousRole: Exclude<Role, 'admin'> = 'public',
): Principal {
  const values =
    authorization === undefined ? [] : typeof authorization === 'string' ? [authorization] : authorization;
  if (values.length > 1)
    throw new AuthenticationFailure(
      `${values.length} Authorization headers were sent; send one ("Bearer <token>") or none.`,
    );
  const header = values[0];
  if (header === undefined) {
    if (allowAnonymous) return { role: anonymousRole, name: null };
    throw new AuthenticationFailure('A bearer token is required (Authorization: Bearer <token>).');
  }
  if (header.trim() === '')
    throw new AuthenticationFailure(
      'The Authorization header is empty; send "Bearer <token>", or no Authorization header for anonymous access.',
    );
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new AuthenticationFailure('Authorization header must be "Bearer <token>".');
  const entry = tokens.lookup(match[1]);
  if (!entry) throw new AuthenticationFailure('Unknown bearer token.');
  return { role: entry.role, name: entry.name };
}
