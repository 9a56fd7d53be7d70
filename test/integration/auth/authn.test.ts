/**
 * Authentication through HTTP: every way a bearer token can be missing or bad answers
 * UNAUTHENTICATED (401 for a bad token, before anything runs); no token reaches only
 * `__typename` and introspection; JWT_ISSUER/JWT_AUDIENCE are enforced when set.
 */
import { SignJWT } from 'jose';
import { mintToken } from '../../../src/auth/jwt';
import { codes, TEST_JWT_SECRET, useTestApp } from '../../kit';
import { rawRequest } from './support';

const t = useTestApp();

const b64url = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const secret = new TextEncoder().encode(TEST_JWT_SECRET);
const QUERY = 'query Probe { person(oneId: "nobody") { oneId } }';

async function withHeader(authorization: string, query = QUERY): Promise<Awaited<ReturnType<typeof rawRequest>>> {
  return rawRequest(t.app.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, operationName: 'Probe' }),
  });
}

describe('bad tokens', () => {
  const cases: Array<[string, () => Promise<string>]> = [
    ['an empty header', async () => ''],
    ['another scheme', async () => 'Basic YWRtaW46YWRtaW4='],
    ['a malformed token', async () => 'Bearer not.a.token'],
    ['an expired token', async () => `Bearer ${await mintToken(TEST_JWT_SECRET, { role: 'ADMIN', sub: 'a' }, { expiresIn: '-1m' })}`],
    ['a token signed with another secret', async () => `Bearer ${await mintToken('some-other-secret-that-is-32-bytes-long!!', { role: 'ADMIN', sub: 'a' })}`],
    ['an alg:none token', async () => `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ role: 'ADMIN', sub: 'a', exp: Math.floor(Date.now() / 1000) + 600 })}.`],
    ['an HS512 token', async () => `Bearer ${await new SignJWT({ role: 'ADMIN', sub: 'a' }).setProtectedHeader({ alg: 'HS512' }).setExpirationTime('1h').sign(secret)}`],
    ['a token without role', async () => `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('a').setExpirationTime('1h').sign(secret)}`],
    ['a token with an unknown role', async () => `Bearer ${await new SignJWT({ role: 'SUPERUSER' }).setProtectedHeader({ alg: 'HS256' }).setSubject('a').setExpirationTime('1h').sign(secret)}`],
    ['a token without sub', async () => `Bearer ${await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret)}`],
    ['a token without exp', async () => `Bearer ${await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject('a').sign(secret)}`],
  ];

  it.each(cases)('refuses %s with 401 UNAUTHENTICATED, even for __typename', async (_label, header) => {
    const authorization = await header();
    const res = await withHeader(authorization);
    expect(res.status).toBe(401);
    expect(res.json!.data).toBeUndefined();
    expect(codes(res.json!)).toEqual(['UNAUTHENTICATED']);
    const typename = await withHeader(authorization, '{ __typename }');
    expect(typename.status).toBe(401);
    // The token is never echoed back, nor logged.
    const token = authorization.replace(/^Bearer /, '');
    if (token.length > 20) {
      expect(res.text).not.toContain(token);
      expect(t.logs.join('\n')).not.toContain(token);
    }
  });

  it('logs the refused request with its id and code', async () => {
    await rawRequest(t.app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token', 'x-request-id': 'req-authn-1' },
      body: JSON.stringify({ query: QUERY, operationName: 'Probe' }),
    });
    const line = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === 'req-authn-1');
    expect(line).toMatchObject({ msg: 'graphql request', operationName: 'Probe', role: null, errors: ['UNAUTHENTICATED'] });
    expect(typeof line!.durationMs).toBe('number');
  });
});

describe('no token', () => {
  it('may ask for __typename and introspect (development), nothing else', async () => {
    expect((await t.gql('{ __typename }', {}, null)).data).toEqual({ __typename: 'Query' });
    const res = await t.gql(QUERY, {}, null);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.data).toEqual({ person: null });
    const mutation = await t.gql('mutation { forgetPerson(oneId: "nobody") { oneId } }', {}, null);
    expect(codes(mutation)).toEqual(['UNAUTHENTICATED']);
    expect(mutation.data).toBeNull();
  });
});

describe('a good token', () => {
  it('is accepted with any casing of the scheme', async () => {
    const token = await mintToken(TEST_JWT_SECRET, { role: 'ADMIN', sub: 'a' });
    const res = await withHeader(`bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { person: null } });
  });
});

describe('JWT_ISSUER and JWT_AUDIENCE', () => {
  const strict = useTestApp({ env: { JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'kingraph' } });

  it('accepts only tokens with the configured issuer and audience', async () => {
    const call = async (token: string): Promise<number> =>
      (
        await rawRequest(strict.app.server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: QUERY }),
        })
      ).status;
    const claims = { role: 'ADMIN' as const, sub: 'a' };
    expect(await call(await mintToken(TEST_JWT_SECRET, claims, { issuer: 'https://idp.example', audience: 'kingraph' }))).toBe(200);
    expect(await call(await mintToken(TEST_JWT_SECRET, claims))).toBe(401);
    expect(await call(await mintToken(TEST_JWT_SECRET, claims, { issuer: 'https://other.example', audience: 'kingraph' }))).toBe(401);
    expect(await call(await mintToken(TEST_JWT_SECRET, claims, { issuer: 'https://idp.example', audience: 'other' }))).toBe(401);
  });
});
