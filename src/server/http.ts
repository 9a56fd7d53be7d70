/**
 * HTTP: GET /healthz (process up), GET /readyz (Neo4j reachable and migrations applied),
 * POST /graphql (Apollo Server 5 on express, with body-size, depth, alias, token and cost limits,
 * CSRF prevention, and introspection and the landing page off in production), GET /app (the
 * advisor console, src/server/console.ts).
 */
import { noSubscriptions } from '../graphql/operations';
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { Express, NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { TokenVerifier } from '../auth/jwt';
import { RequestScope } from '../auth/scope';
import type { Config } from '../config/config';
import { enterStatementScope, type Database } from '../db/database';
import { AppError } from '../errors';
import type { Context } from '../graphql/context';
import { makeFormatError } from '../graphql/errors';
import { costLimitPlugin } from '../graphql/complexity';
import { BOOKMARK_HEADER, bookmarkPlugin, parseBookmarks, requestLogPlugin, unavailablePlugin } from '../graphql/plugins';
import { checkQueryShape } from '../graphql/shape';
import type { Logger } from '../logger';
import { mountConsole } from './console';
import { createLoaders, type Loaders, type Services } from './features';
import { Metrics, startTracing, tracingPlugin } from './observability';
import { buildAppSchema } from './schema';

/** The context every request gets: every feature's services and loaders. */
export type AppContext = Context<Services, Loaders>;

export interface HttpDeps {
  config: Config;
  db: Database;
  services: Services;
  log: Logger;
  /** Readiness: Neo4j reachable and migrations applied. */
  ready: () => Promise<boolean>;
}

export interface RunningServer {
  url: string;
  port: number;
  http: Server;
  stop(): Promise<void>;
}

/** A client-supplied request id is echoed in logs only when it looks like an id (no free text). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** An operation name as GraphQL allows it, bounded. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

export async function startHttpServer(deps: HttpDeps): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // No ETag on res.send bodies: GraphQL answers are POSTs no cache revalidates, and hashing a
  // large answer costs ~1 % of a busy server's time (the console's static files keep theirs).
  app.set('etag', false);
  const http = createServer(app);
  const metrics = new Metrics(deps.db);
  const tracing = startTracing(deps.config, deps.log);
  const apollo = await startApollo(deps, http, metrics, tracing.enabled);
  app.use(securityHeaders);
  mountHealth(app, deps.ready);
  app.get('/metrics', metrics.handler(deps.config));
  mountGraphql(app, apollo, deps);
  mountConsole(app, deps.log);
  app.use(bodyErrorHandler(deps));
  const server = await listen(http, apollo, deps.config);
  return {
    ...server,
    async stop() {
      await server.stop();
      await tracing.shutdown();
    },
  };
}

/** Apollo Server with the query-shape limits, the cost limit, the request log and no landing page in production. */
async function startApollo({ config, log, db }: HttpDeps, http: Server, metrics: Metrics, tracing: boolean): Promise<ApolloServer<AppContext>> {
  const production = config.nodeEnv === 'production';
  // Query-shape limits (see README, Security): body size in express.json (413), fields and
  // repeated fields before Apollo (checkQueryShape, below), tokens in the parser
  // (GRAPHQL_PARSE_FAILED), depth, aliases and directives as validation rules and cost after
  // validation with the variables (costLimitPlugin), all GRAPHQL_VALIDATION_FAILED.
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.maxDepth },
    // __typename aliases count too (graphql-armor exempts them by default): 1,000 of them are as heavy as any others.
    maxAliases: { n: config.limits.maxAliases, allowList: [] },
    maxDirectives: { n: 50 },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  const apollo = new ApolloServer<AppContext>({
    schema: buildAppSchema(),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.limits.maxTokens },
    logger: log.child({ component: 'apollo' }),
    formatError: makeFormatError(log),
    validationRules: [...protection.validationRules, noSubscriptions],
    plugins: [
      ...protection.plugins,
      costLimitPlugin<AppContext>(config.limits.maxCost),
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      requestLogPlugin(),
      metrics.plugin(),
      bookmarkPlugin(() => db.bookmarkManager.getBookmarks()),
      ...(tracing ? [tracingPlugin()] : []),
      unavailablePlugin(),
      // No cache hints are used (every response is private and sent with no-store), and the
      // default cache-control plugin would wrap every field resolver in an instrumentation hook.
      ApolloServerPluginCacheControlDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();
  return apollo;
}

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  next();
}

/** GET /healthz (process up), GET /readyz (Neo4j reachable and migrations applied). */
function mountHealth(app: Express, ready: () => Promise<boolean>): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = await ready().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready' });
  });
}

function requestIdOf(req: Request): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The request log line for requests refused before Apollo (same fields as requestLogPlugin). */
function logRefusal(log: Logger, req: Request, res: Response, code: string, operationName: unknown = null): void {
  const started = res.locals.started as bigint | undefined;
  log.info(
    {
      requestId: (res.locals.requestId as string | undefined) ?? requestIdOf(req),
      operationName: typeof operationName === 'string' && OPERATION_NAME.test(operationName) ? operationName : null,
      role: null,
      durationMs: started ? Number(process.hrtime.bigint() - started) / 1e6 : 0,
      dbStatements: 0,
      errors: [code],
    },
    'graphql request',
  );
}

/** POST /graphql: request id and no-store, JSON body limit, the pre-validation shape guard, then Apollo with the per-request context. */
function mountGraphql(app: Express, apollo: ApolloServer<AppContext>, { config, services, log }: HttpDeps): void {
  const verifier = new TokenVerifier({
    secret: config.auth.jwtSecret,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    jwksUrl: config.auth.jwksUrl,
  });
  app.use(
    '/graphql',
    (req: Request, res: Response, next: NextFunction) => {
      res.locals.started = process.hrtime.bigint();
      res.locals.requestId = requestIdOf(req);
      res.setHeader('x-request-id', res.locals.requestId as string);
      res.setHeader('cache-control', 'no-store');
      next();
    },
    express.json({ limit: config.limits.maxBodyBytes }),
    (req: Request, _res: Response, next: NextFunction) => {
      // GET and non-JSON POSTs have no parsed body: Apollo then answers them itself (CSRF
      // prevention, "POST body missing") instead of the integration's plain-text 500.
      if (req.body === undefined) req.body = {};
      next();
    },
    (req: Request, res: Response, next: NextFunction) => {
      const bookmarks = parseBookmarks(req.get(BOOKMARK_HEADER));
      if (bookmarks) {
        res.locals.bookmarks = bookmarks;
        return next();
      }
      logRefusal(log, req, res, 'BAD_REQUEST');
      res.status(400).json({ errors: [{ message: `The ${BOOKMARK_HEADER} header must hold at most 8 comma-separated bookmarks`, extensions: { code: 'BAD_REQUEST' } }] });
    },
    (req: Request, res: Response, next: NextFunction) => {
      // Before Apollo validates (and before authentication): documents whose validation alone
      // would pin the CPU are refused here (src/graphql/shape.ts).
      const query = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown }).query;
      const refusal = checkQueryShape(query, { maxTokens: config.limits.maxTokens, maxFields: config.limits.maxFields });
      if (!refusal) return next();
      const code = 'GRAPHQL_VALIDATION_FAILED';
      logRefusal(log, req, res, code);
      res.status(400).json({ errors: [{ message: refusal.message, extensions: { code, limit: refusal.limit } }] });
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<AppContext> => {
        enterStatementScope((res.locals.bookmarks as string[] | undefined) ?? []);
        const requestId = (res.locals.requestId as string | undefined) ?? requestIdOf(req);
        const header = req.headers.authorization;
        let principal = null;
        if (header !== undefined) {
          try {
            principal = await verifier.verifyHeader(header);
          } catch (e) {
            const message = e instanceof AppError ? e.message : 'The bearer token is invalid';
            logRefusal(log, req, res, 'UNAUTHENTICATED', (req.body as { operationName?: unknown } | undefined)?.operationName);
            throw new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
          }
        }
        const scope = new RequestScope(principal, services.access);
        return { requestId, principal, scope, services, loaders: createLoaders(services), log };
      },
    }),
  );
}

/** Body too large or not JSON: a GraphQL-shaped error with a code, never a stack trace. */
function bodyErrorHandler({ config, log }: HttpDeps) {
  return (err: { type?: string; status?: number }, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const tooLarge = err.type === 'entity.too.large';
    const status = tooLarge ? 413 : (err.status ?? 400);
    const code = tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
    const message = tooLarge ? `Request body larger than ${config.limits.maxBodyBytes} bytes (MAX_BODY_BYTES)` : 'Malformed request body';
    logRefusal(log, req, res, code);
    res.status(status).json({ errors: [{ message, extensions: tooLarge ? { code, limit: 'MAX_BODY_BYTES' } : { code } }] });
  };
}

/** Listen on HOST:PORT; stop() drains Apollo, then closes the socket (graceful shutdown). */
async function listen(http: Server, apollo: ApolloServer<AppContext>, config: Config): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host}:${port}/graphql`,
    port,
    http,
    async stop() {
      await apollo.stop();
      if (http.listening) await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
