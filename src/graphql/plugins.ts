/**
 * Apollo plugins: one structured log line per operation (request id, operation name,
 * role, duration, statements sent, error codes) and never the variables, the query text,
 * error messages or the token: only values the server chose or validated.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { currentScope, currentStatementCount } from '../db/database';
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

/** The header a client reads a bookmark from, and sends it back in. */
export const BOOKMARK_HEADER = 'kingraph-bookmark';

/**
 * Causal consistency across requests and instances: a response to a request that committed a
 * write, and every response to a mutation, carries the bookmark of the database state it
 * leaves, in the `kingraph-bookmark` header and in `extensions.bookmark`. A request that sends
 * the header back starts its transactions from at least that state, on whichever instance or
 * cluster member serves it. `latest`: the process's newest bookmarks (a mutation that wrote
 * nothing still answers one).
 */
export function bookmarkPlugin(latest: () => Promise<Iterable<string>>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response }) {
          let bookmarks = currentScope()?.written ?? [];
          if (bookmarks.length === 0 && operation?.operation === 'mutation') bookmarks = [...(await latest())];
          if (bookmarks.length === 0) return;
          const value = bookmarks.join(',');
          response.http.headers.set(BOOKMARK_HEADER, value);
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, bookmark: value };
          }
        },
      };
    },
  };
}

/** Bookmarks from the request header: at most 8, each a plain token; null when malformed. */
export function parseBookmarks(header: string | undefined): string[] | null {
  if (header === undefined || header.trim() === '') return [];
  const parts = header.split(',').map((b) => b.trim());
  if (parts.length > 8 || parts.some((b) => !/^[A-Za-z0-9:+/=_-]{1,256}$/.test(b))) return null;
  return parts;
}
