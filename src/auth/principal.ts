export const ROLES = ['ADMIN', 'INGEST', 'ADVISOR', 'CUSTOMER'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from a verified token. For ADVISOR `sub` is the advisorId, for CUSTOMER a OneID. */
export interface Principal {
  role: Role;
  sub: string;
}

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);
