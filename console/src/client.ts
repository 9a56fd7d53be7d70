/**
 * The GraphQL client (urql): POST /graphql on this origin with the session's bearer token.
 * Queries go as POST with a JSON body (the service's CSRF prevention refuses simple GETs).
 * An UNAUTHENTICATED answer ends the session.
 */
import { Client, cacheExchange, fetchExchange, mapExchange, type CombinedError } from 'urql';

export function createClient(token: string, onUnauthenticated: () => void): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` }, credentials: 'omit' }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (codesOf(error).includes('UNAUTHENTICATED')) onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}

/** The error codes of a result's error (extensions.code of each GraphQL error). */
export function codesOf(error: CombinedError | undefined): string[] {
  if (!error) return [];
  const codes = error.graphQLErrors.map((e) => String(e.extensions?.code ?? ''));
  const status = (error.response as { status?: number } | undefined)?.status;
  if (status === 401) codes.push('UNAUTHENTICATED');
  return codes;
}
