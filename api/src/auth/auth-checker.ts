import type { GraphQLResolveInfo } from 'graphql';
import { type AuthChecker, AuthorizationError } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { isRole, ROLES, type Role, roleAtLeast, roleRank } from './roles.ts';

/**
 * A role below the one a field or mutation needs. type-graphql's own AuthorizationError (code
 * UNAUTHORIZED, which formatError answers as FORBIDDEN), with a message that says what was refused
 * with the verb of the operation ("read" a query field, "run" a mutation), the caller's role and
 * the role it takes.
 */
export class RoleForbiddenError extends AuthorizationError {
  constructor(info: GraphQLResolveInfo, role: Role, required: Role) {
    super(forbiddenMessage(info, role, required));
  }
}

/** `etlRuns`, `agencies.0.scorecard`: the response path of the refused field. */
function pathOf(info: GraphQLResolveInfo): string {
  const keys: (string | number)[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) keys.unshift(p.key);
  return keys.join('.');
}

export function forbiddenMessage(info: GraphQLResolveInfo, role: Role, required: Role): string {
  const needs = roleRank(required) === ROLES.length - 1 ? required : `${required} or higher`;
  const what =
    info.operation.operation === 'mutation' && info.path.prev === undefined
      ? `run the mutation ${pathOf(info)}`
      : `read ${pathOf(info)}`;
  return `Your role (${role}) may not ${what}: it needs ${needs}.`;
}

/**
 * `@Authorized('analyst')` means "analyst or higher": roles are ordered, so a field names the lowest
 * role that may see it. With several roles listed the lowest one counts. A refusal throws
 * RoleForbiddenError (authMode 'error'), whose message names the field and the role it needs.
 */
export const roleAuthChecker: AuthChecker<ApiContext> = ({ context, info }, roles) => {
  const required = roles.filter(isRole);
  if (required.length === 0) return true;
  const role = context.principal.role;
  if (required.some((r) => roleAtLeast(role, r))) return true;
  const lowest = required.reduce((a, b) => (roleRank(b) < roleRank(a) ? b : a));
  throw new RoleForbiddenError(info, role, lowest);
};
