/**
 * Issue 14: the dashboard's figures on a hand-made programme (support.ts: programme), checked
 * against figures computed by hand; rows summing to the total; every drill-down's totalCount
 * equal to its figure and to the rows walked; the row filters; the advisor's slice.
 */
import { codeOf, counted, advisor as advisorCaller, useTestApp, uid } from '../../kit';
import {
  BREAKDOWN,
  breakdown,
  drill,
  drillAll,
  DRILL,
  figures,
  METRIC_FIGURE,
  METRICS,
  Programme,
  programme,
  STATS,
  TARGETS,
} from './support';

const t = useTestApp();

let p: Programme;
beforeAll(async () => {
  p = await programme(t);
}, 60_000);

describe('referralBreakdown on the hand-made programme', () => {
  it('total over the campaign: every figure as defined, cost of every entry, ROI', async () => {
    const b = await breakdown(t, { campaign: p.campaign }, ['CHANNEL']);
    expect(b.total).toEqual(
      figures({ participants: 3, invited: 5, accepted: 4, newPeople: 4, spreaders: 1, converted: 2, premium: 1500, cost: 600 }),
    );
    expect(b.total.roi).toBe(1.5);
    // agrees with referralStats on the shared figures
    const stats = (await t.ok<{ referralStats: Record<string, number> }>(STATS, { filter: { campaign: p.campaign } })).referralStats;
    expect(stats).toEqual({
      invited: b.total.invited,
      accepted: b.total.accepted,
      converted: b.total.converted,
      premium: b.total.premium,
      conversionRate: b.total.conversionRate,
      kFactor: b.total.kFactor,
    });
  });

  it('by CHANNEL: rows by premium, channel cost without the channel-less entry, row filters', async () => {
    const b = await breakdown(t, { campaign: p.campaign }, ['CHANNEL']);
    expect(b.rows.map((r) => [r.channel, r.figures])).toEqual([
      ['wechat', figures({ participants: 3, invited: 4, accepted: 3, newPeople: 3, spreaders: 1, converted: 2, premium: 1500, cost: 300 })],
      ['poster', figures({ participants: 1, invited: 1, accepted: 1, newPeople: 1, spreaders: 0, converted: 0, premium: 0, cost: 100 })],
    ]);
    expect(b.rows[0]!.filter).toEqual({
      campaign: p.campaign,
      channel: 'wechat',
      advisorId: null,
      from: null,
      to: null,
      secondGeneration: null,
      noCampaign: null,
      noAdvisor: null,
    });
    expect(b.rows.map((r) => [r.campaign, r.advisorId, r.period])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
  });

  it('by MONTH in Asia/Shanghai: 2026-03-31T16:30Z falls in April; period bounds folded into the row filter', async () => {
    const b = await breakdown(t, { campaign: p.campaign }, ['MONTH']);
    expect(b.rows.map((r) => [r.period, r.figures])).toEqual([
      ['2026-03-01', figures({ participants: 1, invited: 2, accepted: 2, newPeople: 2, spreaders: 1, converted: 1, premium: 1000, cost: 400 })],
      ['2026-04-01', figures({ participants: 3, invited: 3, accepted: 2, newPeople: 2, spreaders: 0, converted: 1, premium: 500, cost: 200 })],
    ]);
    expect(b.rows[0]!.filter.from).toBe('2026-02-28T16:00:00.000Z');
    expect(b.rows[0]!.filter.to).toBe('2026-03-31T16:00:00.000Z');
    // intersected with the caller's window
    const narrowed = await breakdown(t, { campaign: p.campaign, from: '2026-03-02T00:00:00Z' }, ['MONTH']);
    // March keeps inv2 only (premium 0): April (500) comes first now
    expect(narrowed.rows.map((r) => [r.period, r.figures.invited, r.filter.from, r.filter.to])).toEqual([
      ['2026-04-01', 3, '2026-03-31T16:00:00.000Z', '2026-04-30T16:00:00.000Z'],
      ['2026-03-01', 1, '2026-03-02T00:00:00.000Z', '2026-03-31T16:00:00.000Z'],
    ]);
  });

  it('by WEEK (Monday) and DAY: periods named by their first day', async () => {
    const weeks = await breakdown(t, { campaign: p.campaign }, ['WEEK']);
    // 2026-03-01 is a Sunday: week of Monday 02-23; 03-02 Monday; 04-01 (Wed) week of 03-30; 04-05 (Sun) week of 03-30; 04-10 (Fri) week of 04-06
    expect(weeks.rows.map((r) => [r.period, r.figures.invited]).sort()).toEqual([
      ['2026-02-23', 1],
      ['2026-03-02', 1],
      ['2026-03-30', 2],
      ['2026-04-06', 1],
    ]);
    const days = await breakdown(t, { campaign: p.campaign }, ['DAY']);
    expect(days.rows.map((r) => r.period).sort()).toEqual(['2026-03-01', '2026-03-02', '2026-04-01', '2026-04-05', '2026-04-10']);
  });

  it('by ADVISOR: no cost anywhere, the no-advisor row hands back noAdvisor', async () => {
    const b = await breakdown(t, { campaign: p.campaign }, ['ADVISOR']);
    expect(b.rows.map((r) => [r.advisorId, r.figures])).toEqual([
      [p.adv1, figures({ participants: 2, invited: 3, accepted: 3, newPeople: 3, spreaders: 1, converted: 1, premium: 1000, cost: null })],
      [null, figures({ participants: 1, invited: 1, accepted: 1, newPeople: 1, spreaders: 0, converted: 1, premium: 500, cost: null })],
      [p.adv2, figures({ participants: 1, invited: 1, accepted: 0, newPeople: 0, spreaders: 0, converted: 0, premium: 0, cost: null })],
    ]);
    expect(b.total.cost).toBeNull();
    expect(b.total.roi).toBeNull();
    expect(b.rows[1]!.filter).toMatchObject({ advisorId: null, noAdvisor: true, campaign: p.campaign });
    // the row filter selects exactly its invitations
    const again = await breakdown(t, b.rows[1]!.filter, ['CAMPAIGN']);
    expect(again.total.invited).toBe(1);
  });

  it('secondGeneration splits the inviters: X (brought in by A) against the roots A and B', async () => {
    const second = await breakdown(t, { campaign: p.campaign, secondGeneration: true }, ['CHANNEL']);
    expect(second.total).toEqual(figures({ participants: 1, invited: 1, accepted: 1, newPeople: 1, spreaders: 0, converted: 0, premium: 0, cost: null }));
    const roots = await breakdown(t, { campaign: p.campaign, secondGeneration: false }, ['CHANNEL']);
    expect(roots.total.invited).toBe(4);
    expect(roots.total.cost).toBeNull();
    const stats = (await t.ok<{ referralStats: { invited: number } }>(STATS, { filter: { campaign: p.campaign, secondGeneration: true } })).referralStats;
    expect(stats.invited).toBe(1);
  });

  it('by CAMPAIGN and ADVISOR over an advisor: the no-campaign row and noCampaign', async () => {
    const b = await breakdown(t, { advisorId: p.adv2 }, ['CAMPAIGN']);
    expect(b.rows.map((r) => [r.campaign, r.figures.invited])).toEqual([
      [p.campaign, 1],
      [null, 1],
    ]);
    expect(b.rows[1]!.filter).toMatchObject({ campaign: null, noCampaign: true, advisorId: p.adv2 });
    const none = await drillAll(t, b.rows[1]!.filter, 'INVITED');
    expect(none.nodes.map((n) => n.invitation.id)).toEqual([p.inv.inv6]);
    // three dimensions
    const three = await breakdown(t, { campaign: p.campaign }, ['CAMPAIGN', 'CHANNEL', 'MONTH']);
    expect(three.rows.reduce((n, r) => n + r.figures.invited, 0)).toBe(5);
  });

  it('sums of rows equal the total for invited, accepted, converted and premium, for every grouping', async () => {
    for (const by of [['CAMPAIGN'], ['CHANNEL'], ['ADVISOR'], ['DAY'], ['WEEK'], ['MONTH'], ['CHANNEL', 'ADVISOR'], ['ADVISOR', 'MONTH', 'CHANNEL']]) {
      const b = await breakdown(t, { campaign: p.campaign }, by);
      for (const k of ['invited', 'accepted', 'converted', 'premium'] as const) {
        expect([by.join(','), k, b.rows.reduce((n, r) => n + r.figures[k], 0)]).toEqual([by.join(','), k, b.total[k]]);
      }
    }
  });

  it('is two to four statements whatever the grouping (groups and total, and the spend of each where it applies)', async () => {
    const sent = async (by: string[], filter: Record<string, unknown>): Promise<number> =>
      (await counted(t, BREAKDOWN, 'Breakdown', { filter: { campaign: p.campaign, ...filter }, by })).statements;
    // spend applies (no advisor anywhere): groups, total, and their costs
    expect(await sent(['CHANNEL'], {})).toBe(4);
    expect(await sent(['CHANNEL', 'MONTH'], {})).toBe(4);
    // grouped by advisor: cost is null, so no spend statements
    expect(await sent(['ADVISOR'], {})).toBe(2);
    expect(await sent(['ADVISOR', 'DAY', 'CHANNEL'], {})).toBe(2);
  });

  it('refuses bad groupings with BAD_USER_INPUT', async () => {
    for (const by of [[], ['CAMPAIGN', 'CHANNEL', 'ADVISOR', 'DAY'], ['DAY', 'MONTH'], ['CHANNEL', 'CHANNEL']]) {
      expect([by, codeOf(await t.gql(BREAKDOWN, { filter: { campaign: p.campaign }, by }))]).toEqual([by, 'BAD_USER_INPUT']);
    }
    expect(codeOf(await t.gql(BREAKDOWN, { filter: { from: '2026-05-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }, by: ['DAY'] }))).toBe('BAD_USER_INPUT');
  });
});

describe('referralDrillDown on the hand-made programme', () => {
  it('each totalCount equals its figure and the rows walked page by page, in sentAt order', async () => {
    for (const filter of [{ campaign: p.campaign }, { campaign: p.campaign, channel: 'wechat' }, { campaign: p.campaign, secondGeneration: true }, { advisorId: p.adv1 }]) {
      const b = await breakdown(t, filter, ['CHANNEL']);
      for (const metric of METRICS) {
        const all = await drillAll(t, filter, metric);
        const label = `${JSON.stringify(filter)} ${metric}`;
        expect([label, all.totalCount]).toEqual([label, b.total[METRIC_FIGURE[metric]]]);
        expect([label, all.nodes.length]).toEqual([label, all.totalCount]);
        const order = all.nodes.map((n) => `${n.invitation.sentAt}|${n.invitation.id}`);
        expect(order).toEqual([...order].sort());
      }
    }
  });

  it('rows: the person, the invitation behind it, the advisor of the person’s household', async () => {
    const f = { campaign: p.campaign };
    const participants = await drillAll(t, f, 'PARTICIPANTS', 50);
    expect(participants.nodes.map((n) => [n.person?.oneId, n.invitation.id])).toEqual([
      [p.people.A.oneId, p.inv.inv1],
      [p.people.B.oneId, p.inv.inv4],
      [p.people.X.oneId, p.inv.inv5],
    ]);
    expect(participants.nodes.map((n) => n.advisor?.advisorId ?? null)).toEqual([p.advA, null, p.advX]);
    const newPeople = await drillAll(t, f, 'NEW_PEOPLE', 50);
    expect(newPeople.nodes.map((n) => n.person?.oneId)).toEqual([p.people.X.oneId, p.people.Y.oneId, p.people.Z.oneId, p.people.W.oneId]);
    expect(newPeople.nodes[0]!.advisor).toEqual({ advisorId: p.advX });
    const spreaders = await drillAll(t, f, 'SPREADERS', 50);
    expect(spreaders.nodes.map((n) => [n.person?.oneId, n.invitation.id])).toEqual([[p.people.X.oneId, p.inv.inv1]]);
    // an invitation nobody accepted: no person, the inviter's household's advisor
    const invited = await drillAll(t, f, 'INVITED', 50);
    const sent = invited.nodes.find((n) => n.invitation.id === p.inv.inv3)!;
    expect(sent.person).toBeNull();
    expect(sent.advisor).toEqual({ advisorId: p.advA });
  });

  it('pages: first 1..200 and cursors are checked', async () => {
    const page = await drill(t, { campaign: p.campaign }, 'INVITED', 2);
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    for (const first of [0, 201]) {
      expect(codeOf(await t.gql(DRILL, { filter: { campaign: p.campaign }, metric: 'INVITED', first }))).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await t.gql(DRILL, { filter: { campaign: p.campaign }, metric: 'INVITED', after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
  });
});

describe('the advisor’s slice', () => {
  it('an ADVISOR reads its own slice only; another advisorId, none, or a CUSTOMER: FORBIDDEN', async () => {
    const me = advisorCaller(p.adv1);
    const mine = await breakdown(t, { advisorId: p.adv1 }, ['CAMPAIGN'], me);
    expect(mine.total.invited).toBe(3);
    expect(codeOf(await t.gql(BREAKDOWN, { filter: { advisorId: p.adv2 }, by: ['CAMPAIGN'] }, me))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(BREAKDOWN, { filter: { campaign: p.campaign }, by: ['CAMPAIGN'] }, me))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(BREAKDOWN, { filter: null, by: ['CAMPAIGN'] }, me))).toBe('FORBIDDEN');
    const rows = await drill(t, { advisorId: p.adv1 }, 'NEW_PEOPLE', 10, null, me);
    expect(rows.totalCount).toBe(3);
    expect(codeOf(await t.gql(DRILL, { filter: { advisorId: p.adv2 }, metric: 'INVITED' }, me))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(TARGETS, { campaign: p.campaign, advisorId: p.adv2 }, me))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(TARGETS, { campaign: p.campaign }, me))).toBe('FORBIDDEN');
    expect((await t.ok<{ referralTargets: unknown[] }>(TARGETS, { campaign: p.campaign, advisorId: p.adv1 }, me)).referralTargets).toEqual([]);
    const customer = { role: 'CUSTOMER' as const, sub: p.people.A.oneId };
    expect(codeOf(await t.gql(BREAKDOWN, { filter: { advisorId: p.adv1 }, by: ['CAMPAIGN'] }, customer))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(DRILL, { filter: { advisorId: p.adv1 }, metric: 'INVITED' }, customer))).toBe('FORBIDDEN');
    // an advisor's invitee outside its book shows only its OneID
    const masked = await t.ok<{ referralDrillDown: { edges: Array<{ node: { person: { oneId: string; displayName: string | null; identifiers: unknown[] } | null } }> } }>(
      `query { referralDrillDown(filter: { advisorId: "${p.adv1}" }, metric: NEW_PEOPLE) { edges { node { person { oneId displayName identifiers { masked } } } } } }`,
      {},
      me,
    );
    for (const e of masked.referralDrillDown.edges) expect(e.node.person!.identifiers).toEqual([]);
  });

  it('a LEFT advisor reads nothing', async () => {
    const left = uid('adv');
    await t.ok(`mutation { upsertAdvisor(input: { advisorId: "${left}", status: LEFT }) { advisorId } }`);
    expect(codeOf(await t.gql(BREAKDOWN, { filter: { advisorId: left }, by: ['CAMPAIGN'] }, advisorCaller(left)))).toBe('FORBIDDEN');
  });
});
