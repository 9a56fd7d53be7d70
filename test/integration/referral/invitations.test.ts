/**
 * Issue 7 on a real Neo4j: recording (idempotency, validation), acceptance rules (self-
 * referral through merged identifiers, cycles, already a customer, already referred),
 * conversion, status transitions, and acceptances racing each other.
 */
import { ACCEPT, accept, codeOf, CONVERT, convert, email, graph, invitationInput, InvitationOut, invite, newHousehold, newPerson, phone, RECORD, record, seenTogether, uid, useTestApp } from '../../kit';
import { givePolicy, INVITATION, personReferral } from './support';

const t = useTestApp();

const g = graph(t);
const invitationNodes = (id: string): Promise<number> => g.count('referral/invitations-by-id', { id });
const referredEdges = (oneId: string): Promise<number> => g.count('referral/referred-into', { oneId });

describe('recordInvitation', () => {
  it('records a SENT invitation with its inviter, channel, campaign, advisor and sentAt', async () => {
    const a = await newPerson(t);
    const campaign = uid('camp');
    const inv = await record(t, a.oneId, { channel: 'poster', campaign, advisorId: 'adv-1', sentAt: '2026-03-01T16:00:00+08:00' });
    expect(inv).toMatchObject({
      channel: 'poster',
      campaign,
      advisorId: 'adv-1',
      sentAt: '2026-03-01T08:00:00.000Z',
      status: 'SENT',
      acceptedAt: null,
      convertedAt: null,
      premium: null,
      rejectionReason: null,
      sameHousehold: false,
      inviter: { oneId: a.oneId },
      invitee: null,
    });
    const read = (await t.ok<{ invitation: InvitationOut }>(INVITATION, { id: inv.id })).invitation;
    expect(read).toEqual(inv);
  });

  it('is idempotent for the same content (nothing new written) and refuses the same id with other content', async () => {
    const a = await newPerson(t);
    const b = await newPerson(t);
    const input = invitationInput(a.oneId, { campaign: uid('camp') });
    const first = (await t.ok<{ recordInvitation: InvitationOut }>(RECORD, { input })).recordInvitation;
    const recordedAt = (await g.rows<{ recordedAt: string }>('referral/invitations-by-id', { id: first.id })).map((i) => i.recordedAt);
    // same content, inviter given by identifier this time: same invitation back
    const again = (await t.ok<{ recordInvitation: InvitationOut }>(RECORD, { input: { ...input, inviter: { identifier: a.phone } } }))
      .recordInvitation;
    expect(again).toEqual(first);
    expect(await invitationNodes(first.id)).toBe(1);
    expect((await g.rows<{ inviters: number }>('referral/invitations-by-id', { id: first.id })).map((i) => i.inviters)).toEqual([1]);
    const after = (await g.rows<{ recordedAt: string }>('referral/invitations-by-id', { id: first.id })).map((i) => i.recordedAt);
    expect(after).toEqual(recordedAt);

    for (const changed of [
      { ...input, channel: 'sms' },
      { ...input, campaign: uid('other') },
      { ...input, sentAt: '2026-03-01T09:00:00Z' },
      { ...input, inviter: { oneId: b.oneId } },
      { ...input, advisorId: 'adv-x' },
    ]) {
      const res = await t.gql(RECORD, { input: changed });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
    }
    // a repeat naming an unknown identifier as inviter creates nobody
    const stranger = phone();
    const res = await t.gql(RECORD, { input: { ...input, inviter: { identifier: stranger } } });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    const resolved = await t.ok<{ resolveIdentity: { oneId: string } | null }>(
      'query R($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId } }',
      { i: stranger },
    );
    expect(resolved.resolveIdentity).toBeNull();
    expect((await t.ok<{ invitation: InvitationOut }>(INVITATION, { id: first.id })).invitation).toEqual(first);
  });

  it('validates channel (non-empty, at most 64), campaign and the inviter; bad input writes nothing', async () => {
    const a = await newPerson(t);
    for (const bad of [{ channel: '' }, { channel: '   ' }, { channel: 'x'.repeat(65) }, { campaign: '' }, { id: '' }]) {
      const input = { ...invitationInput(a.oneId), ...bad };
      const res = await t.gql(RECORD, { input });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      if (input.id) expect(await invitationNodes(input.id as string)).toBe(0);
    }
    expect(codeOf(await t.gql(RECORD, { input: { ...invitationInput(a.oneId), sentAt: 'yesterday' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(RECORD, { input: invitationInput(uid('nobody')) }))).toBe('NOT_FOUND');
    // 64 characters is fine
    const ok = await record(t, a.oneId, { channel: 'c'.repeat(64) });
    expect(ok.channel).toHaveLength(64);
  });

  it('creates an inviter named by an unknown identifier (ADMIN/INGEST)', async () => {
    const p = phone();
    const input = { ...invitationInput('unused'), inviter: { identifier: p } };
    const inv = (await t.ok<{ recordInvitation: InvitationOut }>(RECORD, { input }, { role: 'INGEST', sub: 'etl' })).recordInvitation;
    const resolved = await t.ok<{ resolveIdentity: { oneId: string } }>('query R($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId } }', { i: p });
    expect(inv.inviter.oneId).toBe(resolved.resolveIdentity.oneId);
  });
});

describe('acceptInvitation', () => {
  it('accepts a SENT invitation: the invitee (created if new) becomes the child of the inviter', async () => {
    const a = await newPerson(t);
    const inv = await record(t, a.oneId);
    const p = phone();
    const accepted = await accept(t, inv.id, p, '2026-03-02T10:00:00Z');
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.acceptedAt).toBe('2026-03-02T10:00:00.000Z');
    expect(accepted.rejectionReason).toBeNull();
    expect(accepted.invitee).not.toBeNull();
    const invitee = accepted.invitee!.oneId;
    expect(invitee).not.toBe(a.oneId);
    const edges = await g.rows('referral/referred-into', { oneId: invitee });
    expect(edges).toEqual([{ inviter: a.oneId, invitationId: inv.id, acceptedAt: '2026-03-02T10:00:00.000Z' }]);
    const view = await personReferral(t, invitee);
    expect(view.invitedBy).toEqual(accepted);
    // the inviter has no inviter
    expect((await personReferral(t, a.oneId)).invitedBy).toBeNull();
  });

  it('is idempotent for the same invitee and refuses another invitee; at before sentAt and unknown ids are refused', async () => {
    const a = await newPerson(t);
    const b = await newPerson(t);
    const inv = await record(t, a.oneId, { sentAt: '2026-03-01T08:00:00Z' });
    // at before sentAt: nothing is written, not even the invitee
    const early = phone();
    expect(codeOf(await t.gql(ACCEPT, { id: inv.id, invitee: early, at: '2026-03-01T07:59:59Z' }))).toBe('BAD_USER_INPUT');
    const nobody = await t.ok<{ resolveIdentity: unknown }>('query R($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId } }', { i: early });
    expect(nobody.resolveIdentity).toBeNull();
    expect(codeOf(await t.gql(ACCEPT, { id: uid('missing'), invitee: phone(), at: '2026-03-02T00:00:00Z' }))).toBe('NOT_FOUND');

    const first = await accept(t, inv.id, b.phone, '2026-03-02T08:00:00Z');
    expect(first.status).toBe('ACCEPTED');
    const again = await accept(t, inv.id, b.phone, '2026-03-05T08:00:00Z');
    expect(again).toEqual(first);
    expect(await referredEdges(b.oneId)).toBe(1);
    const other = await t.gql(ACCEPT, { id: inv.id, invitee: phone(), at: '2026-03-02T09:00:00Z' });
    expect(codeOf(other)).toBe('BAD_USER_INPUT');
    // an unknown identifier for an answered invitation creates nobody
    const p = phone();
    expect(codeOf(await t.gql(ACCEPT, { id: inv.id, invitee: p, at: '2026-03-02T09:00:00Z' }))).toBe('BAD_USER_INPUT');
    expect((await t.ok<{ resolveIdentity: unknown }>('query R($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId } }', { i: p })).resolveIdentity).toBeNull();
  });

  it('rejects a self-referral, also through another identifier of the same person', async () => {
    const e = email();
    const a = await newPerson(t, { identifiers: [e] });
    const inv = await record(t, a.oneId);
    const rejected = await accept(t, inv.id, e);
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.rejectionReason).toMatch(/^self-referral/);
    expect(rejected.invitee).toEqual({ oneId: a.oneId });
    expect(rejected.acceptedAt).toBe('2026-03-02T08:00:00.000Z');
    expect(await referredEdges(a.oneId)).toBe(0);
    // a REJECTED invitation accepted again by the same person is returned unchanged
    expect(await accept(t, inv.id, a.phone)).toEqual(rejected);
    expect(codeOf(await t.gql(ACCEPT, { id: inv.id, invitee: phone(), at: '2026-03-03T00:00:00Z' }))).toBe('BAD_USER_INPUT');
  });

  it('rejects a self-referral between identifiers that merged after the invitation was sent', async () => {
    const a = await newPerson(t);
    const e = email();
    const other = await newPerson(t, { identifiers: [e] });
    const inv = await record(t, a.oneId);
    // the two OneIDs turn out to be one person
    const merged = await seenTogether(t, [a.phone, e]);
    expect(merged.mergedOneIds).toHaveLength(1);
    expect([a.oneId, other.oneId]).toContain(merged.oneId);
    const rejected = await accept(t, inv.id, e);
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.rejectionReason).toMatch(/^self-referral/);
    expect(rejected.inviter.oneId).toBe(merged.oneId);
    expect(rejected.invitee!.oneId).toBe(merged.oneId);
  });

  it('rejects the invitation that would close a three-step cycle (A→B→C, then C invites A)', async () => {
    const a = await newPerson(t);
    const b = await newPerson(t);
    const c = await newPerson(t);
    expect((await invite(t, a.oneId, b.phone)).status).toBe('ACCEPTED');
    expect((await invite(t, b.oneId, c.phone)).status).toBe('ACCEPTED');
    const closing = await invite(t, c.oneId, a.phone);
    expect(closing.status).toBe('REJECTED');
    expect(closing.rejectionReason).toMatch(/^cycle/);
    expect(await referredEdges(a.oneId)).toBe(0);
    expect((await personReferral(t, a.oneId)).referralChain.depth).toBe(0);
    // and the direct two-step one
    const back = await invite(t, b.oneId, a.phone);
    expect(back.rejectionReason).toMatch(/^cycle/);
  });

  it('rejects an invitee who held or was insured by a policy that started before the invitation was sent', async () => {
    const a = await newPerson(t);
    const customer = await newPerson(t);
    await givePolicy(t, customer.oneId, '2025-12-31');
    const r = await invite(t, a.oneId, customer.phone, { sentAt: '2026-03-01T08:00:00Z' });
    expect(r.status).toBe('REJECTED');
    expect(r.rejectionReason).toMatch(/^already a customer/);
    expect(await referredEdges(customer.oneId)).toBe(0);

    // a policy that starts on the day the invitation was sent, or later, is not "before"
    const newcomer = await newPerson(t);
    await givePolicy(t, newcomer.oneId, '2026-03-01');
    const ok = await invite(t, a.oneId, newcomer.phone, { sentAt: '2026-03-01T08:00:00Z' });
    expect(ok.status).toBe('ACCEPTED');
  });

  it('keeps only the first accepted invitation of a person (already referred)', async () => {
    const a = await newPerson(t);
    const b = await newPerson(t);
    const x = await newPerson(t);
    const first = await invite(t, a.oneId, x.phone);
    expect(first.status).toBe('ACCEPTED');
    const second = await invite(t, b.oneId, x.phone, { at: '2026-03-03T08:00:00Z' });
    expect(second.status).toBe('REJECTED');
    expect(second.rejectionReason).toMatch(/^already referred/);
    expect(await referredEdges(x.oneId)).toBe(1);
    expect((await personReferral(t, x.oneId)).invitedBy!.id).toBe(first.id);
  });

  it('records whether inviter and invitee shared a household at acceptance', async () => {
    const a = await newPerson(t);
    const spouse = await newPerson(t);
    const friend = await newPerson(t);
    await newHousehold(t, [[a.oneId, 'BREADWINNER'], [spouse.oneId, 'OTHER']]);
    const inHousehold = await invite(t, a.oneId, spouse.phone);
    expect(inHousehold.status).toBe('ACCEPTED');
    expect(inHousehold.sameHousehold).toBe(true);
    const outside = await invite(t, a.oneId, friend.phone);
    expect(outside.sameHousehold).toBe(false);
  });
});

describe('convertInvitation', () => {
  it('moves ACCEPTED to CONVERTED with premium and convertedAt; repeats are idempotent; other states are refused', async () => {
    const a = await newPerson(t);
    const sent = await record(t, a.oneId);
    expect(codeOf(await t.gql(CONVERT, { id: sent.id, premium: 100, at: '2026-03-10T00:00:00Z' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(CONVERT, { id: uid('missing'), premium: 100, at: '2026-03-10T00:00:00Z' }))).toBe('NOT_FOUND');
    const x = await newPerson(t);
    const acc = await accept(t, sent.id, x.phone, '2026-03-02T00:00:00Z');
    expect(codeOf(await t.gql(CONVERT, { id: sent.id, premium: -1, at: '2026-03-10T00:00:00Z' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(CONVERT, { id: sent.id, premium: 100, at: '2026-03-01T00:00:00Z' }))).toBe('BAD_USER_INPUT');
    expect((await t.ok<{ invitation: InvitationOut }>(INVITATION, { id: sent.id })).invitation).toEqual(acc);

    const conv = await convert(t, sent.id, 5800, '2026-03-10T00:00:00Z');
    expect(conv).toMatchObject({ status: 'CONVERTED', premium: 5800, convertedAt: '2026-03-10T00:00:00.000Z', acceptedAt: acc.acceptedAt });
    expect(await convert(t, sent.id, 5800, '2026-04-01T00:00:00Z')).toEqual(conv);
    expect(codeOf(await t.gql(CONVERT, { id: sent.id, premium: 6000, at: '2026-03-10T00:00:00Z' }))).toBe('BAD_USER_INPUT');
    // accepting a converted invitation again with its invitee returns it unchanged
    expect(await accept(t, sent.id, x.phone)).toEqual(conv);
    // still the invitee's accepted invitation
    expect((await personReferral(t, x.oneId)).invitedBy!.status).toBe('CONVERTED');

    const self = await record(t, a.oneId);
    await accept(t, self.id, a.phone);
    expect(codeOf(await t.gql(CONVERT, { id: self.id, premium: 1, at: '2026-03-10T00:00:00Z' }))).toBe('BAD_USER_INPUT');
  });

  it('accepts a premium of 0', async () => {
    const a = await newPerson(t);
    const inv = await invite(t, a.oneId, phone());
    expect((await convert(t, inv.id, 0)).premium).toBe(0);
  });
});

describe('concurrency', () => {
  it('two invitations accepted by the same person at the same time: exactly one wins', async () => {
    for (let round = 0; round < 4; round += 1) {
      const [a, b] = [await newPerson(t), await newPerson(t)];
      const x = await newPerson(t);
      const [ia, ib] = [await record(t, a.oneId), await record(t, b.oneId)];
      const results = await Promise.all([accept(t, ia.id, x.phone), accept(t, ib.id, x.phone)]);
      expect(results.map((r) => r.status).sort()).toEqual(['ACCEPTED', 'REJECTED']);
      expect(results.find((r) => r.status === 'REJECTED')!.rejectionReason).toMatch(/^already referred/);
      expect(await referredEdges(x.oneId)).toBe(1);
    }
  });

  it('two acceptances that together would close a cycle: exactly one wins', async () => {
    for (let round = 0; round < 4; round += 1) {
      // A→B exists; concurrently B invites C and C invites A (a three-cycle if both won)
      const [a, b, c] = [await newPerson(t), await newPerson(t), await newPerson(t)];
      await invite(t, a.oneId, b.phone);
      const [bc, ca] = [await record(t, b.oneId), await record(t, c.oneId)];
      const results = await Promise.all([accept(t, bc.id, c.phone), accept(t, ca.id, a.phone)]);
      expect(results.map((r) => r.status).sort()).toEqual(['ACCEPTED', 'REJECTED']);
      expect(results.find((r) => r.status === 'REJECTED')!.rejectionReason).toMatch(/^cycle/);
      // no cycle in the graph
      expect(await g.one('referral/referral-cycles', { oneId: a.oneId })).toEqual({ cycles: 0 });
    }
  });
});
