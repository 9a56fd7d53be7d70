/**
 * Bearer-token verification with jose: HS256 against JWT_SECRET, or RS256/ES256 from a JWKS
 * URL when JWT_JWKS_URL is set (then HS256 tokens are refused: one key source at a time, no
 * algorithm confusion). Every token needs `exp` (honoured, with `nbf`, 5 s clock tolerance),
 * `sub` and a `role` claim; `iss`/`aud` are checked when JWT_ISSUER/JWT_AUDIENCE are set.
 * Any failure is UNAUTHENTICATED with a message that never echoes the token.
 */
import { createRemoteJWKSet, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { unauthenticated } from '../errors';
import { isRole, Principal, Role } from './principal';

export interface JwtOptions {
  secret: string;
  issuer?: string;
  audience?: string;
  jwksUrl?: string;
}

export const HS_ALGORITHMS = ['HS256'];
export const JWKS_ALGORITHMS = ['RS256', 'ES256'];
/** Longest accepted `sub` (an advisorId or a OneID). */
export const MAX_SUB_LENGTH = 128;
/** Longest accepted token (a JWKS-signed token with a few claims is well under 2 KB). */
const MAX_TOKEN_LENGTH = 8192;
const BEARER = /^Bearer[ \t]+([A-Za-z0-9_\-.]+)$/i;
const CLOCK_TOLERANCE_S = 5;
/** Verified tokens kept (see TokenVerifier.verified), and for how long at most. */
const VERIFIED_MAX = 10_000;
const VERIFIED_TTL_MS = 60_000;

export class TokenVerifier {
  private readonly key: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly opts: JwtOptions) {
    this.key = new TextEncoder().encode(opts.secret);
    if (opts.jwksUrl) this.jwks = createRemoteJWKSet(new URL(opts.jwksUrl));
  }

  /** The principal of an `Authorization` header value; throws UNAUTHENTICATED when missing or bad. */
  async verifyHeader(header: string | undefined): Promise<Principal> {
    const m = header && header.length <= MAX_TOKEN_LENGTH ? BEARER.exec(header.trim()) : null;
    if (!m) throw unauthenticated('Expected an `Authorization: Bearer <JWT>` header');
    return this.verifyToken(m[1]);
  }

  /**
   * Tokens verified lately, by their exact text: a client sends the same token with every
   * request, and checking its signature and claims again each time was a visible share of a
   * request's CPU. An entry is used until the token's `exp` (with the same tolerance) and for
   * at most VERIFIED_TTL_MS (so a key removed from a JWKS stops working within that time);
   * only successes are kept, and the cache is emptied when it is full.
   */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  /** The principal of a compact JWS; throws UNAUTHENTICATED when invalid, expired or incomplete. */
  async verifyToken(token: string): Promise<Principal> {
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit && now <= hit.until) return hit.principal;
    const { principal, exp } = await this.verifyFully(token);
    if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
    this.verified.set(token, { principal, until: Math.min((exp + CLOCK_TOLERANCE_S) * 1000, now + VERIFIED_TTL_MS) });
    return principal;
  }

  private async verifyFully(token: string): Promise<{ principal: Principal; exp: number }> {
    let payload: JWTPayload;
    try {
      const common = { issuer: this.opts.issuer, audience: this.opts.audience, clockTolerance: CLOCK_TOLERANCE_S, requiredClaims: ['exp'] };
      payload = this.jwks
        ? (await jwtVerify(token, this.jwks, { ...common, algorithms: JWKS_ALGORITHMS })).payload
        : (await jwtVerify(token, this.key, { ...common, algorithms: HS_ALGORITHMS })).payload;
    } catch {
      throw unauthenticated('The bearer token is invalid or expired');
    }
    const role = (payload as { role?: unknown }).role;
    const sub = payload.sub;
    if (!isRole(role) || typeof sub !== 'string' || sub.trim() === '' || sub.length > MAX_SUB_LENGTH) {
      throw unauthenticated('The bearer token needs a role (ADMIN, INGEST, ADVISOR, CUSTOMER) and a sub');
    }
    return { principal: { role, sub }, exp: payload.exp! };
  }
}

/** Mint an HS256 token (development tooling and tests). */
export async function mintToken(
  secret: string,
  claims: { role: Role; sub: string },
  opts: { expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '1h');
  if (opts.issuer) jwt = jwt.setIssuer(opts.issuer);
  if (opts.audience) jwt = jwt.setAudience(opts.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
