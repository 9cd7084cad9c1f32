import type { AuthChecker } from 'type-graphql';
import type { ApiContext } from '../context.ts';
import { isRole, roleAtLeast } from './roles.ts';

/**
 * `@Authorized('analyst')` means "analyst or higher": roles are ordered, so a field names the lowest
 * role that may see it. With several roles listed the lowest one counts.
 */
export const roleAuthChecker: AuthChecker<ApiContext> = ({ context }, roles) => {
  const required = roles.filter(isRole);
  if (required.length === 0) return true;
  return required.some((r) => roleAtLeast(context.principal.role, r));
};
