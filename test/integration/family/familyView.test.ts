/**
 * The family view (schema/operations/familyView.graphql): what a frontend draws, and a
 * fixed number of database statements per request whatever the family size.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../../../src/clock';
import { repoRoot } from '../../../src/paths';
import { ADMIN, Caller, startTestApp, TestApp, uid } from '../../support/harness';
import { advisor, customer, email, link, newHousehold, newPerson, Role, TestPerson } from './support';

const FAMILY_VIEW = readFileSync(join(repoRoot(), 'schema', 'operations', 'familyView.graphql'), 'utf8');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: fixedClock('2026-06-01') });
});
afterAll(async () => {
  await t.close();
});

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

  it('sends the same small number of statements for 2 and for 12 members, for every role', async () => {
    const adminSmall = (await familyView(small.id)).statements;
    const adminLarge = (await familyView(large.id)).statements;
    expect(adminSmall).toBe(adminLarge);
    // The family part takes 5 (household, members, relationships, identifiers, relatives);
    // the coverage part of the view adds its own few; scoped roles add their scope look-ups.
    expect(adminSmall).toBeLessThanOrEqual(10);

    const advisorSmall = (await familyView(small.id, advisor(advisorId))).statements;
    const advisorLarge = (await familyView(large.id, advisor(advisorId))).statements;
    expect(advisorSmall).toBe(advisorLarge);
    expect(advisorSmall).toBeLessThanOrEqual(12);

    const customerSmall = (await familyView(small.id, customer(small.people[0]!.oneId))).statements;
    const customerLarge = (await familyView(large.id, customer(large.people[0]!.oneId))).statements;
    expect(customerSmall).toBe(customerLarge);
    expect(customerSmall).toBeLessThanOrEqual(12);
  });

  it('shows an advisor the same family, with relatives limited to its households', async () => {
    const asAdmin = (await familyView(large.id)).data.household;
    const asAdvisor = (await familyView(large.id, advisor(advisorId))).data.household;
    expect(asAdvisor.members.map((m) => m.person.oneId)).toEqual(asAdmin.members.map((m) => m.person.oneId));
    expect(asAdvisor.relationships).toEqual(asAdmin.relationships);
    expect(asAdvisor.members[0]!.person.identifiers.length).toBeGreaterThan(0);
  });
});
