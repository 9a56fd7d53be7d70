/** The dashboard feature's wiring: its resolvers, its service (over referral and coverage), its loaders. */
import type { CoverageService } from '../coverage/coverage.service';
import type { ModuleDeps, ResolverClass } from '../graphql/module';
import type { ReferralService } from '../referral/referral.service';
import { createCampaignsLoaders } from './campaigns.loaders';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsResolver, DrillDownConnectionResolver, DrillDownRowResolver, InvitationPolicyResolver } from './campaigns.resolver';
import { CampaignsService } from './campaigns.service';

export const campaignsModule = {
  resolvers: [CampaignsResolver, DrillDownConnectionResolver, DrillDownRowResolver, InvitationPolicyResolver] as ResolverClass[],
  createService({ db, cypher, config }: ModuleDeps, referral: ReferralService, coverage: CoverageService): CampaignsService {
    return new CampaignsService(new CampaignsRepository(db, cypher), { referral, coverage, timeZone: config.timeZone });
  },
  createLoaders: createCampaignsLoaders,
};
