/**
 * Issue 7 on a real Neo4j: referral chains and trees (levels, depth bound, a chain 200 deep),
 * stats and top referrers with filters, and an identity merge of two invitees.
 */
import { codeOf, convert, email, graph, invite, newPerson, phone, record, seenTogether, uid, useTestApp } from '../../kit';
import { PERSON_REFERRAL, personReferral, stats, STATS, top, TOP } from './support';

const t = useTestApp();
const g = graph(t);

describe('referralChain and referralTree', () => {
  it('follows A→B→C, B→D, with conversions, level by level', async () => {
    const [a, b, c, d] = [await newPerson(t), await newPerson(t), await newPerson(t), await newPerson(t)];
    const ab = await invite(t, a.oneId, b.phone);
    const bc = await invite(t, b.oneId, c.phone);
    const bd = await invite(t, b.oneId, d.phone);
    await convert(t, ab.id, 1000);
    await convert(t, bd.id, 300);

    const cView = await personReferral(t, c.oneId);
    expect(cView.referralChain.root.oneId).toBe(a.oneId);
    expect(cView.referralChain.depth).toBe(2);
    expect(cView.referralChain.links.map((l) => l.id)).toEqual([ab.id, bc.id]);
    expect(cView.referralChain.links[0]).toMatchObject({ inviter: { oneId: a.oneId }, invitee: { oneId: b.oneId }, status: 'CONVERTED' });
    expect(cView.referralChain.links[1]).toMatchObject({ inviter: { oneId: b.oneId }, invitee: { oneId: c.oneId }, status: 'ACCEPTED' });
    expect(cView.invitedBy!.id).toBe(bc.id);

    const aView = await personReferral(t, a.oneId);
    expect(aView.referralChain).toEqual({ root: { oneId: a.oneId }, depth: 0, links: [] });
    expect(aView.referralTree).toEqual({
      root: { oneId: a.oneId },
      size: 3,
      maxDepth: 2,
      converted: 2,
      premium: 1300,
      levels: [
        { depth: 1, accepted: 1, converted: 1, premium: 1000 },
        { depth: 2, accepted: 2, converted: 1, premium: 300 },
      ],
    });
    const shallow = await personReferral(t, a.oneId, 1);
    expect(shallow.referralTree).toMatchObject({ size: 1, maxDepth: 1, converted: 1, premium: 1000 });
    const leaf = await personReferral(t, c.oneId);
    expect(leaf.referralTree).toEqual({ root: { oneId: c.oneId }, size: 0, maxDepth: 0, converted: 0, premium: 0, levels: [] });
  });

  it('does not count rejected or pending invitations in the tree', async () => {
    const a = await newPerson(t);
    await record(t, a.oneId);
    await invite(t, a.oneId, a.phone); // self: rejected
    const b = await invite(t, a.oneId, phone());
    expect(b.status).toBe('ACCEPTED');
    expect((await personReferral(t, a.oneId)).referralTree.size).toBe(1);
  });

  it('refuses maxDepth outside 1..1000', async () => {
    const a = await newPerson(t);
    for (const maxDepth of [0, -1, 1001]) {
      expect(codeOf(await t.gql(PERSON_REFERRAL, { oneId: a.oneId, maxDepth }))).toBe('BAD_USER_INPUT');
    }
    expect((await personReferral(t, a.oneId, 1000)).referralTree.size).toBe(0);
  });

  it('handles a chain 200 deep: chain, bounded trees, and a cycle check at the bottom', async () => {
    const depth = 200;
    const tag = uid('deep');
    const top0 = await newPerson(t);
    // test-only bulk setup shaped exactly like accepted invitations (persons, invitations, tree edges)
    await g.write('referral/load-chain', { depth, tag, root: top0.oneId });
    const root = top0.oneId;
    const bottom = `${tag}-p${depth}`;
    const started = Date.now();
    const view = await personReferral(t, bottom);
    expect(view.referralChain.depth).toBe(depth);
    expect(view.referralChain.root.oneId).toBe(root);
    expect(view.referralChain.links).toHaveLength(depth);
    expect(view.referralChain.links[0].inviter.oneId).toBe(root);
    expect(view.referralChain.links[depth - 1].invitee.oneId).toBe(bottom);
    expect(view.referralChain.links.map((l) => l.id)).toEqual(Array.from({ length: depth }, (_, k) => `${tag}-i${k + 1}`));

    const top10 = await personReferral(t, root);
    expect(top10.referralTree).toMatchObject({ size: 10, maxDepth: 10 });
    expect(top10.referralTree.levels).toHaveLength(10);
    const full = await personReferral(t, root, 1000);
    expect(full.referralTree).toMatchObject({ size: depth, maxDepth: depth });
    const mid = await personReferral(t, root, 150);
    expect(mid.referralTree).toMatchObject({ size: 150, maxDepth: 150 });

    // the bottom person inviting the root would close a cycle of 201
    const closing = await invite(t, bottom, top0.phone, { sentAt: '2026-03-05T00:00:00Z', at: '2026-03-06T00:00:00Z' });
    expect(closing.status).toBe('REJECTED');
    expect(closing.rejectionReason).toMatch(/^cycle/);
    // and a newcomer is accepted 201 deep
    const newcomer = await invite(t, bottom, phone(), { sentAt: '2026-03-05T00:00:00Z', at: '2026-03-06T00:00:00Z' });
    expect(newcomer.status).toBe('ACCEPTED');
    expect((await personReferral(t, newcomer.invitee!.oneId)).referralChain.depth).toBe(depth + 1);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('referralStats and topReferrers', () => {
  it('counts invitations by campaign, channel, advisor and sentAt window [from, to)', async () => {
    const campaign = uid('camp');
    const advisor = uid('adv');
    const [a, b] = [await newPerson(t), await newPerson(t)];
    const i1 = await invite(t, a.oneId, phone(), { campaign, channel: 'poster', advisorId: advisor, sentAt: '2026-03-01T00:00:00Z' });
    const i2 = await invite(t, a.oneId, phone(), { campaign, channel: 'sms', advisorId: advisor, sentAt: '2026-03-02T00:00:00Z', at: '2026-03-03T00:00:00Z' });
    await record(t, a.oneId, { campaign, channel: 'sms', sentAt: '2026-03-03T00:00:00Z' }); // pending
    await invite(t, b.oneId, b.phone, { campaign, channel: 'poster', sentAt: '2026-03-04T00:00:00Z', at: '2026-03-05T00:00:00Z' }); // rejected
    const i5 = await invite(t, b.oneId, phone(), { campaign, channel: 'poster', sentAt: '2026-03-05T00:00:00Z', at: '2026-03-06T00:00:00Z' });
    await convert(t, i1.id, 1000);
    await convert(t, i5.id, 250);
    expect(i2.status).toBe('ACCEPTED');

    expect(await stats(t, { campaign })).toEqual({ invited: 5, accepted: 3, converted: 2, conversionRate: 0.4, kFactor: 1.5, premium: 1250 });
    expect(await stats(t, { campaign, channel: 'poster' })).toEqual({
      invited: 3,
      accepted: 2,
      converted: 2,
      conversionRate: 2 / 3,
      kFactor: 1,
      premium: 1250,
    });
    expect(await stats(t, { campaign, advisorId: advisor })).toMatchObject({ invited: 2, accepted: 2, converted: 1, kFactor: 2, premium: 1000 });
    // from inclusive, to exclusive
    expect(await stats(t, { campaign, from: '2026-03-02T00:00:00Z', to: '2026-03-05T00:00:00Z' })).toMatchObject({ invited: 3, accepted: 1 });
    expect(await stats(t, { campaign, from: '2026-03-05T00:00:00Z' })).toMatchObject({ invited: 1, converted: 1, premium: 250 });
    expect(await stats(t, { campaign: uid('none') })).toEqual({ invited: 0, accepted: 0, converted: 0, conversionRate: 0, kFactor: 0, premium: 0 });
    expect(codeOf(await t.gql(STATS, { filter: { campaign, from: '2026-03-05T00:00:00Z', to: '2026-03-01T00:00:00Z' } }))).toBe('BAD_USER_INPUT');
  });

  it('ranks referrers by tree premium, then descendants, with direct counts over the filter', async () => {
    const campaign = uid('camp');
    const [a, b, c] = [await newPerson(t), await newPerson(t), await newPerson(t)];
    // a brings in x (converted 100) and y; x brings in z (converted 900) outside the campaign
    const x = await newPerson(t);
    const ax = await invite(t, a.oneId, x.phone, { campaign });
    await invite(t, a.oneId, phone(), { campaign });
    await record(t, a.oneId, { campaign });
    const xz = await invite(t, x.oneId, phone(), { campaign: uid('other') });
    await convert(t, ax.id, 100);
    await convert(t, xz.id, 900);
    // b brings in four people, no premium
    for (let k = 0; k < 4; k += 1) await invite(t, b.oneId, phone(), { campaign });
    // c brings in one who converts for 1000
    const cw = await invite(t, c.oneId, phone(), { campaign });
    await convert(t, cw.id, 1000);

    const ranked = await top(t, { campaign });
    expect(ranked).toEqual([
      { person: { oneId: a.oneId }, invited: 3, converted: 1, descendants: 3, treePremium: 1000 },
      { person: { oneId: c.oneId }, invited: 1, converted: 1, descendants: 1, treePremium: 1000 },
      { person: { oneId: b.oneId }, invited: 4, converted: 0, descendants: 4, treePremium: 0 },
    ]);
    expect(await top(t, { campaign }, 1)).toEqual(ranked.slice(0, 1));
    for (const first of [0, 101]) expect(codeOf(await t.gql(TOP, { filter: { campaign }, first }))).toBe('BAD_USER_INPUT');
  });

  it('counts a person once after an identity merge of two invitees (first accepted invitation wins)', async () => {
    const campaign = uid('camp');
    const [a, b] = [await newPerson(t), await newPerson(t)];
    const e = email();
    const x = await newPerson(t); // known by phone
    const y = await newPerson(t, { identifiers: [e] }); // known by e-mail: the same human, not known yet
    const ax = await invite(t, a.oneId, x.phone, { campaign, at: '2026-03-02T00:00:00Z' });
    const by = await invite(t, b.oneId, e, { campaign, at: '2026-03-03T00:00:00Z' });
    await convert(t, by.id, 500);
    expect([ax.status, by.status]).toEqual(['ACCEPTED', 'ACCEPTED']);
    expect(await stats(t, { campaign })).toMatchObject({ invited: 2, accepted: 2 });

    const merged = await seenTogether(t, [x.phone, e]);
    expect(merged.oneId).toBe(x.oneId); // the older OneID survives
    expect(merged.mergedOneIds).toEqual([y.oneId]);

    expect(await stats(t, { campaign })).toEqual({ invited: 2, accepted: 1, converted: 0, conversionRate: 0, kFactor: 0.5, premium: 0 });
    const view = await personReferral(t, x.oneId);
    expect(view.invitedBy!.id).toBe(ax.id);
    expect(view.referralChain).toMatchObject({ root: { oneId: a.oneId }, depth: 1 });
    const loser = await t.ok<{ invitation: { status: string; rejectionReason: string; invitee: { oneId: string } } }>(
      `query { invitation(id: "${by.id}") { status rejectionReason invitee { oneId } } }`,
    );
    expect(loser.invitation).toMatchObject({ status: 'REJECTED', invitee: { oneId: x.oneId } });
    expect(loser.invitation.rejectionReason).toMatch(/^already referred/);
    expect((await personReferral(t, a.oneId)).referralTree.size).toBe(1);
    expect((await personReferral(t, b.oneId)).referralTree.size).toBe(0);
    expect(await g.count('referral/referred-into', { oneId: x.oneId })).toBe(1);
  });

  it('an identity merge keeps the earlier accepted invitation even when it came with the merged-away OneID', async () => {
    const campaign = uid('camp');
    const [a, b] = [await newPerson(t), await newPerson(t)];
    const e = email();
    const x = await newPerson(t); // older: survives
    await newPerson(t, { identifiers: [e] });
    const bx = await invite(t, b.oneId, x.phone, { campaign, at: '2026-03-04T00:00:00Z' });
    const ay = await invite(t, a.oneId, e, { campaign, at: '2026-03-02T00:00:00Z' }); // accepted first
    await seenTogether(t, [x.phone, e]);
    const view = await personReferral(t, x.oneId);
    expect(view.invitedBy!.id).toBe(ay.id);
    expect(view.referralChain.root.oneId).toBe(a.oneId);
    const lost = await t.ok<{ invitation: { status: string } }>(`query { invitation(id: "${bx.id}") { status } }`);
    expect(lost.invitation.status).toBe('REJECTED');
    expect(await stats(t, { campaign })).toMatchObject({ invited: 2, accepted: 1 });
  });

  it('an identity merge of inviter and invitee turns their invitation into a self-referral', async () => {
    const campaign = uid('camp');
    const e = email();
    const a = await newPerson(t);
    await newPerson(t, { identifiers: [e] });
    const inv = await invite(t, a.oneId, e, { campaign });
    expect(inv.status).toBe('ACCEPTED');
    await seenTogether(t, [a.phone, e]);
    const after = await t.ok<{ invitation: { status: string; rejectionReason: string } }>(`query { invitation(id: "${inv.id}") { status rejectionReason } }`);
    expect(after.invitation.status).toBe('REJECTED');
    expect(after.invitation.rejectionReason).toMatch(/^self-referral/);
    expect(await stats(t, { campaign })).toMatchObject({ invited: 1, accepted: 0 });
    expect((await personReferral(t, a.oneId)).referralTree.size).toBe(0);
  });

  it('an identity merge that would close a cycle cuts it at the survivor', async () => {
    // a → b → c, and c's other identity (older: the survivor) invited a
    const e = email();
    const cOld = await newPerson(t, { identifiers: [e] }); // survivor-to-be, known by e-mail
    const a = await newPerson(t);
    const b = await newPerson(t);
    const c = await newPerson(t);
    await invite(t, cOld.oneId, a.phone, { at: '2026-03-01T12:00:00Z' });
    await invite(t, a.oneId, b.phone);
    await invite(t, b.oneId, c.phone);
    await seenTogether(t, [c.phone, e]);
    expect(await g.one('referral/referral-cycles', { oneId: cOld.oneId })).toEqual({ cycles: 0 });
    const view = await personReferral(t, cOld.oneId);
    expect(view.invitedBy).toBeNull();
    expect(view.referralTree.size).toBe(2 + 0); // a and b below the survivor
  });
});
