/**
 * The signed-in token: kept in sessionStorage (this tab only, gone when it closes), never in
 * localStorage, a cookie or the URL. Its payload is read (not verified: the service verifies
 * every request) to know the role and, for an ADVISOR, its advisorId.
 */
const TOKEN_KEY = 'kingraph.token';

export type Role = 'ADMIN' | 'INGEST' | 'ADVISOR' | 'CUSTOMER';

export interface Session {
  token: string;
  role: Role;
  sub: string;
  /** Seconds since the epoch, when the token says. */
  exp: number | null;
}

const ROLES: readonly string[] = ['ADMIN', 'INGEST', 'ADVISOR', 'CUSTOMER'];

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The session of a token, or null when it is not a JWT with a role and a sub. */
export function parseToken(raw: string): Session | null {
  const token = raw.trim().replace(/^(authorization:\s*)?bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(base64UrlDecode(parts[1]!)) as { role?: unknown; sub?: unknown; exp?: unknown };
    if (typeof payload.role !== 'string' || !ROLES.includes(payload.role) || typeof payload.sub !== 'string') return null;
    return { token, role: payload.role as Role, sub: payload.sub, exp: typeof payload.exp === 'number' ? payload.exp : null };
  } catch {
    return null;
  }
}

export const isExpired = (s: Session): boolean => s.exp !== null && s.exp * 1000 <= Date.now();

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(TOKEN_KEY);
  const session = raw ? parseToken(raw) : null;
  return session && !isExpired(session) ? session : null;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(TOKEN_KEY, session.token);
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}
