/** The work-list feature's wiring: its resolvers and its service (the derived-state hook). */
import type { CoverageService } from '../coverage/coverage.service';
import type { ModuleDeps, ResolverClass } from '../graphql/module';
import { WorklistRepository } from './worklist.repository';
import { ProductSuggestionResolver, WorkItemResolver, WorklistResolver } from './worklist.resolver';
import { WorklistService } from './worklist.service';

/** The name of the work-list state's before-commit hook. */
export const WORKLIST_HOOK = 'worklist';

export const worklistModule = {
  resolvers: [WorklistResolver, WorkItemResolver, ProductSuggestionResolver] as ResolverClass[],
  /** Registers the service as the database's before-commit hook: derived state follows every write. */
  createService({ db, cypher, config, clock, log }: ModuleDeps, coverage: CoverageService): WorklistService {
    const service = new WorklistService(new WorklistRepository(db, cypher), {
      rules: coverage.rules,
      lang: config.coverage.reasonLang,
      clock,
      timeZone: config.timeZone,
      log,
    });
    db.beforeCommit(WORKLIST_HOOK, (tx, touched) => service.refresh(tx, touched));
    return service;
  },
};
