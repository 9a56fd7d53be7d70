/** Every resolver class of the served schema, feature by feature. */
import type { NonEmptyArray } from 'type-graphql';
import {
  CoverageGapResolver,
  CrossSellResolver,
  HouseholdCoverageResolver,
  LifeEventTriggerResolver,
  PersonCoverageResolver,
  PolicyResolver,
} from '../coverage/coverage.resolver';
import { FamilyResolver, HouseholdResolver, PersonFamilyResolver } from '../family/family.resolver';
import { IdentityResolver } from '../identity/identity.resolver';
import { REFERRAL_RESOLVERS } from '../referral/referral.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  IdentityResolver,
  PolicyResolver,
  PersonCoverageResolver,
  HouseholdCoverageResolver,
  CoverageGapResolver,
  LifeEventTriggerResolver,
  CrossSellResolver,
  FamilyResolver,
  PersonFamilyResolver,
  HouseholdResolver,
  ...REFERRAL_RESOLVERS,
];
