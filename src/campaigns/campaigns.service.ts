/**
 * The referral programme's dashboard (contract: campaigns.graphql): campaigns and their spend,
 * advisors' targets with progress, breakdowns of every figure by campaign, channel, advisor
 * and calendar period, the drill-down to the people behind a figure, and conversions tied to
 * the policy they produced.
 *
 * Figures follow the referral feature's definitions (its filter and toStats); a drill-down's
 * totalCount is the breakdown statement's figure for the same filter, so the two agree by
 * construction. Conversions go through ReferralService.convertMany (its locks, its write and
 * the derived-state touch of the inviters), with this feature's policy checks.
 */
import { AppError, badInput, notFound, unwrap } from '../errors';
import type { CoverageService } from '../coverage/coverage.service';
import type { InvitationRecord } from '../referral/referral.model';
import type { ReferralService } from '../referral/referral.service';
import { validateFilter } from '../referral/referral.service';
import type { ReferralFilterInput } from '../referral/referral.model';
import {
  Breakdown,
  BreakdownRow,
  CampaignRecord,
  DRILL_DOWN_PAGE,
  Dimension,
  DrillCursor,
  FullFilter,
  MAX_AMOUNT,
  MAX_BREAKDOWN_ROWS,
  MAX_CHANNEL_LENGTH,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  Metric,
  METRICS,
  TargetProgress,
  TargetRecord,
  compareProgress,
  compareRows,
  completion,
  costApplies,
  decodeCursor,
  encodeCursor,
  groupFilter,
  groupId,
  grouping,
  localDay,
  startOfDay,
  toFigures,
  FigureCounts,
} from './campaigns.model';
import type { CampaignsRepository, DrillRow } from './campaigns.repository';

export interface CampaignInputDTO {
  id: string;
  name: string;
  startsAt?: string | null;
  endsAt?: string | null;
}

export interface CostInputDTO {
  id: string;
  campaign: string;
  channel?: string | null;
  amount: number;
  spentAt: string;
}

export interface TargetInputDTO {
  campaign: string;
  advisorId: string;
  participants?: number | null;
  newPeople?: number | null;
  converted?: number | null;
  premium?: number | null;
}

export interface DrillDownPage {
  edges: Array<{ cursor: string; node: DrillRow }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** The filter and metric, for totalCount (computed only when asked). */
  filter: FullFilter;
  metric: Metric;
}

const METRIC_FIGURE: Record<Metric, keyof FigureCounts> = {
  PARTICIPANTS: 'participants',
  INVITED: 'invited',
  ACCEPTED: 'accepted',
  NEW_PEOPLE: 'newPeople',
  SPREADERS: 'spreaders',
  CONVERTED: 'converted',
};

export class CampaignsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly deps: { referral: ReferralService; coverage: CoverageService; timeZone: string; now?: () => string },
  ) {}

  // ---- campaigns and spend ----

  async campaignsById(ids: readonly string[]): Promise<Array<CampaignRecord | null>> {
    const found = await this.repo.campaignsById(ids);
    return ids.map((id) => found.get(id) ?? null);
  }

  /** Create or replace a campaign (its cost entries stay). */
  upsertCampaign(input: CampaignInputDTO): Promise<CampaignRecord> {
    const problems: string[] = [];
    const id = requiredText('id', input.id, MAX_ID_LENGTH, problems);
    const name = requiredText('name', input.name, MAX_NAME_LENGTH, problems);
    const startsAt = input.startsAt ?? null;
    const endsAt = input.endsAt ?? null;
    if (startsAt !== null && endsAt !== null && endsAt <= startsAt) problems.push('endsAt must be after startsAt');
    if (problems.length) throw badInput(`Invalid campaign: ${problems.join('; ')}`);
    return this.repo.write((tx) => this.repo.upsertCampaign(tx, { id, name, startsAt, endsAt }, this.now()));
  }

  /**
   * Record a cost entry under its client-chosen id; the same id with the same content again
   * writes nothing; other content, an unknown campaign or a bad amount is BAD_USER_INPUT and
   * writes nothing. Answers the campaign (with its cost).
   */
  async recordCost(input: CostInputDTO): Promise<CampaignRecord> {
    const problems: string[] = [];
    const id = requiredText('id', input.id, MAX_ID_LENGTH, problems);
    const campaign = requiredText('campaign', input.campaign, MAX_ID_LENGTH, problems);
    const channel = input.channel === null || input.channel === undefined ? null : requiredText('channel', input.channel, MAX_CHANNEL_LENGTH, problems);
    if (!Number.isInteger(input.amount) || input.amount <= 0 || input.amount > MAX_AMOUNT) problems.push(`amount must be a whole number from 1 to ${MAX_AMOUNT}`);
    if (problems.length) throw badInput(`Invalid cost entry: ${problems.join('; ')}`);
    const wanted = { id, campaign, channel, amount: input.amount, spentAt: input.spentAt };
    await this.repo.write(async (tx) => {
      const saved = await this.repo.recordCost(tx, wanted, this.now());
      if (!saved) throw badInput('campaign must be an upserted campaign');
      const differs = (['campaign', 'channel', 'amount', 'spentAt'] as const).filter((k) => saved.entry[k] !== wanted[k]);
      // The id exists with other content: refused (the transaction wrote nothing: MERGE matched).
      if (!saved.created && differs.length) throw badInput(`The cost entry id was already recorded with a different ${differs.join(', ')}`);
    });
    const [stored] = await this.campaignsById([campaign]);
    if (!stored) throw notFound('Campaign');
    return stored;
  }

  // ---- targets ----

  async setTarget(input: TargetInputDTO): Promise<TargetProgress> {
    const problems: string[] = [];
    const campaign = requiredText('campaign', input.campaign, MAX_ID_LENGTH, problems);
    const advisorId = requiredText('advisorId', input.advisorId, MAX_ID_LENGTH, problems);
    const figure = (name: 'participants' | 'newPeople' | 'converted' | 'premium'): number | null => {
      const v = input[name];
      if (v === null || v === undefined) return null;
      if (!Number.isInteger(v) || v <= 0 || v > MAX_AMOUNT) problems.push(`${name} must be a whole number more than 0 when set`);
      return v;
    };
    const target: TargetRecord = {
      campaign,
      advisorId,
      participants: figure('participants'),
      newPeople: figure('newPeople'),
      converted: figure('converted'),
      premium: figure('premium'),
    };
    if (problems.length) throw badInput(`Invalid referral target: ${problems.join('; ')}`);
    if (!(await this.repo.campaignsById([campaign])).has(campaign)) throw badInput('campaign must be an upserted campaign');
    const saved = await this.repo.write((tx) => this.repo.setTarget(tx, target, this.now()));
    const [progress] = await this.progress([saved]);
    return progress!;
  }

  /** Every advisor with a target in the campaign (only `advisorId`'s when set), lowest completion first. */
  async targets(campaign: string, advisorId: string | null): Promise<TargetProgress[]> {
    const targets = await this.repo.targets(campaign, advisorId);
    return (await this.progress(targets)).sort(compareProgress);
  }

  /** Actual figures of the targets' advisors: one breakdown by ADVISOR per campaign. */
  private async progress(targets: readonly TargetRecord[]): Promise<TargetProgress[]> {
    const out: TargetProgress[] = [];
    for (const campaign of new Set(targets.map((t) => t.campaign))) {
      const mine = targets.filter((t) => t.campaign === campaign);
      const f = validateFilter({ campaign, advisorId: mine.length === 1 ? mine[0]!.advisorId : null });
      const read = await this.repo.breakdown(f, grouping(['ADVISOR']), this.deps.timeZone, MAX_BREAKDOWN_ROWS + 1, false);
      const byAdvisor = new Map(read.rows.map((r) => [r.key.advisorId ?? null, r]));
      for (const t of mine) {
        const actual = byAdvisor.get(t.advisorId) ?? { participants: 0, invited: 0, accepted: 0, newPeople: 0, spreaders: 0, converted: 0, premium: 0 };
        const target = { participants: t.participants, newPeople: t.newPeople, converted: t.converted, premium: t.premium };
        out.push({ campaign, advisorId: t.advisorId, target, actual: toFigures(actual, null), completion: completion(target, actual) });
      }
    }
    return out;
  }

  // ---- breakdown and drill-down ----

  async breakdown(filter: ReferralFilterInput | null | undefined, by: readonly Dimension[]): Promise<Breakdown> {
    const f = validateFilter(filter);
    const g = grouping(by);
    const { timeZone } = this.deps;
    const withCost = costApplies(g, f);
    const read = await this.repo.breakdown(f, g, timeZone, MAX_BREAKDOWN_ROWS + 1, withCost);
    if (read.rows.length > MAX_BREAKDOWN_ROWS) {
      throw badInput(`by: the breakdown has more than ${MAX_BREAKDOWN_ROWS} rows; narrow the filter or use fewer or coarser dimensions`);
    }
    const rows = read.rows.map(
      (r): BreakdownRow => ({
        campaign: r.key.campaign ?? null,
        channel: r.key.channel ?? null,
        advisorId: r.key.advisorId ?? null,
        period: r.key.period ?? null,
        figures: toFigures(r, read.costs ? (read.costs.get(groupId(r.key)) ?? 0) : null),
        filter: groupFilter(f, g, r.key, timeZone),
      }),
    );
    return { rows: rows.sort(compareRows(g.by)), total: toFigures(read.total, read.totalCost) };
  }

  async drillDown(filter: ReferralFilterInput | null | undefined, metric: Metric, first: number | null | undefined, after: string | null | undefined): Promise<DrillDownPage> {
    const f = validateFilter(filter);
    if (!METRICS.includes(metric)) throw badInput('metric is not a ReferralMetric');
    const n = first ?? DRILL_DOWN_PAGE.default;
    if (!Number.isInteger(n) || n < DRILL_DOWN_PAGE.min || n > DRILL_DOWN_PAGE.max) {
      throw badInput(`first must be between ${DRILL_DOWN_PAGE.min} and ${DRILL_DOWN_PAGE.max}`);
    }
    const cursor: DrillCursor | null = after ? decodeCursor(after) : null;
    const rows = await this.repo.drillDown(f, metric, cursor, n + 1);
    const page = rows.slice(0, n);
    const edges = page.map((node) => ({ cursor: encodeCursor({ sentAt: node.invitation.sentAt, id: node.invitation.id }), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > n, endCursor: edges.at(-1)?.cursor ?? null }, filter: f, metric };
  }

  /** The breakdown's figure behind a drill-down (its totalCount). */
  async drillDownTotal(f: FullFilter, metric: Metric): Promise<number> {
    return (await this.repo.total(f, this.deps.timeZone))[METRIC_FIGURE[metric]];
  }

  // ---- conversion by policy ----

  /**
   * Convert an ACCEPTED invitation by the policy it produced: the policy must exist, have the
   * invitee (surviving OneID) as holder or insured, and start on or after the acceptance day
   * (service time zone). premium = annualPremium, convertedAt = startDate 00:00 there. Again
   * with the same policy: the invitation as it is; another policy, or not ACCEPTED: BAD_USER_INPUT.
   */
  async convertByPolicy(id: string, policyNo: string): Promise<InvitationRecord> {
    if (!policyNo || policyNo.length > MAX_ID_LENGTH) throw badInput(`policyNo must be 1 to ${MAX_ID_LENGTH} characters`);
    const [policy] = await this.deps.coverage.policiesByNo([policyNo]);
    if (!policy) throw badInput('policyNo: no policy with this policyNo');
    const { timeZone } = this.deps;
    const check = (inv: InvitationRecord): AppError | null => {
      const invitee = inv.inviteeOneId;
      if (invitee === null || (policy.holderOneId !== invitee && policy.insuredOneId !== invitee)) {
        return badInput('policyNo: the invitee is neither the holder nor the insured of this policy');
      }
      if (inv.acceptedAt && policy.startDate < localDay(inv.acceptedAt, timeZone)) {
        return badInput('policyNo: the policy starts before the day the invitation was accepted');
      }
      return null;
    };
    const [outcome] = await this.deps.referral.convertMany([
      { id, premium: policy.annualPremium, at: startOfDay(policy.startDate, timeZone), policyNo, check },
    ]);
    return unwrap(outcome);
  }

  private now(): string {
    return this.deps.now?.() ?? new Date().toISOString();
  }
}

function requiredText(name: string, value: string | null | undefined, max: number, problems: string[]): string {
  const v = (value ?? '').trim();
  if (v.length === 0 || v.length > max) problems.push(`${name} must be 1 to ${max} characters`);
  return v;
}
