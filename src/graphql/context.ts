import type { Logger } from '../logger';
import type { Principal } from '../auth/principal';
import type { RequestScope } from '../auth/scope';
import type { Services } from '../app';
import type { Loaders } from './loaders';

/** Per-request context: who is calling, what it may read, the services, this request's DataLoaders. */
export interface Context {
  requestId: string;
  principal: Principal | null;
  /** The caller's read scope, computed at most once per request. */
  scope: RequestScope;
  services: Services;
  loaders: Loaders;
  log: Logger;
}
