/**
 * `since` on family links (FamilyLinkInput.since, FamilyEdge.since): stored on the link,
 * linking again with `since` replaces it and without it keeps it, never in the future, shown
 * in household.relationships, kept through identity merges.
 */
import { codeOf, graph, LINK, newHousehold, phone, pinnedToday, ref, Relation, seenTogether, UNLINK, useTestApp } from '../../kit';
import { newPerson } from './support';

const TODAY = '2026-06-01';
const t = useTestApp({ clock: pinnedToday(TODAY) });
const g = graph(t);

const LINK_SINCE = `mutation Link($input: FamilyLinkInput!) { linkFamily(input: $input) { from { oneId } to { oneId } relation since } }`;
const RELATIONSHIPS = `query H($id: ID!) { household(id: $id) { id relationships { relation since from { oneId } to { oneId } } } }`;
const RESOLVE = `query R($identifier: IdentifierInput!) { resolveIdentity(identifier: $identifier) { oneId } }`;

interface EdgeOut {
  from: { oneId: string };
  to: { oneId: string };
  relation: string;
  since: string | null;
}

async function linkSince(from: string, relation: Relation, to: string, since?: string | null): Promise<EdgeOut> {
  const input: Record<string, unknown> = { from: ref(from), to: ref(to), relation };
  if (since !== undefined) input.since = since;
  return (await t.ok<{ linkFamily: EdgeOut }>(LINK_SINCE, { input })).linkFamily;
}

type LinkType = 'PARENT_OF' | 'SPOUSE_OF' | 'SIBLING_OF';

/** The stored `since` of every link of this type between a and b (PARENT_OF from a to b, the others either way). */
const storedSince = (a: string, type: LinkType, b: string): Promise<Array<string | null>> => g.linkSince(a, type, b, type !== 'PARENT_OF');

describe('FamilyLinkInput.since', () => {
  it('is stored on the link and answered on the edge; none when not given', async () => {
    const [a, b, c] = await Promise.all([newPerson(t), newPerson(t), newPerson(t)]);
    expect(await linkSince(a.oneId, 'SPOUSE', b.oneId, '2019-10-01')).toEqual({ from: { oneId: a.oneId }, to: { oneId: b.oneId }, relation: 'SPOUSE', since: '2019-10-01' });
    expect(await storedSince(a.oneId, 'SPOUSE_OF', b.oneId)).toEqual(['2019-10-01']);
    expect((await linkSince(a.oneId, 'SIBLING', c.oneId)).since).toBeNull();
    expect(await storedSince(a.oneId, 'SIBLING_OF', c.oneId)).toEqual([null]);
  });

  it('linking again without since keeps it; with since replaces it (also asked the other way round)', async () => {
    const [a, b] = await Promise.all([newPerson(t), newPerson(t)]);
    await linkSince(a.oneId, 'SPOUSE', b.oneId, '2010-05-05');
    expect((await linkSince(b.oneId, 'SPOUSE', a.oneId)).since).toBe('2010-05-05');
    expect((await linkSince(a.oneId, 'SPOUSE', b.oneId, null)).since).toBe('2010-05-05');
    expect(await storedSince(a.oneId, 'SPOUSE_OF', b.oneId)).toEqual(['2010-05-05']);
    expect((await linkSince(b.oneId, 'SPOUSE', a.oneId, '2011-06-06')).since).toBe('2011-06-06');
    expect(await storedSince(a.oneId, 'SPOUSE_OF', b.oneId)).toEqual(['2011-06-06']);
    expect(await g.countLinks(a.oneId, 'SPOUSE_OF', b.oneId, true)).toBe(1);
  });

  it('sets since on an existing link that had none, and on a PARENT link asked as CHILD', async () => {
    const [mum, kid] = await Promise.all([newPerson(t, { birthDate: '1980-01-01' }), newPerson(t, { birthDate: '2010-01-01' })]);
    await linkSince(mum.oneId, 'PARENT', kid.oneId);
    expect(await storedSince(mum.oneId, 'PARENT_OF', kid.oneId)).toEqual([null]);
    const edge = await linkSince(kid.oneId, 'CHILD', mum.oneId, '2010-01-01');
    expect(edge).toEqual({ from: { oneId: kid.oneId }, to: { oneId: mum.oneId }, relation: 'CHILD', since: '2010-01-01' });
    expect(await storedSince(mum.oneId, 'PARENT_OF', kid.oneId)).toEqual(['2010-01-01']);
    expect(await g.countLinks(mum.oneId, 'PARENT_OF', kid.oneId)).toBe(1);
  });

  it('accepts today and refuses a future date, naming since and writing nothing', async () => {
    const [a, b, c] = await Promise.all([newPerson(t), newPerson(t), newPerson(t)]);
    expect((await linkSince(a.oneId, 'SPOUSE', b.oneId, TODAY)).since).toBe(TODAY);
    const fresh = phone();
    const attempts: Array<Record<string, unknown>> = [
      { from: ref(a.oneId), to: ref(b.oneId), relation: 'SPOUSE', since: '2026-06-02' }, // would replace
      { from: ref(a.oneId), to: ref(c.oneId), relation: 'SIBLING', since: '2030-01-01' }, // would create
      { from: ref(a.oneId), to: { identifier: fresh }, relation: 'PARENT', since: '2027-01-01' }, // would create a person
    ];
    for (const input of attempts) {
      const res = await t.gql(LINK, { input });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toMatch(/since/);
      expect(res.data?.linkFamily ?? null).toBeNull();
    }
    expect(await storedSince(a.oneId, 'SPOUSE_OF', b.oneId)).toEqual([TODAY]);
    expect(await g.countLinks(a.oneId, 'SIBLING_OF', c.oneId, true)).toBe(0);
    expect((await t.ok<{ resolveIdentity: unknown }>(RESOLVE, { identifier: fresh })).resolveIdentity).toBeNull();
  });

  it('unlinkFamily removes the link (its since with it) and refuses a future since', async () => {
    const [a, b] = await Promise.all([newPerson(t), newPerson(t)]);
    await linkSince(a.oneId, 'SIBLING', b.oneId, '2000-01-01');
    const bad = await t.gql(UNLINK, { input: { from: ref(a.oneId), to: ref(b.oneId), relation: 'SIBLING', since: '2030-01-01' } });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toMatch(/since/);
    expect(await g.countLinks(a.oneId, 'SIBLING_OF', b.oneId, true)).toBe(1);
    expect((await t.ok<{ unlinkFamily: boolean }>(UNLINK, { input: { from: ref(b.oneId), to: ref(a.oneId), relation: 'SIBLING' } })).unlinkFamily).toBe(true);
    expect(await g.countLinks(a.oneId, 'SIBLING_OF', b.oneId, true)).toBe(0);
    // Linked again without since: a new link has none.
    expect((await linkSince(a.oneId, 'SIBLING', b.oneId)).since).toBeNull();
  });

  it('a batch answers each link with its since as if linked in turn, and stores the last one', async () => {
    const [a, b, c] = await Promise.all([newPerson(t), newPerson(t), newPerson(t)]);
    const spouse = (from: string, to: string, since?: string | null) => ({ from: { oneId: from }, to: { oneId: to }, relation: 'SPOUSE' as const, since });
    const out = await t.app.services.family.linkMany([
      spouse(a.oneId, b.oneId, '2001-01-01'),
      spouse(b.oneId, a.oneId),
      spouse(a.oneId, b.oneId, '2002-02-02'),
      spouse(b.oneId, a.oneId, null),
      spouse(a.oneId, c.oneId, '2040-01-01'),
    ]);
    expect(out.slice(0, 4).map((o) => ('since' in o ? o.since : o))).toEqual(['2001-01-01', '2001-01-01', '2002-02-02', '2002-02-02']);
    expect(out[4]).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await storedSince(a.oneId, 'SPOUSE_OF', b.oneId)).toEqual(['2002-02-02']);
    expect(await g.countLinks(a.oneId, 'SPOUSE_OF', c.oneId, true)).toBe(0);
  });

  it('an identity merge keeps the since of the merged person’s links', async () => {
    const [survivor, spouse, sibling] = await Promise.all([newPerson(t), newPerson(t), newPerson(t)]);
    await linkSince(survivor.oneId, 'SIBLING', sibling.oneId); // the survivor's own link, without since
    const loserPhone = phone();
    const loser = (await seenTogether(t, [loserPhone])).oneId;
    await linkSince(loser, 'SPOUSE', spouse.oneId, '2015-08-08');
    await linkSince(sibling.oneId, 'SIBLING', loser, '1990-01-01');
    expect(await seenTogether(t, [survivor.phone, loserPhone])).toEqual({ oneId: survivor.oneId, mergedOneIds: [loser] });
    expect(await storedSince(survivor.oneId, 'SPOUSE_OF', spouse.oneId)).toEqual(['2015-08-08']);
    expect(await storedSince(survivor.oneId, 'SIBLING_OF', sibling.oneId)).toEqual(['1990-01-01']);
  });
});

describe('FamilyEdge.since in household.relationships', () => {
  it('shows each link’s since, through the household view and the per-field read', async () => {
    const [dad, mum, kid] = await Promise.all([newPerson(t, { birthDate: '1980-01-01' }), newPerson(t, { birthDate: '1982-01-01' }), newPerson(t, { birthDate: '2012-01-01' })]);
    await linkSince(dad.oneId, 'SPOUSE', mum.oneId, '2008-08-08');
    await linkSince(mum.oneId, 'PARENT', kid.oneId);
    const id = await newHousehold(t, [
      [dad.oneId, 'BREADWINNER'],
      [mum.oneId, 'SPOUSE'],
      [kid.oneId, 'CHILD'],
    ]);
    const edges = (await t.ok<{ household: { relationships: EdgeOut[] } }>(RELATIONSHIPS, { id })).household.relationships;
    const spouseEdge = edges.find((e) => e.relation === 'SPOUSE')!;
    expect(spouseEdge.since).toBe('2008-08-08');
    expect(edges.find((e) => e.relation === 'PARENT')).toMatchObject({ from: { oneId: mum.oneId }, to: { oneId: kid.oneId }, since: null });
    const [direct] = await t.app.services.family.relationshipsOf([id]);
    expect(direct!.map((e) => [e.relation, e.since])).toEqual(edges.map((e) => [e.relation, e.since]));
    // Replaced: the next read shows the new since.
    await linkSince(mum.oneId, 'SPOUSE', dad.oneId, '2009-09-09');
    const again = (await t.ok<{ household: { relationships: EdgeOut[] } }>(RELATIONSHIPS, { id })).household.relationships;
    expect(again.find((e) => e.relation === 'SPOUSE')!.since).toBe('2009-09-09');
  });
});
