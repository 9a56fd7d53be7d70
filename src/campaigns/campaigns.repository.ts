/**
 * Runs the dashboard's Cypher (cypher/campaigns/*.cypher) and maps rows to plain records.
 * A breakdown is one read: the groups' figures, the total, and (when spend is
 * attributed) the cost per group and in total: the same two statements with and without
 * the grouping.
 */
import type { CypherRegistry } from '../db/cypher';
import type { Database, Tx } from '../db/database';
import type { InvitationRecord } from '../referral/referral.model';
import { toInvitationRecord } from '../referral/referral.model';
import {
  CampaignRecord,
  CostEntryRecord,
  DrillCursor,
  FigureCounts,
  FullFilter,
  GroupKey,
  Grouping,
  Metric,
  NO_COUNTS,
  TargetRecord,
  groupId,
} from './campaigns.model';

const QUERIES = ['breakdown', 'costs', 'drill-down', 'campaigns-by-id', 'upsert-campaign', 'record-cost', 'set-target', 'targets'] as const;

export interface CountsRow extends FigureCounts {
  key: GroupKey;
}

export interface DrillRow {
  invitation: InvitationRecord;
  personOneId: string | null;
  advisorId: string | null;
}

export interface CampaignWrite {
  id: string;
  name: string;
  startsAt: string | null;
  endsAt: string | null;
}

export interface CostWrite {
  id: string;
  campaign: string;
  channel: string | null;
  amount: number;
  spentAt: string;
}

/** The figures of a breakdown as read: per group and in total; costs null when spend is not attributed. */
export interface BreakdownRead {
  rows: CountsRow[];
  total: FigureCounts;
  costs: Map<string, number> | null;
  totalCost: number | null;
}

type CampaignRow = { campaign: Record<string, unknown>; cost: number };
type TargetRow = { target: Record<string, unknown> };

const NO_GROUPING: Grouping = { by: [], campaign: false, channel: false, advisor: false, period: null };

export class CampaignsRepository {
  private readonly q: Record<(typeof QUERIES)[number], string>;

  constructor(
    private readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('campaigns', QUERIES);
  }

  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.write(work);
  }

  async campaignsById(ids: readonly string[]): Promise<Map<string, CampaignRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.read((tx) => tx.run<CampaignRow>(this.q['campaigns-by-id'], { ids: [...new Set(ids)] }));
    return new Map(rows.map((r) => [String(r.campaign.id), toCampaign(r)]));
  }

  async upsertCampaign(tx: Tx, c: CampaignWrite, now: string): Promise<CampaignRecord> {
    const [row] = await tx.run<CampaignRow>(this.q['upsert-campaign'], { ...c, now });
    return toCampaign(row!);
  }

  /** The stored entry of this id (created now or before), or null when the campaign does not exist. */
  async recordCost(tx: Tx, e: CostWrite, now: string): Promise<{ entry: CostEntryRecord; created: boolean } | null> {
    const [row] = await tx.run<{ entry: Record<string, unknown>; created: boolean }>(this.q['record-cost'], { ...e, now });
    if (!row) return null;
    const x = row.entry;
    return {
      created: row.created,
      entry: { id: String(x.id), campaign: String(x.campaign), channel: (x.channel as string | null) ?? null, amount: Number(x.amount), spentAt: String(x.spentAt) },
    };
  }

  async setTarget(tx: Tx, t: TargetRecord, now: string): Promise<TargetRecord> {
    const [row] = await tx.run<TargetRow>(this.q['set-target'], { ...t, key: JSON.stringify([t.campaign, t.advisorId]), now });
    return toTarget(row!.target);
  }

  async targets(campaign: string, advisorId: string | null): Promise<TargetRecord[]> {
    const rows = await this.db.read((tx) => tx.run<TargetRow>(this.q.targets, { campaign, advisorId }));
    return rows.map((r) => toTarget(r.target));
  }

  /** Groups (at most `limit`), total and costs of a breakdown, in one read. */
  breakdown(f: FullFilter, g: Grouping, timeZone: string, limit: number, withCost: boolean): Promise<BreakdownRead> {
    return this.db.read(async (tx) => {
      const rows = await this.counts(tx, f, g, timeZone, limit);
      const total = (await this.counts(tx, f, NO_GROUPING, timeZone, 1))[0] ?? { key: {}, ...NO_COUNTS };
      if (!withCost) return { rows, total, costs: null, totalCost: null };
      const costs = await this.costs(tx, f, g, timeZone);
      const totalCost = [...(await this.costs(tx, f, NO_GROUPING, timeZone)).values()].reduce((a, b) => a + b, 0);
      return { rows, total, costs, totalCost };
    });
  }

  /** The figures of the whole filter (no grouping): what a drill-down's totalCount counts. */
  async total(f: FullFilter, timeZone: string): Promise<FigureCounts> {
    const [row] = await this.db.read((tx) => this.counts(tx, f, NO_GROUPING, timeZone, 1));
    return row ?? NO_COUNTS;
  }

  async drillDown(f: FullFilter, metric: Metric, after: DrillCursor | null, limit: number): Promise<DrillRow[]> {
    const lo = after && (f.from === null || after.sentAt > f.from) ? after.sentAt : (f.from ?? '');
    const rows = await this.db.read((tx) =>
      tx.run<{ invitation: Record<string, unknown>; personOneId: string | null; advisorId: string | null }>(this.q['drill-down'], {
        ...filterParams(f),
        metric,
        lo,
        hi: f.to ?? '9',
        afterSentAt: after?.sentAt ?? '',
        afterId: after?.id ?? '',
        limit,
      }),
    );
    return rows.map((r) => ({ invitation: toInvitationRecord(r.invitation), personOneId: r.personOneId ?? null, advisorId: r.advisorId ?? null }));
  }

  private async counts(tx: Tx, f: FullFilter, g: Grouping, timeZone: string, limit: number): Promise<CountsRow[]> {
    const rows = await tx.run<FigureCounts & { campaign: string | null; channel: string | null; advisorId: string | null; period: string | null }>(
      this.q.breakdown,
      { ...groupParams(f, g, timeZone), limit },
    );
    return rows.map((r) => ({
      key: keyOf(g, r),
      participants: r.participants,
      invited: r.invited,
      accepted: r.accepted,
      newPeople: r.newPeople,
      spreaders: r.spreaders,
      converted: r.converted,
      premium: r.premium,
    }));
  }

  private async costs(tx: Tx, f: FullFilter, g: Grouping, timeZone: string): Promise<Map<string, number>> {
    const rows = await tx.run<{ campaign: string | null; channel: string | null; period: string | null; cost: number }>(this.q.costs, groupParams(f, g, timeZone));
    return new Map(rows.map((r) => [groupId(keyOf(g, { ...r, advisorId: null })), r.cost]));
  }
}

/**
 * A filter as the dashboard's statements take it: every parameter has one type whatever the
 * filter ('' is no constraint, false for isWithoutCampaign/isWithoutAdvisor, generation ALL/SECOND/ROOT), so
 * Neo4j plans each statement once (its plan cache is keyed by the parameters' types too:
 * null-or-string parameters would plan a statement anew for each combination of them).
 */
function filterParams(f: FullFilter): Record<string, string | boolean> {
  return {
    campaign: f.campaign ?? '',
    channel: f.channel ?? '',
    advisorId: f.advisorId ?? '',
    from: f.from ?? '',
    to: f.to ?? '',
    generation: f.secondGeneration === null ? 'ALL' : f.secondGeneration ? 'SECOND' : 'ROOT',
    isWithoutCampaign: f.noCampaign === true,
    isWithoutAdvisor: f.noAdvisor === true,
  };
}

function groupParams(f: FullFilter, g: Grouping, timeZone: string): Record<string, unknown> {
  // never empty: an empty list would be typed apart from a list of strings (another plan)
  const dimensionKeys = ['-', ...(g.campaign ? ['CAMPAIGN'] : []), ...(g.channel ? ['CHANNEL'] : []), ...(g.advisor ? ['ADVISOR'] : [])];
  return { ...filterParams(f), dimensionKeys, period: g.period ?? '', timeZone };
}

function keyOf(g: Grouping, r: { campaign: string | null; channel: string | null; advisorId: string | null; period: string | null }): GroupKey {
  const key: GroupKey = {};
  if (g.campaign) key.campaign = r.campaign ?? null;
  if (g.channel) key.channel = r.channel ?? null;
  if (g.advisor) key.advisorId = r.advisorId ?? null;
  if (g.period) key.period = r.period ?? null;
  return key;
}

function toCampaign(r: CampaignRow): CampaignRecord {
  const c = r.campaign;
  return {
    id: String(c.id),
    name: String(c.name),
    startsAt: (c.startsAt as string | null | undefined) ?? null,
    endsAt: (c.endsAt as string | null | undefined) ?? null,
    cost: Number(r.cost ?? 0),
  };
}

function toTarget(t: Record<string, unknown>): TargetRecord {
  const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return {
    campaign: String(t.campaign),
    advisorId: String(t.advisorId),
    participants: n(t.participants),
    newPeople: n(t.newPeople),
    converted: n(t.converted),
    premium: n(t.premium),
  };
}
