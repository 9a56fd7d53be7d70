/**
 * Bearer-token verification with jose: HS256 against JWT_SECRET (exp/nbf honoured,
 * issuer/audience when configured), or RS256/ES256 from a JWKS URL when JWT_JWKS_URL is set.
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

export class TokenVerifier {
  private readonly key: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly opts: JwtOptions) {
    this.key = new TextEncoder().encode(opts.secret);
    if (opts.jwksUrl) this.jwks = createRemoteJWKSet(new URL(opts.jwksUrl));
  }

  /** The principal of an `Authorization` header value; throws UNAUTHENTICATED when missing or bad. */
  async verifyHeader(header: string | undefined): Promise<Principal> {
    const m = header ? /^Bearer\s+([A-Za-z0-9_\-.]+)$/.exec(header.trim()) : null;
    if (!m) throw unauthenticated();
    let payload: JWTPayload;
    try {
      const common = { issuer: this.opts.issuer, audience: this.opts.audience, clockTolerance: 5 };
      payload = this.jwks
        ? (await jwtVerify(m[1], this.jwks, { ...common, algorithms: ['RS256', 'ES256'] })).payload
        : (await jwtVerify(m[1], this.key, { ...common, algorithms: ['HS256'] })).payload;
    } catch {
      throw unauthenticated('The bearer token is invalid or expired');
    }
    const role = (payload as { role?: unknown }).role;
    if (!isRole(role) || typeof payload.sub !== 'string' || payload.sub === '') {
      throw unauthenticated('The bearer token needs a role (ADMIN, INGEST, ADVISOR, CUSTOMER) and a sub');
    }
    return { role, sub: payload.sub };
  }
}

/** Mint an HS256 token (development tooling and tests). */
export async function mintToken(
  secret: string,
  claims: { role: Role; sub: string },
  opts: { expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '1h');
  if (opts.issuer) jwt = jwt.setIssuer(opts.issuer);
  if (opts.audience) jwt = jwt.setAudience(opts.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
