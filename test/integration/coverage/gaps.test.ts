/**
 * Coverage gaps on generated households, "today" fixed at 2026-06-01: per role, ACTIVE vs
 * other statuses, Person vs Household views, people in no household, Household.policies,
 * a fixed number of statements per household view, rules and reason language from config.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServices } from '../../../src/server/features';
import { fixedClock } from '../../../src/clock';
import { loadConfig } from '../../../src/config/config';
import { CypherRegistry } from '../../../src/db/cypher';
import { createLogger } from '../../../src/logger';
import { repoRoot } from '../../../src/paths';
import { counted, newHousehold, newPolicy, Role, startTestApp, statementsOf, testDatabase, uid, useTestApp } from '../../kit';
import { createPersons, GAP_FIELDS, GapView } from './fixtures';

const TODAY = '2026-06-01';
const t = useTestApp({ clock: fixedClock(TODAY) });

interface Family {
  advisorId: string;
  householdId: string;
  bw: string;
  spouse: string;
  child: string;
  elder: string;
  outsider: string;
  policies: Record<string, string>;
}

/** A four-person household with a mix of ACTIVE, LAPSED and CANCELLED policies, and an outsider insured by the breadwinner. */
async function family(): Promise<Family> {
  const [bw, spouse, child, elder, outsider] = await createPersons(t, [
    { displayName: 'Wang Wei', birthDate: '1980-03-15', annualIncome: 200_000 },
    { displayName: 'Li Na', birthDate: '1982-07-01' },
    { displayName: 'Wang Xiaoming', birthDate: '2018-09-10' },
    { displayName: 'Wang Laoye', birthDate: '1950-01-01' },
    { displayName: 'Neighbour', birthDate: '1990-01-01' },
  ]);
  const advisorId = uid('adv');
  const householdId = await newHousehold(
    t,
    [
      [bw!, 'BREADWINNER'],
      [spouse!, 'SPOUSE'],
      [child!, 'CHILD'],
      [elder!, 'ELDER'],
    ],
    { advisorId },
  );
  const policies = {
    bwLife: await newPolicy(t, { productType: 'LIFE', sumAssured: 500_000, startDate: '2020-01-01', holder: bw!, insured: bw! }),
    bwLapsedLife: await newPolicy(t, { productType: 'LIFE', sumAssured: 1_000_000, status: 'LAPSED', startDate: '2019-01-01', holder: bw!, insured: bw! }),
    bwMedical: await newPolicy(t, { productType: 'MEDICAL', sumAssured: 2_000_000, startDate: '2021-01-01', holder: bw!, insured: bw! }),
    elderAccident: await newPolicy(t, { productType: 'ACCIDENT', sumAssured: 300_000, startDate: '2022-01-01', holder: bw!, insured: elder! }),
    childCancelledMedical: await newPolicy(t, {
      productType: 'MEDICAL',
      sumAssured: 2_000_000,
      status: 'CANCELLED',
      startDate: '2023-01-01',
      holder: spouse!,
      insured: child!,
    }),
    outsiderLife: await newPolicy(t, { productType: 'LIFE', sumAssured: 100_000, startDate: '2024-01-01', holder: bw!, insured: outsider! }),
  };
  return { advisorId, householdId, bw: bw!, spouse: spouse!, child: child!, elder: elder!, outsider: outsider!, policies };
}

interface HouseholdView {
  id: string;
  policies: Array<{ policyNo: string; status: string; insured: { oneId: string } }>;
  coverageGaps: GapView[];
  totalGap: number;
}

const HOUSEHOLD_FIELDS = `id policies { policyNo status insured { oneId } } coverageGaps { ${GAP_FIELDS} } totalGap`;

/** The advisor's households through crossSellOpportunities (the one Household entry point this feature owns). */
async function householdsOf(advisorId: string, operationName = 'Book'): Promise<HouseholdView[]> {
  const data = await t.ok<{ crossSellOpportunities: { edges: Array<{ node: { household: HouseholdView } }> } }>(
    `query ${operationName}($a: ID!) { crossSellOpportunities(advisorId: $a, first: 10) { edges { node { household { ${HOUSEHOLD_FIELDS} } } } } }`,
    { a: advisorId },
  );
  return data.crossSellOpportunities.edges.map((e) => e.node.household);
}

async function personGaps(oneId: string): Promise<GapView[]> {
  const data = await t.ok<{ person: { coverageGaps: GapView[] } }>(`query G($id: ID!) { person(oneId: $id) { coverageGaps { ${GAP_FIELDS} } } }`, {
    id: oneId,
  });
  return data.person.coverageGaps;
}

type Row = [string, string, number, number, number, number]; // who, product, recommended, current, gap, priority

function rows(gaps: GapView[]): Row[] {
  return gaps.map((g) => [g.person.oneId, g.productType, g.recommended, g.current, g.gap, g.priority]);
}

describe('coverage gaps', () => {
  it('per role: earners by income, children, elders and dependants by fixed amounts; ACTIVE cover only; sorted; totalGap is the sum', async () => {
    const f = await family();
    const [h] = await householdsOf(f.advisorId);
    expect(h!.id).toBe(f.householdId);
    // priority 3 ties on gap 2,000,000 between spouse and elder: ordered by OneID.
    const p3Medical: Row[] = [
      [f.spouse, 'MEDICAL', 2_000_000, 0, 2_000_000, 3],
      [f.elder, 'MEDICAL', 2_000_000, 0, 2_000_000, 3],
    ].sort((a, b) => (a[0] < b[0] ? -1 : 1)) as Row[];
    expect(rows(h!.coverageGaps)).toEqual([
      // Breadwinner, income 200,000, age 46: LIFE 10x minus the ACTIVE 500,000 (the LAPSED 1,000,000 does not count).
      [f.bw, 'LIFE', 2_000_000, 500_000, 1_500_000, 1],
      [f.bw, 'ACCIDENT', 1_000_000, 0, 1_000_000, 1],
      [f.bw, 'CRITICAL_ILLNESS', 600_000, 0, 600_000, 1],
      // (the breadwinner's ACTIVE MEDICAL 2,000,000 closes that gap)
      // Child, age 7: the CANCELLED medical policy does not count.
      [f.child, 'MEDICAL', 2_000_000, 0, 2_000_000, 2],
      [f.child, 'CRITICAL_ILLNESS', 300_000, 0, 300_000, 2],
      [f.child, 'EDUCATION', 300_000, 0, 300_000, 2],
      // Spouse without income (dependent adult) and elder; the elder's ACCIDENT 300,000 exceeds 200,000: no gap.
      ...p3Medical,
      [f.elder, 'CRITICAL_ILLNESS', 300_000, 0, 300_000, 3],
      [f.bw, 'ANNUITY', 1_000_000, 0, 1_000_000, 4],
      [f.bw, 'SAVINGS', 200_000, 0, 200_000, 5],
    ]);
    expect(h!.totalGap).toBe(11_200_000);
    const life = h!.coverageGaps[0]!;
    expect(life.reason).toBe(
      'We recommend life cover of 2,000,000 yuan for Wang Wei (10 times the annual income of 200,000 yuan); current active cover is 500,000 yuan, leaving a gap of 1,500,000 yuan.',
    );
  });

  it('Household.policies lists every member policy once, any status, and no policy of a non-member', async () => {
    const f = await family();
    const [h] = await householdsOf(f.advisorId);
    const listed = h!.policies.map((p) => p.policyNo);
    const { outsiderLife, ...memberPolicies } = f.policies;
    expect([...listed].sort()).toEqual(Object.values(memberPolicies).sort());
    expect(listed).not.toContain(outsiderLife);
    expect(new Set(listed).size).toBe(listed.length);
    expect(h!.policies.find((p) => p.policyNo === f.policies.bwLapsedLife)?.status).toBe('LAPSED');
  });

  it('Person.coverageGaps is that member\'s part of the household gaps', async () => {
    const f = await family();
    const [h] = await householdsOf(f.advisorId);
    for (const member of [f.bw, f.spouse, f.child, f.elder]) {
      expect(await personGaps(member)).toEqual(h!.coverageGaps.filter((g) => g.person.oneId === member));
    }
  });

  it('a person in no household: BREADWINNER with an income, else CHILD under 18, ELDER from 60, else OTHER', async () => {
    const [earner, kid, senior, adult] = await createPersons(t, [
      { birthDate: '1996-01-01', annualIncome: 90_000 },
      { birthDate: '2015-05-05' },
      { birthDate: '1960-01-01' },
      { birthDate: '1995-01-01' },
    ]);
    const products = async (id: string): Promise<string[]> => (await personGaps(id)).map((g) => `${g.productType}:${g.recommended}:${g.priority}`);
    expect(await products(earner!)).toEqual([
      'MEDICAL:2000000:1',
      'LIFE:900000:1',
      'ACCIDENT:450000:1',
      'CRITICAL_ILLNESS:300000:1',
      'SAVINGS:90000:5',
    ]);
    expect(await products(kid!)).toEqual(['MEDICAL:2000000:2', 'CRITICAL_ILLNESS:300000:2', 'EDUCATION:300000:2']);
    expect(await products(senior!)).toEqual(['MEDICAL:2000000:3', 'CRITICAL_ILLNESS:300000:3', 'ACCIDENT:200000:3']);
    expect(await products(adult!)).toEqual(['MEDICAL:2000000:3']);
  });

  it('a fully covered household has no gaps and is not a cross-sell opportunity', async () => {
    const [young] = await createPersons(t, [{ birthDate: '2005-01-01' }]); // 21: EDUCATION no longer applies
    const advisorId = uid('adv');
    const householdId = await newHousehold(t, [[young!, 'CHILD']], { advisorId });
    await newPolicy(t, { productType: 'MEDICAL', sumAssured: 2_000_000, holder: young!, insured: young! });
    expect((await personGaps(young!)).map((g) => g.productType)).toEqual(['CRITICAL_ILLNESS']);
    await newPolicy(t, { productType: 'CRITICAL_ILLNESS', sumAssured: 300_000, holder: young!, insured: young! });
    expect(await personGaps(young!)).toEqual([]);
    expect(await householdsOf(advisorId)).toEqual([]);
    const direct = await t.ok<{ household: { coverageGaps: GapView[]; totalGap: number; policies: unknown[] } }>(
      `query H($id: ID!) { household(id: $id) { coverageGaps { gap } totalGap policies { policyNo } } }`,
      { id: householdId },
    );
    expect(direct.household).toEqual({ coverageGaps: [], totalGap: 0, policies: [expect.anything(), expect.anything()] });
  });

  it('a household view costs the same number of statements for 1 member as for 6 members with many policies', async () => {
    const small = await createPersons(t, [{ birthDate: '1985-01-01', annualIncome: 100_000 }]);
    const big = await createPersons(t, [
      { birthDate: '1980-01-01', annualIncome: 300_000 },
      { birthDate: '1981-01-01', annualIncome: 50_000 },
      { birthDate: '2012-01-01' },
      { birthDate: '2016-01-01' },
      { birthDate: '1948-01-01' },
      { birthDate: '1950-01-01' },
    ]);
    const roles = ['BREADWINNER', 'SPOUSE', 'CHILD', 'CHILD', 'ELDER', 'ELDER'] as const;
    const [smallAdvisor, bigAdvisor] = [uid('adv'), uid('adv')];
    await newHousehold(t, [[small[0]!, 'BREADWINNER']], { advisorId: smallAdvisor });
    await newHousehold(t, big.map((oneId, i): [string, Role] => [oneId, roles[i]!]), { advisorId: bigAdvisor });
    await newPolicy(t, { productType: 'LIFE', sumAssured: 10_000, holder: small[0]!, insured: small[0]! });
    for (const [i, oneId] of big.entries()) {
      await newPolicy(t, { productType: 'LIFE', sumAssured: 10_000 + i, holder: big[0]!, insured: oneId });
      await newPolicy(t, { productType: 'ACCIDENT', sumAssured: 1_000, status: 'LAPSED', holder: big[1]!, insured: oneId });
    }
    const query = (name: string): string =>
      `query ${name}($a: ID!) { crossSellOpportunities(advisorId: $a) { edges { node {
         gaps { person { oneId displayName } } triggers { person { oneId } }
         household { id totalGap coverageGaps { ${GAP_FIELDS} } policies { policyNo holder { oneId displayName } insured { oneId } } }
       } } } }`;
    const smallName = `Small_${uid('q').replace(/-/g, '_')}`;
    const bigName = `Big_${uid('q').replace(/-/g, '_')}`;
    const smallView = await t.ok<{ crossSellOpportunities: { edges: Array<{ node: { household: HouseholdView } }> } }>(query(smallName), { a: smallAdvisor });
    const bigView = await t.ok<{ crossSellOpportunities: { edges: Array<{ node: { household: HouseholdView } }> } }>(query(bigName), { a: bigAdvisor });
    expect(smallView.crossSellOpportunities.edges[0]!.node.household.policies).toHaveLength(1);
    expect(bigView.crossSellOpportunities.edges[0]!.node.household.policies).toHaveLength(12);
    const [s, b] = [statementsOf(t, smallName), statementsOf(t, bigName)];
    expect(b).toBe(s);
    // stale check, page and its households' inputs (one read transaction), then household members and policies (+ nothing per member or policy)
    expect(b).toBeLessThanOrEqual(5);
  });
});

describe('the family view (schema/operations/familyView.graphql)', () => {
  const FAMILY_VIEW = readFileSync(join(repoRoot(), 'schema', 'operations', 'familyView.graphql'), 'utf8');

  interface FamilyView {
    household: {
      members: Array<{ person: { oneId: string; policies: Array<{ policyNo: string; status: string; holder: { oneId: string } }> } }>;
      coverageGaps: GapView[];
      totalGap: number;
    };
  }

  it('shows members\' policies, the household gaps and totalGap, with the same statements for 1 and 6 members, for every role', async () => {
    const f = await family();
    const [solo] = await createPersons(t, [{ birthDate: '1985-01-01', annualIncome: 100_000 }]);
    const soloId = await newHousehold(t, [[solo!, 'BREADWINNER']], { advisorId: f.advisorId });
    await newPolicy(t, { productType: 'LIFE', sumAssured: 10_000, holder: solo!, insured: solo! });

    const view = await counted<FamilyView>(t, FAMILY_VIEW, 'FamilyView', { id: f.householdId });
    const big = (await householdsOf(f.advisorId)).find((h) => h.id === f.householdId)!;
    expect(view.data.household.coverageGaps).toEqual(big.coverageGaps);
    expect(view.data.household.totalGap).toBe(11_200_000);
    const bw = view.data.household.members.find((m) => m.person.oneId === f.bw)!;
    expect(bw.person.policies.map((p) => p.policyNo)).toEqual([f.policies.bwLapsedLife, f.policies.bwLife, f.policies.bwMedical]);

    // Coverage adds one statement to the family view (policies of all members, batched).
    const callers = [
      { caller: undefined, bound: 7 },
      { caller: { role: 'ADVISOR' as const, sub: f.advisorId }, bound: 9 },
    ];
    for (const { caller, bound } of callers) {
      const large = await counted<FamilyView>(t, FAMILY_VIEW, 'FamilyView', { id: f.householdId }, caller);
      const small = await counted<FamilyView>(t, FAMILY_VIEW, 'FamilyView', { id: soloId }, caller);
      expect(large.data.household.coverageGaps).toEqual(view.data.household.coverageGaps);
      expect(small.statements).toBe(large.statements);
      expect(large.statements).toBeLessThanOrEqual(bound);
    }
    const asCustomer = await counted<FamilyView>(t, FAMILY_VIEW, 'FamilyView', { id: f.householdId }, { role: 'CUSTOMER', sub: f.child });
    const soloCustomer = await counted<FamilyView>(t, FAMILY_VIEW, 'FamilyView', { id: soloId }, { role: 'CUSTOMER', sub: solo! });
    expect(asCustomer.data.household.totalGap).toBe(11_200_000);
    expect(asCustomer.statements).toBe(soloCustomer.statements);
  });
});

describe('rules and reason language from configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kingraph-rules-'));

  function servicesWith(env: Record<string, string>): void {
    const db = testDatabase();
    try {
      buildServices({ db, cypher: CypherRegistry.load(), config: loadConfig({ NODE_ENV: 'test', ...env }), clock: fixedClock(TODAY), log: createLogger('silent') });
    } finally {
      void db.close();
    }
  }

  it('a bad COVERAGE_RULES_FILE stops start-up with a message naming the file and the bad value', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        version: 'x',
        currency: 'CNY',
        referenceIncome: { amount: 100_000, source: 's' },
        rules: [{ id: 'l', productType: 'LIFE', segments: ['EARNER'], amount: { basis: 'INCOME_MULTIPLE', multiple: -1 }, priority: 1, source: 's' }],
      }),
    );
    expect(() => servicesWith({ COVERAGE_RULES_FILE: bad })).toThrow(/Invalid coverage rules at rules\[0\]\.amount\.multiple.*\(in .*bad\.json\)/);
    expect(() => servicesWith({ COVERAGE_RULES_FILE: join(dir, 'missing.json') })).toThrow(/Cannot read coverage rules file .*missing\.json/);
  });

  it('a valid COVERAGE_RULES_FILE replaces the defaults, and REASON_LANG=zh answers reasons in Chinese', async () => {
    const file = join(dir, 'rules.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 'test-1',
        currency: 'CNY',
        referenceIncome: { amount: 100_000, source: 'test' },
        rules: [{ id: 'life', productType: 'LIFE', segments: ['EARNER'], amount: { basis: 'INCOME_MULTIPLE', multiple: 5 }, priority: 1, source: 'test' }],
      }),
    );
    const custom = await startTestApp({ clock: fixedClock(TODAY), env: { COVERAGE_RULES_FILE: file, REASON_LANG: 'zh' } });
    try {
      const [p] = await createPersons(custom, [{ displayName: '王伟', birthDate: '1980-01-01', annualIncome: 200_000 }]);
      const data = await custom.ok<{ person: { coverageGaps: GapView[] } }>(`query G($id: ID!) { person(oneId: $id) { coverageGaps { ${GAP_FIELDS} } } }`, {
        id: p,
      });
      expect(data.person.coverageGaps).toEqual([
        {
          person: { oneId: p },
          productType: 'LIFE',
          recommended: 1_000_000,
          current: 0,
          gap: 1_000_000,
          priority: 1,
          reason: '建议为王伟配置1,000,000元的寿险（年收入200,000元的5倍），目前尚无有效保障，缺口1,000,000元。',
        },
      ]);
    } finally {
      await custom.close();
    }
  });
});
