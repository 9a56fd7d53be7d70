/**
 * Issue 14: the dashboard's mutations (campaigns, cost entries, targets, conversion by policy)
 * with their refusals writing nothing, Invitation.policy, who may call them, and the row cap.
 */
import { codeOf, customer, graph, invite, INGEST, newAdvisor, newPeople, newPolicy, phone, record, seenTogether, uid, useTestApp, advisor as advisorCaller } from '../../kit';
import {
  BREAKDOWN,
  breakdown,
  CAMPAIGN,
  CONVERT_BY_POLICY,
  RECORD_COST,
  SET_TARGET,
  TARGETS,
  UPSERT_CAMPAIGN,
  upsertCampaign,
} from './support';

const t = useTestApp();

interface CampaignOut {
  id: string;
  name: string;
  startsAt: string | null;
  endsAt: string | null;
  cost: number;
}
const campaignOf = async (id: string): Promise<CampaignOut | null> => (await t.ok<{ campaign: CampaignOut | null }>(CAMPAIGN, { id })).campaign;

describe('upsertCampaign and campaign', () => {
  it('creates, replaces, reads; unknown is null; endsAt must be after startsAt', async () => {
    const id = uid('camp');
    expect(await campaignOf(id)).toBeNull();
    const made = (await t.ok<{ upsertCampaign: CampaignOut }>(UPSERT_CAMPAIGN, { input: { id, name: 'Spring', startsAt: '2026-03-01T00:00:00+08:00' } })).upsertCampaign;
    expect(made).toEqual({ id, name: 'Spring', startsAt: '2026-02-28T16:00:00.000Z', endsAt: null, cost: 0 });
    await upsertCampaign(t, { id, name: 'Spring 2', startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-04-01T00:00:00Z' });
    expect(await campaignOf(id)).toEqual({ id, name: 'Spring 2', startsAt: '2026-03-01T00:00:00.000Z', endsAt: '2026-04-01T00:00:00.000Z', cost: 0 });
    for (const input of [
      { id, name: 'x', startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-03-01T00:00:00Z' },
      { id, name: 'x', startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-02-01T00:00:00Z' },
      { id, name: '  ' },
      { id: '', name: 'x' },
    ]) {
      expect(codeOf(await t.gql(UPSERT_CAMPAIGN, { input }))).toBe('BAD_USER_INPUT');
    }
    expect((await campaignOf(id))!.name).toBe('Spring 2');
    expect(await campaignOf('')).toBeNull();
  });
});

describe('recordCampaignCost', () => {
  it('adds to the campaign cost; the same id and content is a no-op; other content, unknown campaign, amount <= 0: BAD_USER_INPUT writing nothing', async () => {
    const id = uid('camp');
    await upsertCampaign(t, { id, name: 'Costs' });
    const entry = { id: uid('cost'), campaign: id, channel: 'wechat', amount: 300, spentAt: '2026-03-05T08:00:00Z' };
    expect((await t.ok<{ recordCampaignCost: { cost: number } }>(RECORD_COST, { input: entry })).recordCampaignCost.cost).toBe(300);
    expect((await t.ok<{ recordCampaignCost: { cost: number } }>(RECORD_COST, { input: entry })).recordCampaignCost.cost).toBe(300);
    await t.ok(RECORD_COST, { input: { ...entry, id: uid('cost'), channel: null, amount: 50 } });
    expect((await campaignOf(id))!.cost).toBe(350);
    for (const input of [
      { ...entry, amount: 301 },
      { ...entry, channel: 'poster' },
      { ...entry, channel: null },
      { ...entry, spentAt: '2026-03-06T08:00:00Z' },
      { ...entry, id: uid('cost'), amount: 0 },
      { ...entry, id: uid('cost'), amount: -5 },
      { ...entry, id: uid('cost'), campaign: uid('nocamp') },
      { ...entry, id: uid('cost'), channel: '' },
    ]) {
      expect([input, codeOf(await t.gql(RECORD_COST, { input }))]).toEqual([input, 'BAD_USER_INPUT']);
    }
    expect((await campaignOf(id))!.cost).toBe(350);
  });
});

describe('setReferralTarget and referralTargets', () => {
  it('replaces a target, reports actual figures of the advisor in the campaign and completion, lowest first', async () => {
    const campaign = uid('camp');
    await upsertCampaign(t, { id: campaign, name: 'Targets' });
    const [a1, a2, a3] = [await newAdvisor(t), await newAdvisor(t), await newAdvisor(t)];
    const [p, q, r, s] = await newPeople(t, [{}, {}, {}, {}]);
    // a1: 2 participants (p, q), 2 new people, 1 converted with 800
    const i1 = await invite(t, p!.oneId, r!.phone, { campaign, advisorId: a1 });
    await t.ok(`mutation C($id: ID!) { convertInvitation(id: $id, premium: 800, at: "2026-03-10T08:00:00Z") { id } }`, { id: i1.id });
    await invite(t, q!.oneId, s!.phone, { campaign, advisorId: a1 });
    // a2: one invitation nobody accepted
    await record(t, p!.oneId, { campaign, advisorId: a2 });
    const set = async (input: Record<string, unknown>) =>
      (await t.ok<{ setReferralTarget: { completion: number; actual: { participants: number; newPeople: number; converted: number; premium: number; cost: number | null } } }>(SET_TARGET, { input })).setReferralTarget;
    const first = await set({ campaign, advisorId: a1, participants: 4, newPeople: 2, converted: 1, premium: 1000 });
    // min(2/4,1)=0.5, min(2/2,1)=1, min(1/1,1)=1, min(800/1000,1)=0.8: mean 0.825
    expect(first.completion).toBeCloseTo(0.825, 10);
    expect(first.actual).toMatchObject({ participants: 2, newPeople: 2, converted: 1, premium: 800, cost: null });
    // replaced: null fields are not targets
    expect((await set({ campaign, advisorId: a1, premium: 400 })).completion).toBe(1);
    await set({ campaign, advisorId: a2, participants: 2 });
    await set({ campaign, advisorId: a3 });
    const list = (await t.ok<{ referralTargets: Array<{ advisorId: string; completion: number; target: Record<string, number | null> }> }>(TARGETS, { campaign })).referralTargets;
    expect(list.map((x) => [x.advisorId, x.completion])).toEqual([
      [a2, 0.5],
      ...[
        [a1, 1],
        [a3, 1],
      ].sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
    ]);
    expect(list[0]!.target).toEqual({ participants: 2, newPeople: null, converted: null, premium: null });
    const one = (await t.ok<{ referralTargets: Array<{ advisorId: string }> }>(TARGETS, { campaign, advisorId: a2 }, advisorCaller(a2))).referralTargets;
    expect(one.map((x) => x.advisorId)).toEqual([a2]);
    // refusals write nothing
    for (const input of [
      { campaign, advisorId: a1, participants: 0 },
      { campaign, advisorId: a1, premium: -1 },
      { campaign: uid('nocamp'), advisorId: a1, participants: 1 },
      { campaign, advisorId: '', participants: 1 },
    ]) {
      expect([input, codeOf(await t.gql(SET_TARGET, { input }))]).toEqual([input, 'BAD_USER_INPUT']);
    }
    const after = (await t.ok<{ referralTargets: Array<{ advisorId: string; target: Record<string, number | null> }> }>(TARGETS, { campaign, advisorId: a1 })).referralTargets;
    expect(after[0]!.target).toEqual({ participants: null, newPeople: null, converted: null, premium: 400 });
    expect((await t.ok<{ referralTargets: unknown[] }>(TARGETS, { campaign: uid('nocamp') })).referralTargets).toEqual([]);
  });
});

describe('convertInvitationByPolicy', () => {
  const INVITATION = `query I($id: ID!) { invitation(id: $id) { id status premium convertedAt policy { policyNo } } }`;

  it('converts by the policy: premium = annualPremium, convertedAt = startDate 00:00 in Asia/Shanghai; same policy again is idempotent', async () => {
    const [inviter, invitee] = await newPeople(t, [{}, {}]);
    // accepted at 2026-03-02T20:00Z: 2026-03-03 in Shanghai
    const inv = await invite(t, inviter!.oneId, invitee!.phone, { at: '2026-03-02T20:00:00Z' });
    const policyNo = await newPolicy(t, { productType: 'MEDICAL', sumAssured: 100000, annualPremium: 1234, startDate: '2026-03-03', holder: inviter!.oneId, insured: invitee!.oneId });
    const res = (await t.ok<{ convertInvitationByPolicy: Record<string, unknown> }>(CONVERT_BY_POLICY, { id: inv.id, policyNo })).convertInvitationByPolicy;
    expect(res).toEqual({
      id: inv.id,
      status: 'CONVERTED',
      premium: 1234,
      convertedAt: '2026-03-02T16:00:00.000Z',
      acceptedAt: '2026-03-02T20:00:00.000Z',
      policy: { policyNo, annualPremium: 1234 },
    });
    expect((await t.ok<{ convertInvitationByPolicy: Record<string, unknown> }>(CONVERT_BY_POLICY, { id: inv.id, policyNo })).convertInvitationByPolicy).toEqual(res);
    expect((await t.ok<{ invitation: { policy: { policyNo: string } } }>(INVITATION, { id: inv.id })).invitation.policy).toEqual({ policyNo });
    // another policy of the invitee: BAD_USER_INPUT, nothing changes
    const other = await newPolicy(t, { productType: 'LIFE', sumAssured: 100000, annualPremium: 99, startDate: '2026-03-04', holder: invitee!.oneId, insured: invitee!.oneId });
    expect(codeOf(await t.gql(CONVERT_BY_POLICY, { id: inv.id, policyNo: other }))).toBe('BAD_USER_INPUT');
    expect((await t.ok<{ invitation: Record<string, unknown> }>(INVITATION, { id: inv.id })).invitation).toMatchObject({ premium: 1234, policy: { policyNo } });
  });

  it('refuses, writing nothing: unknown policy, a policy of someone else, starting before the acceptance day, an invitation not ACCEPTED', async () => {
    const [inviter, invitee, stranger] = await newPeople(t, [{}, {}, {}]);
    const inv = await invite(t, inviter!.oneId, invitee!.phone, { at: '2026-03-02T20:00:00Z' });
    const theirs = await newPolicy(t, { productType: 'LIFE', sumAssured: 1, startDate: '2026-03-05', holder: stranger!.oneId, insured: stranger!.oneId });
    const early = await newPolicy(t, { productType: 'LIFE', sumAssured: 1, startDate: '2026-03-02', holder: invitee!.oneId, insured: invitee!.oneId });
    for (const policyNo of [uid('nopol'), theirs, early]) {
      expect([policyNo, codeOf(await t.gql(CONVERT_BY_POLICY, { id: inv.id, policyNo }))]).toEqual([policyNo, 'BAD_USER_INPUT']);
    }
    expect((await t.ok<{ invitation: Record<string, unknown> }>(INVITATION, { id: inv.id })).invitation).toMatchObject({ status: 'ACCEPTED', premium: null, policy: null });
    // SENT: not ACCEPTED
    const sent = await record(t, inviter!.oneId);
    const ok = await newPolicy(t, { productType: 'LIFE', sumAssured: 1, startDate: '2026-03-05', holder: invitee!.oneId, insured: invitee!.oneId });
    expect(codeOf(await t.gql(CONVERT_BY_POLICY, { id: sent.id, policyNo: ok }))).toBe('BAD_USER_INPUT');
    // converted by premium before: another (no) policy
    await t.ok(`mutation C($id: ID!) { convertInvitation(id: $id, premium: 5, at: "2026-03-10T08:00:00Z") { id } }`, { id: inv.id });
    expect(codeOf(await t.gql(CONVERT_BY_POLICY, { id: inv.id, policyNo: ok }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(CONVERT_BY_POLICY, { id: uid('noinv'), policyNo: ok }))).toBe('NOT_FOUND');
  });

  it('the invitee after a merge: a policy of a person merged into the invitee converts', async () => {
    const [inviter, invitee] = await newPeople(t, [{}, {}]);
    const inv = await invite(t, inviter!.oneId, invitee!.phone);
    // a newer person (another phone) holds the policy, then turns out to be the invitee
    const extra = phone();
    const newer = (await seenTogether(t, [extra])).oneId;
    const policyNo = await newPolicy(t, { productType: 'LIFE', sumAssured: 1, annualPremium: 70, startDate: '2026-03-02', holder: newer, insured: newer });
    const merged = await seenTogether(t, [invitee!.phone, extra]);
    expect(merged.oneId).toBe(invitee!.oneId);
    const res = (await t.ok<{ convertInvitationByPolicy: { premium: number; status: string } }>(CONVERT_BY_POLICY, { id: inv.id, policyNo })).convertInvitationByPolicy;
    expect(res).toMatchObject({ premium: 70, status: 'CONVERTED' });
  });
});

describe('who may call the dashboard', () => {
  it('ADMIN and INGEST write; ADVISOR and CUSTOMER may not write or read campaigns', async () => {
    const id = uid('camp');
    await t.ok(UPSERT_CAMPAIGN, { input: { id, name: 'By ingest' } }, INGEST);
    const [someone] = await newPeople(t, [{}]);
    for (const caller of [advisorCaller('adv-x'), customer(someone!.oneId)]) {
      expect(codeOf(await t.gql(UPSERT_CAMPAIGN, { input: { id, name: 'No' } }, caller))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(RECORD_COST, { input: { id: uid('c'), campaign: id, amount: 1, spentAt: '2026-03-01T00:00:00Z' } }, caller))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(SET_TARGET, { input: { campaign: id, advisorId: 'adv-x' } }, caller))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(CAMPAIGN, { id }, caller))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(CONVERT_BY_POLICY, { id: 'x', policyNo: 'y' }, caller))).toBe('FORBIDDEN');
    }
    expect(codeOf(await t.gql(CAMPAIGN, { id }, null))).toBe('UNAUTHENTICATED');
    expect((await campaignOf(id))!.name).toBe('By ingest');
  });
});

describe('the row cap', () => {
  it('a breakdown of more than 1000 rows is BAD_USER_INPUT; 1000 rows are served', async () => {
    const campaign = uid('camp');
    const [inviter] = await newPeople(t, [{}]);
    // 1001 invitations on 1001 different days (loaded in one statement: 1001 recordInvitation calls would only be slow)
    const days = Array.from({ length: 1001 }, (_, k) => new Date(Date.UTC(2023, 0, 1) + k * 86_400_000).toISOString());
    await graph(t).write('campaigns/load-daily-invitations', { inviter: inviter!.oneId, tag: campaign, sentDays: days });
    expect(codeOf(await t.gql(BREAKDOWN, { filter: { campaign }, by: ['DAY'] }))).toBe('BAD_USER_INPUT');
    const capped = await breakdown(t, { campaign, to: days[1000] }, ['DAY']);
    expect(capped.rows).toHaveLength(1000);
    expect(capped.total.invited).toBe(1000);
  });
});
