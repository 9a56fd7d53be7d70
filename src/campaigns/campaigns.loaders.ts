/** The dashboard's per-request DataLoaders: campaigns by id (null: unknown). */
import DataLoader from 'dataloader';
import type { CoverageLoaders } from '../coverage/coverage.loaders';
import type { Context } from '../graphql/context';
import type { IdentityLoaders } from '../identity/identity.loaders';
import type { ReferralLoaders } from '../referral/referral.loaders';
import type { CampaignRecord } from './campaigns.model';
import type { CampaignsService } from './campaigns.service';

export interface CampaignsLoaders {
  campaign: DataLoader<string, CampaignRecord | null>;
}

export type CampaignsContext = Context<{ campaigns: CampaignsService }, IdentityLoaders & ReferralLoaders & CoverageLoaders & CampaignsLoaders>;

export function createCampaignsLoaders(campaigns: CampaignsService): CampaignsLoaders {
  return {
    campaign: new DataLoader((ids) => campaigns.campaignsById(ids)),
  };
}
