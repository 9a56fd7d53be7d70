/**
 * The contact feature's wiring. Key management comes first (`createKeys`): identity seals
 * identifier values through it at ingest; then the service, which reads people through identity.
 */
import type { ModuleDeps, ResolverClass } from '../graphql/module';
import type { IdentityService } from '../identity/identity.service';
import { createContactLoaders } from './contact.loaders';
import { ContactRepository } from './contact.repository';
import { ContactResolver, PersonContactResolver } from './contact.resolver';
import { ContactService } from './contact.service';
import { Keyring } from './crypto';
import { KeysService } from './keys.service';

export const contactModule = {
  resolvers: [ContactResolver, PersonContactResolver] as ResolverClass[],
  createKeys({ db, cypher, config }: ModuleDeps): KeysService {
    return new KeysService(new ContactRepository(db, cypher), new Keyring(config.masterKeys));
  },
  createService({ db, cypher, clock, log }: ModuleDeps, identity: IdentityService, keys: KeysService): ContactService {
    return new ContactService(new ContactRepository(db, cypher), keys, identity, { clock, log });
  },
  createLoaders: createContactLoaders,
};
