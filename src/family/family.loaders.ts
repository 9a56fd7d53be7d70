/** Family's per-request DataLoaders: households by id, each person's household, members (sorted), links among members, suggestions, relatives per (oneId, maxDegree), each person's life events. */
import DataLoader from 'dataloader';
import type { Context } from '../graphql/context';
import type { IdentityLoaders } from '../identity/identity.loaders';
import type { EdgeRecord, HouseholdRecord, LifeEventRecord, MemberRecord, RelativeRecord, RelativesKey, SuggestionRecord } from './family.model';
import type { FamilyService } from './family.service';

export interface FamilyLoaders {
  householdById: DataLoader<string, HouseholdRecord | null>;
  householdOfPerson: DataLoader<string, HouseholdRecord | null>;
  householdMembers: DataLoader<string, MemberRecord[]>;
  householdRelationships: DataLoader<string, EdgeRecord[]>;
  householdSuggestions: DataLoader<string, SuggestionRecord[]>;
  relatives: DataLoader<RelativesKey, RelativeRecord[], string>;
  /** Newest first; one statement for every person of the request. */
  lifeEvents: DataLoader<string, LifeEventRecord[]>;
}

export type FamilyContext = Context<{ family: FamilyService }, IdentityLoaders & FamilyLoaders>;

export function createFamilyLoaders(family: FamilyService): FamilyLoaders {
  return {
    householdById: new DataLoader((ids) => family.householdsById(ids)),
    householdOfPerson: new DataLoader((ids) => family.householdsOfPersons(ids)),
    householdMembers: new DataLoader((ids) => family.membersOf(ids)),
    householdRelationships: new DataLoader((ids) => family.relationshipsOf(ids)),
    householdSuggestions: new DataLoader((ids) => family.suggestionsFor(ids)),
    relatives: new DataLoader((keys) => family.relativesOf(keys), { cacheKeyFn: (k) => `${k.oneId}|${k.maxDegree}` }),
    lifeEvents: new DataLoader((oneIds) => family.lifeEventsOf(oneIds)),
  };
}
