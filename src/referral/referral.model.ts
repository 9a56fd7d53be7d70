/**
 * Plain records and pure rules of the referral feature: no GraphQL, no database.
 * Times are ISO-8601 UTC instants (as the DateTime scalar normalizes them), so they
 * compare correctly as strings.
 */

export type InvitationStatusValue = 'SENT' | 'ACCEPTED' | 'CONVERTED' | 'REJECTED';

export interface InvitationRecord {
  id: string;
  channel: string;
  campaign: string | null;
  advisorId: string | null;
  sentAt: string;
  acceptedAt: string | null;
  convertedAt: string | null;
  status: InvitationStatusValue;
  rejectionReason: string | null;
  premium: number | null;
  sameHousehold: boolean;
  /** The policy a conversion was tied to (convertInvitationByPolicy); null otherwise. */
  policyNo: string | null;
  /** Surviving OneID of the inviter (identity merges move the INVITER link). */
  inviterOneId: string;
  /** Surviving OneID of the invitee; null while SENT. */
  inviteeOneId: string | null;
}

export interface ReferralChainRecord {
  /** The top ancestor; the person itself when nobody invited it. */
  rootOneId: string;
  depth: number;
  /** Accepted (or converted) invitations, root first. */
  links: InvitationRecord[];
}

export interface ReferralLevelRecord {
  depth: number;
  accepted: number;
  converted: number;
  premium: number;
}

export interface ReferralTreeRecord {
  rootOneId: string;
  size: number;
  maxDepth: number;
  levels: ReferralLevelRecord[];
  converted: number;
  premium: number;
}

export interface ReferralFilterInput {
  campaign?: string | null;
  channel?: string | null;
  advisorId?: string | null;
  /** Inclusive lower bound on sentAt. */
  from?: string | null;
  /** Exclusive upper bound on sentAt. */
  to?: string | null;
  /** true: only invitations whose inviter came in through an accepted invitation; false: only those of root inviters. */
  secondGeneration?: boolean | null;
  /** true: only invitations without a campaign (false or null: no constraint). */
  noCampaign?: boolean | null;
  /** true: only invitations without an advisorId (false or null: no constraint). */
  noAdvisor?: boolean | null;
}

/** Every field of a filter present, null where it does not constrain (noCampaign and noAdvisor constrain only when true). */
export function fullFilter(f: ReferralFilterInput): Required<ReferralFilterInput> {
  return {
    campaign: f.campaign ?? null,
    channel: f.channel ?? null,
    advisorId: f.advisorId ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    secondGeneration: f.secondGeneration ?? null,
    noCampaign: f.noCampaign === true ? true : null,
    noAdvisor: f.noAdvisor === true ? true : null,
  };
}

export interface ReferralStatsRecord {
  invited: number;
  accepted: number;
  converted: number;
  conversionRate: number;
  kFactor: number;
  premium: number;
}

export interface ReferrerRecord {
  oneId: string;
  invited: number;
  converted: number;
  descendants: number;
  treePremium: number;
}

/** Bounds: the tree query's depth parameter and the upward walks (chain, cycle check). */
export const MAX_TREE_DEPTH = 1000;
export const DEFAULT_TREE_DEPTH = 10;
/** Upward walks follow one parent per person, so a generous bound stays cheap. */
export const MAX_CHAIN_DEPTH = 10_000;
export const MAX_TOP_REFERRERS = 100;
export const MAX_CHANNEL_LENGTH = 64;
export const MAX_ID_LENGTH = 128;

/** Rejection reasons, stored verbatim in Invitation.rejectionReason. */
export const REJECTION = {
  selfReferral: 'self-referral: the invitee is the inviter',
  cycle: 'cycle: the invitee is an ancestor of the inviter in the referral tree',
  alreadyCustomer: 'already a customer: held or was insured by a policy that started before the invitation was sent',
  alreadyReferred: 'already referred: the invitee accepted another invitation first',
  tooDeep: `referral chain deeper than ${MAX_CHAIN_DEPTH} levels`,
} as const;

export interface AcceptanceFacts {
  selfReferral: boolean;
  cycle: boolean;
  alreadyCustomer: boolean;
  alreadyReferred: boolean;
  tooDeep: boolean;
}

/** The reason an acceptance is rejected, checked in this order; null: it is accepted. */
export function rejectionReason(f: AcceptanceFacts): string | null {
  if (f.selfReferral) return REJECTION.selfReferral;
  if (f.cycle) return REJECTION.cycle;
  if (f.tooDeep) return REJECTION.tooDeep;
  if (f.alreadyCustomer) return REJECTION.alreadyCustomer;
  if (f.alreadyReferred) return REJECTION.alreadyReferred;
  return null;
}

/** Contract definitions: conversionRate = converted / invited, kFactor = accepted / distinct inviters (0 when nothing). */
export function toStats(row: { invited: number; accepted: number; converted: number; premium: number; inviters: number }): ReferralStatsRecord {
  return {
    invited: row.invited,
    accepted: row.accepted,
    converted: row.converted,
    conversionRate: row.invited === 0 ? 0 : row.converted / row.invited,
    kFactor: row.invited === 0 || row.inviters === 0 ? 0 : row.accepted / row.inviters,
    premium: row.premium,
  };
}

/** Turn per-depth aggregates into a tree summary (levels sorted by depth). */
export function toTree(rootOneId: string, levels: ReferralLevelRecord[]): ReferralTreeRecord {
  const sorted = [...levels].sort((a, b) => a.depth - b.depth);
  return {
    rootOneId,
    size: sorted.reduce((n, l) => n + l.accepted, 0),
    maxDepth: sorted.length ? sorted[sorted.length - 1].depth : 0,
    levels: sorted,
    converted: sorted.reduce((n, l) => n + l.converted, 0),
    premium: sorted.reduce((n, l) => n + l.premium, 0),
  };
}

/**
 * The bounded tree statements: the smallest tier whose literal bound covers maxDepth
 * (Cypher cannot take a variable-length bound as a parameter, and a length filter is not
 * pushed into the expansion, so the common shallow queries get a shallow statement).
 */
export const TREE_TIERS = [10, 100, 1000] as const;
export type TreeTier = (typeof TREE_TIERS)[number];

export function treeTier(maxDepth: number): TreeTier {
  return TREE_TIERS.find((t) => maxDepth <= t) ?? 1000;
}

export function toInvitationRecord(row: Record<string, unknown>): InvitationRecord {
  const premium = row.premium;
  return {
    id: String(row.id),
    channel: String(row.channel),
    campaign: (row.campaign as string | null | undefined) ?? null,
    advisorId: (row.advisorId as string | null | undefined) ?? null,
    sentAt: String(row.sentAt),
    acceptedAt: (row.acceptedAt as string | null | undefined) ?? null,
    convertedAt: (row.convertedAt as string | null | undefined) ?? null,
    status: row.status as InvitationStatusValue,
    rejectionReason: (row.rejectionReason as string | null | undefined) ?? null,
    premium: premium === null || premium === undefined ? null : Number(premium),
    sameHousehold: row.sameHousehold === true,
    policyNo: (row.policyNo as string | null | undefined) ?? null,
    inviterOneId: String(row.inviterOneId),
    inviteeOneId: (row.inviteeOneId as string | null | undefined) ?? null,
  };
}

export interface ReferrerCandidate {
  oneId: string;
  invited: number;
  converted: number;
}

/** A candidate's region: descendants reached without passing another candidate, and the candidates on its border. */
export interface ReferrerRegion {
  oneId: string;
  regionSize: number;
  regionPremium: number;
  /** Candidates just below the region, with the premium of the tree edge that reaches each. */
  border: Array<{ oneId: string; premium: number }>;
}

/**
 * Whole-tree totals from regions: a candidate's tree is its region plus, for each border
 * candidate, that candidate itself (its incoming edge's premium) and its own tree. Each
 * region is visited once (iteratively: chains can be deep), then referrers are ranked by
 * treePremium, then descendants, then oneId.
 */
export function rankReferrers(candidates: readonly ReferrerCandidate[], regions: readonly ReferrerRegion[], first: number): ReferrerRecord[] {
  const byId = new Map(regions.map((r) => [r.oneId, r]));
  const totals = new Map<string, { descendants: number; premium: number }>();
  const total = (start: string): { descendants: number; premium: number } => {
    const stack: Array<{ id: string; expanded: boolean }> = [{ id: start, expanded: false }];
    const onStack = new Set<string>([start]);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const region = byId.get(top.id);
      if (totals.has(top.id)) {
        stack.pop();
        continue;
      }
      if (!top.expanded) {
        top.expanded = true;
        for (const b of region?.border ?? []) {
          // a border seen on the current walk would be a cycle: the tree is a forest, so ignore it
          if (!totals.has(b.oneId) && !onStack.has(b.oneId)) {
            onStack.add(b.oneId);
            stack.push({ id: b.oneId, expanded: false });
          }
        }
        continue;
      }
      let descendants = region?.regionSize ?? 0;
      let premium = region?.regionPremium ?? 0;
      for (const b of region?.border ?? []) {
        const sub = totals.get(b.oneId);
        if (!sub) continue;
        descendants += 1 + sub.descendants;
        premium += b.premium + sub.premium;
      }
      totals.set(top.id, { descendants, premium });
      stack.pop();
    }
    return totals.get(start)!;
  };
  return candidates
    .map((c) => {
      const t = total(c.oneId);
      return { oneId: c.oneId, invited: c.invited, converted: c.converted, descendants: t.descendants, treePremium: t.premium };
    })
    .sort((a, b) => b.treePremium - a.treePremium || b.descendants - a.descendants || (a.oneId < b.oneId ? -1 : a.oneId > b.oneId ? 1 : 0))
    .slice(0, first);
}
