/**
 * Customers (value.graphql) through GraphQL on the real Neo4j: interactions (atomic,
 * idempotent, refusals writing nothing), contact window, value and influence up the referral
 * tree, segments, rule and manual tags, people lists and summaries, and erasure.
 * Auth per role is in auth.test.ts; stored state under concurrent writers in consistency.test.ts.
 */
import { fixedClock } from '../../../src/clock';
import {
  ADD_TAGS,
  REMOVE_TAGS,
  accept,
  codeOf,
  convert,
  customerOf,
  graph,
  invite,
  link,
  newAdvisor,
  newHousehold,
  newPeople,
  newPerson,
  newPolicy,
  phone,
  PEOPLE,
  recordInteractions,
  record,
  summaryOf,
  uid,
  useTestApp,
  walkPeople,
  type PeopleOut,
} from '../../kit';

const TODAY = '2026-06-15';
const t = useTestApp({ clock: fixedClock(TODAY) });
const g = graph(t);

const INTERACTIONS = `query Interactions($oneId: ID!, $first: Int) {
  person(oneId: $oneId) { interactions(first: $first) { id channel kind productType at source } bestContactWindow { startHour interactions total } lastActivityAt }
}`;

interface InteractionsOut {
  person: {
    interactions: Array<{ id: string; channel: string; kind: string; productType: string | null; at: string; source: string }>;
    bestContactWindow: { startHour: number; interactions: number; total: number } | null;
    lastActivityAt: string | null;
  };
}

describe('recordInteractions', () => {
  it('records a batch once: repeated ids (earlier or in the batch) are duplicates that change nothing; newest first', async () => {
    const p = await newPerson(t);
    const ids = [uid('i'), uid('i'), uid('i')];
    const first = await recordInteractions(t, [
      { id: ids[0], oneId: p.oneId, at: '2026-06-01T02:00:00Z', channel: 'WECHAT', kind: 'QUOTE', productType: 'LIFE' },
      { id: ids[1], oneId: p.oneId, at: '2026-06-10T03:00:00Z' },
      { id: ids[1], oneId: p.oneId, at: '2026-06-11T03:00:00Z', source: 'other' },
    ]);
    expect(first.data?.recordInteractions).toEqual({ accepted: 2, duplicates: 1 });
    const again = await recordInteractions(t, [
      { id: ids[0], oneId: p.oneId, at: '2026-06-12T02:00:00Z' },
      { id: ids[2], oneId: p.oneId, at: '2026-06-14T02:00:00Z', channel: 'PHONE', kind: 'CONSULT' },
    ]);
    expect(again.data?.recordInteractions).toEqual({ accepted: 1, duplicates: 1 });
    const out = await t.ok<InteractionsOut>(INTERACTIONS, { oneId: p.oneId, first: 2 });
    expect(out.person.interactions.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    const all = await t.ok<InteractionsOut>(INTERACTIONS, { oneId: p.oneId });
    expect(all.person.interactions.at(-1)).toEqual({ id: ids[0], channel: 'WECHAT', kind: 'QUOTE', productType: 'LIFE', at: '2026-06-01T02:00:00.000Z', source: 'test-kit' });
    expect(all.person.lastActivityAt).toBe('2026-06-14T02:00:00.000Z');
  });

  it('creates the person of an identifier not seen before', async () => {
    const ident = phone();
    const res = await recordInteractions(t, [{ identifier: ident, at: '2026-06-14T02:00:00Z' }]);
    expect(res.data?.recordInteractions.accepted).toBe(1);
    const found = await t.ok<{ resolveIdentity: { oneId: string } | null }>(`query R($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId } }`, { i: ident });
    expect(found.resolveIdentity?.oneId).toBeTruthy();
  });

  it('refuses the whole batch, naming the bad item, and writes nothing', async () => {
    const p = await newPerson(t);
    const good = uid('good');
    const cases: Array<{ bad: Parameters<typeof recordInteractions>[1][number]; named: string }> = [
      { bad: { id: uid('future'), oneId: p.oneId, at: '2026-06-15T12:06:00Z' }, named: 'future' },
      { bad: { id: uid('nobody'), oneId: uid('no-such-oneid'), at: '2026-06-14T00:00:00Z' }, named: 'nobody' },
      { bad: { id: uid('nosource'), oneId: p.oneId, at: '2026-06-14T00:00:00Z', source: ' ' }, named: 'nosource' },
    ];
    for (const c of cases) {
      const res = await recordInteractions(t, [{ id: good, oneId: p.oneId, at: '2026-06-14T00:00:00Z' }, c.bad]);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toContain(String(c.bad.id));
      expect(res.errors![0]!.message).toContain(c.named);
    }
    expect(await g.count('customers/interactions-by-id', { ids: [good, ...cases.map((c) => c.bad.id)] })).toBe(0);
    // 5 minutes ahead is still allowed.
    const edge = await recordInteractions(t, [{ oneId: p.oneId, at: '2026-06-15T12:05:00Z' }]);
    expect(edge.data?.recordInteractions.accepted).toBe(1);
  });

  it('takes 1 to 1000 interactions, and Person.interactions first 1 to 100', async () => {
    const p = await newPerson(t);
    expect(codeOf(await recordInteractions(t, []))).toBe('BAD_USER_INPUT');
    const many = Array.from({ length: 1001 }, () => ({ oneId: p.oneId, at: '2026-06-14T00:00:00Z' }));
    expect(codeOf(await recordInteractions(t, many))).toBe('BAD_USER_INPUT');
    expect((await recordInteractions(t, many.slice(0, 1000))).data?.recordInteractions.accepted).toBe(1000);
    for (const first of [0, 101]) expect(codeOf(await t.gql(INTERACTIONS, { oneId: p.oneId, first }))).toBe('BAD_USER_INPUT');
    expect((await t.ok<InteractionsOut>(INTERACTIONS, { oneId: p.oneId, first: 100 })).person.interactions).toHaveLength(100);
  });
});

describe('bestContactWindow', () => {
  it('finds the two-hour window wrapping past midnight (business time zone), over the last 180 days only', async () => {
    const p = await newPerson(t);
    expect((await t.ok<InteractionsOut>(INTERACTIONS, { oneId: p.oneId })).person.bestContactWindow).toBeNull();
    // Asia/Shanghai is UTC+8: 15:30Z is 23:30 local, 16:30Z is 00:30 local.
    await recordInteractions(t, [
      { oneId: p.oneId, at: '2026-06-01T15:30:00Z' },
      { oneId: p.oneId, at: '2026-06-02T16:30:00Z' },
      { oneId: p.oneId, at: '2026-06-03T16:40:00Z' },
      { oneId: p.oneId, at: '2026-06-04T02:00:00Z' },
      { oneId: p.oneId, at: '2025-11-01T02:00:00Z' }, // more than 180 days ago
      { oneId: p.oneId, at: '2025-11-02T02:00:00Z' },
      { oneId: p.oneId, at: '2025-11-03T02:00:00Z' },
    ]);
    const w = (await t.ok<InteractionsOut>(INTERACTIONS, { oneId: p.oneId })).person.bestContactWindow;
    expect(w).toEqual({ startHour: 23, interactions: 3, total: 4 });
  });
});

describe('value, segment and rule tags', () => {
  it('revenue is the ACTIVE premium held; influence the premium of the whole referral tree, up every ancestor', async () => {
    const [a, b] = await newPeople(t, [{}, {}]);
    const cPhone = phone();
    await newPolicy(t, { productType: 'LIFE', sumAssured: 100_000, annualPremium: 8000, startDate: '2026-06-01', holder: a!.oneId, insured: b!.oneId });
    await newPolicy(t, { productType: 'MEDICAL', sumAssured: 100_000, annualPremium: 500, status: 'LAPSED', holder: a!.oneId, insured: a!.oneId });
    const bPhone = phone();
    const ab = await invite(t, a!.oneId, bPhone);
    const bOneId = ab.invitee!.oneId;
    const bc = await invite(t, bOneId, cPhone);
    await convert(t, bc.id, 30_000);
    let va = await customerOf(t, a!.oneId);
    expect(va.value).toEqual({ revenue: 8000, influence: 30_000, score: 8000 + 15_000, tier: 'GOLD' });
    expect((await customerOf(t, bOneId)).value.influence).toBe(30_000);
    await convert(t, ab.id, 2_000);
    va = await customerOf(t, a!.oneId);
    expect(va.value).toEqual({ revenue: 8000, influence: 32_000, score: 24_000, tier: 'GOLD' });
    expect(va.tags.map((x) => x.name)).toContain('REFERRER');
    // Insured only: no revenue, but a customer.
    expect((await customerOf(t, b!.oneId)).value.revenue).toBe(0);
    expect((await customerOf(t, b!.oneId)).segment).toBe('NEW');
  });

  it('tiers follow the score thresholds, inclusive; a household sums its members', async () => {
    const people = await newPeople(t, [{}, {}, {}, {}]);
    const premiums = [9_999, 10_000, 30_000, 100_000];
    for (const [i, p] of people.entries()) await newPolicy(t, { productType: 'SAVINGS', sumAssured: 1, annualPremium: premiums[i]!, holder: p.oneId, insured: p.oneId });
    const tiers = await Promise.all(people.map(async (p) => (await customerOf(t, p.oneId)).value.tier));
    expect(tiers).toEqual(['STANDARD', 'GOLD', 'PLATINUM', 'DIAMOND']);
    const hid = await newHousehold(t, [[people[0]!.oneId, 'BREADWINNER'], [people[1]!.oneId, 'SPOUSE']]);
    const h = await t.ok<{ household: { value: { revenue: number; influence: number; score: number; tier: string } } }>(`query H($id: ID!) { household(id: $id) { value { revenue influence score tier } } }`, { id: hid });
    expect(h.household.value).toEqual({ revenue: 19_999, influence: 0, score: 19_999, tier: 'GOLD' });
  });

  it('segments, first match wins: PROSPECT, CHURNED, NEW, ACTIVE, DORMANT', async () => {
    const [prospect, churned, fresh, active, dormant] = await newPeople(t, [{}, {}, {}, {}, {}]);
    await newPolicy(t, { productType: 'LIFE', sumAssured: 1, status: 'LAPSED', startDate: '2026-06-01', holder: churned!.oneId, insured: churned!.oneId });
    await newPolicy(t, { productType: 'LIFE', sumAssured: 1, startDate: '2026-03-17', holder: fresh!.oneId, insured: fresh!.oneId }); // 90 days before
    await newPolicy(t, { productType: 'LIFE', sumAssured: 1, startDate: '2026-03-16', holder: active!.oneId, insured: active!.oneId });
    await newPolicy(t, { productType: 'LIFE', sumAssured: 1, startDate: '2025-01-01', holder: dormant!.oneId, insured: dormant!.oneId });
    const segments = await Promise.all([prospect, churned, fresh, active, dormant].map(async (p) => (await customerOf(t, p!.oneId)).segment));
    expect(segments).toEqual(['PROSPECT', 'CHURNED', 'NEW', 'ACTIVE', 'DORMANT']);
    expect((await customerOf(t, active!.oneId)).lastActivityAt).toBe('2026-03-15T16:00:00.000Z'); // 00:00 in Asia/Shanghai
    await recordInteractions(t, [{ oneId: dormant!.oneId, at: '2025-12-17T00:00:00Z' }]);
    expect((await customerOf(t, dormant!.oneId)).segment).toBe('ACTIVE');
    await recordInteractions(t, [{ oneId: prospect!.oneId, at: '2026-06-14T00:00:00Z' }]);
    expect((await customerOf(t, prospect!.oneId)).segment).toBe('PROSPECT');
  });

  it('an interaction refreshes the customer state in its own transaction, and only that: the work-list is not recomputed', async () => {
    const adv = await newAdvisor(t);
    const [p] = await newPeople(t, [{}]);
    await newHousehold(t, [[p!.oneId, 'BREADWINNER']], { advisorId: adv });
    await newPolicy(t, { productType: 'LIFE', sumAssured: 1, startDate: '2025-01-01', holder: p!.oneId, insured: p!.oneId });
    expect((await customerOf(t, p!.oneId)).segment).toBe('DORMANT');
    const worklist = jest.spyOn(t.app.services.worklist, 'refresh');
    const customers = jest.spyOn(t.app.services.customers, 'refresh');
    try {
      await recordInteractions(t, [{ oneId: p!.oneId, at: '2026-06-14T00:00:00Z' }]);
      const asked = (spy: typeof worklist): string[] => spy.mock.calls.flatMap(([, touched]) => [...touched.persons, ...touched.households]);
      expect(customers.mock.calls.flatMap(([, touched]) => [...touched.customers])).toEqual([p!.oneId]);
      expect(asked(worklist)).toEqual([]);
    } finally {
      worklist.mockRestore();
      customers.mockRestore();
    }
    expect((await customerOf(t, p!.oneId)).segment).toBe('ACTIVE');
  });

  it('follows the calendar without writes: NEW ends after 90 days, ACTIVE after 180, a child turning 6', async () => {
    const [p, parent, child] = await newPeople(t, [{}, {}, { birthDate: '2020-08-31' }]);
    await newPolicy(t, { productType: 'LIFE', sumAssured: 1, startDate: '2026-06-01', holder: p!.oneId, insured: p!.oneId });
    await link(t, child!.oneId, 'CHILD', parent!.oneId);
    expect((await customerOf(t, p!.oneId)).segment).toBe('NEW');
    expect((await customerOf(t, parent!.oneId)).tags.map((x) => x.name)).toEqual(['PARENT_OF_YOUNG_CHILD']);
    const later = async (today: string) => {
      const { startTestApp } = await import('../../kit');
      const app = await startTestApp({ clock: fixedClock(today) });
      try {
        return { p: (await customerOf(app, p!.oneId)).segment, tags: (await customerOf(app, parent!.oneId)).tags.map((x) => x.name) };
      } finally {
        await app.close();
      }
    };
    expect(await later('2026-08-30')).toEqual({ p: 'NEW', tags: ['PARENT_OF_YOUNG_CHILD'] });
    expect(await later('2026-08-31')).toEqual({ p: 'ACTIVE', tags: [] });
    expect(await later('2026-11-28')).toEqual({ p: 'ACTIVE', tags: [] });
    expect(await later('2026-11-29')).toEqual({ p: 'DORMANT', tags: [] });
    // And back: the state of a later day is recomputed for an earlier one.
    expect((await customerOf(t, p!.oneId)).segment).toBe('NEW');
    expect((await customerOf(t, parent!.oneId)).tags.map((x) => x.name)).toEqual(['PARENT_OF_YOUNG_CHILD']);
  });

  it('rule tags follow their inputs: UNPROTECTED_EARNER, PARENT_OF_YOUNG_CHILD (either side of the link), REFERRER', async () => {
    const [earner, parent, kid, other] = await newPeople(t, [{ annualIncome: 200_000 }, {}, { birthDate: '2022-01-01' }, { birthDate: '2024-01-01' }]);
    const names = async (oneId: string) => (await customerOf(t, oneId)).tags.map((x) => `${x.source}:${x.name}`);
    expect(await names(earner!.oneId)).toEqual(['RULE:UNPROTECTED_EARNER']);
    await newPolicy(t, { productType: 'CRITICAL_ILLNESS', sumAssured: 1, holder: parent!.oneId, insured: earner!.oneId });
    expect(await names(earner!.oneId)).toEqual([]);
    await link(t, parent!.oneId, 'PARENT', kid!.oneId);
    expect(await names(parent!.oneId)).toEqual(['RULE:PARENT_OF_YOUNG_CHILD']);
    await t.ok(`mutation U($oneId: ID!) { updatePerson(oneId: $oneId, attributes: {birthDate: "2010-01-01"}) { oneId } }`, { oneId: kid!.oneId });
    expect(await names(parent!.oneId)).toEqual([]);
    await link(t, other!.oneId, 'CHILD', parent!.oneId);
    expect(await names(parent!.oneId)).toEqual(['RULE:PARENT_OF_YOUNG_CHILD']);
    const inv = await record(t, parent!.oneId);
    expect(await names(parent!.oneId)).toEqual(['RULE:PARENT_OF_YOUNG_CHILD']);
    await accept(t, inv.id, phone());
    expect(await names(parent!.oneId)).toEqual(['RULE:PARENT_OF_YOUNG_CHILD', 'RULE:REFERRER']);
  });
});

describe('manual tags', () => {
  it('adds and removes manual tags: rule tags first, then manual, by code point; since kept when re-added', async () => {
    const p = await newPerson(t, { annualIncome: 1 });
    const added = await t.ok<{ addTags: { tags: Array<{ name: string; source: string; since: string }> } }>(ADD_TAGS, { oneId: p.oneId, tags: ['vip', 'VIP', '高净值', 'a-b_1'] });
    expect(added.addTags.tags.map((x) => x.name)).toEqual(['UNPROTECTED_EARNER', 'VIP', 'a-b_1', 'vip', '高净值']);
    const since = added.addTags.tags.find((x) => x.name === 'vip')!.since;
    const again = await t.ok<{ addTags: { tags: Array<{ name: string; since: string }> } }>(ADD_TAGS, { oneId: p.oneId, tags: ['vip'] });
    expect(again.addTags.tags.find((x) => x.name === 'vip')!.since).toBe(since);
    const removed = await t.ok<{ removeTags: { tags: Array<{ name: string }> } }>(REMOVE_TAGS, { oneId: p.oneId, tags: ['vip', 'absent'] });
    expect(removed.removeTags.tags.map((x) => x.name)).toEqual(['UNPROTECTED_EARNER', 'VIP', 'a-b_1', '高净值']);
  });

  it('refuses bad names, rule tag names and more than 50, writing nothing', async () => {
    const p = await newPerson(t);
    for (const tags of [['ok', 'has space'], [''], ['x'.repeat(33)], ['REFERRER'], ['emoji😀']]) {
      expect(codeOf(await t.gql(ADD_TAGS, { oneId: p.oneId, tags }))).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await t.gql(REMOVE_TAGS, { oneId: p.oneId, tags: ['REFERRER'] }))).toBe('BAD_USER_INPUT');
    expect((await customerOf(t, p.oneId)).tags).toEqual([]);
    await t.ok(ADD_TAGS, { oneId: p.oneId, tags: Array.from({ length: 50 }, (_, i) => `t${i}`) });
    expect(codeOf(await t.gql(ADD_TAGS, { oneId: p.oneId, tags: ['t0', 'one-more'] }))).toBe('BAD_USER_INPUT');
    expect((await customerOf(t, p.oneId)).tags).toHaveLength(50);
    expect(codeOf(await t.gql(ADD_TAGS, { oneId: uid('nobody'), tags: ['x'] }))).toBe('NOT_FOUND');
  });
});

describe('people and peopleSummary', () => {
  it('lists and counts an advisor book by every filter; each count equals the list walked page by page', async () => {
    const adv = await newAdvisor(t);
    const people = await newPeople(t, [
      { birthDate: '1980-06-15', annualIncome: 100 },
      { birthDate: '1980-06-16' },
      { birthDate: '2000-01-01' },
      {},
      { annualIncome: 5 },
    ]);
    const [a, b, c, d, e] = people.map((p) => p.oneId) as [string, string, string, string, string];
    await newHousehold(t, [[a, 'BREADWINNER'], [b, 'SPOUSE'], [c, 'CHILD']], { advisorId: adv });
    await newHousehold(t, [[d, 'BREADWINNER'], [e, 'OTHER']], { advisorId: adv });
    await newPolicy(t, { productType: 'SAVINGS', sumAssured: 1, annualPremium: 50_000, startDate: '2025-01-01', holder: a, insured: a });
    await newPolicy(t, { productType: 'SAVINGS', sumAssured: 1, annualPremium: 12_000, startDate: '2026-06-01', holder: b, insured: b });
    await newPolicy(t, { productType: 'SAVINGS', sumAssured: 1, annualPremium: 12_000, status: 'LAPSED', holder: c, insured: c });
    await recordInteractions(t, [{ oneId: d, at: '2026-06-10T00:00:00Z' }, { oneId: a, at: '2026-06-01T00:00:00Z' }]);
    await t.ok(ADD_TAGS, { oneId: a, tags: ['vip'] });
    await t.ok(ADD_TAGS, { oneId: b, tags: ['vip'] });

    const all = await walkPeople(t, { advisorId: adv });
    expect(all.oneIds.slice(0, 2)).toEqual([a, b]);
    expect(new Set(all.oneIds)).toEqual(new Set([a, b, c, d, e]));
    expect(all.totalCount).toBe(5);
    const byActivity = await walkPeople(t, { advisorId: adv }, 'LAST_ACTIVITY_DESC');
    // d 06-10; a 06-01 00:00Z; b a policy start, 06-01 00:00 in Asia/Shanghai (05-31 16:00Z); c 2025-01-01; e none (last).
    expect(byActivity.oneIds).toEqual([d, a, b, c, e]);

    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ tiers: ['PLATINUM'] }, [a]],
      [{ tiers: ['GOLD', 'PLATINUM'] }, [a, b]],
      [{ segments: ['CHURNED'] }, [c]],
      [{ segments: ['PROSPECT'] }, [d, e].sort()], // equal scores: by OneID
      [{ tags: ['vip'] }, [a, b]],
      [{ tags: ['vip', 'UNPROTECTED_EARNER'] }, [a]],
      [{ minScore: 12_000 }, [a, b]],
      [{ minAge: 46 }, [a]],
      [{ minAge: 45, maxAge: 45 }, [b]],
      [{ maxAge: 26 }, [c]],
    ];
    for (const [filter, expected] of cases) {
      const walked = await walkPeople(t, { advisorId: adv, ...filter });
      expect({ filter, oneIds: walked.oneIds }).toEqual({ filter, oneIds: expected });
      expect(walked.totalCount).toBe(expected.length);
    }
    const summary = await summaryOf(t, { advisorId: adv });
    expect(summary.total).toBe(5);
    expect(summary.revenue).toBe(62_000);
    expect(summary.bySegment).toEqual([
      { segment: 'PROSPECT', count: 2 },
      { segment: 'NEW', count: 1 },
      { segment: 'ACTIVE', count: 1 },
      { segment: 'DORMANT', count: 0 },
      { segment: 'CHURNED', count: 1 },
    ]);
    expect(summary.byTier).toEqual([
      { tier: 'DIAMOND', count: 0 },
      { tier: 'PLATINUM', count: 1 },
      { tier: 'GOLD', count: 1 },
      { tier: 'STANDARD', count: 3 },
    ]);
    expect(summary.topTags).toEqual([
      { name: 'UNPROTECTED_EARNER', count: 2 },
      { name: 'vip', count: 2 },
    ]);
    for (const s of summary.bySegment) expect((await walkPeople(t, { advisorId: adv, segments: [s.segment] }, 'SCORE_DESC', 200)).totalCount).toBe(s.count);
    for (const x of summary.byTier) expect((await walkPeople(t, { advisorId: adv, tiers: [x.tier] }, 'SCORE_DESC', 200)).totalCount).toBe(x.count);
    for (const x of summary.topTags) expect((await walkPeople(t, { advisorId: adv, tags: [x.name] }, 'SCORE_DESC', 200)).totalCount).toBe(x.count);
  });

  it('checks first and after, and never lists an erased person (whose interactions go with it)', async () => {
    const adv = await newAdvisor(t);
    const [a, b] = await newPeople(t, [{}, {}]);
    await newHousehold(t, [[a!.oneId, 'BREADWINNER'], [b!.oneId, 'SPOUSE']], { advisorId: adv });
    for (const first of [0, 201]) expect(codeOf(await t.gql(PEOPLE, { filter: { advisorId: adv }, first }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(PEOPLE, { filter: { advisorId: adv }, after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
    const page = await t.ok<{ people: PeopleOut }>(PEOPLE, { filter: { advisorId: adv }, first: 1 });
    expect(codeOf(await t.gql(PEOPLE, { filter: { advisorId: adv }, orderBy: 'LAST_ACTIVITY_DESC', after: page.people.pageInfo.endCursor }))).toBe('BAD_USER_INPUT');
    const id = uid('gone');
    await recordInteractions(t, [{ id, oneId: b!.oneId, at: '2026-06-01T00:00:00Z' }]);
    await t.ok(ADD_TAGS, { oneId: b!.oneId, tags: ['vip'] });
    await t.ok(`mutation F($oneId: ID!) { forgetPerson(oneId: $oneId) { oneId } }`, { oneId: b!.oneId });
    expect(await g.count('customers/interactions-by-id', { ids: [id] })).toBe(0);
    // a batch naming the erased person is refused whole: the good item is not written either
    const [ok, late] = [uid('ok'), uid('late')];
    const refused = await recordInteractions(t, [{ id: ok, oneId: a!.oneId, at: '2026-06-02T00:00:00Z' }, { id: late, oneId: b!.oneId, at: '2026-06-02T00:00:00Z' }]);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.message).toContain('erased');
    expect(await g.count('customers/interactions-by-id', { ids: [ok, late] })).toBe(0);
    expect((await walkPeople(t, { advisorId: adv })).oneIds).toEqual([a!.oneId]);
    expect((await summaryOf(t, { advisorId: adv })).total).toBe(1);
    expect((await summaryOf(t, { advisorId: adv })).topTags).toEqual([]);
  });

  it('a merge moves interactions and manual tags to the survivor', async () => {
    const p = await newPerson(t);
    const other = await newPerson(t);
    const id = uid('moved');
    await recordInteractions(t, [{ id, oneId: other.oneId, at: '2026-06-01T00:00:00Z' }]);
    await t.ok(ADD_TAGS, { oneId: other.oneId, tags: ['moved'] });
    const { seenTogether } = await import('../../kit');
    const merged = await seenTogether(t, [p.phone, other.phone]);
    expect(await g.rows('customers/interactions-by-id', { ids: [id] })).toEqual([{ id, oneId: merged.oneId }]);
    expect((await customerOf(t, merged.oneId)).tags.map((x) => x.name)).toContain('moved');
    expect((await customerOf(t, merged.oneId)).lastActivityAt).toBe('2026-06-01T00:00:00.000Z');
  });
});
