/**
 * Per-request context: who is calling, what it may read, the services, this request's
 * DataLoaders. Each feature names the part it reads (`Context<Services, Loaders>`, e.g.
 * `FamilyContext` in family.loaders.ts); the composition root (src/server/) builds one object
 * that has every feature's services and loaders, so this floor knows no feature.
 */
import type { Principal } from '../auth/principal';
import type { RequestScope } from '../auth/scope';
import type { Logger } from '../logger';

export interface Context<S extends object = object, L extends object = object> {
  requestId: string;
  principal: Principal | null;
  /** The caller's read scope, computed at most once per request. */
  scope: RequestScope;
  services: S;
  loaders: L;
  log: Logger;
}
