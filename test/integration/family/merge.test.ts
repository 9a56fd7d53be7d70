/**
 * Families across identity changes: an identity merge moves family links and household
 * membership to the survivor (cypher/identity/merge-persons.cypher); forgetPerson keeps an
 * anonymous placeholder in its household and family links.
 */
import { codeOf, graph, LINK, link, newHousehold, ref, seenTogether, useTestApp } from '../../kit';
import { newPerson } from './support';

const t = useTestApp();
const g = graph(t);

const PERSON = `query P($oneId: ID!) {
  person(oneId: $oneId) {
    oneId displayName identifiers { type }
    household { id members { role person { oneId } } }
    relatives(maxDegree: 1) { person { oneId displayName } kinship }
  }
}`;
const HOUSEHOLD = `query H($id: ID!) {
  household(id: $id) {
    members { role person { oneId displayName identifiers { masked } } }
    relationships { from { oneId } to { oneId } relation }
  }
}`;

interface PersonData {
  oneId: string;
  displayName: string | null;
  identifiers: unknown[];
  household: { id: string; members: Array<{ role: string; person: { oneId: string } }> } | null;
  relatives: Array<{ person: { oneId: string; displayName: string | null }; kinship: string }>;
}
const person = async (oneId: string): Promise<PersonData> => (await t.ok<{ person: PersonData }>(PERSON, { oneId })).person;

const linksOfAlias = (oneId: string): Promise<number> => g.count('identity/alias-links', { oneId });

describe('identity merge of two people with families', () => {
  it('moves links to the survivor, collapses duplicates, drops the self-link, keeps the older membership', async () => {
    const a = await newPerson(t, { displayName: 'Survivor' }); // created first: the older OneID survives
    const b = await newPerson(t, { displayName: 'Duplicate' });
    const [child, sister, mother, spouse, otherMember, hbMember] = await Promise.all([
      newPerson(t),
      newPerson(t),
      newPerson(t),
      newPerson(t),
      newPerson(t),
      newPerson(t),
    ]);
    await link(t, a.oneId, 'PARENT', child.oneId);
    await link(t, b.oneId, 'PARENT', child.oneId); // duplicate once merged
    await link(t, a.oneId, 'SPOUSE', spouse.oneId);
    await link(t, spouse.oneId, 'SPOUSE', b.oneId); // duplicate once merged (stored the other way)
    await link(t, b.oneId, 'SPOUSE', a.oneId); // a self-link once merged
    await link(t, b.oneId, 'SIBLING', sister.oneId);
    await link(t, mother.oneId, 'PARENT', b.oneId);
    // b joined its household first: that membership is the older one and wins.
    const hb = await newHousehold(t, [[b.oneId, 'BREADWINNER'], [hbMember.oneId, 'CHILD']]);
    const ha = await newHousehold(t, [[a.oneId, 'OTHER'], [otherMember.oneId, 'BREADWINNER']]);

    const merged = await seenTogether(t, [a.phone, b.phone]);
    expect(merged).toEqual({ oneId: a.oneId, mergedOneIds: [b.oneId] });

    expect(await g.countLinks(a.oneId, 'PARENT_OF', child.oneId)).toBe(1);
    expect(await g.countLinks(a.oneId, 'SPOUSE_OF', spouse.oneId, true)).toBe(1);
    expect(await g.countLinks(a.oneId, 'SPOUSE_OF', a.oneId)).toBe(0);
    expect(await g.countLinks(a.oneId, 'SIBLING_OF', sister.oneId, true)).toBe(1);
    expect(await g.countLinks(mother.oneId, 'PARENT_OF', a.oneId)).toBe(1);
    expect(await linksOfAlias(b.oneId)).toBe(0);

    const survivor = await person(b.oneId); // the merged-away OneID resolves to the survivor
    expect(survivor.oneId).toBe(a.oneId);
    expect(survivor.relatives.map((r) => [r.person.oneId, r.kinship]).sort()).toEqual(
      [
        [child.oneId, 'CHILD'],
        [spouse.oneId, 'SPOUSE'],
        [sister.oneId, 'SIBLING'],
        [mother.oneId, 'PARENT'],
      ].sort(),
    );
    expect(survivor.household!.id).toBe(hb);
    expect(survivor.household!.members.map((m) => [m.role, m.person.oneId])).toEqual([
      ['BREADWINNER', a.oneId],
      ['CHILD', hbMember.oneId],
    ]);
    const left = await t.ok<{ household: { members: Array<{ person: { oneId: string } }> } }>(HOUSEHOLD, { id: ha });
    expect(left.household.members.map((m) => m.person.oneId)).toEqual([otherMember.oneId]);
    expect(t.logs.some((l) => l.includes('kept the older membership') && l.includes(hb))).toBe(true);

    // The merged-away OneID keeps working in family mutations: it means the survivor.
    const cousin = await newPerson(t);
    const edge = await t.ok<{ linkFamily: { from: { oneId: string } } }>(LINK, { input: { from: ref(b.oneId), to: ref(cousin.oneId), relation: 'SIBLING' } });
    expect(edge.linkFamily.from.oneId).toBe(a.oneId);
    expect(await g.countLinks(a.oneId, 'SIBLING_OF', cousin.oneId, true)).toBe(1);
    const removed = await t.ok<{ removeHouseholdMember: { members: Array<{ person: { oneId: string } }> } }>(
      `mutation R($id: ID!, $oneId: ID!) { removeHouseholdMember(householdId: $id, oneId: $oneId) { members { person { oneId } } } }`,
      { id: hb, oneId: b.oneId },
    );
    expect(removed.removeHouseholdMember.members.map((m) => m.person.oneId)).toEqual([hbMember.oneId]);
  });

  it('keeps one membership when both were in the same household, and the survivor keeps its own older one', async () => {
    const a = await newPerson(t);
    const b = await newPerson(t);
    const c = await newPerson(t);
    const same = await newHousehold(t, [[a.oneId, 'BREADWINNER'], [b.oneId, 'OTHER'], [c.oneId, 'CHILD']]);
    await seenTogether(t, [a.phone, b.phone]);
    const h = await t.ok<{ household: { members: Array<{ role: string; person: { oneId: string } }> } }>(HOUSEHOLD, { id: same });
    expect(h.household.members.map((m) => [m.role, m.person.oneId])).toEqual([
      ['BREADWINNER', a.oneId],
      ['CHILD', c.oneId],
    ]);

    const d = await newPerson(t);
    const e = await newPerson(t);
    const hd = await newHousehold(t, [[d.oneId, 'SPOUSE']]);
    const he = await newHousehold(t, [[e.oneId, 'ELDER']]);
    await seenTogether(t, [d.phone, e.phone]);
    expect((await person(e.oneId)).household!.id).toBe(hd);
    expect((await t.ok<{ household: { members: unknown[] } }>(HOUSEHOLD, { id: he })).household.members).toEqual([]);
  });
});

describe('forgetPerson in a family', () => {
  it('keeps the anonymous placeholder in its household, its links and its relatives', async () => {
    const [dad, mum, kid] = await Promise.all([newPerson(t, { displayName: 'Dad' }), newPerson(t, { displayName: 'Mum' }), newPerson(t)]);
    const id = await newHousehold(t, [[dad.oneId, 'BREADWINNER'], [mum.oneId, 'SPOUSE'], [kid.oneId, 'CHILD']]);
    await link(t, dad.oneId, 'SPOUSE', mum.oneId);
    await link(t, mum.oneId, 'PARENT', kid.oneId);
    await t.ok(`mutation F($oneId: ID!) { forgetPerson(oneId: $oneId) { oneId } }`, { oneId: mum.oneId });

    const h = await t.ok<{
      household: {
        members: Array<{ role: string; person: { oneId: string; displayName: string | null; identifiers: unknown[] } }>;
        relationships: Array<{ from: { oneId: string }; to: { oneId: string }; relation: string }>;
      };
    }>(HOUSEHOLD, { id });
    expect(h.household.members.map((m) => m.person.oneId)).toEqual([dad.oneId, mum.oneId, kid.oneId]);
    expect(h.household.members[1]).toEqual({ role: 'SPOUSE', person: { oneId: mum.oneId, displayName: null, identifiers: [] } });
    expect(h.household.relationships.map((r) => r.relation).sort()).toEqual(['PARENT', 'SPOUSE']);
    expect(h.household.relationships.find((r) => r.relation === 'PARENT')).toEqual({ from: { oneId: mum.oneId }, to: { oneId: kid.oneId }, relation: 'PARENT' });

    const kidView = await person(kid.oneId);
    expect(kidView.relatives).toEqual([{ person: { oneId: mum.oneId, displayName: null }, kinship: 'PARENT' }]);
    const placeholder = await person(mum.oneId);
    expect(placeholder.household!.id).toBe(id);

    // An erased person takes no new links and joins no household.
    const other = await newPerson(t);
    expect(codeOf(await t.gql(LINK, { input: { from: ref(other.oneId), to: ref(mum.oneId), relation: 'SIBLING' } }))).toBe('BAD_USER_INPUT');
    const res = await t.gql(`mutation C($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }`, {
      input: { members: [{ person: ref(other.oneId), role: 'BREADWINNER' }, { person: ref(mum.oneId), role: 'SPOUSE' }] },
    });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/erased/);
    expect((await person(other.oneId)).household).toBeNull();
  });
});
