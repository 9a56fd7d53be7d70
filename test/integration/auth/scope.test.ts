/**
 * RequestScope over the real graph (src/auth/scope.ts + cypher/auth/*): what a CUSTOMER and an
 * ADVISOR may read, merged-away OneIDs on both sides, relatives up to 4 links, household
 * members, erased customers, and one batched statement for many checks.
 */
import { RequestScope } from '../../../src/auth/scope';
import type { Principal } from '../../../src/auth/principal';
import { countStatements } from '../../../src/db/database';
import { link, mergeNewPersonInto, newHousehold, phone, uid, useTestApp } from '../../kit';
import { ingestPeople, RawPerson } from './support';

const t = useTestApp();
let a1: string;
/** me, spouse, child in household h (advisor a1); chain[0] parent of me ... chain[4] 5 links away; far: unrelated. */
let me: RawPerson, spouse: RawPerson, child: RawPerson, far: RawPerson;
let chain: RawPerson[];
let h: string;
let other: string;
let meAlias: string;
let spouseAlias: string;

const scopeOf = (principal: Principal | null): RequestScope => new RequestScope(principal, t.app.services.access);

async function mergeNewPhoneInto(p: RawPerson): Promise<string> {
  const { alias, merged } = await mergeNewPersonInto(t, { phone: phone(p.phone) });
  expect(merged).toEqual({ oneId: p.oneId, mergedOneIds: [alias] });
  return alias;
}

beforeAll(async () => {
  a1 = uid('adv');
  const born = ['1985', '1986', '2012', '1960', '1940', '1920', '1910', '1900', '1970'];
  const people = await ingestPeople(t, 9, born.map((y) => ({ birthDate: `${y}-01-01` })));
  [me, spouse, child] = people;
  chain = people.slice(3, 8);
  far = people[8];
  h = await newHousehold(t, [[me.oneId, 'BREADWINNER'], [spouse.oneId, 'SPOUSE']], { advisorId: a1 });
  other = await newHousehold(t, [[far.oneId, 'BREADWINNER']], { advisorId: uid('adv') });
  await link(t, me.oneId, 'PARENT', child.oneId); // child: a relative outside the household
  await link(t, chain[0].oneId, 'PARENT', me.oneId);
  for (let i = 1; i < chain.length; i += 1) await link(t, chain[i].oneId, 'PARENT', chain[i - 1].oneId);
  meAlias = await mergeNewPhoneInto(me);
  spouseAlias = await mergeNewPhoneInto(spouse);
});

describe('CUSTOMER scope', () => {
  it('reads itself, its household and members, and relatives up to 4 links; nothing else', async () => {
    const s = scopeOf({ role: 'CUSTOMER', sub: me.oneId });
    expect(await s.selfOneId()).toBe(me.oneId);
    for (const p of [me, spouse, child, ...chain.slice(0, 4)]) expect([p.oneId, await s.canReadPerson(p.oneId)]).toEqual([p.oneId, true]);
    expect(await s.canReadPerson(chain[4].oneId)).toBe(false); // 5 links
    expect(await s.canReadPerson(far.oneId)).toBe(false);
    expect(await s.canReadPerson(uid('nobody'))).toBe(false);
    expect(await s.canReadHousehold(h)).toBe(true);
    expect(await s.canReadHousehold(other)).toBe(false);
    expect(s.unrestricted).toBe(false);
  });

  it('a token whose sub is a merged-away OneID acts as the survivor', async () => {
    const s = scopeOf({ role: 'CUSTOMER', sub: meAlias });
    expect(await s.selfOneId()).toBe(me.oneId);
    expect(await s.canReadPerson(me.oneId)).toBe(true);
    expect(await s.canReadPerson(chain[3].oneId)).toBe(true);
    expect(await s.canReadHousehold(h)).toBe(true);
    await expect(s.assertSelf(me.oneId)).resolves.toBeUndefined();
    await expect(s.assertSelf(spouse.oneId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // And through HTTP: the alias token reads its own person (the survivor) and its household.
    const res = await t.gql<{ person: { oneId: string; household: { id: string } } }>(
      'query($o: ID!) { person(oneId: $o) { oneId household { id } } }',
      { o: me.oneId },
      { role: 'CUSTOMER', sub: meAlias },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.person).toEqual({ oneId: me.oneId, household: { id: h } });
  });

  it('an unknown sub reads nothing', async () => {
    const s = scopeOf({ role: 'CUSTOMER', sub: uid('nobody') });
    expect(await s.selfOneId()).toBeNull();
    expect(await s.canReadPerson(me.oneId)).toBe(false);
    expect(await s.canReadHousehold(h)).toBe(false);
  });

  it('an erased (forgotten) customer reads nothing, not even its relatives', async () => {
    const [gone, sibling] = await ingestPeople(t, 2);
    await t.ok('mutation($i: FamilyLinkInput!) { linkFamily(input: $i) { relation } }', {
      i: { from: { oneId: gone.oneId }, to: { oneId: sibling.oneId }, relation: 'SIBLING' },
    });
    expect(await scopeOf({ role: 'CUSTOMER', sub: gone.oneId }).canReadPerson(sibling.oneId)).toBe(true);
    await t.ok('mutation($o: ID!) { forgetPerson(oneId: $o) { oneId } }', { o: gone.oneId });
    const s = scopeOf({ role: 'CUSTOMER', sub: gone.oneId });
    expect(await s.selfOneId()).toBeNull();
    expect(await s.canReadPerson(sibling.oneId)).toBe(false);
    expect(await s.canReadPerson(gone.oneId)).toBe(false);
  });

  it('computes its view once per request (one statement for many checks)', async () => {
    const s = scopeOf({ role: 'CUSTOMER', sub: me.oneId });
    const { result, statements } = await countStatements(() =>
      Promise.all([me, spouse, child, far, ...chain].map((p) => s.canReadPerson(p.oneId)).concat([s.canReadHousehold(h)])),
    );
    expect(result.filter(Boolean).length).toBe(8);
    expect(statements).toBe(1);
  });
});

describe('ADVISOR scope', () => {
  it('reads the members of its households (by surviving or merged-away OneID), nobody else', async () => {
    const s = scopeOf({ role: 'ADVISOR', sub: a1 });
    expect(await s.canReadPerson(me.oneId)).toBe(true);
    expect(await s.canReadPerson(spouse.oneId)).toBe(true);
    expect(await s.canReadPerson(spouseAlias)).toBe(true);
    expect(await s.canReadPerson(child.oneId)).toBe(false); // a relative, not a member
    expect(await s.canReadPerson(far.oneId)).toBe(false);
    expect(await s.canReadHousehold(h)).toBe(true);
    expect(await s.canReadHousehold(other)).toBe(false);
    expect(await s.selfOneId()).toBeNull();
    expect(() => s.assertAdvisorSelf(a1)).not.toThrow();
    expect(() => s.assertAdvisorSelf('someone-else')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('batches checks: many people in one statement, many households in one more', async () => {
    const s = scopeOf({ role: 'ADVISOR', sub: a1 });
    const { result, statements } = await countStatements(async () => {
      const people = await s.readablePersons([me, spouse, child, far, ...chain]);
      const households = await Promise.all([h, other].map((id) => s.canReadHousehold(id)));
      return { people, households };
    });
    expect(result.people.map((p) => p.oneId)).toEqual([me.oneId, spouse.oneId]);
    expect(result.households).toEqual([true, false]);
    expect(statements).toBe(2);
  });

  it('follows reassignment: a household moved to another advisor leaves the scope', async () => {
    const [p] = await ingestPeople(t, 1);
    const id = await newHousehold(t, [[p.oneId, 'BREADWINNER']], { advisorId: a1 });
    expect(await scopeOf({ role: 'ADVISOR', sub: a1 }).canReadHousehold(id)).toBe(true);
    await t.ok('mutation($h: ID!, $a: ID!) { assignAdvisor(householdId: $h, advisorId: $a) { id } }', { h: id, a: uid('adv') });
    const s = scopeOf({ role: 'ADVISOR', sub: a1 });
    expect(await s.canReadHousehold(id)).toBe(false);
    expect(await s.canReadPerson(p.oneId)).toBe(false);
  });
});

describe('unrestricted and anonymous scopes', () => {
  it('ADMIN and INGEST read everything without a statement; no principal reads nothing', async () => {
    for (const role of ['ADMIN', 'INGEST'] as const) {
      const s = scopeOf({ role, sub: 'x' });
      const { result, statements } = await countStatements(async () => [
        await s.canReadPerson(far.oneId),
        await s.canReadHousehold(other),
        (await s.readablePersons([me, far])).length,
        await s.readablePerson(null),
      ]);
      expect(result).toEqual([true, true, 2, null]);
      expect(statements).toBe(0);
    }
    const none = scopeOf(null);
    expect(await none.canReadPerson(me.oneId)).toBe(false);
    await expect(none.readablePerson({ oneId: me.oneId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('readablePerson and readableHousehold answer FORBIDDEN alike for unknown and out-of-scope', async () => {
    const s = scopeOf({ role: 'CUSTOMER', sub: me.oneId });
    await expect(s.readablePerson({ oneId: spouse.oneId })).resolves.toEqual({ oneId: spouse.oneId });
    const errors = await Promise.all([s.readablePerson(null), s.readablePerson({ oneId: far.oneId }), s.readableHousehold(null), s.readableHousehold({ id: other })].map((p) => p.catch((e: unknown) => e)));
    for (const e of errors) expect(e).toMatchObject({ code: 'FORBIDDEN', message: 'Not found or not allowed for this caller' });
  });
});
