/**
 * Issue 4 (OneID) through GraphQL on a real Neo4j: normalization, validation and batch
 * atomicity, junk values, transitive merges with the oldest OneID surviving, merged-away
 * OneIDs, IOT devices, idempotency and attributes.
 */
import { account, email, EventInput, imei, ingest, INGEST_EVENTS, iot, nationalId, nationalIdNumber, openId, phone, phoneNumber, unionId, useTestApp } from '../../kit';
import { at, ev, maskNationalId, maskPhone, oneIdOf, person, resolve, resolveMany } from './support';

const t = useTestApp();

describe('normalization', () => {
  it('treats +86 138-0013-8001, 8613800138001 and 138 0013 8001 as one phone, masked 138****8001', async () => {
    const n = phoneNumber();
    const [a, b, c] = [n.slice(0, 3), n.slice(3, 7), n.slice(7)];
    const r = await ingest(t, [ev([{ type: 'PHONE', value: `+86 ${a}-${b}-${c}` }])]);
    const oneId = r.results[0].oneId;
    expect(oneId).toEqual(expect.any(String));
    for (const variant of [`86${n}`, `${a} ${b} ${c}`, n, `+86${n}`, `（+86）${a}${b}${c}`]) {
      expect(await oneIdOf(t, { type: 'PHONE', value: variant })).toBe(oneId);
    }
    // a second event in another spelling touches the same identifier, creates nobody new
    const again = await ingest(t, [ev([{ type: 'PHONE', value: `86${n}` }, email()])]);
    expect(again.results[0].oneId).toBe(oneId);
    const p = await person(t, oneId!);
    const phones = p!.identifiers.filter((i) => i.type === 'PHONE');
    expect(phones).toHaveLength(1);
    expect(phones[0].masked).toBe(maskPhone(n));
    expect(phones[0].shared).toBe(false);
  });

  it('trims and lower-cases e-mails; masks them as z***@domain', async () => {
    const local = `zhang.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const r = await ingest(t, [ev([{ type: 'EMAIL', value: `  ${local.toUpperCase()}@Mail-KG.CN ` }])]);
    const oneId = r.results[0].oneId!;
    expect(await oneIdOf(t, { type: 'EMAIL', value: `${local}@mail-kg.cn` })).toBe(oneId);
    const p = await person(t, oneId);
    expect(p!.identifiers).toEqual([expect.objectContaining({ type: 'EMAIL', masked: 'z***@mail-kg.cn', namespace: null })]);
  });

  it('validates national IDs (18 chars, MOD 11-2), accepts a lower-case x, masks 4+10 stars+4', async () => {
    let id = nationalIdNumber();
    while (!id.endsWith('X')) id = nationalIdNumber();
    const r = await ingest(t, [ev([{ type: 'NATIONAL_ID', value: id.toLowerCase() }])]);
    const p = await person(t, r.results[0].oneId!);
    expect(p!.identifiers).toEqual([expect.objectContaining({ type: 'NATIONAL_ID', masked: maskNationalId(id) })]);
    expect(p!.identifiers[0].masked).toMatch(/^\d{4}\*{10}\d{3}X$/);
    expect(await oneIdOf(t, { type: 'NATIONAL_ID', value: id })).toBe(p!.oneId);
  });

  it('keeps one OpenID under two appIds as two identifiers (two people)', async () => {
    const value = `oX${Date.now()}${Math.random().toString(36).slice(2)}`;
    const r = await ingest(t, [ev([openId('wx-app-a', value), phone()]), ev([openId('wx-app-b', value), phone()])]);
    const [a, b] = r.results.map((x) => x.oneId);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(a).not.toBe(b);
    expect(await oneIdOf(t, openId('wx-app-a', value))).toBe(a);
    expect(await oneIdOf(t, openId('wx-app-b', value))).toBe(b);
    expect(await oneIdOf(t, openId('wx-app-c', value))).toBeNull();
  });

  it('ACCOUNT namespaces are case-insensitive systems; the value is case-sensitive', async () => {
    const acc = account('Policy-Admin');
    const r = await ingest(t, [ev([acc])]);
    expect(await oneIdOf(t, { ...acc, namespace: 'policy-admin' })).toBe(r.results[0].oneId);
    expect(await oneIdOf(t, { ...acc, value: acc.value.toUpperCase() })).toBeNull();
  });
});

describe('validation and atomicity', () => {
  const invalid: Array<[string, EventInput['identifiers'][number], RegExp]> = [
    ['a phone that is not a number', { type: 'PHONE', value: 'call me maybe' }, /PHONE/],
    ['a too-short phone', { type: 'PHONE', value: '1390013' }, /PHONE/],
    ['an e-mail without domain', { type: 'EMAIL', value: 'zhang@' }, /EMAIL/],
    ['a national ID with a wrong check character', { type: 'NATIONAL_ID', value: 'WRONGCHECK' }, /NATIONAL_ID/],
    ['a DEVICE_ID without namespace', { type: 'DEVICE_ID', value: '356938035643809' }, /namespace/],
    ['an IMEI failing Luhn', { type: 'DEVICE_ID', namespace: 'imei', value: '356938035643808' }, /Luhn/],
    ['a DEVICE_ID with an unknown namespace', { type: 'DEVICE_ID', namespace: 'pager', value: 'abc' }, /namespace/],
    ['a WECHAT_OPENID without appId', { type: 'WECHAT_OPENID', value: 'oAbc123' }, /appId/],
    ['an ACCOUNT without namespace', { type: 'ACCOUNT', value: 'acc-1' }, /namespace/],
    ['an IOT_DEVICE without namespace', { type: 'IOT_DEVICE', value: 'TV-1' }, /namespace/],
  ];

  it.each(invalid)('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, bad, reason) => {
    const good = phone();
    const nid = nationalIdNumber();
    // a wrong check character: change the last char
    const badId =
      bad.type === 'NATIONAL_ID' ? { ...bad, value: nid.slice(0, 17) + (nid[17] === '0' ? '1' : '0') } : bad;
    const res = await t.gql(INGEST_EVENTS, { events: [ev([good, badId])] });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(reason);
    expect(res.errors?.[0]?.message).toMatch(/events\[0\]/);
    expect(res.errors?.[0]?.message).not.toContain(badId.value);
    expect(await oneIdOf(t, good)).toBeNull();
  });

  it('rejects a whole batch naming the index and reason of each bad event; nothing is written', async () => {
    const goods = [phone(), email(), nationalId(), account()];
    const badPhone = { type: 'PHONE' as const, value: '12' };
    const events = [ev([goods[0], goods[1]]), ev([badPhone]), ev([goods[2]]), ev([{ type: 'ACCOUNT', value: 'x' }]), ev([goods[3]])];
    const res = await t.gql(INGEST_EVENTS, { events });
    expect(res.errors).toHaveLength(1);
    const err = res.errors![0];
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(/events\[1\].*PHONE/);
    expect(err.message).toMatch(/events\[3\].*ACCOUNT requires a namespace/);
    expect(err.message).not.toMatch(/events\[(0|2|4)\]/);
    const detail = err.extensions?.invalidEvents as Array<{ index: number; eventId: string; reasons: string[] }>;
    expect(detail.map((d) => d.index)).toEqual([1, 3]);
    expect(detail[0].eventId).toBe(events[1].eventId);
    expect(await resolveMany(t, goods)).toEqual([null, null, null, null]);
    // the valid events were not recorded either: sending them alone applies them now
    const ok = await ingest(t, [events[0], events[2], events[4]]);
    expect(ok).toMatchObject({ accepted: 3, duplicates: 0 });
    expect((await resolveMany(t, goods)).every((x) => x !== null)).toBe(true);
  });

  it('names events refused by input validation (no identifiers, too many identifiers) too', async () => {
    const good = phone();
    const tooMany = Array.from({ length: 51 }, () => email());
    const res = await t.gql(INGEST_EVENTS, { events: [ev([good]), ev([]), ev(tooMany)] });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/events\[1\]/);
    expect(res.errors?.[0]?.message).toMatch(/events\[2\]/);
    expect(await oneIdOf(t, good)).toBeNull();
    expect(await oneIdOf(t, tooMany[0])).toBeNull();
    const res2 = await t.gql(INGEST_EVENTS, { events: [ev([good]), { ...ev([good]), eventId: '' }, ev([good], { attributes: { displayName: 'x'.repeat(201) } })] });
    expect(res2.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res2.errors?.[0]?.message).toMatch(/events\[1\].*eventId/);
    expect(res2.errors?.[0]?.message).toMatch(/events\[2\].*displayName/);
    expect(await oneIdOf(t, good)).toBeNull();
  });

  it('refuses more than 1000 events with BAD_USER_INPUT and writes nothing', async () => {
    const first = phone();
    const events = [ev([first]), ...Array.from({ length: 1000 }, () => ev([account('bulk')]))];
    const res = await t.gql(INGEST_EVENTS, { events });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/1000/);
    expect(await oneIdOf(t, first)).toBeNull();
    expect(await oneIdOf(t, events[1000].identifiers[0])).toBeNull();
  });

  it('refuses a bad observedAt or birthDate as BAD_USER_INPUT', async () => {
    const p = phone();
    const res = await t.gql(INGEST_EVENTS, { events: [{ ...ev([p]), observedAt: 'yesterday' }] });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const res2 = await t.gql(INGEST_EVENTS, { events: [ev([p], { attributes: { birthDate: '1990-02-30' } })] });
    expect(res2.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const res3 = await t.gql(INGEST_EVENTS, { events: [ev([p], { attributes: { annualIncome: -5 } })] });
    expect(res3.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await oneIdOf(t, p)).toBeNull();
  });

  it('only ADMIN and INGEST may ingest', async () => {
    const p = phone();
    const res = await t.gql(INGEST_EVENTS, { events: [ev([p])] }, { role: 'ADVISOR', sub: 'adv-1' });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res2 = await t.gql(INGEST_EVENTS, { events: [ev([p])] }, { role: 'CUSTOMER', sub: 'someone' });
    expect(res2.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res3 = await t.gql(INGEST_EVENTS, { events: [ev([p])] }, null);
    expect(res3.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await oneIdOf(t, p)).toBeNull();
    const ok = await ingest(t, [ev([p])], { role: 'INGEST', sub: 'crm' });
    expect(ok.accepted).toBe(1);
  });
});

describe('junk values', () => {
  const junk: Array<[string, EventInput['identifiers'][number]]> = [
    ['13800138000', { type: 'PHONE', value: '13800138000' }],
    ['+86 138 0013 8000', { type: 'PHONE', value: '+86 138 0013 8000' }],
    ['test@test.com', { type: 'EMAIL', value: 'Test@Test.com' }],
    ['an all-zero IMEI', { type: 'DEVICE_ID', namespace: 'imei', value: '000000000000000' }],
    ['the all-zero IDFA', { type: 'DEVICE_ID', namespace: 'idfa', value: '00000000-0000-0000-0000-000000000000' }],
    ['an all-same-digit national ID', { type: 'NATIONAL_ID', value: '111111111111111111' }],
  ];

  it.each(junk)('ignores %s: the event applies without it and merges nobody through it', async (_name, value) => {
    const [a, b] = [email(), email()];
    const r = await ingest(t, [ev([value, a]), ev([b, value])]);
    expect(r.accepted).toBe(2);
    const [ra, rb] = r.results;
    expect(ra.oneId).not.toBeNull();
    expect(rb.oneId).not.toBeNull();
    expect(ra.oneId).not.toBe(rb.oneId);
    expect(ra.mergedOneIds).toEqual([]);
    expect(rb.mergedOneIds).toEqual([]);
    expect(await oneIdOf(t, value)).toBeNull();
    const pa = await person(t, ra.oneId!);
    expect(pa!.identifiers.map((i) => i.type)).toEqual(['EMAIL']);
  });

  it('an event made only of junk, shared and IOT identifiers has oneId null', async () => {
    const r = await ingest(t, [ev([{ type: 'PHONE', value: '13800138000' }, iot('speaker'), { type: 'EMAIL', value: 'test@test.com' }])]);
    expect(r.results[0]).toMatchObject({ oneId: null, mergedOneIds: [], duplicate: false });
    expect(r.accepted).toBe(1);
  });
});

describe('merging', () => {
  it('merges identifiers of one event, transitively across events; the oldest OneID survives', async () => {
    const [p1, e1, n1, m1] = [phone(), email(), nationalId(), imei()];
    const a = (await ingest(t, [ev([p1])])).results[0].oneId!;
    const b = (await ingest(t, [ev([e1])])).results[0].oneId!;
    const c = (await ingest(t, [ev([n1, m1])])).results[0].oneId!;
    expect(new Set([a, b, c]).size).toBe(3);

    // B (newer) joins A (older): A survives although the event's primary is B's e-mail
    const r1 = await ingest(t, [ev([e1, p1])]);
    expect(r1.results[0]).toMatchObject({ oneId: a, mergedOneIds: [b] });
    // C joins through e1 (transitive): still A
    const r2 = await ingest(t, [ev([n1, e1])]);
    expect(r2.results[0]).toMatchObject({ oneId: a, mergedOneIds: [c] });

    expect(await resolveMany(t, [p1, e1, n1, m1])).toEqual([a, a, a, a]);
    const pa = await person(t, a);
    expect(pa!.mergedOneIds.sort()).toEqual([b, c].sort());
    expect(pa!.identifiers).toHaveLength(4);
    // merged-away OneIDs still resolve, to the survivor
    expect((await person(t, b))!.oneId).toBe(a);
    expect((await person(t, c))!.oneId).toBe(a);
    expect((await person(t, c))!.mergedOneIds.sort()).toEqual([b, c].sort());
  });

  it('repoints OneIDs merged earlier when their survivor is merged into an even older person', async () => {
    const [acc, p1, e1] = [account('crm'), phone(), email()];
    const o = (await ingest(t, [ev([acc])])).results[0].oneId!;
    const x = (await ingest(t, [ev([p1])])).results[0].oneId!;
    const y = (await ingest(t, [ev([e1])])).results[0].oneId!;
    await ingest(t, [ev([p1, e1])]); // y -> x
    expect((await person(t, y))!.oneId).toBe(x);
    const r = await ingest(t, [ev([p1, acc])]); // x (with alias y) -> o
    expect(r.results[0]).toMatchObject({ oneId: o, mergedOneIds: [x] });
    expect((await person(t, y))!.oneId).toBe(o);
    expect((await person(t, x))!.oneId).toBe(o);
    expect((await person(t, o))!.mergedOneIds.sort()).toEqual([x, y].sort());
    expect(await resolveMany(t, [acc, p1, e1])).toEqual([o, o, o]);
  });

  it('resolves creations and merge chains inside one batch; every returned OneID keeps resolving', async () => {
    const [p1, p2, e1, e2, n1] = [phone(), phone(), email(), email(), nationalId()];
    const r = await ingest(t, [ev([p1]), ev([e1]), ev([p1, e2]), ev([p2, e1]), ev([n1, e2, p2])]);
    expect(r.accepted).toBe(5);
    const first = r.results[0].oneId!;
    expect(r.results[4].oneId).toBe(first);
    expect(r.results[4].mergedOneIds).toEqual([r.results[1].oneId]);
    expect(new Set(await resolveMany(t, [p1, p2, e1, e2, n1]))).toEqual(new Set([first]));
    for (const res of r.results) expect((await person(t, res.oneId!))!.oneId).toBe(first);
  });

  it('a new identifier seen with a known one simply joins that person', async () => {
    const [p1, m1] = [phone(), imei()];
    const a = (await ingest(t, [ev([p1])])).results[0].oneId!;
    const r = await ingest(t, [ev([m1, p1])]);
    expect(r.results[0]).toMatchObject({ oneId: a, mergedOneIds: [] });
    expect((await person(t, a))!.mergedOneIds).toEqual([]);
    expect(await oneIdOf(t, m1)).toBe(a);
  });

  it('answers person(oneId) null for an unknown OneID', async () => {
    expect(await person(t, 'no-such-oneid')).toBeNull();
  });
});

describe('IOT devices', () => {
  it('never merge people; link each event person as a user of the device', async () => {
    const tv = iot('tv');
    const [p1, p2] = [phone(), phone()];
    const r = await ingest(t, [ev([p1, tv]), ev([tv, p2]), ev([tv])]);
    const [a, b, none] = r.results;
    expect(a.oneId).not.toBeNull();
    expect(b.oneId).not.toBeNull();
    expect(a.oneId).not.toBe(b.oneId);
    expect(b.mergedOneIds).toEqual([]);
    expect(none.oneId).toBeNull();
    expect(await oneIdOf(t, tv)).toBeNull();
    for (const id of [a.oneId!, b.oneId!]) {
      const p = await person(t, id);
      expect(p!.devices).toEqual([expect.objectContaining({ type: 'IOT_DEVICE', namespace: 'tv', shared: true })]);
      expect(p!.identifiers.map((i) => i.type)).toEqual(['PHONE']);
    }
  });

  it('device uses follow a merge to the survivor', async () => {
    const [fridge, p1, e1] = [iot('fridge'), phone(), email()];
    const a = (await ingest(t, [ev([p1])])).results[0].oneId!;
    const b = (await ingest(t, [ev([e1, fridge])])).results[0].oneId!;
    await ingest(t, [ev([e1, p1])]);
    const p = await person(t, a);
    expect(p!.devices.map((d) => d.namespace)).toEqual(['fridge']);
    expect((await person(t, b))!.oneId).toBe(a);
  });
});

describe('idempotency', () => {
  it('an eventId already applied is a duplicate and changes nothing, even with other content', async () => {
    const [p1, e1, extra] = [phone(), email(), email()];
    const events = [ev([p1, e1], { attributes: { displayName: 'First' } })];
    const first = await ingest(t, events);
    expect(first).toMatchObject({ accepted: 1, duplicates: 0 });
    const again = await ingest(t, events);
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(again.results[0]).toMatchObject({ eventId: events[0].eventId, duplicate: true, mergedOneIds: [], oneId: first.results[0].oneId });
    const changed = await ingest(t, [{ ...events[0], identifiers: [p1, extra], attributes: { displayName: 'Changed' }, observedAt: at() }]);
    expect(changed.results[0].duplicate).toBe(true);
    expect(await oneIdOf(t, extra)).toBeNull();
    expect((await person(t, first.results[0].oneId!))!.displayName).toBe('First');
  });

  it('a repeated eventId inside one batch is counted once', async () => {
    const [p1, p2] = [phone(), phone()];
    const e = ev([p1]);
    const r = await ingest(t, [e, { ...e, identifiers: [p2] }]);
    expect(r).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(r.results.map((x) => x.duplicate)).toEqual([false, true]);
    expect(await oneIdOf(t, p2)).toBeNull();
  });
});

describe('attributes', () => {
  it('keeps the newest observation per attribute, whatever the arrival order', async () => {
    const p1 = phone();
    await ingest(t, [ev([p1], { observedAt: at(10), attributes: { displayName: 'Ten', annualIncome: 100000 } })]);
    await ingest(t, [ev([p1], { observedAt: at(5), attributes: { displayName: 'Five', gender: 'MALE' } })]);
    await ingest(t, [ev([p1], { observedAt: at(20), attributes: { birthDate: '1990-04-01', gender: 'UNKNOWN', displayName: null } })]);
    const p = await resolve(t, p1);
    expect(p).toMatchObject({ displayName: 'Ten', annualIncome: 100000, gender: 'MALE', birthDate: '1990-04-01' });
    // inside one batch too
    const p2 = phone();
    await ingest(t, [
      ev([p2], { observedAt: at(30), attributes: { displayName: 'New' } }),
      ev([p2], { observedAt: at(29), attributes: { displayName: 'Old', annualIncome: 5 } }),
    ]);
    expect(await resolve(t, p2)).toMatchObject({ displayName: 'New', annualIncome: 5 });
  });

  it('a merge keeps the newest value of each attribute from both people', async () => {
    const [p1, e1] = [phone(), email()];
    await ingest(t, [ev([p1], { observedAt: at(10), attributes: { displayName: 'Old name', birthDate: '1980-01-01' } })]);
    await ingest(t, [ev([e1], { observedAt: at(20), attributes: { displayName: 'New name', annualIncome: 300000 } })]);
    await ingest(t, [ev([p1], { observedAt: at(25), attributes: { birthDate: '1981-02-02' } })]);
    await ingest(t, [ev([p1, e1], { observedAt: at(1) })]);
    const p = await resolve(t, p1);
    expect(p).toMatchObject({ displayName: 'New name', birthDate: '1981-02-02', annualIncome: 300000 });
    expect(p!.mergedOneIds).toHaveLength(1);
  });

  it('widens firstSeenAt/lastSeenAt of an identifier with every observation', async () => {
    const p1 = phone();
    await ingest(t, [ev([p1], { observedAt: at(10) })]);
    await ingest(t, [ev([p1], { observedAt: at(3) }), ev([p1], { observedAt: at(40) })]);
    const p = await resolve(t, p1);
    expect(p!.identifiers[0]).toMatchObject({ firstSeenAt: at(3), lastSeenAt: at(40) });
  });
});

describe('unions and ids', () => {
  it('WECHAT_UNIONID joins OpenIDs of several apps into one person', async () => {
    const u = unionId();
    const [oa, ob] = [openId('wx-a'), openId('wx-b')];
    await ingest(t, [ev([oa, u]), ev([ob, u])]);
    const ids = await resolveMany(t, [oa, ob, u]);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).not.toBeNull();
  });
});
