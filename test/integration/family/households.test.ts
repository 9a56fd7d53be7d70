/** Households: creation, members and roles, advisor, the household query and its scope, suggestions. */
import { ADMIN, advisor, codeOf, CREATE_HOUSEHOLD, customer, email, INGEST, iot, link, newHousehold, phone, ref, uid, useTestApp } from '../../kit';
import { newPerson } from './support';

const t = useTestApp();

const HOUSEHOLD = `query H($id: ID!) {
  household(id: $id) {
    id name advisor { advisorId }
    members { role person { oneId displayName } }
    relationships { from { oneId } to { oneId } relation }
  }
}`;
const ADD = `mutation Add($id: ID!, $member: HouseholdMemberInput!) {
  addHouseholdMember(householdId: $id, member: $member) { id members { role person { oneId } } }
}`;
const REMOVE = `mutation Remove($id: ID!, $oneId: ID!) {
  removeHouseholdMember(householdId: $id, oneId: $oneId) { id members { person { oneId } } }
}`;
const ASSIGN = `mutation Assign($id: ID!, $advisorId: ID!) { assignAdvisor(householdId: $id, advisorId: $advisorId) { id advisor { advisorId } } }`;
const PERSON_HOUSEHOLD = `query P($oneId: ID!) { person(oneId: $oneId) { oneId household { id name } } }`;
const RESOLVE = `query R($identifier: IdentifierInput!) { resolveIdentity(identifier: $identifier) { oneId } }`;

interface HouseholdData {
  id: string;
  name: string | null;
  advisor: { advisorId: string } | null;
  members: Array<{ role: string; person: { oneId: string; displayName?: string | null } }>;
  relationships: Array<{ from: { oneId: string }; to: { oneId: string }; relation: string }>;
}

async function readHousehold(id: string): Promise<HouseholdData | null> {
  return (await t.ok<{ household: HouseholdData | null }>(HOUSEHOLD, { id })).household;
}

describe('createHousehold', () => {
  it('creates a household from OneIDs and identifiers (an unknown identifier creates the person), members sorted by role then OneID', async () => {
    const [dad, mum, kid1, kid2] = await Promise.all([newPerson(t), newPerson(t), newPerson(t), newPerson(t)]);
    const grandmaPhone = phone();
    const advisorId = uid('adv');
    const res = await t.ok<{ createHousehold: HouseholdData }>(CREATE_HOUSEHOLD, {
      input: {
        name: 'The Wangs',
        advisorId,
        members: [
          { person: { identifier: grandmaPhone }, role: 'ELDER' },
          { person: ref(kid2.oneId), role: 'CHILD' },
          { person: { identifier: mum.phone }, role: 'SPOUSE' },
          { person: ref(kid1.oneId), role: 'CHILD' },
          { person: ref(dad.oneId), role: 'BREADWINNER' },
        ],
      },
    });
    const h = res.createHousehold;
    expect(h.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.name).toBe('The Wangs');
    expect(h.advisor).toEqual({ advisorId });
    const grandma = (await t.ok<{ resolveIdentity: { oneId: string } | null }>(RESOLVE, { identifier: grandmaPhone })).resolveIdentity;
    expect(grandma).not.toBeNull();
    const kids = [kid1.oneId, kid2.oneId].sort();
    expect(h.members.map((m) => [m.role, m.person.oneId])).toEqual([
      ['BREADWINNER', dad.oneId],
      ['SPOUSE', mum.oneId],
      ['CHILD', kids[0]],
      ['CHILD', kids[1]],
      ['ELDER', grandma!.oneId],
    ]);
    const person = await t.ok<{ person: { household: { id: string; name: string } } }>(PERSON_HOUSEHOLD, { oneId: mum.oneId });
    expect(person.person.household).toEqual({ id: h.id, name: 'The Wangs' });
    expect((await readHousehold(h.id))!.members).toHaveLength(5);
  });

  it('refuses a member of another household (naming it), writing nothing, not even the new person', async () => {
    const [a, b] = await Promise.all([newPerson(t), newPerson(t)]);
    const first = await newHousehold(t, [[a.oneId, 'BREADWINNER']]);
    const newcomer = phone();
    const res = await t.gql(CREATE_HOUSEHOLD, {
      input: { members: [{ person: ref(b.oneId), role: 'BREADWINNER' }, { person: { identifier: newcomer }, role: 'CHILD' }, { person: ref(a.oneId), role: 'SPOUSE' }] },
    });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toContain(first);
    expect(res.errors![0]!.message).toContain(a.oneId);
    expect((await t.ok<{ resolveIdentity: unknown }>(RESOLVE, { identifier: newcomer })).resolveIdentity).toBeNull();
    const b2 = await t.ok<{ person: { household: unknown } }>(PERSON_HOUSEHOLD, { oneId: b.oneId });
    expect(b2.person.household).toBeNull();
  });

  it('refuses the same person twice (by OneID and by one of its identifiers) and bad references', async () => {
    const a = await newPerson(t);
    const twice = await t.gql(CREATE_HOUSEHOLD, {
      input: { members: [{ person: ref(a.oneId), role: 'BREADWINNER' }, { person: { identifier: a.phone }, role: 'OTHER' }] },
    });
    expect(codeOf(twice)).toBe('BAD_USER_INPUT');
    expect(twice.errors![0]!.message).toMatch(/members\[0\] and members\[1\] are the same person/);

    const both = await t.gql(CREATE_HOUSEHOLD, { input: { members: [{ person: { oneId: a.oneId, identifier: a.phone }, role: 'OTHER' }] } });
    expect(codeOf(both)).toBe('BAD_USER_INPUT');
    const neither = await t.gql(CREATE_HOUSEHOLD, { input: { members: [{ person: {}, role: 'OTHER' }] } });
    expect(codeOf(neither)).toBe('BAD_USER_INPUT');
    const unknown = await t.gql(CREATE_HOUSEHOLD, { input: { members: [{ person: ref(uid('nobody')), role: 'OTHER' }] } });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect((await t.ok<{ person: { household: unknown } }>(PERSON_HOUSEHOLD, { oneId: a.oneId })).person.household).toBeNull();
  });

  it('is for ADMIN and INGEST only', async () => {
    const a = await newPerson(t);
    const input = { members: [{ person: ref(a.oneId), role: 'BREADWINNER' }] };
    expect(codeOf(await t.gql(CREATE_HOUSEHOLD, { input }, advisor(uid('adv'))))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(CREATE_HOUSEHOLD, { input }, customer(a.oneId)))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(CREATE_HOUSEHOLD, { input }, null))).toBe('UNAUTHENTICATED');
    const created = await t.ok<{ createHousehold: HouseholdData }>(CREATE_HOUSEHOLD, { input }, INGEST);
    expect(created.createHousehold.members[0]!.person.oneId).toBe(a.oneId);
  });
});

describe('household members', () => {
  it('adds a member, updates the role when re-added, removes it; NOT_FOUND when not a member', async () => {
    const [a, b] = await Promise.all([newPerson(t), newPerson(t)]);
    const id = await newHousehold(t, [[a.oneId, 'BREADWINNER']]);
    const added = await t.ok<{ addHouseholdMember: HouseholdData }>(ADD, { id, member: { person: ref(b.oneId), role: 'CHILD' } });
    expect(added.addHouseholdMember.members.map((m) => [m.role, m.person.oneId])).toEqual([
      ['BREADWINNER', a.oneId],
      ['CHILD', b.oneId],
    ]);
    const again = await t.ok<{ addHouseholdMember: HouseholdData }>(ADD, { id, member: { person: { identifier: b.phone }, role: 'SPOUSE' } });
    expect(again.addHouseholdMember.members.map((m) => [m.role, m.person.oneId])).toEqual([
      ['BREADWINNER', a.oneId],
      ['SPOUSE', b.oneId],
    ]);
    const removed = await t.ok<{ removeHouseholdMember: HouseholdData }>(REMOVE, { id, oneId: b.oneId });
    expect(removed.removeHouseholdMember.members.map((m) => m.person.oneId)).toEqual([a.oneId]);
    expect(codeOf(await t.gql(REMOVE, { id, oneId: b.oneId }))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(REMOVE, { id, oneId: uid('nobody') }))).toBe('NOT_FOUND');
  });

  it('refuses a member of another household, naming it; a new identifier joins as a new person', async () => {
    const [a, b] = await Promise.all([newPerson(t), newPerson(t)]);
    const ha = await newHousehold(t, [[a.oneId, 'BREADWINNER']]);
    const hb = await newHousehold(t, [[b.oneId, 'BREADWINNER']]);
    const res = await t.gql(ADD, { id: hb, member: { person: ref(a.oneId), role: 'SPOUSE' } });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toContain(ha);
    const newcomer = email();
    const added = await t.ok<{ addHouseholdMember: HouseholdData }>(ADD, { id: hb, member: { person: { identifier: newcomer }, role: 'CHILD' } });
    const created = (await t.ok<{ resolveIdentity: { oneId: string } }>(RESOLVE, { identifier: newcomer })).resolveIdentity;
    expect(added.addHouseholdMember.members.map((m) => m.person.oneId)).toEqual([b.oneId, created.oneId]);
  });

  it('answers NOT_FOUND for an unknown household, creating nobody', async () => {
    const newcomer = phone();
    const unknown = uid('hh');
    expect(codeOf(await t.gql(ADD, { id: unknown, member: { person: { identifier: newcomer }, role: 'OTHER' } }))).toBe('NOT_FOUND');
    expect((await t.ok<{ resolveIdentity: unknown }>(RESOLVE, { identifier: newcomer })).resolveIdentity).toBeNull();
    expect(codeOf(await t.gql(REMOVE, { id: unknown, oneId: uid('p') }))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(ASSIGN, { id: unknown, advisorId: 'adv-1' }))).toBe('NOT_FOUND');
  });

  it('assigns and reassigns the advisor', async () => {
    const a = await newPerson(t);
    const id = await newHousehold(t, [[a.oneId, 'BREADWINNER']]);
    expect((await readHousehold(id))!.advisor).toBeNull();
    const first = uid('adv');
    expect((await t.ok<{ assignAdvisor: HouseholdData }>(ASSIGN, { id, advisorId: first })).assignAdvisor.advisor).toEqual({ advisorId: first });
    const second = uid('adv');
    await t.ok(ASSIGN, { id, advisorId: second });
    expect((await readHousehold(id))!.advisor).toEqual({ advisorId: second });
    expect(codeOf(await t.gql(ASSIGN, { id, advisorId: '   ' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(ASSIGN, { id, advisorId: first }, advisor(first)))).toBe('FORBIDDEN');
  });
});

describe('household query and scope', () => {
  it('answers null for an unknown id to ADMIN, FORBIDDEN to scoped roles', async () => {
    const unknown = uid('hh');
    expect(await readHousehold(unknown)).toBeNull();
    expect(codeOf(await t.gql(HOUSEHOLD, { id: unknown }, advisor(uid('adv'))))).toBe('FORBIDDEN');
  });

  it("lets the household's advisor and its members read it, nobody else", async () => {
    const [a, b, outsider] = await Promise.all([newPerson(t), newPerson(t), newPerson(t)]);
    const advisorId = uid('adv');
    const id = await newHousehold(t, [[a.oneId, 'BREADWINNER'], [b.oneId, 'SPOUSE']], { advisorId });
    await newHousehold(t, [[outsider.oneId, 'BREADWINNER']]);
    const asAdvisor = await t.ok<{ household: HouseholdData }>(HOUSEHOLD, { id }, advisor(advisorId));
    expect(asAdvisor.household.members.map((m) => m.person.oneId)).toEqual([a.oneId, b.oneId]);
    const asMember = await t.ok<{ household: HouseholdData }>(HOUSEHOLD, { id }, customer(b.oneId));
    expect(asMember.household.id).toBe(id);
    expect(codeOf(await t.gql(HOUSEHOLD, { id }, advisor(uid('adv'))))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(HOUSEHOLD, { id }, customer(outsider.oneId)))).toBe('FORBIDDEN');
    const viaPerson = await t.ok<{ person: { household: { id: string } } }>(PERSON_HOUSEHOLD, { oneId: a.oneId }, customer(a.oneId));
    expect(viaPerson.person.household.id).toBe(id);
  });

  it("shows a customer its relative but not the relative's household (only its own household is in scope)", async () => {
    const [me, mum, stepdad] = await Promise.all([newPerson(t), newPerson(t), newPerson(t)]);
    const mine = await newHousehold(t, [[me.oneId, 'BREADWINNER']]);
    const parents = await newHousehold(t, [[mum.oneId, 'BREADWINNER'], [stepdad.oneId, 'OTHER']]);
    await link(t, mum.oneId, 'PARENT', me.oneId);
    const q = `query Q($oneId: ID!) { person(oneId: $oneId) { oneId household { id members { person { oneId } } } } }`;
    type R = { person: { oneId: string; household: { id: string; members: Array<{ person: { oneId: string } }> } | null } };
    const asMe = await t.ok<R>(q, { oneId: mum.oneId }, customer(me.oneId));
    expect(asMe.person.oneId).toBe(mum.oneId);
    expect(asMe.person.household).toBeNull();
    expect(codeOf(await t.gql(HOUSEHOLD, { id: parents }, customer(me.oneId)))).toBe('FORBIDDEN');
    expect((await t.ok<R>(q, { oneId: me.oneId }, customer(me.oneId))).person.household!.id).toBe(mine);
    const asAdmin = await t.ok<R>(q, { oneId: mum.oneId }, ADMIN);
    expect(asAdmin.person.household!.members).toHaveLength(2);
  });
});

describe('relationships', () => {
  it('lists the family links among members once each, PARENT from parent to child, not links to outsiders', async () => {
    const [dad, mum, kid, grandpa] = await Promise.all([newPerson(t), newPerson(t), newPerson(t), newPerson(t)]);
    const id = await newHousehold(t, [[dad.oneId, 'BREADWINNER'], [mum.oneId, 'SPOUSE'], [kid.oneId, 'CHILD']]);
    await link(t, mum.oneId, 'SPOUSE', dad.oneId);
    await link(t, dad.oneId, 'SPOUSE', mum.oneId);
    await link(t, kid.oneId, 'CHILD', dad.oneId);
    await link(t, mum.oneId, 'PARENT', kid.oneId);
    await link(t, grandpa.oneId, 'PARENT', dad.oneId);
    const rels = (await readHousehold(id))!.relationships.map((r) => [r.from.oneId, r.relation, r.to.oneId]);
    const spouses = [dad.oneId, mum.oneId].sort();
    expect(rels).toEqual([
      [spouses[0], 'SPOUSE', spouses[1]],
      ...[
        [dad.oneId, 'PARENT', kid.oneId],
        [mum.oneId, 'PARENT', kid.oneId],
      ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
    ]);
  });
});

describe('suggestedMembers', () => {
  const SUGGEST = `query S($id: ID!) {
    household(id: $id) {
      suggestedMembers {
        person { oneId }
        score
        evidence { kind member { oneId } relation weight device { type namespace masked } }
      }
    }
  }`;
  interface Suggestion {
    person: { oneId: string };
    score: number;
    evidence: Array<{ kind: string; member: { oneId: string }; relation: string | null; weight: number; device: { type: string; namespace: string; masked: string } | null }>;
  }

  it('suggests outsiders sharing a home device or linked to members, one entry each with all evidence, strongest first', async () => {
    const tv = iot('tv');
    const dad = await newPerson(t, {}, [tv]);
    const mum = await newPerson(t, {}, [tv]);
    const nanny = await newPerson(t, {}, [tv]);
    const [uncle, wifeOfKid, kid, erased] = await Promise.all([newPerson(t), newPerson(t), newPerson(t), newPerson(t)]);
    const id = await newHousehold(t, [[dad.oneId, 'BREADWINNER'], [mum.oneId, 'SPOUSE'], [kid.oneId, 'CHILD']]);
    await link(t, uncle.oneId, 'SIBLING', dad.oneId);
    await link(t, kid.oneId, 'SPOUSE', wifeOfKid.oneId);
    await link(t, wifeOfKid.oneId, 'SPOUSE', kid.oneId);
    await link(t, mum.oneId, 'PARENT', nanny.oneId); // odd but possible: a member's adult child, sharing the tv too
    await link(t, erased.oneId, 'SIBLING', mum.oneId);
    await t.ok(`mutation F($oneId: ID!) { forgetPerson(oneId: $oneId) { oneId } }`, { oneId: erased.oneId });

    const got = (await t.ok<{ household: { suggestedMembers: Suggestion[] } }>(SUGGEST, { id })).household.suggestedMembers;
    expect(got.map((s) => [s.person.oneId, s.score])).toEqual([
      [nanny.oneId, 3 + 3 + 3], // tv with dad and with mum, CHILD of mum
      [wifeOfKid.oneId, 5],
      [uncle.oneId, 2],
    ]);
    const nannyEvidence = got[0]!.evidence;
    expect(nannyEvidence).toHaveLength(3);
    expect(nannyEvidence.filter((e) => e.kind === 'SHARED_DEVICE').map((e) => e.member.oneId).sort()).toEqual([dad.oneId, mum.oneId].sort());
    expect(nannyEvidence.find((e) => e.kind === 'SHARED_DEVICE')!.device).toMatchObject({ type: 'IOT_DEVICE', namespace: 'tv' });
    expect(nannyEvidence.find((e) => e.kind === 'SHARED_DEVICE')!.device!.masked).not.toBe(tv.value);
    expect(nannyEvidence.find((e) => e.kind === 'FAMILY_LINK')).toMatchObject({ member: { oneId: mum.oneId }, relation: 'CHILD', weight: 3, device: null });
    expect(got[1]!.evidence).toEqual([{ kind: 'FAMILY_LINK', member: { oneId: kid.oneId }, relation: 'SPOUSE', weight: 5, device: null }]);
    expect(got[2]!.evidence[0]).toMatchObject({ member: { oneId: dad.oneId }, relation: 'SIBLING' });

    // Once the nanny joins, she is no longer suggested.
    await t.ok(ADD, { id, member: { person: ref(nanny.oneId), role: 'OTHER' } });
    const after = (await t.ok<{ household: { suggestedMembers: Suggestion[] } }>(SUGGEST, { id })).household.suggestedMembers;
    expect(after.map((s) => s.person.oneId)).toEqual([wifeOfKid.oneId, uncle.oneId]);
  });

  it('shows scoped callers only people in their scope', async () => {
    const tv = iot('speaker');
    const a = await newPerson(t, {}, [tv]);
    const neighbour = await newPerson(t, {}, [tv]);
    const sister = await newPerson(t);
    const advisorId = uid('adv');
    const id = await newHousehold(t, [[a.oneId, 'BREADWINNER']], { advisorId });
    await link(t, sister.oneId, 'SIBLING', a.oneId);
    const all = (await t.ok<{ household: { suggestedMembers: Suggestion[] } }>(SUGGEST, { id })).household.suggestedMembers;
    expect(all.map((s) => s.person.oneId).sort()).toEqual([neighbour.oneId, sister.oneId].sort());
    const asAdvisor = (await t.ok<{ household: { suggestedMembers: Suggestion[] } }>(SUGGEST, { id }, advisor(advisorId))).household.suggestedMembers;
    expect(asAdvisor).toEqual([]);
    const asCustomer = (await t.ok<{ household: { suggestedMembers: Suggestion[] } }>(SUGGEST, { id }, customer(a.oneId))).household.suggestedMembers;
    expect(asCustomer.map((s) => s.person.oneId)).toEqual([sister.oneId]);
  });
});
