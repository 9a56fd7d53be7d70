/**
 * Runs the referral Cypher (cypher/referral/*.cypher) and maps rows to plain records.
 * A batch of acceptances or conversions runs in one write transaction whose first statements
 * take the write locks that serialize the check-then-write (see ReferralService.acceptMany),
 * each statement for the whole batch (UNWIND).
 */
import type { CypherRegistry } from '../db/cypher';
import type { Database, Tx } from '../db/database';
import {
  InvitationRecord,
  ReferralChainRecord,
  ReferralFilterInput,
  ReferralLevelRecord,
  fullFilter,
  ReferralTreeRecord,
  rankReferrers,
  ReferrerCandidate,
  ReferrerRecord,
  ReferrerRegion,
  ReferralStatsRecord,
  TREE_TIERS,
  TreeTier,
  toInvitationRecord,
  toStats,
  toTree,
  treeTier,
} from './referral.model';

const QUERIES = [
  'invitations-by-id',
  'record-many',
  'lock-invitations',
  'lock-persons',
  'referral-tops',
  'acceptance-facts-many',
  'accept-apply-many',
  'convert-apply-many',
  'invited-by',
  'chains',
  'tree-levels',
  'stats',
  'top-referrers-candidates',
  'top-referrers-regions',
] as const;

/** Where tree-levels.cypher takes its variable-length bound, which Cypher cannot parameterize. */
export const MAX_DEPTH_PLACEHOLDER = '$$MAX_DEPTH$$';

/** The tree-levels statement for one fixed depth tier (10, 100, 1000), never a caller's number. */
export function treeLevelsStatement(template: string, tier: TreeTier): string {
  if (!TREE_TIERS.includes(tier)) throw new Error(`tree-levels: ${String(tier)} is not a depth tier`);
  if (!template.includes(MAX_DEPTH_PLACEHOLDER)) throw new Error(`tree-levels: the template has no ${MAX_DEPTH_PLACEHOLDER}`);
  return template.replaceAll(MAX_DEPTH_PLACEHOLDER, String(tier));
}

export interface NewInvitation {
  id: string;
  inviterOneId: string;
  channel: string;
  campaign: string | null;
  advisorId: string | null;
  sentAt: string;
}

/** What a batch of acceptances needs to know about one person (see acceptance-facts-many.cypher). */
export interface PersonFactsRow {
  oneId: string;
  /** Ancestors in the referral tree, nearest first, at most MAX_CHAIN_DEPTH of them. */
  ancestors: string[];
  /** The last ancestor (or the person) still has a parent: the chain bound was hit. */
  topHasParent: boolean;
  /** Came in through an accepted (or converted) invitation. */
  referred: boolean;
  /** Start date (YYYY-MM-DD) of the earliest policy it holds or is insured by; null: none. */
  firstPolicyStart: string | null;
  households: string[];
}

export interface AcceptanceWrite {
  id: string;
  invitee: string;
  at: string;
  status: 'ACCEPTED' | 'REJECTED';
  reason: string | null;
  sameHousehold: boolean;
}

export interface ConversionWrite {
  id: string;
  premium: number;
  at: string;
  /** The policy the conversion is tied to; null for a conversion by premium. */
  policyNo: string | null;
}

export interface TreeKey {
  oneId: string;
  maxDepth: number;
}

type InvitationRow = { invitation: Record<string, unknown> };

export class ReferralRepository {
  private readonly q: Record<(typeof QUERIES)[number], string>;
  private readonly treeLevels: Record<TreeTier, string>;

  constructor(
    private readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('referral', QUERIES);
    this.treeLevels = Object.fromEntries(TREE_TIERS.map((t) => [t, treeLevelsStatement(this.q['tree-levels'], t)])) as Record<TreeTier, string>;
  }

  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.write(work);
  }

  async invitationsById(ids: readonly string[]): Promise<Map<string, InvitationRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.read((tx) => tx.run<InvitationRow>(this.q['invitations-by-id'], { ids: [...new Set(ids)] }));
    return new Map(rows.map((r) => [String(r.invitation.id), toInvitationRecord(r.invitation)]));
  }

  /**
   * Create each invitation unless its id exists (ids distinct); per id, the stored invitation
   * and whether it was created. An id whose inviter does not exist is missing from the map.
   */
  async recordMany(tx: Tx, invs: readonly NewInvitation[], now: string): Promise<Map<string, { created: boolean; invitation: InvitationRecord }>> {
    if (invs.length === 0) return new Map();
    const rows = await tx.run<InvitationRow & { id: string; created: boolean }>(this.q['record-many'], {
      rows: invs.map((inv) => ({
        id: inv.id,
        inviter: inv.inviterOneId,
        channel: inv.channel,
        campaign: inv.campaign,
        advisorId: inv.advisorId,
        sentAt: inv.sentAt,
      })),
      now,
    });
    return new Map(rows.map((r) => [r.id, { created: r.created, invitation: toInvitationRecord(r.invitation) }]));
  }

  /** Lock the invitations for this transaction, in sorted order, and read them (unknown ids are missing). */
  async lockInvitations(tx: Tx, ids: readonly string[]): Promise<Map<string, InvitationRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.run<InvitationRow>(this.q['lock-invitations'], { ids: sortedUnique(ids) });
    return new Map(rows.map((r) => [String(r.invitation.id), toInvitationRecord(r.invitation)]));
  }

  /** Lock the persons for this transaction, in sorted order; requested OneID -> surviving OneID (unknown ones are missing). */
  async lockPersons(tx: Tx, oneIds: readonly string[]): Promise<Map<string, string>> {
    if (oneIds.length === 0) return new Map();
    const rows = await tx.run<{ oneId: string; survivor: string }>(this.q['lock-persons'], { oneIds: sortedUnique(oneIds) });
    return new Map(rows.map((r) => [r.oneId, r.survivor]));
  }

  /** Each person's top ancestor in the referral tree (itself when a root) and its distance. */
  async referralTops(tx: Tx, oneIds: readonly string[]): Promise<Map<string, { topOneId: string; depth: number }>> {
    if (oneIds.length === 0) return new Map();
    const rows = await tx.run<{ oneId: string; topOneId: string; depth: number }>(this.q['referral-tops'], { oneIds: sortedUnique(oneIds) });
    return new Map(rows.map((r) => [r.oneId, { topOneId: r.topOneId, depth: r.depth }]));
  }

  async acceptanceFacts(tx: Tx, oneIds: readonly string[]): Promise<Map<string, PersonFactsRow>> {
    if (oneIds.length === 0) return new Map();
    const rows = await tx.run<PersonFactsRow>(this.q['acceptance-facts-many'], { oneIds: sortedUnique(oneIds) });
    return new Map(rows.map((r) => [r.oneId, r]));
  }

  /** Write the outcomes of acceptances (ids distinct); per id, the answered invitation. */
  async applyAcceptances(tx: Tx, writes: readonly AcceptanceWrite[]): Promise<Map<string, InvitationRecord>> {
    if (writes.length === 0) return new Map();
    return this.applyInvitationWrites(tx, 'accept-apply-many', writes);
  }

  /** Convert accepted invitations (ids distinct); per id, the converted invitation. */
  async applyConversions(tx: Tx, writes: readonly ConversionWrite[]): Promise<Map<string, InvitationRecord>> {
    if (writes.length === 0) return new Map();
    return this.applyInvitationWrites(tx, 'convert-apply-many', writes);
  }

  /** Run one invitation write; per id, the answered invitation. The inviters' work-lists change (follow-ups). */
  private async applyInvitationWrites(tx: Tx, statement: 'accept-apply-many' | 'convert-apply-many', writes: readonly object[]): Promise<Map<string, InvitationRecord>> {
    const rows = await tx.run<InvitationRow>(this.q[statement], { rows: writes });
    const out = new Map(rows.map((r) => [String(r.invitation.id), toInvitationRecord(r.invitation)]));
    tx.touch('persons', [...out.values()].map((i) => i.inviterOneId));
    return out;
  }

  /** The accepted invitation behind each person's incoming tree edge. */
  async invitedBy(oneIds: readonly string[]): Promise<Map<string, InvitationRecord>> {
    const rows = await this.db.read((tx) =>
      tx.run<InvitationRow & { oneId: string }>(this.q['invited-by'], { oneIds: [...new Set(oneIds)] }),
    );
    return new Map(rows.map((r) => [r.oneId, toInvitationRecord(r.invitation)]));
  }

  async chains(oneIds: readonly string[]): Promise<Map<string, ReferralChainRecord>> {
    const rows = await this.db.read((tx) =>
      tx.run<{ oneId: string; rootOneId: string; depth: number; links: Record<string, unknown>[] }>(this.q.chains, {
        oneIds: [...new Set(oneIds)],
      }),
    );
    return new Map(
      rows.map((r) => [r.oneId, { rootOneId: r.rootOneId, depth: r.depth, links: r.links.map(toInvitationRecord) }]),
    );
  }

  /** Per-depth aggregates, one statement per depth tier present in the batch (at most three). */
  async trees(keys: readonly TreeKey[]): Promise<Map<string, ReferralTreeRecord>> {
    const byTier = new Map<TreeTier, TreeKey[]>();
    for (const k of keys) {
      const tier = treeTier(k.maxDepth);
      byTier.set(tier, [...(byTier.get(tier) ?? []), k]);
    }
    const out = new Map<string, ReferralTreeRecord>();
    await this.db.read(async (tx) => {
      for (const tier of TREE_TIERS) {
        const roots = byTier.get(tier);
        if (!roots) continue;
        const rows = await tx.run<{ oneId: string; maxDepth: number; levels: ReferralLevelRecord[] }>(this.treeLevels[tier], {
          roots,
        });
        for (const r of rows) out.set(treeKey(r), toTree(r.oneId, r.levels));
      }
    });
    return out;
  }

  async stats(filter: ReferralFilterInput): Promise<ReferralStatsRecord> {
    const rows = await this.db.read((tx) =>
      tx.run<{ invited: number; accepted: number; converted: number; premium: number; inviters: number }>(this.q.stats, filterParams(filter)),
    );
    return toStats(rows[0] ?? { invited: 0, accepted: 0, converted: 0, premium: 0, inviters: 0 });
  }

  /** Two statements whatever the number of referrers: the candidates, then their tree regions (summed up in rankReferrers). */
  topReferrers(filter: ReferralFilterInput, first: number): Promise<ReferrerRecord[]> {
    return this.db.read(async (tx) => {
      const candidates = await tx.run<ReferrerCandidate>(this.q['top-referrers-candidates'], filterParams(filter));
      if (candidates.length === 0) return [];
      const regions = await tx.run<ReferrerRegion>(this.q['top-referrers-regions'], { candidates: candidates.map((c) => c.oneId) });
      return rankReferrers(candidates, regions, first);
    });
  }
}

export const treeKey = (k: TreeKey): string => `${k.oneId}|${k.maxDepth}`;

/** Locks are taken in one global order (sorted ids) so batches wait for each other instead of deadlocking. */
function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** The parameters every filtered referral statement takes (see stats.cypher): null is no constraint. */
export const filterParams = (f: ReferralFilterInput): Record<string, string | boolean | null> => fullFilter(f);
