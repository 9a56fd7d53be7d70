/**
 * Per-request DataLoaders, one per batched look-up, created fresh for every request so
 * nothing is cached across callers: a list of N people costs one statement per field,
 * not N.
 */
import DataLoader from 'dataloader';
import type { Services } from '../app';
import type { IdentifierRecord, PersonRecord } from '../identity/identity.model';

export interface Loaders {
  person: DataLoader<string, PersonRecord | null>;
  identifiers: DataLoader<string, IdentifierRecord[]>;
  devices: DataLoader<string, IdentifierRecord[]>;
  mergedOneIds: DataLoader<string, string[]>;
}

export function createLoaders(services: Services): Loaders {
  const { identity } = services;
  return {
    person: new DataLoader((ids) => identity.personsByOneId(ids)),
    identifiers: new DataLoader((ids) => identity.identifiersOf(ids)),
    devices: new DataLoader((ids) => identity.devicesOf(ids)),
    mergedOneIds: new DataLoader((ids) => identity.mergedOneIdsOf(ids)),
  };
}
