/**
 * Who reads the customer fields (value.graphql AUTH): an ADVISOR on people of its households,
 * a CUSTOMER its own value, segment, interactions, last activity and contact window but no
 * tags (its own included) and nobody else's, a LEFT advisor nothing.
 */
import { fixedClock } from '../../../src/clock';
import { ADD_TAGS, advisor, codeOf, customer, newAdvisor, newHousehold, newPeople, PEOPLE, recordInteractions, useTestApp } from '../../kit';

const t = useTestApp({ clock: fixedClock('2026-06-15') });

const FIELDS = `oneId value { revenue tier } segment lastActivityAt interactions(first: 5) { id } bestContactWindow { startHour }`;
const PERSON = `query P($oneId: ID!) { person(oneId: $oneId) { ${FIELDS} } }`;
const TAGS = `query P($oneId: ID!) { person(oneId: $oneId) { oneId tags { name } } }`;
const HOUSEHOLD_VALUE = `query H($id: ID!) { household(id: $id) { id value { revenue tier } } }`;

async function world() {
  const adv = await newAdvisor(t);
  const other = await newAdvisor(t);
  const [me, spouse, stranger] = await newPeople(t, [{}, {}, {}]);
  const home = await newHousehold(t, [[me!.oneId, 'BREADWINNER'], [spouse!.oneId, 'SPOUSE']], { advisorId: adv });
  await newHousehold(t, [[stranger!.oneId, 'BREADWINNER']], { advisorId: other });
  await recordInteractions(t, [{ oneId: me!.oneId, at: '2026-06-01T02:00:00Z' }]);
  return { adv, other, me: me!.oneId, spouse: spouse!.oneId, stranger: stranger!.oneId, home };
}

describe('customer fields by role', () => {
  it('an ADVISOR reads and tags people of its households only', async () => {
    const w = await world();
    const mine = await t.gql<{ person: { interactions: unknown[]; bestContactWindow: unknown } }>(PERSON, { oneId: w.me }, advisor(w.adv));
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.person.interactions).toHaveLength(1);
    expect((await t.gql(TAGS, { oneId: w.me }, advisor(w.adv))).errors).toBeUndefined();
    expect((await t.gql(HOUSEHOLD_VALUE, { id: w.home }, advisor(w.adv))).errors).toBeUndefined();
    expect(codeOf(await t.gql(PERSON, { oneId: w.stranger }, advisor(w.adv)))).toBe('FORBIDDEN');
    expect((await t.gql(ADD_TAGS, { oneId: w.spouse, tags: ['mine'] }, advisor(w.adv))).errors).toBeUndefined();
    expect(codeOf(await t.gql(ADD_TAGS, { oneId: w.stranger, tags: ['mine'] }, advisor(w.adv)))).toBe('FORBIDDEN');
    expect(codeOf(await recordInteractions(t, [{ oneId: w.me, at: '2026-06-01T02:00:00Z' }], advisor(w.adv)))).toBe('FORBIDDEN');
    const listed = await t.gql<{ people: { totalCount: number } }>(PEOPLE, { filter: { advisorId: w.adv } }, advisor(w.adv));
    expect(listed.data?.people.totalCount).toBe(2);
    expect(codeOf(await t.gql(PEOPLE, { filter: { advisorId: w.other } }, advisor(w.adv)))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(PEOPLE, {}, advisor(w.adv)))).toBe('FORBIDDEN');
  });

  it('a LEFT advisor lists nobody', async () => {
    const w = await world();
    await newAdvisor(t, { advisorId: w.adv, status: 'LEFT' });
    expect(codeOf(await t.gql(PEOPLE, { filter: { advisorId: w.adv } }, advisor(w.adv)))).toBe('FORBIDDEN');
  });

  it('a CUSTOMER reads its own value, segment, interactions and contact window, not its tags, and nobody else', async () => {
    const w = await world();
    const own = await t.gql<{ person: { oneId: string; interactions: unknown[]; bestContactWindow: { startHour: number } } }>(PERSON, { oneId: w.me }, customer(w.me));
    expect(own.errors).toBeUndefined();
    expect(own.data!.person.interactions).toHaveLength(1);
    expect(own.data!.person.bestContactWindow).toEqual({ startHour: 10 });
    expect(codeOf(await t.gql(TAGS, { oneId: w.me }, customer(w.me)))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(PERSON, { oneId: w.spouse }, customer(w.me)))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(HOUSEHOLD_VALUE, { id: w.home }, customer(w.me)))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(ADD_TAGS, { oneId: w.me, tags: ['x'] }, customer(w.me)))).toBe('FORBIDDEN');
    expect(codeOf(await recordInteractions(t, [{ oneId: w.me, at: '2026-06-01T02:00:00Z' }], customer(w.me)))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(PEOPLE, { filter: { advisorId: w.adv } }, customer(w.me)))).toBe('FORBIDDEN');
  });
});
