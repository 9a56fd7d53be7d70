/** The work-list reads no per-field batches of its own: its items resolve through the features' loaders. */
import type { CoverageLoaders } from '../coverage/coverage.loaders';
import type { FamilyLoaders } from '../family/family.loaders';
import type { Context } from '../graphql/context';
import type { IdentityLoaders } from '../identity/identity.loaders';
import type { ReferralLoaders } from '../referral/referral.loaders';
import type { WorklistService } from './worklist.service';

export type WorklistContext = Context<{ worklist: WorklistService }, IdentityLoaders & FamilyLoaders & CoverageLoaders & ReferralLoaders>;
