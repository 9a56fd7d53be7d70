/** The referral feature's wiring: its resolvers, its service, its loaders. */
import type { ModuleDeps, ResolverClass } from '../graphql/module';
import type { IdentityService } from '../identity/identity.service';
import { createReferralLoaders } from './referral.loaders';
import { ReferralRepository } from './referral.repository';
import { InvitationResolver, PersonReferralResolver, ReferralChainResolver, ReferralTreeResolver, ReferrerResolver } from './referral.resolver';
import { ReferralService } from './referral.service';

export const referralModule = {
  resolvers: [InvitationResolver, PersonReferralResolver, ReferralChainResolver, ReferralTreeResolver, ReferrerResolver] as ResolverClass[],
  createService({ db, cypher, log }: ModuleDeps, identity: IdentityService): ReferralService {
    return new ReferralService(new ReferralRepository(db, cypher), { identity, log });
  },
  createLoaders: createReferralLoaders,
};
