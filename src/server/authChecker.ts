/**
 * Role check for `@Authorized(...roles)`: no principal is UNAUTHENTICATED (whatever roles
 * the field names: type-graphql would otherwise answer FORBIDDEN for a field with roles), a
 * principal with another role is FORBIDDEN. Scope checks (which person, which household) are
 * made by the resolvers through `ctx.scope` (src/auth/scope.ts).
 */
import { AuthChecker, AuthenticationError } from 'type-graphql';
import type { Context } from '../graphql/context';

export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.principal) throw new AuthenticationError();
  if (roles.length === 0) return true;
  return roles.includes(context.principal.role);
};
