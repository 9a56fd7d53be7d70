/** Identity's per-request DataLoaders: a list of N people costs one statement per field, not N. */
import DataLoader from 'dataloader';
import type { Clock } from '../clock';
import type { Context } from '../graphql/context';
import type { IdentifierRecord, PersonRecord } from './identity.model';
import type { IdentityService } from './identity.service';

export interface IdentityLoaders {
  person: DataLoader<string, PersonRecord | null>;
  identifiers: DataLoader<string, IdentifierRecord[]>;
  devices: DataLoader<string, IdentifierRecord[]>;
  mergedOneIds: DataLoader<string, string[]>;
}

export type IdentityContext = Context<{ identity: IdentityService; clock: Clock }, IdentityLoaders>;

export function createIdentityLoaders(identity: IdentityService): IdentityLoaders {
  return {
    person: new DataLoader((ids) => identity.personsByOneId(ids)),
    identifiers: new DataLoader((ids) => identity.identifiersOf(ids)),
    devices: new DataLoader((ids) => identity.devicesOf(ids)),
    mergedOneIds: new DataLoader((ids) => identity.mergedOneIdsOf(ids)),
  };
}
