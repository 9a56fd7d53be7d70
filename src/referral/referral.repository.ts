/**
 * Runs the referral Cypher (cypher/referral/*.cypher) and maps rows to plain records.
 * Acceptance and conversion run in one write transaction each, whose first statements take
 * the write locks that serialize the check-then-write (see ReferralService.accept).
 */
import type { CypherRegistry } from '../db/cypher';
import type { Database, Tx } from '../db/database';
import {
  InvitationRecord,
  ReferralChainRecord,
  ReferralFilterInput,
  ReferralLevelRecord,
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
  'record',
  'lock-invitation',
  'lock-person',
  'acceptance-facts',
  'accept-apply',
  'convert-apply',
  'invited-by',
  'chains',
  'tree-levels-10',
  'tree-levels-100',
  'tree-levels-1000',
  'stats',
  'top-referrers-candidates',
  'top-referrers-regions',
] as const;

export interface NewInvitation {
  id: string;
  inviterOneId: string;
  channel: string;
  campaign: string | null;
  advisorId: string | null;
  sentAt: string;
}

export interface AcceptanceFactsRow {
  topOneId: string;
  inviterDepth: number;
  topHasParent: boolean;
  cycle: boolean;
  alreadyReferred: boolean;
  alreadyCustomer: boolean;
  sameHousehold: boolean;
}

export interface AcceptOutcome {
  status: 'ACCEPTED' | 'REJECTED';
  reason: string | null;
  sameHousehold: boolean;
}

export interface TreeKey {
  oneId: string;
  maxDepth: number;
}

type InvitationRow = { invitation: Record<string, unknown> };

export class ReferralRepository {
  private readonly q: Record<(typeof QUERIES)[number], string>;

  constructor(
    private readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('referral', QUERIES);
  }

  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.write(work);
  }

  async invitationsById(ids: readonly string[]): Promise<Map<string, InvitationRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.read((tx) => tx.run<InvitationRow>(this.q['invitations-by-id'], { ids: [...new Set(ids)] }));
    return new Map(rows.map((r) => [String(r.invitation.id), toInvitationRecord(r.invitation)]));
  }

  /** Create the invitation unless the id exists; returns the stored one and whether it was created. */
  async record(tx: Tx, inv: NewInvitation, now: string): Promise<{ created: boolean; invitation: InvitationRecord } | null> {
    const rows = await tx.run<InvitationRow & { created: boolean }>(this.q.record, {
      id: inv.id,
      inviter: inv.inviterOneId,
      channel: inv.channel,
      campaign: inv.campaign,
      advisorId: inv.advisorId,
      sentAt: inv.sentAt,
      now,
    });
    return rows[0] ? { created: rows[0].created, invitation: toInvitationRecord(rows[0].invitation) } : null;
  }

  /** Lock the invitation for this transaction and read it (null: unknown id). */
  async lockInvitation(tx: Tx, id: string): Promise<InvitationRecord | null> {
    const rows = await tx.run<InvitationRow>(this.q['lock-invitation'], { id });
    return rows[0] ? toInvitationRecord(rows[0].invitation) : null;
  }

  /** Lock the person for this transaction; returns its surviving OneID (null: unknown). */
  async lockPerson(tx: Tx, oneId: string): Promise<string | null> {
    const rows = await tx.run<{ oneId: string }>(this.q['lock-person'], { oneId });
    return rows[0]?.oneId ?? null;
  }

  async acceptanceFacts(tx: Tx, inviter: string, invitee: string, sentAt: string): Promise<AcceptanceFactsRow> {
    const rows = await tx.run<AcceptanceFactsRow>(this.q['acceptance-facts'], { inviter, invitee, sentAt });
    if (!rows[0]) throw new Error('acceptance facts: inviter or invitee vanished inside the transaction');
    return rows[0];
  }

  async applyAcceptance(tx: Tx, id: string, invitee: string, at: string, outcome: AcceptOutcome): Promise<InvitationRecord> {
    const rows = await tx.run<InvitationRow>(this.q['accept-apply'], {
      id,
      invitee,
      at,
      status: outcome.status,
      reason: outcome.reason,
      sameHousehold: outcome.sameHousehold,
    });
    return toInvitationRecord(rows[0].invitation);
  }

  async applyConversion(tx: Tx, id: string, premium: number, at: string): Promise<InvitationRecord> {
    const rows = await tx.run<InvitationRow>(this.q['convert-apply'], { id, premium, at });
    return toInvitationRecord(rows[0].invitation);
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
        const rows = await tx.run<{ oneId: string; maxDepth: number; levels: ReferralLevelRecord[] }>(this.q[`tree-levels-${tier}`], {
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

function filterParams(f: ReferralFilterInput): Record<string, string | null> {
  return {
    campaign: f.campaign ?? null,
    channel: f.channel ?? null,
    advisorId: f.advisorId ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
  };
}
