/**
 * HTTP: GET /healthz (process up), GET /readyz (Neo4j reachable and migrations applied),
 * POST /graphql (Apollo Server 5 on express, with body-size, depth, alias and cost limits).
 */
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Services } from './app';
import { TokenVerifier } from './auth/jwt';
import { RequestScope } from './auth/scope';
import type { Config } from './config/config';
import { enterStatementScope } from './db/database';
import { AppError } from './errors';
import type { Context } from './graphql/context';
import { makeFormatError } from './graphql/errors';
import { createLoaders } from './graphql/loaders';
import { requestLogPlugin } from './graphql/plugins';
import { buildAppSchema } from './graphql/schema';
import type { Logger } from './logger';

export interface HttpDeps {
  config: Config;
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

export async function startHttpServer(deps: HttpDeps): Promise<RunningServer> {
  const { config, services, log } = deps;
  const production = config.nodeEnv === 'production';
  const verifier = new TokenVerifier({
    secret: config.auth.jwtSecret,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    jwksUrl: config.auth.jwksUrl,
  });

  const app = express();
  app.disable('x-powered-by');
  const http = createServer(app);

  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.maxDepth },
    maxAliases: { n: config.limits.maxAliases },
    costLimit: { maxCost: config.limits.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
    maxDirectives: { n: 50 },
    maxTokens: { n: 5000 },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();

  const apollo = new ApolloServer<Context>({
    schema: buildAppSchema(),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // main.ts owns SIGTERM/SIGINT: drain HTTP, close the driver, stop a local Neo4j.
    stopOnTerminationSignals: false,
    formatError: makeFormatError(log),
    validationRules: protection.validationRules,
    plugins: [
      ...protection.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      requestLogPlugin(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = await deps.ready().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready' });
  });

  app.use(
    '/graphql',
    express.json({ limit: config.limits.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => {
        enterStatementScope();
        const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) ?? randomUUID();
        const header = req.headers.authorization;
        let principal = null;
        if (header !== undefined) {
          try {
            principal = await verifier.verifyHeader(header);
          } catch (e) {
            const message = e instanceof AppError ? e.message : 'The bearer token is invalid';
            throw new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
          }
        }
        const scope = new RequestScope(principal, services.access);
        return { requestId, principal, scope, services, loaders: createLoaders(services), log };
      },
    }),
  );

  // Body too large or not JSON: a GraphQL-shaped error with a code, never a stack trace.
  app.use((err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const tooLarge = err.type === 'entity.too.large';
    const status = tooLarge ? 413 : (err.status ?? 400);
    const code = tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
    const message = tooLarge ? `Request body larger than ${config.limits.maxBodyBytes} bytes` : 'Malformed request body';
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}/graphql`;
  return {
    url,
    port,
    http,
    async stop() {
      await apollo.stop();
      if (http.listening) await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
