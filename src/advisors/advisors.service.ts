/**
 * Advisors: records with a status (ACTIVE, LEFT), orphan households (no advisor, or a LEFT
 * one) and moving households between advisors. No GraphQL, no Cypher.
 *
 * Every write validates its input first (BAD_USER_INPUT naming the field, in the message and
 * as `field` in the error's extensions), then checks what depends on the graph inside its one
 * write transaction and writes there: bad input writes nothing. A write that changes which
 * advisor a household has, or the status of a household's advisor, touches those households
 * so the derived work-list state is recomputed before commit.
 */
import type { Clock } from '../clock';
import { badInput } from '../errors';
import type { Logger } from '../logger';
import {
  ADVISOR_ID_MAX,
  ADVISOR_TEXT_MAX,
  AdvisorRecord,
  AdvisorStatus,
  decodeOrphanCursor,
  encodeOrphanCursor,
  HouseholdPage,
  ORPHAN_PAGE,
  OrphanPosition,
  REASSIGN_MAX,
  ReassignResultRecord,
} from './advisors.model';
import type { AdvisorsRepository } from './advisors.repository';

export interface AdvisorInputDTO {
  advisorId: string;
  /** Absent (undefined): keep the stored value; null: clear it. */
  name?: string | null;
  team?: string | null;
  /** null or absent: keep the current status (ACTIVE for a new advisor). */
  status?: AdvisorStatus | null;
}

export interface ReassignDTO {
  householdIds?: readonly string[] | null;
  fromAdvisorId?: string | null;
  toAdvisorId: string;
}

const invalid = (field: string, message: string, details: Record<string, unknown> = {}) => badInput(`${field} ${message}`, { field, ...details });

/** An advisorId trimmed (as family's assignAdvisor stores it), 1 to 128 characters; BAD_USER_INPUT naming `field` otherwise. */
function checkAdvisorId(field: string, value: string): string {
  const id = value.trim();
  if (id.length < 1 || id.length > ADVISOR_ID_MAX) throw invalid(field, `must be 1 to ${ADVISOR_ID_MAX} characters`);
  return id;
}

/** Free text of at most 200 characters (code points); null and undefined pass through. */
function checkText(field: string, value: string | null | undefined): string | null | undefined {
  if (value != null && [...value].length > ADVISOR_TEXT_MAX) throw invalid(field, `must be at most ${ADVISOR_TEXT_MAX} characters`);
  return value;
}

export class AdvisorsService {
  constructor(
    private readonly repo: AdvisorsRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  // ---- batched reads (the loaders) ----

  /** Each advisor (status ACTIVE for an advisorId households reference but never upserted), null when unknown. */
  advisorsById(ids: readonly string[]): Promise<Array<AdvisorRecord | null>> {
    return this.repo.advisorsById(ids);
  }

  householdCounts(ids: readonly string[]): Promise<number[]> {
    return this.repo.householdCounts(ids);
  }

  // ---- reads ----

  /** Orphan households, largest ACTIVE annual premium first, then id; `first` 1 to 100 after the cursor `after`. */
  async orphans(first: number | null | undefined, after: string | null | undefined): Promise<HouseholdPage> {
    const size = first ?? ORPHAN_PAGE.default;
    if (!Number.isInteger(size) || size < ORPHAN_PAGE.min || size > ORPHAN_PAGE.max) {
      throw invalid('first', `must be between ${ORPHAN_PAGE.min} and ${ORPHAN_PAGE.max} (got ${size})`);
    }
    const position: OrphanPosition | null = after == null ? null : decodeOrphanCursor(after);
    const slice = await this.repo.orphans(size, position);
    const edges = slice.page.map((r) => ({ cursor: encodeOrphanCursor({ premium: r.premium, id: r.household.id }), node: r.household }));
    return {
      edges,
      pageInfo: { hasNextPage: slice.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: slice.totalCount,
    };
  }

  // ---- writes ----

  /** Create or update an advisor. Setting LEFT makes its households orphans (they keep its advisorId until reassigned). */
  async upsert(input: AdvisorInputDTO): Promise<AdvisorRecord> {
    const advisorId = checkAdvisorId('advisorId', input.advisorId);
    const name = checkText('name', input.name);
    const team = checkText('team', input.team);
    const status = input.status ?? null;
    const at = this.clock.now().toISOString();
    const { advisor, households } = await this.repo.write(async (tx) => {
      const result = await this.repo.upsertAdvisor(tx, { advisorId, name, team, status, at });
      tx.touch('households', result.households);
      return result;
    });
    if (households.length > 0) this.log.info({ advisorId, status: advisor.status, households: households.length }, 'advisor status changed');
    return advisor;
  }

  /**
   * Move households to an ACTIVE advisor in one transaction, all or nothing: exactly one of
   * householdIds (1 to 1000, every one must exist) or fromAdvisorId (all of its households).
   * `moved` counts the households whose advisor actually changed (one already with
   * toAdvisorId is not counted; an unknown fromAdvisorId moves nothing).
   */
  async reassign(input: ReassignDTO): Promise<ReassignResultRecord> {
    const toAdvisorId = checkAdvisorId('toAdvisorId', input.toAdvisorId);
    const byIds = input.householdIds != null;
    const byAdvisor = input.fromAdvisorId != null;
    if (byIds === byAdvisor) {
      throw invalid('householdIds', 'or fromAdvisorId: give exactly one of them', { fields: ['householdIds', 'fromAdvisorId'] });
    }
    let householdIds: string[] = [];
    let fromAdvisorId = '';
    if (byIds) {
      const ids = input.householdIds!;
      if (ids.length < 1 || ids.length > REASSIGN_MAX) throw invalid('householdIds', `must list 1 to ${REASSIGN_MAX} households (got ${ids.length})`);
      householdIds = [...new Set(ids)].sort();
    } else {
      fromAdvisorId = checkAdvisorId('fromAdvisorId', input.fromAdvisorId!);
    }

    const moved = await this.repo.write(async (tx) => {
      const status = await this.repo.statusForUpdate(tx, toAdvisorId);
      if (status !== 'ACTIVE') {
        throw invalid('toAdvisorId', status === 'LEFT' ? 'names an advisor who has LEFT' : 'names no known advisor (upsert it first)');
      }
      if (byIds) {
        const missing = await this.repo.missingHouseholds(tx, householdIds);
        if (missing.length > 0) {
          throw invalid('householdIds', `names ${missing.length} unknown household(s): ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`, {
            missing: missing.slice(0, 100),
          });
        }
      }
      const ids = byIds ? await this.repo.moveHouseholds(tx, householdIds, toAdvisorId) : await this.repo.moveAdvisorHouseholds(tx, fromAdvisorId, toAdvisorId);
      tx.touch('households', ids);
      return ids.length;
    });
    if (moved > 0) this.log.info({ toAdvisorId, fromAdvisorId: byAdvisor ? fromAdvisorId : undefined, moved }, 'households reassigned');
    return { moved };
  }
}
