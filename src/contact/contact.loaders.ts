/** Contact's per-request DataLoaders: one statement for the consents, one for the accounts, of every person of a request. */
import DataLoader from 'dataloader';
import type { Context } from '../graphql/context';
import type { IdentityLoaders } from '../identity/identity.loaders';
import type { AccountRecord, ConsentRecord } from './contact.model';
import type { ContactService } from './contact.service';

export interface ContactLoaders {
  /** The statement in force per scope, in ConsentScope order. */
  consents: DataLoader<string, ConsentRecord[]>;
  accounts: DataLoader<string, AccountRecord[]>;
}

export type ContactContext = Context<{ contact: ContactService }, IdentityLoaders & ContactLoaders>;

export function createContactLoaders(contact: ContactService): ContactLoaders {
  return {
    consents: new DataLoader((oneIds) => contact.consentsInForce(oneIds)),
    accounts: new DataLoader((oneIds) => contact.accounts(oneIds)),
  };
}
