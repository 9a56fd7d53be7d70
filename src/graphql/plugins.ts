/**
 * Apollo plugins: one structured log line per operation (request id, operation name,
 * role, duration, statements sent, error codes) and never the variables or the query text.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { currentStatementCount } from '../db/database';
import type { Context } from './context';

export function requestLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue: ctx, operationName, errors, response }) {
          const codes = (errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          if (response.body.kind === 'single') {
            for (const e of response.body.singleResult.errors ?? []) codes.push(String(e.extensions?.code ?? ''));
          }
          ctx.log.info(
            {
              requestId: ctx.requestId,
              operationName: operationName ?? null,
              role: ctx.principal?.role ?? null,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              dbStatements: currentStatementCount(),
              errors: [...new Set(codes.filter(Boolean))],
            },
            'graphql request',
          );
        },
      };
      void contextValue;
    },
  };
}
