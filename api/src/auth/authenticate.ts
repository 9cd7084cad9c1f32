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
 */
export function authenticate(
  authorization: string | undefined,
  tokens: TokenStore,
  allowAnonymous: boolean,
  anonymousRole: Exclude<Role, 'admin'> = 'public',
): Principal {
  if (!authorization) {
    if (allowAnonymous) return { role: anonymousRole, name: null };
    throw new AuthenticationFailure('A bearer token is required (Authorization: Bearer <token>).');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) throw new AuthenticationFailure('Authorization header must be "Bearer <token>".');
  const entry = tokens.lookup(match[1]);
  if (!entry) throw new AuthenticationFailure('Unknown bearer token.');
  return { role: entry.role, name: entry.name };
}
