/** Plain records of the advisors feature (no GraphQL, no driver types), its limits and its cursor. */
import { badInput } from '../errors';
import type { HouseholdRecord } from '../family/family.model';

export type AdvisorStatus = 'ACTIVE' | 'LEFT';

export interface AdvisorRecord {
  advisorId: string;
  name: string | null;
  team: string | null;
  status: AdvisorStatus;
  /** False for an advisorId that households reference but that was never upserted (then ACTIVE, no name, no team). */
  upserted: boolean;
  /** ISO instants of the first and the last upsert (null when never upserted). */
  createdAt: string | null;
  updatedAt: string | null;
}

/** An advisor record from its stored properties; null properties: referenced by households, never upserted. */
export function toAdvisorRecord(advisorId: string, props: Record<string, unknown> | null): AdvisorRecord {
  if (!props) return { advisorId, name: null, team: null, status: 'ACTIVE', upserted: false, createdAt: null, updatedAt: null };
  return {
    advisorId,
    name: (props.name as string | undefined) ?? null,
    team: (props.team as string | undefined) ?? null,
    status: props.status === 'LEFT' ? 'LEFT' : 'ACTIVE',
    upserted: true,
    createdAt: (props.createdAt as string | undefined) ?? null,
    updatedAt: (props.updatedAt as string | undefined) ?? null,
  };
}

/** advisorId: 1 to 128 characters after trimming (as family's assignAdvisor); name and team: at most 200. */
export const ADVISOR_ID_MAX = 128;
export const ADVISOR_TEXT_MAX = 200;
/** orphanHouseholds `first`. */
export const ORPHAN_PAGE = { default: 20, min: 1, max: 100 } as const;
/** reassignHouseholds `householdIds`. */
export const REASSIGN_MAX = 1000;

export interface HouseholdEdgeRecord {
  cursor: string;
  node: HouseholdRecord;
}

export interface HouseholdPage {
  edges: HouseholdEdgeRecord[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface ReassignResultRecord {
  moved: number;
}

/** Position of a household in the orphan ranking: ACTIVE annual premium descending, then id ascending. */
export interface OrphanPosition {
  premium: number;
  id: string;
}

/*
 * Orphan cursors: base64url (no padding) of the JSON {"k":"orphan","p": premium, "id": householdId}.
 * Opaque to clients, not secret; decoding accepts exactly what `encodeOrphanCursor` produces.
 */
const CURSOR_KIND = 'orphan';
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MAX_CURSOR_LENGTH = 1024;

export function encodeOrphanCursor(position: OrphanPosition): string {
  return Buffer.from(JSON.stringify({ k: CURSOR_KIND, p: position.premium, id: position.id }), 'utf8').toString('base64url');
}

/** The position a cursor names; BAD_USER_INPUT (naming `after`) for anything `encodeOrphanCursor` did not produce. */
export function decodeOrphanCursor(cursor: string): OrphanPosition {
  const bad = () => badInput('after is not a cursor of orphanHouseholds', { field: 'after' });
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw bad();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw bad();
  const { k, p, id } = payload as Record<string, unknown>;
  if (k !== CURSOR_KIND || typeof p !== 'number' || !Number.isFinite(p) || typeof id !== 'string' || id === '') throw bad();
  const position = { premium: p, id };
  if (encodeOrphanCursor(position) !== cursor) throw bad();
  return position;
}
