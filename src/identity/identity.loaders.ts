/** Identity's per-request DataLoaders: a list of N people costs one statement per field, not N. */
import DataLoader from 'dataloader';
import type { Clock } from '../clock';
import { notFound } from '../errors';
import type { Context } from '../graphql/context';
import type { IdentifierRecord, PersonRecord } from './identity.model';
import type { IdentityService } from './identity.service';

export interface IdentityLoaders {
  person: DataLoader<string, PersonRecord | null>;
  /** People a statement of this request already read (`primePersons`): resolved without a promise. */
  knownPersons: Map<string, PersonRecord>;
  identifiers: DataLoader<string, IdentifierRecord[]>;
  devices: DataLoader<string, IdentifierRecord[]>;
  mergedOneIds: DataLoader<string, string[]>;
}

export type IdentityContext = Context<{ identity: IdentityService; clock: Clock }, IdentityLoaders>;

export function createIdentityLoaders(identity: IdentityService): IdentityLoaders {
  return {
    person: new DataLoader((ids) => identity.personsByOneId(ids)),
    knownPersons: new Map(),
    identifiers: new DataLoader((ids) => identity.identifiersOf(ids)),
    devices: new DataLoader((ids) => identity.devicesOf(ids)),
    mergedOneIds: new DataLoader((ids) => identity.mergedOneIdsOf(ids)),
  };
}

/** Fill the person loader with records a statement already read (a page, a view). */
export function primePersons(loaders: IdentityLoaders, records: readonly PersonRecord[]): void {
  for (const p of records) {
    loaders.person.prime(p.oneId, p);
    loaders.knownPersons.set(p.oneId, p);
  }
}

/**
 * The person a field points to (holder, insured, inviter, the person of a gap, an item or a
 * suggestion): at once when this request already read it, else through the loader; NOT_FOUND
 * when it does not exist.
 */
export function requirePerson(loaders: IdentityLoaders, oneId: string | null): PersonRecord | Promise<PersonRecord> {
  const known = oneId === null ? undefined : loaders.knownPersons.get(oneId);
  if (known) return known;
  return (async () => {
    const person = oneId === null ? null : await loaders.person.load(oneId);
    if (!person) throw notFound('Person');
    return person;
  })();
}
