/** Coverage's per-request DataLoaders: policies insuring each person (any status), each person's household role (null: in no household). */
import DataLoader from 'dataloader';
import type { HouseholdRole } from '../family/family.model';
import type { FamilyLoaders } from '../family/family.loaders';
import type { Context } from '../graphql/context';
import type { IdentityLoaders } from '../identity/identity.loaders';
import type { PolicyRecord } from './coverage.repository';
import type { CoverageService } from './coverage.service';

export interface CoverageLoaders {
  policiesInsuring: DataLoader<string, PolicyRecord[]>;
  /** Policies by policyNo (null: none). */
  policy: DataLoader<string, PolicyRecord | null>;
  coverageRole: DataLoader<string, HouseholdRole | null>;
}

export type CoverageContext = Context<{ coverage: CoverageService }, IdentityLoaders & FamilyLoaders & CoverageLoaders>;

export function createCoverageLoaders(coverage: CoverageService): CoverageLoaders {
  return {
    policiesInsuring: new DataLoader((ids) => coverage.policiesInsuring(ids)),
    policy: new DataLoader((nos) => coverage.policiesByNo(nos)),
    coverageRole: new DataLoader((ids) => coverage.memberRoles(ids)),
  };
}
