/**
 * Opaque, stable cursors for crossSellOpportunities, ordered by score
 * descending then household id ascending (the order cypher/worklist/cross-sell-page.cypher
 * reads households in; its integration test walks every page).
 *
 * A cursor is base64url (no padding) of the JSON {"s": score, "id": householdId}.
 * It is opaque to clients but not secret; decoding checks that it is exactly
 * what `encodeCursor` would produce, so a truncated, edited or hand-made cursor
 * is refused with InvalidCursorError (the resolver answers BAD_USER_INPUT).
 */

/** Position of one opportunity in the ranking. */
export interface RankPosition {
  score: number;
  householdId: string;
}

/** A cursor that was not produced by `encodeCursor`. */
export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor(readonly cursor: string, detail: string) {
    super(`Invalid cursor: ${detail}`);
    this.name = 'InvalidCursorError';
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MAX_CURSOR_LENGTH = 1024;

/** Encodes a ranking position as an opaque cursor. */
export function encodeCursor(position: RankPosition): string {
  if (!Number.isFinite(position.score)) throw new RangeError(`Cursor score must be finite, got ${position.score}`);
  return Buffer.from(JSON.stringify({ s: position.score, id: position.householdId }), 'utf8').toString('base64url');
}

function parsePayload(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor, 'not a cursor of this list');
  }
}

/** Decodes a cursor; throws InvalidCursorError for anything `encodeCursor` did not produce. */
export function decodeCursor(cursor: string): RankPosition {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) {
    throw new InvalidCursorError(cursor, 'not a cursor of this list');
  }
  const payload = parsePayload(cursor);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new InvalidCursorError(cursor, 'not a cursor of this list');
  }
  const { s, id } = payload as Record<string, unknown>;
  if (typeof s !== 'number' || !Number.isFinite(s) || typeof id !== 'string' || id === '') {
    throw new InvalidCursorError(cursor, 'missing score or id');
  }
  const position = { score: s, householdId: id };
  if (encodeCursor(position) !== cursor) {
    throw new InvalidCursorError(cursor, 'not in canonical form');
  }
  return position;
}
