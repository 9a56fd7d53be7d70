/**
 * advisorWorklist against the real Neo4j: every kind from real writes, ranking and pages,
 * budget-aware suggestions, reading one's own write, refusals, and stored state equal to a
 * recomputation after concurrent writers.
 */
import { fixedClock } from '../../../src/clock';
import { startTestApp, TestApp, uid } from '../../support/harness';
import { createPersons, upsertPolicy } from '../coverage/fixtures';
import { newHousehold } from '../family/support';

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
  let t: TestApp;
  const advisorId = uid('adv');
  let bw: string;
  let kid: string;
  let household: string;
  const renewing = uid('pol-renew');
  const lapsing = uid('pol-lapse');

  beforeAll(async () => {
    t = await startTestApp({ clock: fixedClock(TODAY) });
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
  afterAll(async () => {
    await t.close();
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

  it('keeps stored state equal to a recomputation under concurrent writers', async () => {
    const adv = uid('adv');
    const people = await createPersons(t, Array.from({ length: 4 }, (_, i) => ({ birthDate: `198${i}-02-0${i + 1}`, annualIncome: 100_000 * (i + 1) })));
    const ids = [
      await newHousehold(t, [[people[0]!, 'BREADWINNER'], [people[1]!, 'SPOUSE']], { advisorId: adv }),
      await newHousehold(t, [[people[2]!, 'BREADWINNER'], [people[3]!, 'ELDER']], { advisorId: adv }),
    ];
    const products = ['LIFE', 'CRITICAL_ILLNESS', 'MEDICAL', 'ACCIDENT'];
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        upsertPolicy(t, {
          productType: products[i % 4]!,
          sumAssured: 50_000 * (i + 1),
          annualPremium: 100 * (i + 1),
          endDate: `2026-0${6 + (i % 3)}-1${i % 10}`,
          holder: people[i % 4]!,
          insured: people[(i + 1) % 4]!,
        }),
      ),
    );
    const compared = await t.app.services.worklist.compareStates(ids);
    expect(compared).toHaveLength(2);
    for (const { stored, fresh } of compared) {
      expect(stored.items).toEqual(fresh.items);
      expect(stored.totalGap).toBe(fresh.totalGap);
      expect(stored.gapScore).toBeCloseTo(fresh.gapScore, 9);
      expect(stored.activePremium).toBe(fresh.activePremium);
    }
  });
});
