/**
 * The work-list reads no per-field batches of its own: its items resolve through the
 * features' loaders, which a page primes with what its statement already read.
 */
import type { CoverageLoaders } from '../coverage/coverage.loaders';
import type { FamilyLoaders } from '../family/family.loaders';
import type { Context } from '../graphql/context';
import { primePersons, type IdentityLoaders } from '../identity/identity.loaders';
import type { ReferralLoaders } from '../referral/referral.loaders';
import type { PageReads, WorklistService } from './worklist.service';

export type WorklistContext = Context<{ worklist: WorklistService }, IdentityLoaders & FamilyLoaders & CoverageLoaders & ReferralLoaders>;

/**
 * Fill the request's loaders (households, persons, policies) and the advisor's read scope
 * with what a page read, so its fields cost no further statement. Priming only fills
 * caches: every field still goes through its resolver and the scope guard.
 */
export function primePage(ctx: WorklistContext, reads: PageReads): void {
  for (const h of reads.households) ctx.loaders.householdById.prime(h.id, h);
  primePersons(ctx.loaders, reads.members);
  for (const p of reads.policies) ctx.loaders.policy.prime(p.policyNo, p);
  ctx.scope.vouchAdvisorBook(
    reads.advisorId,
    reads.households.map((h) => h.id),
    reads.members.map((p) => p.oneId),
  );
}
