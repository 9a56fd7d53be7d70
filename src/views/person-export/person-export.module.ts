/** The person export's wiring: its resolver and its service (sections over identity, family, coverage, referral and contact). */
import type { ContactService } from '../../contact/contact.service';
import type { ModuleDeps, ResolverClass } from '../../graphql/module';
import { PersonExportRepository } from './person-export.repository';
import { PersonExportResolver } from './person-export.resolver';
import { PersonExportService } from './person-export.service';

export const personExportModule = {
  resolvers: [PersonExportResolver] as ResolverClass[],
  createService({ cypher, clock }: ModuleDeps, contact: ContactService): PersonExportService {
    return new PersonExportService(new PersonExportRepository(cypher), contact, clock);
  },
};
