/**
 * advisorWorklist against the real Neo4j: every kind from real writes, ranking and pages,
 * budget-aware suggestions, reading one's own write, refusals, and stored state equal to a
 * recomputation after concurrent writers.
 */
import { fixedClock } from '../../../src/clock';
import { birthdayWindow } from '../../../src/worklist/state';
import type { StoredItem } from '../../../src/worklist/worklist.model';
import { counted, newAdvisor, newHousehold, newPeople, newPolicy, startTestApp, uid, useTestApp, type PersonSpec, type TestApp } from '../../kit';

const createPersons = async (t: TestApp, specs: PersonSpec[]): Promise<string[]> => (await newPeople(t, specs)).map((p) => p.oneId);
const upsertPolicy = newPolicy;

const TODAY = '2026-06-01';

interface Item {
  id: string;
  kind: string;
  date: string;
  daysAway: number;
  score: number;
  reason: string;
  household: { id: string };
  person: { oneId: string } | null;
  policy: { policyNo: string } | null;
  suggestions: Array<{ person: { oneId: string }; productType: string; sumAssured: number; estimatedAnnualPremium: number }>;
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: Item }>;
}

const WORKLIST = `query W($a: ID!, $kinds: [WorkItemKind!], $first: Int, $after: String) {
  advisorWorklist(advisorId: $a, kinds: $kinds, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind date daysAway score reason household { id } person { oneId } policy { policyNo }
      suggestions { person { oneId } productType sumAssured estimatedAnnualPremium } } }
  }
}`;

async function worklist(t: TestApp, advisorId: string, vars: { kinds?: string[]; first?: number; after?: string | null } = {}): Promise<Page> {
  return (await t.ok<{ advisorWorklist: Page }>(WORKLIST, { a: advisorId, ...vars })).advisorWorklist;
}

describe('advisorWorklist', () => {
  const t = useTestApp({ clock: fixedClock(TODAY) });
  const advisorId = uid('adv');
  let bw: string;
  let kid: string;
  let household: string;
  const renewing = uid('pol-renew');
  const lapsing = uid('pol-lapse');

  beforeAll(async () => {
    [bw, kid] = await createPersons(t, [
      { birthDate: '1990-06-10', annualIncome: 200_000, displayName: 'Wang' },
      { birthDate: '2026-03-01', displayName: 'Baby' },
    ]) as [string, string];
    await t.ok(`mutation B($id: ID!) { updatePerson(oneId: $id, attributes: { premiumBudget: 5000 }) { oneId } }`, { id: bw });
    household = await newHousehold(t, [[bw, 'BREADWINNER'], [kid, 'CHILD']], { advisorId });
    await upsertPolicy(t, { policyNo: renewing, productType: 'LIFE', sumAssured: 500_000, annualPremium: 1000, endDate: '2026-07-15', holder: bw, insured: bw });
    await upsertPolicy(t, { policyNo: lapsing, productType: 'ACCIDENT', sumAssured: 100_000, annualPremium: 200, holder: bw, insured: bw });
    await upsertPolicy(t, { policyNo: lapsing, productType: 'ACCIDENT', sumAssured: 100_000, annualPremium: 200, status: 'LAPSED', holder: bw, insured: bw });
  });
  it('lists every current reason of the household, highest score first, each with its date', async () => {
    const page = await worklist(t, advisorId);
    const items = page.edges.map((e) => e.node);
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i]));
    expect(Object.keys(byKind).sort()).toEqual(['BIRTHDAY', 'COVERAGE_GAP', 'LAPSED', 'NEWBORN', 'RENEWAL']);
    expect(page.totalCount).toBe(5);
    expect(byKind.BIRTHDAY).toMatchObject({ date: '2026-06-10', daysAway: 9, person: { oneId: bw } });
    expect(byKind.NEWBORN).toMatchObject({ date: '2026-03-01', person: { oneId: kid } });
    expect(byKind.RENEWAL).toMatchObject({ date: '2026-07-15', daysAway: 44, policy: { policyNo: renewing } });
    expect(byKind.LAPSED).toMatchObject({ date: TODAY, daysAway: 0, policy: { policyNo: lapsing } });
    expect(byKind.COVERAGE_GAP).toMatchObject({ date: TODAY, person: null });
    for (const item of items) expect(item.household.id).toBe(household);
    const scores = items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Dated kinds differ by their weights only (same household): NEWBORN 30, LAPSED 28, RENEWAL 26, BIRTHDAY 22.
    expect(byKind.NEWBORN!.score - byKind.LAPSED!.score).toBeCloseTo(2, 4);
    expect(byKind.RENEWAL!.score - byKind.BIRTHDAY!.score).toBeCloseTo(4, 4);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const item of items) expect(item.reason.length).toBeGreaterThan(10);
  });

  it('fits suggestions to what remains of the budget, in steps of 10,000', async () => {
    const birthday = (await worklist(t, advisorId, { kinds: ['BIRTHDAY'] })).edges[0]!.node;
    expect(birthday.suggestions.length).toBeGreaterThan(0);
    const spent = birthday.suggestions.reduce((s, x) => s + x.estimatedAnnualPremium, 0);
    expect(spent).toBeLessThanOrEqual(5000 - 1000); // budget minus the ACTIVE LIFE policy's premium
    for (const s of birthday.suggestions) {
      expect(s.person.oneId).toBe(bw);
      expect(s.sumAssured % 10_000).toBe(0);
      expect(s.sumAssured).toBeGreaterThan(0);
    }
    // COVERAGE_GAP suggests for every member; the baby has no budget, so its gaps are not capped.
    const gap = (await worklist(t, advisorId, { kinds: ['COVERAGE_GAP'] })).edges[0]!.node;
    expect(new Set(gap.suggestions.map((s) => s.person.oneId))).toEqual(new Set([bw, kid]));
  });

  it('filters by kind and pages without gaps or repeats', async () => {
    const renewals = await worklist(t, advisorId, { kinds: ['RENEWAL'] });
    expect(renewals.edges.map((e) => e.node.kind)).toEqual(['RENEWAL']);
    expect(renewals.totalCount).toBe(1);
    const all = (await worklist(t, advisorId)).edges.map((e) => e.node.id);
    const first = await worklist(t, advisorId, { first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await worklist(t, advisorId, { first: 10, after: first.pageInfo.endCursor });
    expect([...first.edges, ...rest.edges].map((e) => e.node.id)).toEqual(all);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('reads its own write: a medical policy for the baby removes NEWBORN at once', async () => {
    const other = uid('adv');
    const [p, baby] = (await createPersons(t, [{ birthDate: '1985-01-01', annualIncome: 100_000 }, { birthDate: '2026-05-01' }])) as [string, string];
    await newHousehold(t, [[p, 'BREADWINNER'], [baby, 'CHILD']], { advisorId: other });
    expect((await worklist(t, other, { kinds: ['NEWBORN'] })).totalCount).toBe(1);
    await upsertPolicy(t, { productType: 'MEDICAL', sumAssured: 2_000_000, holder: p, insured: baby });
    expect((await worklist(t, other, { kinds: ['NEWBORN'] })).totalCount).toBe(0);
  });

  it('reads a page in a fixed number of statements, whatever the number of households and items on it', async () => {
    // One book of 1 household, one of 4 (each with a birthday, a renewal and a gap): the page
    // and its totalCount come from one statement plus the check that no state is out of date.
    const book = async (households: number): Promise<string> => {
      const adv = uid('adv');
      for (let h = 0; h < households; h += 1) {
        const [p] = await createPersons(t, [{ birthDate: '1980-06-12', annualIncome: 150_000 }]);
        await newHousehold(t, [[p!, 'BREADWINNER']], { advisorId: adv });
        await upsertPolicy(t, { productType: 'LIFE', sumAssured: 100_000, annualPremium: 500, endDate: '2026-07-01', holder: p!, insured: p! });
      }
      return adv;
    };
    const [small, large] = [await book(1), await book(4)];
    const one = await counted<{ advisorWorklist: Page }>(t, WORKLIST, 'W', { a: small });
    const four = await counted<{ advisorWorklist: Page }>(t, WORKLIST, 'W', { a: large });
    expect(four.data.advisorWorklist.edges.length).toBeGreaterThan(one.data.advisorWorklist.edges.length);
    expect(four.statements).toBe(one.statements);
    expect(one.statements).toBeLessThanOrEqual(2);
  });

  it('refuses a bad page size or cursor with BAD_USER_INPUT, and another advisor with FORBIDDEN', async () => {
    const light = `query L($a: ID!, $first: Int, $after: String) { advisorWorklist(advisorId: $a, first: $first, after: $after) { totalCount } }`;
    for (const vars of [{ first: 0 }, { first: 101 }, { after: 'not-a-cursor' }]) {
      const res = await t.gql(light, { a: advisorId, ...vars });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const own = await t.gql(WORKLIST, { a: advisorId }, { role: 'ADVISOR', sub: advisorId });
    expect(own.errors).toBeUndefined();
    const other = await t.gql(WORKLIST, { a: advisorId }, { role: 'ADVISOR', sub: uid('adv') });
    const unknown = await t.gql(WORKLIST, { a: uid('adv') }, { role: 'ADVISOR', sub: uid('adv') });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(unknown.errors?.[0]?.message).toBe(other.errors?.[0]?.message);
  });

  it('keeps stored state and counts equal to a recomputation under concurrent writers, and totalCount equal to the list', async () => {
    const [adv, next] = [uid('adv'), await newAdvisor(t)];
    const people = await createPersons(
      t,
      Array.from({ length: 8 }, (_, i) => ({ birthDate: `198${i}-0${(i % 9) + 1}-0${(i % 6) + 1}`, annualIncome: 100_000 * (i + 1) })),
    );
    const ids: string[] = [];
    for (let h = 0; h < 4; h += 1) ids.push(await newHousehold(t, [[people[2 * h]!, 'BREADWINNER'], [people[2 * h + 1]!, 'SPOUSE']], { advisorId: adv }));
    const products = ['LIFE', 'CRITICAL_ILLNESS', 'MEDICAL', 'ACCIDENT'];
    const policyNos = Array.from({ length: 6 }, () => uid('pol'));
    // 30 writers at once: policies (some the same policy numbers, some lapsing), budgets and birth dates of members of the 4 households.
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        if (i % 5 === 4) {
          return t.ok(`mutation B($id: ID!, $a: PersonAttributesInput!) { updatePerson(oneId: $id, attributes: $a) { oneId } }`, {
            id: people[i % 8]!,
            a: i % 10 === 4 ? { premiumBudget: 1000 * i } : { birthDate: `1979-06-0${(i % 9) + 1}` },
          });
        }
        return upsertPolicy(t, {
          policyNo: policyNos[i % 6],
          productType: products[i % 4]!,
          sumAssured: 50_000 * (i + 1),
          annualPremium: 100 * (i + 1),
          status: i % 7 === 0 ? 'LAPSED' : 'ACTIVE',
          endDate: `2026-0${6 + (i % 3)}-1${i % 10}`,
          holder: people[i % 8]!,
          insured: people[(i + 1) % 8]!,
        });
      }),
    );
    const compare = async (): Promise<StoredItem[]> => {
      const compared = await t.app.services.worklist.compareStates(ids);
      expect(compared).toHaveLength(4);
      for (const { stored, fresh } of compared) {
        expect(stored.items).toEqual(fresh.items);
        expect(stored.totalGap).toBe(fresh.totalGap);
        expect(stored.gapScore).toBeCloseTo(fresh.gapScore, 9);
        expect(stored.crossSellScore).toBe(fresh.crossSellScore);
        expect(stored.activePremium).toBe(fresh.activePremium);
      }
      return compared.flatMap((c) => c.fresh.items);
    };
    const current = (items: StoredItem[]): number => {
      const window = birthdayWindow(TODAY);
      return items.filter((i) => i.validFrom <= TODAY && i.validTo >= TODAY && (i.kind !== 'BIRTHDAY' || window.has(i.monthDay!))).length;
    };
    const walk = async (advisor: string): Promise<{ total: number; listed: number }> => {
      let after: string | null = null;
      let listed = 0;
      let total = -1;
      do {
        const p: Page = await worklist(t, advisor, { first: 7, after });
        total = p.totalCount;
        listed += p.edges.length;
        after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor : null;
      } while (after !== null);
      return { total, listed };
    };
    const items = await compare();
    expect(await t.app.services.worklist.countMismatches(adv)).toEqual([]);
    expect(await walk(adv)).toEqual({ total: current(items), listed: current(items) });

    // Moving two households to another advisor while writers change them moves their counts too.
    await Promise.all([
      t.ok(`mutation R($input: ReassignInput!) { reassignHouseholds(input: $input) { moved } }`, { input: { householdIds: ids.slice(0, 2), toAdvisorId: next } }),
      ...Array.from({ length: 6 }, (_, i) =>
        upsertPolicy(t, { productType: products[i % 4]!, sumAssured: 70_000 * (i + 1), holder: people[i]!, insured: people[i]! }),
      ),
    ]);
    const moved = await compare();
    for (const advisor of [adv, next]) expect(await t.app.services.worklist.countMismatches(advisor)).toEqual([]);
    const mine = (advisor: string) => moved.filter((i) => i.advisorId === advisor);
    expect(await walk(adv)).toEqual({ total: current(mine(adv)), listed: current(mine(adv)) });
    expect(await walk(next)).toEqual({ total: current(mine(next)), listed: current(mine(next)) });
  });
});

describe('advisorWorklist on a later day (state written on an earlier one)', () => {
  it('brings the households whose state expired up to date before it reads', async () => {
    const advisorId = uid('adv');
    const gapScore = async (t: TestApp): Promise<number> => (await worklist(t, advisorId, { kinds: ['COVERAGE_GAP'] })).edges[0]!.node.score;
    let before = 0;
    const early = await startTestApp({ clock: fixedClock('2026-06-01') });
    try {
      const [bw] = await createPersons(early, [{ birthDate: '1986-06-10', annualIncome: 100_000 }]);
      await newHousehold(early, [[bw!, 'BREADWINNER']], { advisorId });
      before = await gapScore(early);
    } finally {
      await early.close();
    }
    // Nothing was written since; 40 since 10 June, the annuity rule (from 40) adds a gap, and
    // the COVERAGE_GAP score (size of the gap and urgency of each gap) grows.
    const later = await startTestApp({ clock: fixedClock('2026-06-12') });
    try {
      expect(await gapScore(later)).toBeGreaterThan(before);
    } finally {
      await later.close();
    }
  });
});
