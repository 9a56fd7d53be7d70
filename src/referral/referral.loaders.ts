/** Referral's per-request DataLoaders: invitations by id, the invitation that brought each person in, chains, trees per (oneId, maxDepth). */
import DataLoader from 'dataloader';
import type { Context } from '../graphql/context';
import type { IdentityLoaders } from '../identity/identity.loaders';
import type { InvitationRecord, ReferralChainRecord, ReferralTreeRecord } from './referral.model';
import type { TreeKey } from './referral.repository';
import type { ReferralService } from './referral.service';

export interface ReferralLoaders {
  invitation: DataLoader<string, InvitationRecord | null>;
  invitedBy: DataLoader<string, InvitationRecord | null>;
  referralChain: DataLoader<string, ReferralChainRecord>;
  referralTree: DataLoader<TreeKey, ReferralTreeRecord, string>;
}

export type ReferralContext = Context<{ referral: ReferralService }, IdentityLoaders & ReferralLoaders>;

export function createReferralLoaders(referral: ReferralService): ReferralLoaders {
  return {
    invitation: new DataLoader((ids) => referral.invitationsById(ids)),
    invitedBy: new DataLoader((ids) => referral.invitedBy(ids)),
    referralChain: new DataLoader((ids) => referral.chains(ids)),
    referralTree: new DataLoader((keys) => referral.trees(keys), { cacheKeyFn: (k) => `${k.oneId}|${k.maxDepth}` }),
  };
}
