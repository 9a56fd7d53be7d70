/** The customers feature's per-request DataLoaders: stored state per person, interactions, contact windows, household values. */
import DataLoader from 'dataloader';
import type { Context } from '../graphql/context';
import type { IdentityLoaders } from '../identity/identity.loaders';
import type { ContactWindowRecord, CustomerValueRecord, InteractionRecord } from './customers.model';
import type { CustomersService, PersonCustomerView } from './customers.service';

export interface CustomersLoaders {
  customerView: DataLoader<string, PersonCustomerView | null>;
  contactWindow: DataLoader<string, ContactWindowRecord | null>;
  householdValue: DataLoader<string, CustomerValueRecord | null>;
  /** Interactions of people, one loader per `first` asked in the request. */
  interactions(first: number): DataLoader<string, InteractionRecord[]>;
}

export type CustomersContext = Context<{ customers: CustomersService }, IdentityLoaders & CustomersLoaders>;

export function createCustomersLoaders(customers: CustomersService): CustomersLoaders {
  const byFirst = new Map<number, DataLoader<string, InteractionRecord[]>>();
  return {
    customerView: new DataLoader((ids) => customers.personViews(ids)),
    contactWindow: new DataLoader((ids) => customers.contactWindows(ids)),
    householdValue: new DataLoader((ids) => customers.householdValues(ids)),
    interactions(first) {
      let loader = byFirst.get(first);
      if (!loader) {
        loader = new DataLoader((ids) => customers.interactions(ids, first));
        byFirst.set(first, loader);
      }
      return loader;
    },
  };
}
