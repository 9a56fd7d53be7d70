/**
 * API hardening through HTTP: query depth, aliases, cost, tokens and body size are refused
 * with a code and a clear message before anything runs, the service keeps serving, CSRF-able
 * requests are refused, and production mode turns introspection, the landing page and field
 * suggestions off.
 */
import { codes, TEST_JWT_SECRET, useTestApp } from '../../kit';
import { rawRequest } from './support';

const t = useTestApp();

/** The last request log line. */
function lastRequestLog(): Record<string, unknown> {
  const lines = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'graphql request');
  return lines[lines.length - 1];
}

async function stillServing(): Promise<void> {
  const res = await t.gql('query Alive { person(oneId: "no-such-person") { oneId } }');
  expect(res.status).toBe(200);
  expect(res.errors).toBeUndefined();
  expect(res.data).toEqual({ person: null });
}

/** A query nested `depth` levels deep through Person.relatives. */
function deepQuery(depth: number): string {
  let inner = 'oneId';
  for (let i = 1; i < depth; i += 2) inner = `relatives(maxDegree: 1) { person { ${inner} } }`;
  return `query Deep { person(oneId: "x") { ${inner} } }`;
}

describe('query limits', () => {
  it('refuses a query 20 levels deep (GRAPHQL_VALIDATION_FAILED, MAX_QUERY_DEPTH) and keeps serving', async () => {
    const res = await t.gql(deepQuery(20));
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    const err = res.errors!.find((e) => e.extensions?.limit === 'MAX_QUERY_DEPTH');
    expect(err).toBeDefined();
    expect(err!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(err!.message).toMatch(/^Query depth limit of 12 exceeded, found \d+\.$/);
    expect(lastRequestLog().dbStatements).toBe(0);
    await stillServing();
  });

  it('accepts a query at the depth limit', async () => {
    let inner = 'name';
    for (let i = 4; i < 12; i += 1) inner = `ofType { ${inner} }`; // 3 + 8 + 1 = 12 levels
    const res = await t.gql(`query AtLimit { __type(name: "Person") { fields { type { ${inner} } } } }`);
    expect(res.errors).toBeUndefined();
  });

  it('refuses a query with 100 aliases (MAX_QUERY_ALIASES) before touching the database', async () => {
    const fields = Array.from({ length: 100 }, (_, i) => `a${i}: person(oneId: "p${i}") { oneId }`).join('\n');
    const res = await t.gql(`query ManyAliases { ${fields} }`);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.errors![0].extensions!.limit).toBe('MAX_QUERY_ALIASES');
    expect(res.errors![0].message).toBe('Aliases limit of 30 exceeded, found 100.');
    expect(lastRequestLog().dbStatements).toBe(0);
    await stillServing();
  });

  it('refuses an over-cost list query (MAX_QUERY_COST) before touching the database', async () => {
    const res = await t.gql(`query Fanout { person(oneId: "x") { relatives(maxDegree: 4) { person { relatives(maxDegree: 4) { person {
      relatives(maxDegree: 4) { person { oneId } } } } } } } }`);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.errors![0].extensions!.limit).toBe('MAX_QUERY_COST');
    expect(res.errors![0].message).toMatch(/^Query cost \d+ exceeds the limit of 20000: ask for fewer items/);
    expect(lastRequestLog().dbStatements).toBe(0);
    await stillServing();
  });

  it('prices `first` from the variables: a page of 20 passes, a page of 100000 is refused', async () => {
    const q = `query Top($n: Int) { topReferrers(first: $n) { person { oneId displayName identifiers { masked } } invited } }`;
    const big = await t.gql(q, { n: 100000 });
    expect(big.status).toBe(400);
    expect(big.errors![0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_QUERY_COST' });
    const small = await t.gql(q, { n: 20 });
    expect(small.errors).toBeUndefined();
  });

  it('refuses a document over MAX_QUERY_TOKENS (GRAPHQL_PARSE_FAILED)', async () => {
    const fields = Array.from({ length: 5100 }, () => 'oneId').join(' ');
    const res = await t.gql(`query Long { person(oneId: "x") { ${fields} } }`);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(res.errors![0].extensions!.limit).toBe('MAX_QUERY_TOKENS');
    expect(res.errors![0].message).toMatch(/more that 5000 tokens/);
    await stillServing();
  });

  it('refuses, without a token and in milliseconds, a document whose validation would pin the CPU (MAX_QUERY_FIELDS)', async () => {
    // 500 copies of one field: graphql-js would spend seconds comparing every pair.
    const fields = Array.from({ length: 500 }, () => 'person(oneId: "x") { oneId }').join(' ');
    const started = Date.now();
    const res = await t.gql(`query Repeats { ${fields} }`, {}, null);
    expect(Date.now() - started).toBeLessThan(3000); // validating it would take several seconds
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.errors![0].extensions!.limit).toBe('MAX_QUERY_FIELDS');
    expect(res.errors![0].message).toMatch(/repeats the same fields/);
    expect(lastRequestLog()).toMatchObject({ errors: ['GRAPHQL_VALIDATION_FAILED'], dbStatements: 0 });
    await stillServing();
  });

  it('refuses a 3 MB body with 413 PAYLOAD_TOO_LARGE and keeps serving', async () => {
    const body = JSON.stringify({ query: 'query Big($x: String) { __typename }', variables: { x: 'x'.repeat(3 * 1024 * 1024) } });
    const res = await rawRequest(t.app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.token({ role: 'ADMIN', sub: 'a' })}` },
      body,
    });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({
      errors: [{ message: `Request body larger than ${2 * 1024 * 1024} bytes (MAX_BODY_BYTES)`, extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'MAX_BODY_BYTES' } }],
    });
    expect(res.text).not.toMatch(/at .*\.js/);
    await stillServing();
  });

  it('answers malformed JSON with 400 BAD_REQUEST, no stack trace', async () => {
    const res = await rawRequest(t.app.server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: [{ message: 'Malformed request body', extensions: { code: 'BAD_REQUEST' } }] });
    await stillServing();
  });

  it('refuses batched HTTP requests', async () => {
    const res = await rawRequest(t.app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/batch/i);
  });

  it('sends no-store and nosniff headers', async () => {
    const res = await rawRequest(t.app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('CSRF prevention', () => {
  it('refuses a GET without a preflight header', async () => {
    const res = await rawRequest(`${t.app.server.url}?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET' });
    expect(res.status).toBe(400);
    expect(codes(res.json!)).toEqual(['BAD_REQUEST']);
    expect(res.json!.errors![0].message).toMatch(/Cross-Site Request Forgery/);
  });

  it('refuses a text/plain POST (a "simple" cross-site request)', async () => {
    const res = await rawRequest(t.app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { forgetPerson(oneId: "x") { oneId } }' }),
    });
    expect(res.status).toBe(400);
    expect(res.json!.errors![0].message).toMatch(/Cross-Site Request Forgery/);
  });

  it('serves a GET query that carries apollo-require-preflight, and never a GET mutation', async () => {
    const token = await t.token({ role: 'ADMIN', sub: 'a' });
    const get = (q: string): Promise<Awaited<ReturnType<typeof rawRequest>>> =>
      rawRequest(`${t.app.server.url}?query=${encodeURIComponent(q)}`, {
        method: 'GET',
        headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` },
      });
    const ok = await get('{ person(oneId: "nobody") { oneId } }');
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ data: { person: null } });
    const mutation = await get('mutation { forgetPerson(oneId: "x") { oneId } }');
    expect(mutation.status).toBe(405);
  });
});

describe('development mode', () => {
  it('allows introspection, even without a token (no data fields)', async () => {
    const res = await t.gql('{ __schema { queryType { name } } }', {}, null);
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('production mode', () => {
  const prod = useTestApp({
    env: { NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, IDENTIFIER_HASH_SECRET: 'prod-test-identifier-hash-secret-32-bytes!!', CONTACT_MASTER_KEYS: `prod-1:${Buffer.alloc(32, 1).toString('base64')}` },
  });

  it('refuses introspection, with a token too', async () => {
    const res = await prod.gql('{ __schema { types { name } } }');
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.errors![0].message).toMatch(/introspection is not allowed/i);
    const typeQuery = await prod.gql('{ __type(name: "Person") { fields { name } } }');
    expect(codes(typeQuery)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('serves no landing page', async () => {
    const res = await rawRequest(prod.app.server.url, { method: 'GET', headers: { accept: 'text/html' } });
    expect(res.text).not.toMatch(/<html/i);
    expect(res.status).toBeGreaterThanOrEqual(400);
  });

  it('gives no field suggestions', async () => {
    const res = await prod.gql('{ persn(oneId: "x") { oneId } }');
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.errors![0].message).not.toMatch(/Did you mean/);
  });

  it('answers with codes and no internals (no stack traces, no exception details)', async () => {
    const res = await prod.gql('{ person(oneId: "x") { oneId } }', {}, null);
    expect(res.status).toBe(200);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|exception|\.ts:\d+/);
    const ok = await prod.gql('{ person(oneId: "x") { oneId } }');
    expect(ok.errors).toBeUndefined();
  });
});
