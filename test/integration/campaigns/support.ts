/**
 * Helpers of the dashboard's integration tests: the documents, their answer shapes, thin
 * wrappers, and a hand-made programme whose figures the tests compute by hand. Not a test file.
 */
import { accept, convert, newAdvisor, newHousehold, newPeople, record, uid } from '../../kit';
import type { Caller, TestApp, TestPerson } from '../../kit';
import type { Figures, GroupFilter } from '../../../src/campaigns/campaigns.model';

export const FIGURES = 'participants invited accepted newPeople spreaders converted premium conversionRate kFactor cost roi';
export const GROUP_FILTER = 'campaign channel advisorId from to secondGeneration noCampaign noAdvisor';

export const UPSERT_CAMPAIGN = `mutation Upsert($input: CampaignInput!) { upsertCampaign(input: $input) { id name startsAt endsAt cost } }`;
export const RECORD_COST = `mutation Cost($input: CampaignCostInput!) { recordCampaignCost(input: $input) { id name cost } }`;
export const CAMPAIGN = `query Campaign($id: ID!) { campaign(id: $id) { id name startsAt endsAt cost } }`;
export const SET_TARGET = `mutation Target($input: ReferralTargetInput!) { setReferralTarget(input: $input) {
  campaign advisorId target { participants newPeople converted premium } actual { ${FIGURES} } completion } }`;
export const TARGETS = `query Targets($campaign: ID!, $advisorId: ID) { referralTargets(campaign: $campaign, advisorId: $advisorId) {
  campaign advisorId target { participants newPeople converted premium } actual { ${FIGURES} } completion } }`;
export const BREAKDOWN = `query Breakdown($filter: ReferralFilter, $by: [ReferralDimension!]!) { referralBreakdown(filter: $filter, by: $by) {
  rows { campaign channel advisorId period figures { ${FIGURES} } filter { ${GROUP_FILTER} } }
  total { ${FIGURES} } } }`;
export const DRILL = `query Drill($filter: ReferralFilter, $metric: ReferralMetric!, $first: Int, $after: String) {
  referralDrillDown(filter: $filter, metric: $metric, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { person { oneId } invitation { id sentAt status } advisor { advisorId } } } } }`;
export const CONVERT_BY_POLICY = `mutation ByPolicy($id: ID!, $policyNo: ID!) { convertInvitationByPolicy(id: $id, policyNo: $policyNo) {
  id status premium convertedAt acceptedAt policy { policyNo annualPremium } } }`;
export const STATS = `query Stats($filter: ReferralFilter) { referralStats(filter: $filter) { invited accepted converted conversionRate kFactor premium } }`;

export type FiguresOut = Figures;
export type GroupFilterOut = GroupFilter;
export interface RowOut {
  campaign: string | null;
  channel: string | null;
  advisorId: string | null;
  period: string | null;
  figures: FiguresOut;
  filter: GroupFilterOut;
}
export interface BreakdownOut {
  rows: RowOut[];
  total: FiguresOut;
}
export interface DrillNodeOut {
  person: { oneId: string } | null;
  invitation: { id: string; sentAt: string; status: string };
  advisor: { advisorId: string } | null;
}
export interface DrillOut {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: DrillNodeOut }>;
}
export type Filter = Partial<GroupFilterOut>;
export type Metric = 'PARTICIPANTS' | 'INVITED' | 'ACCEPTED' | 'NEW_PEOPLE' | 'SPREADERS' | 'CONVERTED';
export const METRICS: Metric[] = ['PARTICIPANTS', 'INVITED', 'ACCEPTED', 'NEW_PEOPLE', 'SPREADERS', 'CONVERTED'];
export const METRIC_FIGURE: Record<Metric, keyof FiguresOut> = {
  PARTICIPANTS: 'participants',
  INVITED: 'invited',
  ACCEPTED: 'accepted',
  NEW_PEOPLE: 'newPeople',
  SPREADERS: 'spreaders',
  CONVERTED: 'converted',
};

export async function upsertCampaign(t: TestApp, input: Record<string, unknown>): Promise<void> {
  await t.ok(UPSERT_CAMPAIGN, { input });
}

export async function breakdown(t: TestApp, filter: Filter | null, by: string[], caller?: Caller): Promise<BreakdownOut> {
  return (await t.ok<{ referralBreakdown: BreakdownOut }>(BREAKDOWN, { filter, by }, caller)).referralBreakdown;
}

export async function drill(t: TestApp, filter: Filter | null, metric: Metric, first?: number, after?: string | null, caller?: Caller): Promise<DrillOut> {
  return (await t.ok<{ referralDrillDown: DrillOut }>(DRILL, { filter, metric, first, after }, caller)).referralDrillDown;
}

/** Every row of a drill-down, page by page (pages of `first`); with the totalCount of the first page. */
export async function drillAll(t: TestApp, filter: Filter | null, metric: Metric, first = 2): Promise<{ totalCount: number; nodes: DrillNodeOut[] }> {
  const nodes: DrillNodeOut[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let page = 0; page < 10_000; page++) {
    const res: DrillOut = await drill(t, filter, metric, first, after);
    if (totalCount < 0) totalCount = res.totalCount;
    nodes.push(...res.edges.map((e) => e.node));
    if (!res.pageInfo.hasNextPage) break;
    after = res.pageInfo.endCursor;
  }
  return { totalCount, nodes };
}

/**
 * The hand-made programme (campaign C, all times UTC; the service's zone is Asia/Shanghai):
 * - inv1 A -> X, wechat, adv1, 2026-03-01T08:00Z, accepted 03-02T08:00Z, converted 1000;
 * - inv2 A -> Y, poster, adv1, 2026-03-02T08:00Z, accepted;
 * - inv3 A, wechat, adv2, 2026-03-31T16:30Z (2026-04-01 in Shanghai), SENT;
 * - inv4 B -> Z, wechat, no advisor, 2026-04-05T08:00Z, accepted, converted 500;
 * - inv5 X -> W, wechat, adv1, 2026-04-10T08:00Z, accepted (X: second generation, a spreader);
 * - inv6 B, no campaign, adv2, 2026-04-06T08:00Z, SENT (outside C).
 * Households: A's with advisor advA, X's with advisor advX.
 * Costs of C: wechat 300 on 03-05, no channel 200 on 04-02, poster 100 on 03-20.
 */
export interface Programme {
  campaign: string;
  adv1: string;
  adv2: string;
  advA: string;
  advX: string;
  people: Record<'A' | 'B' | 'X' | 'Y' | 'Z' | 'W', TestPerson>;
  inv: Record<'inv1' | 'inv2' | 'inv3' | 'inv4' | 'inv5' | 'inv6', string>;
}

export async function programme(t: TestApp): Promise<Programme> {
  const campaign = uid('camp');
  const [adv1, adv2, advA, advX] = await Promise.all([newAdvisor(t), newAdvisor(t), newAdvisor(t), newAdvisor(t)]);
  const [A, B, X, Y, Z, W] = await newPeople(t, [{}, {}, {}, {}, {}, {}]);
  await newHousehold(t, [[A!.oneId, 'BREADWINNER']], { advisorId: advA });
  await newHousehold(t, [[X!.oneId, 'BREADWINNER']], { advisorId: advX });
  await upsertCampaign(t, { id: campaign, name: 'Spring referral', startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-05-01T00:00:00Z' });
  const send = async (inviter: TestPerson, o: { channel: string; campaign?: string | null; advisorId: string | null; sentAt: string }) =>
    (await record(t, inviter.oneId, { campaign: campaign, ...o })).id;
  const inv1 = await send(A!, { channel: 'wechat', advisorId: adv1, sentAt: '2026-03-01T08:00:00Z' });
  await accept(t, inv1, X!.phone, '2026-03-02T08:00:00Z');
  await convert(t, inv1, 1000, '2026-03-10T08:00:00Z');
  const inv2 = await send(A!, { channel: 'poster', advisorId: adv1, sentAt: '2026-03-02T08:00:00Z' });
  await accept(t, inv2, Y!.phone, '2026-03-03T08:00:00Z');
  const inv3 = await send(A!, { channel: 'wechat', advisorId: adv2, sentAt: '2026-03-31T16:30:00Z' });
  const inv4 = await send(B!, { channel: 'wechat', advisorId: null, sentAt: '2026-04-05T08:00:00Z' });
  await accept(t, inv4, Z!.phone, '2026-04-06T08:00:00Z');
  await convert(t, inv4, 500, '2026-04-07T08:00:00Z');
  const inv5 = await send(X!, { channel: 'wechat', advisorId: adv1, sentAt: '2026-04-10T08:00:00Z' });
  await accept(t, inv5, W!.phone, '2026-04-11T08:00:00Z');
  const inv6 = await send(B!, { channel: 'wechat', campaign: null, advisorId: adv2, sentAt: '2026-04-06T08:00:00Z' });
  for (const [id, channel, amount, spentAt] of [
    ['wechat', 'wechat', 300, '2026-03-05T08:00:00Z'],
    ['general', null, 200, '2026-04-02T08:00:00Z'],
    ['poster', 'poster', 100, '2026-03-20T08:00:00Z'],
  ] as const) {
    await t.ok(RECORD_COST, { input: { id: `${campaign}-${id}`, campaign, channel, amount, spentAt } });
  }
  return { campaign, adv1, adv2, advA, advX, people: { A: A!, B: B!, X: X!, Y: Y!, Z: Z!, W: W! }, inv: { inv1, inv2, inv3, inv4, inv5, inv6 } };
}

/** Figures with their rates derived as the contract defines them. */
export function figures(c: Omit<FiguresOut, 'conversionRate' | 'kFactor' | 'roi'>): FiguresOut {
  return {
    ...c,
    conversionRate: c.invited === 0 ? 0 : c.converted / c.invited,
    kFactor: c.invited === 0 ? 0 : c.accepted / c.participants,
    roi: c.cost === null || c.cost === 0 ? null : (c.premium - c.cost) / c.cost,
  };
}
