/**
 * Per-request DataLoaders, one per batched look-up, created fresh for every request so
 * nothing is cached across callers: a list of N people costs one statement per field,
 * not N.
 */
import DataLoader from 'dataloader';
import type { Services } from '../app';
import type { PolicyRecord } from '../coverage/coverage.repository';
import type { HouseholdRole } from '../coverage/model';
import type { EdgeRecord, HouseholdRecord, MemberRecord, RelativeRecord, RelativesKey, SuggestionRecord } from '../family/family.model';
import type { IdentifierRecord, PersonRecord } from '../identity/identity.model';
import type { InvitationRecord, ReferralChainRecord, ReferralTreeRecord } from '../referral/referral.model';
import type { TreeKey } from '../referral/referral.repository';

export interface Loaders {
  person: DataLoader<string, PersonRecord | null>;
  identifiers: DataLoader<string, IdentifierRecord[]>;
  devices: DataLoader<string, IdentifierRecord[]>;
  mergedOneIds: DataLoader<string, string[]>;
  /** Coverage: policies insuring each person (any status). */
  policiesInsuring: DataLoader<string, PolicyRecord[]>;
  /** Coverage: each person's household role (null: in no household). */
  coverageRole: DataLoader<string, HouseholdRole | null>;
  /** Family: households by id, each person's household, members (sorted), links among members, suggestions, relatives per (oneId, maxDegree). */
  householdById: DataLoader<string, HouseholdRecord | null>;
  householdOfPerson: DataLoader<string, HouseholdRecord | null>;
  householdMembers: DataLoader<string, MemberRecord[]>;
  householdRelationships: DataLoader<string, EdgeRecord[]>;
  householdSuggestions: DataLoader<string, SuggestionRecord[]>;
  relatives: DataLoader<RelativesKey, RelativeRecord[], string>;
  /** Referral: invitations by id, the invitation that brought each person in, chains, trees per (oneId, maxDepth). */
  invitation: DataLoader<string, InvitationRecord | null>;
  invitedBy: DataLoader<string, InvitationRecord | null>;
  referralChain: DataLoader<string, ReferralChainRecord>;
  referralTree: DataLoader<TreeKey, ReferralTreeRecord, string>;
}

export function createLoaders(services: Services): Loaders {
  const { identity } = services;
  return {
    person: new DataLoader((ids) => identity.personsByOneId(ids)),
    identifiers: new DataLoader((ids) => identity.identifiersOf(ids)),
    devices: new DataLoader((ids) => identity.devicesOf(ids)),
    mergedOneIds: new DataLoader((ids) => identity.mergedOneIdsOf(ids)),
    policiesInsuring: new DataLoader((ids) => services.coverage.policiesInsuring(ids)),
    coverageRole: new DataLoader((ids) => services.coverage.memberRoles(ids)),
    householdById: new DataLoader((ids) => services.family.householdsById(ids)),
    householdOfPerson: new DataLoader((ids) => services.family.householdsOfPersons(ids)),
    householdMembers: new DataLoader((ids) => services.family.membersOf(ids)),
    householdRelationships: new DataLoader((ids) => services.family.relationshipsOf(ids)),
    householdSuggestions: new DataLoader((ids) => services.family.suggestionsFor(ids)),
    relatives: new DataLoader((keys) => services.family.relativesOf(keys), { cacheKeyFn: (k) => `${k.oneId}|${k.maxDegree}` }),
    invitation: new DataLoader((ids) => services.referral.invitationsById(ids)),
    invitedBy: new DataLoader((ids) => services.referral.invitedBy(ids)),
    referralChain: new DataLoader((ids) => services.referral.chains(ids)),
    referralTree: new DataLoader((keys) => services.referral.trees(keys), { cacheKeyFn: (k) => `${k.oneId}|${k.maxDepth}` }),
  };
}
