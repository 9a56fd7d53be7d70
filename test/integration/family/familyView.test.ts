/**
 * The family view (schema/operations/familyView.graphql): what a frontend draws, and a
 * fixed number of database statements per request whatever the family size.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../../../src/clock';
import { repoRoot } from '../../../src/paths';
import { ADMIN, advisor, Caller, customer, email, link, newHousehold, newPolicy, Role, TestPerson, uid, useTestApp } from '../../kit';
import { newPerson } from './support';

const FAMILY_VIEW = readFileSync(join(repoRoot(), 'schema', 'operations', 'familyView.graphql'), 'utf8');

const t = useTestApp({ clock: fixedClock('2026-06-01') });

interface View {
  household: {
    id: string;
    name: string | null;
    advisor: { advisorId: string } | null;
    members: Array<{
      role: string;
      person: {
        oneId: string;
        displayName: string | null;
        age: number | null;
        gender: string;
        identifiers: Array<{ type: string; namespace: string | null; masked: string }>;
        relatives: Array<{ person: { oneId: string; displayName: string | null }; kinship: string; degree: number; path: string[] }>;
        policies: Array<{ policyNo: string; status: string; holder: { oneId: string; displayName: string | null } }>;
      };
    }>;
    relationships: Array<{ from: { oneId: string }; to: { oneId: string }; relation: string }>;
  };
}

/** Run the family view as `caller`; returns the data and the statements the request sent (from the request log). */
async function familyView(id: string, caller: Caller = ADMIN): Promise<{ data: View; statements: number }> {
  const before = t.logs.length;
  const data = await t.ok<View>(FAMILY_VIEW, { id }, caller);
  const line = t.logs
    .slice(before)
    .map((l) => JSON.parse(l) as { msg?: string; operationName?: string; dbStatements?: number })
    .filter((l) => l.msg === 'graphql request' && l.operationName === 'FamilyView')
    .pop();
  if (line?.dbStatements === undefined) throw new Error('no request log line with dbStatements');
  return { data, statements: line.dbStatements };
}

/**
 * A family of `size` members (2 or more): a couple, then the breadwinner's parents and the
 * spouse's parents as elders (up to 4), then children of the couple. Everyone is linked.
 */
async function family(size: number, advisorId: string): Promise<{ id: string; people: TestPerson[] }> {
  const bw = await newPerson(t, { displayName: 'Breadwinner', gender: 'MALE', birthDate: '1985-03-10', annualIncome: 300_000 }, [email()]);
  const sp = await newPerson(t, { displayName: 'Spouse', gender: 'FEMALE', birthDate: '1987-07-01' });
  const members: Array<[TestPerson, Role]> = [
    [bw, 'BREADWINNER'],
    [sp, 'SPOUSE'],
  ];
  await link(t, bw.oneId, 'SPOUSE', sp.oneId);
  for (let i = 2; i < size; i += 1) {
    if (i < 6) {
      const elder = await newPerson(t, { displayName: `Elder ${i}`, birthDate: '1955-01-01' });
      await link(t, elder.oneId, 'PARENT', i < 4 ? bw.oneId : sp.oneId);
      members.push([elder, 'ELDER']);
    } else {
      const kid = await newPerson(t, { displayName: `Child ${i}`, birthDate: `20${10 + i}-05-05` });
      await link(t, bw.oneId, 'PARENT', kid.oneId);
      await link(t, kid.oneId, 'CHILD', sp.oneId);
      members.push([kid, 'CHILD']);
    }
  }
  const id = await newHousehold(
    t,
    members.map(([p, role]) => [p.oneId, role]),
    { name: `Family of ${size}`, advisorId },
  );
  return { id, people: members.map(([p]) => p) };
}

describe('family view', () => {
  let small: { id: string; people: TestPerson[] };
  let large: { id: string; people: TestPerson[] };
  const advisorId = uid('adv');
  beforeAll(async () => {
    small = await family(2, advisorId);
    large = await family(12, advisorId);
  });

  it('draws the family: members with role, age and masked identifiers, links, relatives within 2', async () => {
    const { data } = await familyView(small.id);
    const h = data.household;
    expect(h.name).toBe('Family of 2');
    expect(h.advisor).toEqual({ advisorId });
    const [bw, sp] = small.people as [TestPerson, TestPerson];
    expect(h.members.map((m) => [m.role, m.person.oneId, m.person.age, m.person.gender])).toEqual([
      ['BREADWINNER', bw.oneId, 41, 'MALE'],
      ['SPOUSE', sp.oneId, 38, 'FEMALE'],
    ]);
    const ids = h.members[0]!.person.identifiers;
    expect(ids.map((i) => i.type).sort()).toEqual(['EMAIL', 'PHONE']);
    expect(ids.find((i) => i.type === 'PHONE')!.masked).toMatch(/\*/);
    expect(ids.find((i) => i.type === 'PHONE')!.masked).not.toContain(bw.phone.value);
    expect(h.relationships).toHaveLength(1);
    expect(h.relationships[0]!.relation).toBe('SPOUSE');
    expect(h.members[0]!.person.relatives).toEqual([{ person: { oneId: sp.oneId, displayName: 'Spouse' }, kinship: 'SPOUSE', degree: 1, path: ['SPOUSE'] }]);

    const big = (await familyView(large.id)).data.household;
    expect(big.members).toHaveLength(12);
    expect(big.members.map((m) => m.role)).toEqual(['BREADWINNER', 'SPOUSE', 'CHILD', 'CHILD', 'CHILD', 'CHILD', 'CHILD', 'CHILD', 'ELDER', 'ELDER', 'ELDER', 'ELDER']);
    expect(big.relationships).toHaveLength(1 + 4 + 12);
    const child = big.members[2]!.person;
    const kinships = child.relatives.map((r) => r.kinship).sort();
    expect(kinships.filter((k) => k === 'GRANDPARENT')).toHaveLength(4);
    expect(kinships.filter((k) => k === 'PARENT')).toHaveLength(2);
    expect(kinships.filter((k) => k === 'SIBLING')).toHaveLength(5);
  });

  it('sends one statement for 2 and for 12 members (the household bundle), and only the scope look-ups more for scoped roles', async () => {
    const adminSmall = (await familyView(small.id)).statements;
    const adminLarge = (await familyView(large.id)).statements;
    expect(adminSmall).toBe(adminLarge);
    // The household, members, identifiers, links, relatives, policies and their holders all
    // come from cypher/family/household-bundle; the coverage gaps are computed from it.
    expect(adminSmall).toBe(1);

    // + the advisor's household check and one check of the people shown (all members).
    const advisorSmall = (await familyView(small.id, advisor(advisorId))).statements;
    const advisorLarge = (await familyView(large.id, advisor(advisorId))).statements;
    expect(advisorSmall).toBe(advisorLarge);
    expect(advisorSmall).toBe(3);

    // + the customer's view (computed once per request).
    const customerSmall = (await familyView(small.id, customer(small.people[0]!.oneId))).statements;
    const customerLarge = (await familyView(large.id, customer(large.people[0]!.oneId))).statements;
    expect(customerSmall).toBe(customerLarge);
    expect(customerSmall).toBe(2);
  });

  it('answers exactly what the per-field look-ups answer, policies and outside relatives included', async () => {
    // A family of 7 (a child at index 6), an uncle outside the household (the breadwinner's
    // sibling), a policy on the child held by the uncle and two on the breadwinner.
    const own = uid('adv');
    const f = await family(7, own);
    const [bw, sp, , , , , kid] = f.people as [TestPerson, TestPerson, TestPerson, TestPerson, TestPerson, TestPerson, TestPerson];
    const uncle = await newPerson(t, { displayName: 'Uncle', gender: 'MALE', birthDate: '1982-02-02' });
    await link(t, uncle.oneId, 'SIBLING', bw.oneId);
    const policy = (holder: string, insured: string, status: string, startDate: string): Promise<string> =>
      newPolicy(t, { productType: 'LIFE', sumAssured: 500_000, annualPremium: 1_000, status, startDate, holder, insured });
    const kidPolicy = await policy(uncle.oneId, kid.oneId, 'ACTIVE', '2024-01-01');
    const bwPolicies = [await policy(sp.oneId, bw.oneId, 'LAPSED', '2020-01-01'), await policy(bw.oneId, bw.oneId, 'ACTIVE', '2023-01-01')];

    // The same selection on a household a mutation returns is read field by field.
    const selection = FAMILY_VIEW.slice(FAMILY_VIEW.indexOf('household(id: $id) {') + 'household(id: $id) '.length, FAMILY_VIEW.lastIndexOf('}'));
    const perField = await t.ok<{ assignAdvisor: View['household'] }>(
      `mutation Same($id: ID!, $advisorId: ID!) { assignAdvisor(householdId: $id, advisorId: $advisorId) ${selection} }`,
      { id: f.id, advisorId: own },
    );
    const { data, statements } = await familyView(f.id);
    expect(statements).toBe(1);
    expect(JSON.stringify(data.household)).toBe(JSON.stringify(perField.assignAdvisor));
    const viaPerson = await t.ok<{ person: { household: View['household'] } }>(`query ViaPerson($oneId: ID!) { person(oneId: $oneId) { household ${selection} } }`, {
      oneId: kid.oneId,
    });
    expect(JSON.stringify(viaPerson.person.household)).toBe(JSON.stringify(perField.assignAdvisor));

    const person = (h: View['household'], oneId: string): View['household']['members'][number]['person'] => h.members.find((m) => m.person.oneId === oneId)!.person;
    expect(person(data.household, bw.oneId).relatives).toContainEqual({ person: { oneId: uncle.oneId, displayName: 'Uncle' }, kinship: 'SIBLING', degree: 1, path: ['SIBLING'] });
    expect(person(data.household, kid.oneId).relatives).toContainEqual({ person: { oneId: uncle.oneId, displayName: 'Uncle' }, kinship: 'AUNT_OR_UNCLE', degree: 2, path: ['PARENT', 'SIBLING'] });
    expect(person(data.household, bw.oneId).policies.map((p) => [p.policyNo, p.status, p.holder.oneId])).toEqual([
      [bwPolicies[0], 'LAPSED', sp.oneId],
      [bwPolicies[1], 'ACTIVE', bw.oneId],
    ]);
    expect(person(data.household, kid.oneId).policies.map((p) => [p.policyNo, p.holder])).toEqual([[kidPolicy, { oneId: uncle.oneId, displayName: 'Uncle' }]]);

    // The advisor of the household sees the uncle neither as a relative nor by name as a holder.
    const asAdvisor = (await familyView(f.id, advisor(own))).data.household;
    expect(person(asAdvisor, kid.oneId).policies.map((p) => p.holder)).toEqual([{ oneId: uncle.oneId, displayName: null }]);
    expect(person(asAdvisor, bw.oneId).relatives.map((r) => r.person.oneId)).not.toContain(uncle.oneId);
    expect(person(asAdvisor, kid.oneId).relatives.map((r) => r.person.oneId)).not.toContain(uncle.oneId);
  });

  it('reads the household bundle only for a selection that reads members, links or coverage', async () => {
    const bundles = jest.spyOn(t.app.services.householdView, 'householdBundles');
    try {
      await t.ok(`query Light($id: ID!) { household(id: $id) { id name advisor { advisorId } } }`, { id: small.id });
      expect(bundles).not.toHaveBeenCalled();
      await t.ok(`query Members($id: ID!) { household(id: $id) { members { role } } }`, { id: small.id });
      expect(bundles).toHaveBeenCalledTimes(1);
      expect(bundles.mock.calls[0]![2]).toEqual({ identifiers: false, policies: false, relationships: false, relativesDegrees: [] });
      await familyView(small.id);
      expect(bundles).toHaveBeenCalledTimes(2);
      expect(bundles.mock.calls[1]![2]).toEqual({ identifiers: true, policies: true, relationships: true, relativesDegrees: [2] });
    } finally {
      bundles.mockRestore();
    }
  });

  it('shows an advisor the same family, with relatives limited to its households', async () => {
    const asAdmin = (await familyView(large.id)).data.household;
    const asAdvisor = (await familyView(large.id, advisor(advisorId))).data.household;
    expect(asAdvisor.members.map((m) => m.person.oneId)).toEqual(asAdmin.members.map((m) => m.person.oneId));
    expect(asAdvisor.relationships).toEqual(asAdmin.relationships);
    expect(asAdvisor.members[0]!.person.identifiers.length).toBeGreaterThan(0);
  });
});
