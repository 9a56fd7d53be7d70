/** Every resolver class of the served schema, feature by feature. */
import type { NonEmptyArray } from 'type-graphql';
import { IdentityResolver } from '../identity/identity.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [IdentityResolver];
