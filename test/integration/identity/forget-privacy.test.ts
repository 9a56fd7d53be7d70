/**
 * forgetPerson (erasure with tombstones) and privacy: raw identifier values are never
 * stored in the database and never logged.
 */
import { account, email, EventInput, graph, Ident, imei, ingest, INGEST_EVENTS, iot, nationalId, normalized, openId, phone, recordConsent, revealAs, unionId, useTestApp } from '../../kit';
import { ev, FORGET, keyOf, person, resolveMany } from './support';

const t = useTestApp();

async function forget(oneId: string): Promise<{ oneId: string; erasedIdentifiers: number }> {
  return (await t.ok<{ forgetPerson: { oneId: string; erasedIdentifiers: number } }>(FORGET, { oneId })).forgetPerson;
}

describe('forgetPerson', () => {
  it('erases identifiers, attributes and evidence (of merged OneIDs too); the placeholder stays', async () => {
    const [p1, e1, n1, m1, p2] = [phone(), email(), nationalId(), imei(), phone()];
    const tv = iot('tv');
    const events: EventInput[] = [
      ev([p1, e1, tv], { attributes: { displayName: 'Han Meimei', birthDate: '1990-01-02', annualIncome: 120000, gender: 'FEMALE' } }),
      ev([n1, m1]),
      ev([n1, p1]),
    ];
    const r = await ingest(t, events);
    const a = r.results[0].oneId!;
    const b = r.results[1].oneId!;
    expect(r.results[2]).toMatchObject({ oneId: a, mergedOneIds: [b] });
    // p4 is a fourth phone: over the limit, shared and owned by nobody, seen only with this person
    const [p3, p4] = [phone(), phone()];
    const extra = ev([p1, p2, p3, p4]);
    await ingest(t, [extra]);
    expect(await resolveMany(t, [p2, p3, p4])).toEqual([a, a, null]);
    const keys = [p1, e1, n1, m1, p2, p3, p4].map((id) => keyOf(t, id));

    // forgetting by a merged-away OneID erases the surviving person
    const f = await forget(b);
    expect(f).toEqual({ oneId: a, erasedIdentifiers: 7 });

    expect(await resolveMany(t, [p1, e1, n1, m1, p2, p3, p4])).toEqual([null, null, null, null, null, null, null]);
    const placeholder = await person(t, a);
    expect(placeholder).toMatchObject({
      oneId: a,
      displayName: null,
      birthDate: null,
      annualIncome: null,
      gender: 'UNKNOWN',
      identifiers: [],
      devices: [],
      mergedOneIds: [],
    });
    const merged = await person(t, b);
    expect(merged === null || (merged.identifiers.length === 0 && merged.displayName === null)).toBe(true);

    const g = graph(t);
    expect(await g.count('identity/identifiers-by-key', { keys })).toBe(0);
    expect(await g.count('identity/evidence-of-events', { eventIds: [...events, extra].map((e) => e.eventId) })).toBe(0);
    const node = await g.personProperties(a);
    expect(node).toHaveLength(1);
    expect(node[0].forgotten).toBe(true);
    for (const attr of ['displayName', 'displayNameAt', 'birthDate', 'birthDateAt', 'annualIncome', 'annualIncomeAt', 'genderAt']) {
      expect(node[0][attr]).toBeUndefined();
    }
    // the shared home device stays (other people use it), without this person
    expect(await g.count('identity/device-users', { key: keyOf(t, tv) })).toBe(0);

    // replaying the same events: duplicates, nothing comes back
    const replay = await ingest(t, [...events, extra]);
    expect(replay).toMatchObject({ accepted: 0, duplicates: 4 });
    expect(replay.results.every((x) => x.oneId === null)).toBe(true);
    // the same identifiers under NEW eventIds: tombstones keep them erased
    const again = await ingest(t, [
      ev([p1, e1], { attributes: { displayName: 'Han Meimei' } }),
      ev([n1, m1]),
      ev([p3, p4]),
    ]);
    expect(again.accepted).toBe(3);
    expect(again.results.map((x) => x.oneId)).toEqual([null, null, null]);
    expect(await resolveMany(t, [p1, e1, n1, m1, p2, p3, p4])).toEqual([null, null, null, null, null, null, null]);
    expect((await person(t, a))!.displayName).toBeNull();
    // an erased identifier next to a new one: the new one makes a new person, alone
    const fresh = email();
    const mixed = await ingest(t, [ev([n1, fresh, p1])]);
    const c = mixed.results[0].oneId!;
    expect(c).not.toBeNull();
    expect(c).not.toBe(a);
    const pc = await person(t, c);
    expect(pc!.identifiers.map((i) => i.type)).toEqual(['EMAIL']);
    expect(await g.count('identity/identifiers-by-key', { keys })).toBe(0);
  });

  it('answers NOT_FOUND for an unknown OneID and FORBIDDEN for scoped roles', async () => {
    const res = await t.gql(FORGET, { oneId: 'no-such-person' });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const p1 = phone();
    const a = (await ingest(t, [ev([p1])])).results[0].oneId!;
    const res2 = await t.gql(FORGET, { oneId: a }, { role: 'CUSTOMER', sub: a });
    expect(res2.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await resolveMany(t, [p1])).toEqual([a]);
  });

  it('forgetting twice is harmless', async () => {
    const p1 = phone();
    const a = (await ingest(t, [ev([p1])])).results[0].oneId!;
    expect(await forget(a)).toEqual({ oneId: a, erasedIdentifiers: 1 });
    expect(await forget(a)).toEqual({ oneId: a, erasedIdentifiers: 0 });
  });
});

/** Everything that reads clear values (reveal, accounts, export), consent, and an erasure, on this person. */
async function exerciseContact(oneId: string): Promise<void> {
  await recordConsent(t, oneId, { scope: 'MARKETING_CALL' });
  const all = ['PHONE', 'EMAIL', 'NATIONAL_ID', 'ACCOUNT', 'WECHAT_OPENID', 'WECHAT_UNIONID', 'DEVICE_ID', 'IOT_DEVICE'];
  const revealed = await revealAs(t, { role: 'ADMIN', sub: 'privacy-admin' }, { oneId, types: all, purpose: 'COMPLIANCE', justification: 'privacy scan' });
  expect(revealed.data!.revealIdentifiers.length).toBeGreaterThan(0);
  expect((await revealAs(t, { role: 'ADVISOR', sub: 'privacy-adv' }, { oneId, types: ['PHONE'] })).errors).toBeDefined();
  await t.ok(`query Accounts($oneId: ID!) { person(oneId: $oneId) { accounts { accountId } } }`, { oneId });
  await t.ok(`query Export($oneId: ID!) { exportPerson(oneId: $oneId) }`, { oneId });
}

describe('privacy', () => {
  it('never stores raw identifier values (ciphertexts, data keys and the access log included); masks are the only display form', async () => {
    const national = phone().value;
    const ids: Ident[] = [
      { type: 'PHONE', value: national },
      email(),
      nationalId(),
      account('crm'),
      openId('wx-priv'),
      unionId(),
      imei(),
      iot('tv'),
    ];
    const r = await ingest(t, [ev(ids, { source: 'privacy-test' })]);
    expect(r.results[0].oneId).not.toBeNull();
    // over-limit and conflict paths store identifiers too
    const [n2, n3] = [nationalId(), nationalId()];
    await ingest(t, [ev([ids[2], n2]), ev([n3, phone()]), ev([ids[2], n3])]);
    const raw = [
      national,
      `+86${national}`,
      ids[1].value,
      ids[1].value.split('@')[0],
      ids[2].value,
      n2.value,
      n3.value,
      ids[3].value,
      ids[4].value,
      ids[5].value,
      ids[6].value,
      ids[7].value,
      ids[7].value.toUpperCase(),
    ];
    // reveal, accounts, export, consent and the access log they write; then an erasure of another person
    await exerciseContact(r.results[0].oneId!);
    const erased = await ingest(t, [ev([nationalId(), phone()])]);
    await exerciseContact(erased.results[0].oneId!);
    await t.ok(FORGET, { oneId: erased.results[0].oneId! });
    const dump = await graph(t).dumpAllProperties();
    // the scan covers what this feature stores: ciphertexts, wrapped data keys, log entries
    for (const stored of ['"sealed"', '"cipher"', '"masterKeyId"', '"privacy scan"', '"REVEAL"', '"EXPORT"']) expect(dump).toContain(stored);
    for (const value of [...raw, ...ids.map((i) => normalized(t, i).value)]) expect(dump.includes(value) ? value : null).toBeNull();
  });

  it('never logs raw values, neither on success nor in errors', async () => {
    const mark = t.logs.length;
    const ids = [phone(), email(), nationalId(), account('crm'), openId('wx-log'), imei()];
    await ingest(t, [ev(ids)]);
    const badNid = ids[2].value.slice(0, 17) + (ids[2].value[17] === '1' ? '2' : '1');
    const bad = await t.gql(INGEST_EVENTS, { events: [ev([ids[0], { type: 'NATIONAL_ID', value: badNid }, { type: 'PHONE', value: '1391234' }])] });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors)).not.toContain(badNid);
    expect(JSON.stringify(bad.errors)).not.toContain('1391234');
    await t.gql(`query { resolveIdentity(identifier: {type: PHONE, value: "${ids[0].value}"}) { oneId } }`);
    const someone = await resolveMany(t, [ids[0]]);
    await exerciseContact(someone[0]!);
    await forget(someone[0]!);
    const logs = t.logs.slice(mark).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const value of [...ids.map((i) => i.value), ...ids.map((i) => normalized(t, i).value), badNid, '1391234']) {
      expect(logs.includes(value) ? value : null).toBeNull();
    }
  });
});
