/** Bearer-token verification: what is accepted, and every way a token is refused (UNAUTHENTICATED). */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { mintToken, TokenVerifier } from '../../../src/auth/jwt';
import { AppError } from '../../../src/errors';

const SECRET = 'unit-test-secret-that-is-at-least-32-bytes!';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const b64url = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('UNAUTHENTICATED');
    return e as AppError;
  }
  throw new Error('expected the token to be refused');
}

function hs(claims: Record<string, unknown>, opts: { alg?: string; secret?: string; exp?: number | null; nbf?: number } = {}): Promise<string> {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: opts.alg ?? 'HS256' }).setIssuedAt();
  if (opts.exp !== null) jwt = jwt.setExpirationTime(opts.exp ?? now() + 600);
  if (opts.nbf !== undefined) jwt = jwt.setNotBefore(opts.nbf);
  return jwt.sign(enc(opts.secret ?? SECRET));
}

describe('TokenVerifier (HS256)', () => {
  const v = new TokenVerifier({ secret: SECRET });

  it('accepts a token minted by mintToken and returns its role and sub', async () => {
    const token = await mintToken(SECRET, { role: 'ADVISOR', sub: 'A1' });
    await expect(v.verifyHeader(`Bearer ${token}`)).resolves.toEqual({ role: 'ADVISOR', sub: 'A1' });
    // The scheme is case-insensitive (RFC 6750), surrounding blanks are ignored.
    await expect(v.verifyHeader(`  bearer ${token} `)).resolves.toEqual({ role: 'ADVISOR', sub: 'A1' });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['no token', 'Bearer'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['junk', 'Bearer not.a.token'],
    ['not a JWT at all', 'Bearer abc'],
    ['two tokens', 'Bearer a.b.c d.e.f'],
  ])('refuses a %s header', async (_label, header) => {
    await refusal(v.verifyHeader(header));
  });

  it('refuses an oversized header without parsing it', async () => {
    await refusal(v.verifyHeader(`Bearer ${'a'.repeat(9000)}`));
  });

  it('refuses an expired token, and a token not valid yet (nbf)', async () => {
    await refusal(v.verifyHeader(`Bearer ${await hs({ role: 'ADMIN', sub: 'x' }, { exp: now() - 60 })}`));
    await refusal(v.verifyHeader(`Bearer ${await hs({ role: 'ADMIN', sub: 'x' }, { nbf: now() + 600 })}`));
    // Within the 5 s clock tolerance still passes.
    await expect(v.verifyHeader(`Bearer ${await hs({ role: 'ADMIN', sub: 'x' }, { exp: now() - 2 })}`)).resolves.toEqual({
      role: 'ADMIN',
      sub: 'x',
    });
  });

  it('keeps a verified token only until it expires, and never serves a tampered one from what it kept', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const fresh = new TokenVerifier({ secret: SECRET });
      const token = await hs({ role: 'ADMIN', sub: 'cached' }, { exp: now() + 20 });
      await expect(fresh.verifyHeader(`Bearer ${token}`)).resolves.toEqual({ role: 'ADMIN', sub: 'cached' });
      await expect(fresh.verifyHeader(`Bearer ${token}`)).resolves.toEqual({ role: 'ADMIN', sub: 'cached' });
      const [h, , sig] = token.split('.');
      await refusal(fresh.verifyHeader(`Bearer ${h}.${b64url({ role: 'ADMIN', sub: 'other', exp: now() + 20 })}.${sig}`));
      jest.advanceTimersByTime(26_000); // past exp + the 5 s tolerance
      await refusal(fresh.verifyHeader(`Bearer ${token}`));
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a token without exp (no never-expiring tokens)', async () => {
    await refusal(v.verifyHeader(`Bearer ${await hs({ role: 'ADMIN', sub: 'x' }, { exp: null })}`));
  });

  it('refuses a wrong signature', async () => {
    const other = await hs({ role: 'ADMIN', sub: 'x' }, { secret: 'another-secret-that-is-at-least-32-bytes!!' });
    await refusal(v.verifyHeader(`Bearer ${other}`));
    const valid = await hs({ role: 'ADMIN', sub: 'x' });
    const [h, , s] = valid.split('.');
    const forged = `${h}.${b64url({ role: 'ADMIN', sub: 'someone-else', exp: now() + 600 })}.${s}`;
    await refusal(v.verifyHeader(`Bearer ${forged}`));
  });

  it('refuses alg none and any algorithm but HS256', async () => {
    const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ role: 'ADMIN', sub: 'x', exp: now() + 600 })}.`;
    await refusal(v.verifyHeader(`Bearer ${none}`));
    await refusal(v.verifyHeader(`Bearer ${await hs({ role: 'ADMIN', sub: 'x' }, { alg: 'HS512' })}`));
    const { privateKey } = await generateKeyPair('RS256');
    const rs = await new SignJWT({ role: 'ADMIN', sub: 'x' }).setProtectedHeader({ alg: 'RS256' }).setExpirationTime('1h').sign(privateKey);
    await refusal(v.verifyHeader(`Bearer ${rs}`));
  });

  it.each([
    ['no role', { sub: 'x' }],
    ['an unknown role', { role: 'ROOT', sub: 'x' }],
    ['a role of the wrong type', { role: ['ADMIN'], sub: 'x' }],
    ['no sub', { role: 'ADMIN' }],
    ['an empty sub', { role: 'ADMIN', sub: '' }],
    ['a blank sub', { role: 'ADMIN', sub: '   ' }],
    ['an oversized sub', { role: 'ADMIN', sub: 'x'.repeat(129) }],
  ])('refuses a token with %s', async (_label, claims) => {
    const e = await refusal(v.verifyHeader(`Bearer ${await hs(claims)}`));
    expect(e.message).toMatch(/role .* and a sub/);
  });

  it('never echoes the token in its error message', async () => {
    const token = await hs({ role: 'ADMIN', sub: 'x' }, { exp: now() - 60 });
    const e = await refusal(v.verifyHeader(`Bearer ${token}`));
    expect(e.message).not.toContain(token.split('.')[1]);
  });
});

describe('TokenVerifier with JWT_ISSUER and JWT_AUDIENCE', () => {
  const v = new TokenVerifier({ secret: SECRET, issuer: 'https://idp.example', audience: 'kingraph' });

  it('accepts a token with the configured iss and aud', async () => {
    const token = await mintToken(SECRET, { role: 'INGEST', sub: 'crm' }, { issuer: 'https://idp.example', audience: 'kingraph' });
    await expect(v.verifyHeader(`Bearer ${token}`)).resolves.toEqual({ role: 'INGEST', sub: 'crm' });
  });

  it('refuses a missing or different issuer or audience', async () => {
    for (const opts of [{}, { issuer: 'https://idp.example' }, { audience: 'kingraph' }, { issuer: 'https://evil.example', audience: 'kingraph' }, { issuer: 'https://idp.example', audience: 'other' }]) {
      await refusal(v.verifyHeader(`Bearer ${await mintToken(SECRET, { role: 'ADMIN', sub: 'x' }, opts)}`));
    }
  });
});

describe('TokenVerifier with a JWKS (RS256)', () => {
  let server: Server;
  let url: string;
  let privateKey: KeyLike;
  let strangerKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  const rs = (key: KeyLike, claims: Record<string, unknown>, kid = 'k1'): Promise<string> =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).setExpirationTime('10m').sign(key);

  it('accepts an RS256 token signed by a key of the set', async () => {
    const v = new TokenVerifier({ secret: SECRET, jwksUrl: url });
    await expect(v.verifyHeader(`Bearer ${await rs(privateKey, { role: 'CUSTOMER', sub: 'P1' })}`)).resolves.toEqual({
      role: 'CUSTOMER',
      sub: 'P1',
    });
  });

  it('refuses a key outside the set, and HS256 tokens (even with the right secret)', async () => {
    const v = new TokenVerifier({ secret: SECRET, jwksUrl: url });
    await refusal(v.verifyHeader(`Bearer ${await rs(strangerKey, { role: 'ADMIN', sub: 'x' })}`));
    await refusal(v.verifyHeader(`Bearer ${await mintToken(SECRET, { role: 'ADMIN', sub: 'x' })}`));
  });
});
