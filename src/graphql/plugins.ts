/**
 * Apollo plugins: one structured log line per operation (request id, operation name,
 * role, duration, statements sent, error codes) and never the variables, the query text,
 * error messages or the token: only values the server chose or validated.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { currentStatementCount } from '../db/database';
import type { Context } from './context';

const MAX_NAME = 100;

export function requestLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue: ctx, operationName, errors, response }) {
          // Codes as the client saw them (after formatError); the raw errors only when the
          // response carries none (an incremental delivery).
          const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : null;
          const codes = sent
            ? sent.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'))
            : (errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          ctx.log.info(
            {
              requestId: ctx.requestId,
              operationName: operationName ? operationName.slice(0, MAX_NAME) : null,
              role: ctx.principal?.role ?? null,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              dbStatements: currentStatementCount(),
              errors: [...new Set(codes)],
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/** Seconds a client should wait before retrying after SERVICE_UNAVAILABLE. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * A response whose errors include SERVICE_UNAVAILABLE (the database cannot be reached) is
 * HTTP 503 with Retry-After, so clients and proxies see a retryable outage, not a 200.
 */
export function unavailablePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          if (!sent.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
