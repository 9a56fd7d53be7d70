/**
 * explainIdentity (shortest chain of evidence, masked) and splitIdentifier (detach an
 * identifier, recompute the person from the evidence that remains).
 */
import { account, email, Ident, imei, ingest, nationalId, phone, useTestApp } from '../../kit';
import { at, ev, EXPLAIN, maskNationalId, maskPhone, oneIdOf, person, PersonOut, resolveMany, SPLIT } from './support';

const t = useTestApp();

interface Step {
  eventId: string;
  source: string;
  observedAt: string;
  from: { type: string; masked: string };
  to: { type: string; masked: string };
}

async function explain(a: Ident, b: Ident): Promise<{ sameOneId: boolean; path: Step[] }> {
  return (await t.ok<{ explainIdentity: { sameOneId: boolean; path: Step[] } }>(EXPLAIN, { a, b })).explainIdentity;
}

async function split(identifier: Ident, reason = 'wrong link'): Promise<{ remaining: PersonOut; split: PersonOut }> {
  return (await t.ok<{ splitIdentifier: { remaining: PersonOut; split: PersonOut } }>(SPLIT, { identifier, reason })).splitIdentifier;
}

describe('explainIdentity', () => {
  it('gives the shortest chain of events between two identifiers, masked, in order from a to b', async () => {
    const [p1, e1, n1, m1] = [phone(), email(), nationalId(), imei()];
    const events = [
      ev([p1, e1], { source: 'app', observedAt: at(1) }),
      ev([e1, n1], { source: 'crm', observedAt: at(2) }),
      ev([n1, m1], { source: 'policy-admin', observedAt: at(3) }),
    ];
    await ingest(t, events);
    const x = await explain(p1, m1);
    expect(x.sameOneId).toBe(true);
    expect(x.path.map((s) => [s.eventId, s.source, s.observedAt])).toEqual(events.map((e) => [e.eventId, e.source, e.observedAt]));
    expect(x.path[0].from).toMatchObject({ type: 'PHONE', masked: maskPhone(p1.value) });
    expect(x.path[0].to).toMatchObject({ type: 'EMAIL' });
    expect(x.path[1].to).toMatchObject({ type: 'NATIONAL_ID', masked: maskNationalId(n1.value) });
    expect(x.path[2].to).toMatchObject({ type: 'DEVICE_ID', namespace: 'imei' });
    for (let i = 1; i < x.path.length; i += 1) expect(x.path[i].from).toEqual(x.path[i - 1].to);
    // the reverse question walks the same chain backwards
    const back = await explain(m1, p1);
    expect(back.path.map((s) => s.eventId)).toEqual(events.map((e) => e.eventId).reverse());
    // a direct link makes the chain one step long
    const direct = ev([m1, p1], { source: 'call-centre' });
    await ingest(t, [direct]);
    const y = await explain(p1, m1);
    expect(y).toMatchObject({ sameOneId: true, path: [{ eventId: direct.eventId, source: 'call-centre' }] });
  });

  it('answers sameOneId false and an empty path for different, unknown, junk or shared identifiers', async () => {
    const [p1, p2, n1, n2] = [phone(), phone(), nationalId(), nationalId()];
    await ingest(t, [ev([p1, n1]), ev([p2, n2])]);
    expect(await explain(p1, p2)).toEqual({ sameOneId: false, path: [] });
    expect(await explain(p1, email())).toEqual({ sameOneId: false, path: [] });
    expect(await explain(p1, { type: 'PHONE', value: '13800138000' })).toEqual({ sameOneId: false, path: [] });
    // a blocked (limit conflict) link is evidence kept, but not a link: p2 turns shared
    await ingest(t, [ev([n1, p2])]);
    expect(await explain(n1, p2)).toEqual({ sameOneId: false, path: [] });
    expect(await explain(n2, p2)).toEqual({ sameOneId: false, path: [] });
    expect(await explain(p1, p1)).toEqual({ sameOneId: true, path: [] });
  });

  it('is for ADMIN and INGEST only', async () => {
    const res = await t.gql(EXPLAIN, { a: phone(), b: phone() }, { role: 'CUSTOMER', sub: 'x' });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('splitIdentifier', () => {
  it('detaches a wrongly linked identifier; pieces no longer connected become separate people', async () => {
    const [p1, e1, n1, m1] = [phone(), email(), nationalId(), imei()];
    await ingest(t, [
      ev([p1, e1], { observedAt: at(1) }),
      ev([n1, p1], { observedAt: at(2) }), // the wrong link
      ev([n1, m1], { observedAt: at(3) }),
    ]);
    const a = (await oneIdOf(t, p1))!;
    expect(await resolveMany(t, [e1, n1, m1])).toEqual([a, a, a]);

    const s = await split(n1);
    expect(s.remaining.oneId).toBe(a);
    expect(s.split.oneId).not.toBe(a);
    expect(s.split.identifiers.map((i) => i.type)).toEqual(['NATIONAL_ID']);
    expect(s.remaining.identifiers.map((i) => i.type).sort()).toEqual(['EMAIL', 'PHONE']);
    const [rp, re, rn, rm] = await resolveMany(t, [p1, e1, n1, m1]);
    expect([rp, re]).toEqual([a, a]);
    expect(rn).toBe(s.split.oneId);
    expect(rm).not.toBeNull();
    expect(new Set([a, rn, rm]).size).toBe(3); // m1 was only connected through n1
    expect(await explain(p1, n1)).toEqual({ sameOneId: false, path: [] });
  });

  it('the piece holding the oldest identifier keeps the OneID; later events merge the pieces again', async () => {
    const [p1, e1, n1] = [phone(), email(), nationalId()];
    const a = (await ingest(t, [ev([p1], { observedAt: at(20) })])).results[0].oneId!;
    await ingest(t, [ev([n1, e1], { observedAt: at(10) })]); // e1 is the oldest identifier of all
    await ingest(t, [ev([n1, p1], { observedAt: at(30) })]);
    expect(await resolveMany(t, [p1, e1, n1])).toEqual([a, a, a]);
    const s = await split(n1, 'national ID typed on the wrong form');
    expect(s.remaining.oneId).toBe(a);
    expect(s.remaining.identifiers.map((i) => i.type)).toEqual(['EMAIL']);
    const [rp, re, rn] = await resolveMany(t, [p1, e1, n1]);
    expect(re).toBe(a);
    expect(rp).not.toBe(a);
    expect(rn).toBe(s.split.oneId);
    expect(new Set([rp, re, rn]).size).toBe(3);

    // a later event linking them merges them again (the oldest person survives)
    const r = await ingest(t, [ev([p1, e1, n1])]);
    expect(r.results[0].oneId).toBe(a);
    expect(new Set(r.results[0].mergedOneIds)).toEqual(new Set([rp, rn]));
    expect(await resolveMany(t, [p1, e1, n1])).toEqual([a, a, a]);
    // the split-off OneIDs were merged back: they resolve to the survivor
    expect((await person(t, rn!))!.oneId).toBe(a);
  });

  it('keeps attributes and merged OneIDs with the remaining person', async () => {
    const [p1, e1, acc] = [phone(), email(), account('crm')];
    const a = (await ingest(t, [ev([p1], { attributes: { displayName: 'Li Lei' } })])).results[0].oneId!;
    const b = (await ingest(t, [ev([e1])])).results[0].oneId!;
    await ingest(t, [ev([p1, e1]), ev([acc, p1])]);
    const s = await split(acc);
    expect(s.remaining).toMatchObject({ oneId: a, displayName: 'Li Lei', mergedOneIds: [b] });
    expect(s.split).toMatchObject({ displayName: null, mergedOneIds: [] });
    expect((await person(t, b))!.oneId).toBe(a);
  });

  it('refuses unknown, sole, junk identifiers and an empty reason, changing nothing', async () => {
    const unknown = await t.gql(SPLIT, { identifier: phone(), reason: 'x' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const p1 = phone();
    const a = (await ingest(t, [ev([p1])])).results[0].oneId;
    const sole = await t.gql(SPLIT, { identifier: p1, reason: 'x' });
    expect(sole.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const junk = await t.gql(SPLIT, { identifier: { type: 'PHONE', value: '13800138000' }, reason: 'x' });
    expect(junk.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const e1 = email();
    await ingest(t, [ev([p1, e1])]);
    const empty = await t.gql(SPLIT, { identifier: e1, reason: '  ' });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await resolveMany(t, [p1, e1])).toEqual([a, a]);
    const forbidden = await t.gql(SPLIT, { identifier: e1, reason: 'x' }, { role: 'ADVISOR', sub: 'adv' });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
