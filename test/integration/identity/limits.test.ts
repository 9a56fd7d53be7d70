/**
 * Limits and priority: a merge that would put a person over a limit is skipped, the
 * identifier becomes shared, stays with its person, never merges again, resolves to null,
 * and the blocked link is kept as evidence. The event's primary (by priority) decides
 * whose side wins a conflict.
 */
import { account, email, graph, Ident, IdType, imei, ingest, iot, nationalId, openId, phone, unionId, useTestApp } from '../../kit';
import { ev, keyOf, oneIdOf, person, resolveMany } from './support';

const t = useTestApp();

interface Bucket {
  name: string;
  max: number;
  /** A fresh identifier of the bucket. */
  make: () => Ident;
  /** A fresh identifier of the same type in ANOTHER bucket (per-namespace limits), if any. */
  other?: () => Ident;
}

const BUCKETS: Bucket[] = [
  { name: 'NATIONAL_ID', max: 1, make: () => nationalId() },
  { name: 'WECHAT_UNIONID', max: 1, make: () => unionId() },
  { name: 'ACCOUNT per namespace', max: 1, make: () => account('crm'), other: () => account('policy-admin') },
  { name: 'WECHAT_OPENID per appId', max: 1, make: () => openId('wx-limit'), other: () => openId('wx-other') },
  { name: 'PHONE', max: 3, make: () => phone() },
  { name: 'EMAIL', max: 5, make: () => email() },
  {
    name: 'DEVICE_ID per namespace',
    max: 5,
    make: () => imei(),
    other: () => ({ type: 'DEVICE_ID', namespace: 'android_id', value: Math.random().toString(16).slice(2, 10).padEnd(8, '1') + 'abcdef12' }),
  },
];

/** A label identifier of a type not in the bucket, to tell people apart. */
function anchorFor(b: Bucket): Ident {
  return b.name.startsWith('ACCOUNT') ? nationalId() : account('anchor');
}

async function evidence(fromKey: string, toKey: string): Promise<Array<{ blocked: boolean; eventId: string }>> {
  return graph(t).rows('identity/evidence-between', { key: fromKey, otherKey: toKey });
}

describe.each(BUCKETS)('limit of $name (max $max)', (b) => {
  it('a new identifier over the limit becomes shared with nobody; the person stays as it was', async () => {
    const held = Array.from({ length: b.max }, b.make);
    const a = (await ingest(t, [ev(held)])).results[0].oneId!;
    expect(new Set(await resolveMany(t, held))).toEqual(new Set([a]));
    const extra = b.make();
    const r = await ingest(t, [ev([held[0], extra])]);
    expect(r.results[0]).toMatchObject({ oneId: a, mergedOneIds: [] });
    expect(await oneIdOf(t, extra)).toBeNull();
    const p = await person(t, a);
    expect(p!.identifiers).toHaveLength(b.max);
    expect(p!.identifiers.every((i) => !i.shared)).toBe(true);
    const link = await evidence(keyOf(t, held[0]), keyOf(t, extra));
    expect(link).toEqual([{ blocked: true, eventId: r.results[0].eventId }]);
    // never merges again: seen with a fresh identifier, it does not carry it anywhere
    const fresh = email();
    const r2 = await ingest(t, [ev([extra, fresh])]);
    expect(r2.results[0].oneId).not.toBe(a);
    expect(await oneIdOf(t, fresh)).toBe(r2.results[0].oneId);
    expect(await oneIdOf(t, extra)).toBeNull();
    if (b.other) {
      const other = b.other();
      const r3 = await ingest(t, [ev([held[0], other])]);
      expect(r3.results[0].oneId).toBe(a);
      expect(await oneIdOf(t, other)).toBe(a);
    }
  });

  it('a merge that would exceed the limit is skipped: the identifier turns shared and stays with its person', async () => {
    const held = Array.from({ length: b.max }, b.make);
    const [anchorA, anchorB] = [anchorFor(b), anchorFor(b)];
    const a = (await ingest(t, [ev([...held, anchorA])])).results[0].oneId!;
    const theirs = b.make();
    const bb = (await ingest(t, [ev([theirs, anchorB])])).results[0].oneId!;
    expect(bb).not.toBe(a);

    const r = await ingest(t, [ev([held[0], theirs])]);
    expect(r.results[0]).toMatchObject({ oneId: a, mergedOneIds: [] });
    expect(await resolveMany(t, [held[0], anchorA, theirs, anchorB])).toEqual([a, a, null, bb]);
    const pb = await person(t, bb);
    const sharedOnes = pb!.identifiers.filter((i) => i.shared);
    expect(sharedOnes).toHaveLength(1);
    expect(sharedOnes[0].type).toBe(theirs.type);
    expect((await person(t, a))!.identifiers.some((i) => i.shared)).toBe(false);
    expect(await evidence(keyOf(t, held[0]), keyOf(t, theirs))).toEqual([{ blocked: true, eventId: r.results[0].eventId }]);

    // never merges again, in either direction
    const r2 = await ingest(t, [ev([theirs, anchorA])]);
    expect(r2.results[0]).toMatchObject({ oneId: a, mergedOneIds: [] });
    expect(await resolveMany(t, [anchorA, anchorB])).toEqual([a, bb]);
    // an event of only shared (and junk/IOT) identifiers belongs to nobody
    const r3 = await ingest(t, [ev([theirs, iot('speaker'), { type: 'PHONE', value: '13800138000' }])]);
    expect(r3.results[0]).toMatchObject({ oneId: null, mergedOneIds: [] });
  });
});

it('merges people whose union stays within every limit (PHONE 1 + 2 = 3)', async () => {
  const [p1, p2, p3] = [phone(), phone(), phone()];
  const a = (await ingest(t, [ev([p1])])).results[0].oneId!;
  const bb = (await ingest(t, [ev([p2, p3])])).results[0].oneId!;
  const r = await ingest(t, [ev([p2, p1])]);
  expect(r.results[0]).toMatchObject({ oneId: a, mergedOneIds: [bb] });
  expect(await resolveMany(t, [p1, p2, p3])).toEqual([a, a, a]);
  const p4 = phone();
  await ingest(t, [ev([p4])]);
  const r2 = await ingest(t, [ev([p1, p4])]);
  expect(r2.results[0].mergedOneIds).toEqual([]);
  expect(await oneIdOf(t, p1)).toBe(a);
  expect(await oneIdOf(t, p4)).toBeNull(); // 3 + 1 > 3: p4 stays with its person, shared
});

// Priority NATIONAL_ID > ACCOUNT > WECHAT_UNIONID > PHONE > EMAIL > WECHAT_OPENID > DEVICE_ID:
// in a conflict, the identifier of the event's primary (highest priority) keeps merging and
// the other side's identifier turns shared, whatever the order inside the event.
const PRIORITY: Array<{ type: IdType; max: number; make: () => Ident }> = [
  { type: 'NATIONAL_ID', max: 1, make: () => nationalId() },
  { type: 'ACCOUNT', max: 1, make: () => account('crm') },
  { type: 'WECHAT_UNIONID', max: 1, make: () => unionId() },
  { type: 'PHONE', max: 3, make: () => phone() },
  { type: 'EMAIL', max: 5, make: () => email() },
  { type: 'WECHAT_OPENID', max: 1, make: () => openId('wx-prio') },
  { type: 'DEVICE_ID', max: 5, make: () => imei() },
];
const PAIRS = PRIORITY.slice(0, -1).map((hi, i) => ({ hi, lo: PRIORITY[i + 1], name: `${hi.type} > ${PRIORITY[i + 1].type}` }));

it.each(PAIRS)('priority $name decides the owner of a conflicting event', async ({ hi, lo }) => {
  const heldHi = Array.from({ length: hi.max }, hi.make);
  const a = (await ingest(t, [ev(heldHi)])).results[0].oneId!;
  const [hiB, loB] = [hi.make(), lo.make()];
  const bb = (await ingest(t, [ev([hiB, loB])])).results[0].oneId!;
  // lower-priority identifier first in the event: the higher one is still the primary
  const r = await ingest(t, [ev([loB, heldHi[0]])]);
  expect(r.results[0]).toMatchObject({ oneId: a, mergedOneIds: [] });
  expect(await resolveMany(t, [heldHi[0], loB, hiB])).toEqual([a, null, bb]);
});

it('a shared identifier stays listed on its person and in no other', async () => {
  const [n1, n2, p1, p2] = [nationalId(), nationalId(), phone(), phone()];
  const [ra, rb] = (await ingest(t, [ev([n1, p1]), ev([n2, p2])])).results;
  await ingest(t, [ev([p2, n1])]);
  const [pa, pb] = [await person(t, ra.oneId!), await person(t, rb.oneId!)];
  expect(pa!.identifiers.map((i) => [i.type, i.shared]).sort()).toEqual([
    ['NATIONAL_ID', false],
    ['PHONE', false],
  ]);
  expect(pb!.identifiers.map((i) => [i.type, i.shared]).sort()).toEqual([
    ['NATIONAL_ID', false],
    ['PHONE', true],
  ]);
  const stored = await graph(t).rows<{ owners: number }>('identity/identifiers-by-key', { keys: [keyOf(t, p2)] });
  expect(stored.map((i) => i.owners)).toEqual([1]);
});
