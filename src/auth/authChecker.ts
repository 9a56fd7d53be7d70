/**
 * Role check for `@Authorized(...roles)`: no principal is UNAUTHENTICATED (type-graphql's
 * AuthenticationError), a principal with another role is FORBIDDEN. Scope checks (which
 * person, which household) live in the services, through AccessPolicy.
 */
import { AuthChecker } from 'type-graphql';
import type { Context } from '../graphql/context';

export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.principal) return false;
  if (roles.length === 0) return true;
  return roles.includes(context.principal.role);
};
