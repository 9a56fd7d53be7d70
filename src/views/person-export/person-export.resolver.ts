/** Query.exportPerson: every authenticated role may ask; the service decides (ADMIN, the CUSTOMER itself) and logs every attempt. */
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { principalOf } from '../../contact/contact.resolver';
import type { Context } from '../../graphql/context';
import type { PersonExportService } from './person-export.service';

@Resolver()
export class PersonExportResolver {
  @Authorized()
  @Query(() => String, {
    description:
      'Everything the service holds about a person, as one JSON document (identifiers\nin clear, attributes, household, family links, policies, invitations, life\nevents, interactions, consents, access log): the customer\'s right to a copy.\nADMIN and the CUSTOMER itself; every attempt is logged as EXPORT (types: the\ntypes the person holds; purpose null), refused ones as DENIED.',
  })
  exportPerson(@Arg('oneId', () => ID) oneId: string, @Ctx() ctx: Context<{ personExport: PersonExportService }>): Promise<string> {
    return ctx.services.personExport.export(principalOf(ctx), oneId);
  }
}
