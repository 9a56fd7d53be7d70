/**
 * crossSellOpportunities: ranking, cursors and totalCount, page-size and cursor validation,
 * who may ask, and life-event triggers with fixed clocks around month and year ends.
 */
import { fixedClock } from '../../../src/clock';
import { encodeCursor } from '../../../src/coverage/cursor';
import { scoreHousehold } from '../../../src/coverage/score';
import type { TriggerKind } from '../../../src/coverage/triggers';
import { link, newHousehold, newPolicy, startTestApp, TestApp, uid, useTestApp } from '../../kit';
import { createPersons } from './fixtures';

interface Edge {
  cursor: string;
  node: {
    household: { id: string };
    score: number;
    totalGap: number;
    gaps: Array<{ gap: number; priority: number }>;
    triggers: Array<{ kind: TriggerKind; person: { oneId: string }; date: string; daysAway: number }>;
  };
}
interface Page {
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const CROSS_SELL = `query X($a: ID!, $first: Int, $after: String) {
  crossSellOpportunities(advisorId: $a, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { household { id } score totalGap gaps { gap priority } triggers { kind person { oneId } date daysAway } } }
  }
}`;

async function page(t: TestApp, advisorId: string, first?: number, after?: string | null): Promise<Page> {
  const data = await t.ok<{ crossSellOpportunities: Page }>(CROSS_SELL, { a: advisorId, first, after });
  return data.crossSellOpportunities;
}

describe('crossSellOpportunities: ranking and pages', () => {
  const t = useTestApp({ clock: fixedClock('2026-06-01') });
  const advisorId = uid('adv');
  /** The households with a gap, in creation order: n0..n9, then the two identical ones. */
  const ids: string[] = [];
  let covered: string;
  let empty: string;

  beforeAll(async () => {
    // 10 one-earner households with growing incomes, two identical ones (a tie broken by id),
    // one fully covered household and one empty household: 12 opportunities.
    const people = await createPersons(t, [
      ...Array.from({ length: 10 }, (_, i) => ({ birthDate: '1990-01-01', annualIncome: 50_000 * (i + 1) })),
      { birthDate: '1990-01-01', annualIncome: 80_000 },
      { birthDate: '1990-01-01', annualIncome: 80_000 },
      { birthDate: '2000-01-01' },
    ]);
    for (let i = 0; i < 10; i += 1) {
      ids.push(await newHousehold(t, [[people[i]!, 'BREADWINNER']], { advisorId }));
    }
    ids.push(await newHousehold(t, [[people[10]!, 'BREADWINNER']], { advisorId }));
    ids.push(await newHousehold(t, [[people[11]!, 'BREADWINNER']], { advisorId }));
    const insured = people[12]!;
    covered = await newHousehold(t, [[insured, 'OTHER']], { advisorId });
    await newPolicy(t, { productType: 'MEDICAL', sumAssured: 2_000_000, holder: insured, insured });
    empty = await newHousehold(t, [], { advisorId });
  });

  it('lists households with a gap, best first by score, ties by household id, with a consistent score', async () => {
    const all = await page(t, advisorId, 20);
    expect(all.totalCount).toBe(12);
    expect(all.pageInfo).toEqual({ hasNextPage: false, endCursor: all.edges[11]!.cursor });
    const got = all.edges.map((e) => e.node.household.id);
    expect([...got].sort()).toEqual([...ids].sort());
    expect(got).not.toContain(covered);
    expect(got).not.toContain(empty);
    // Larger income, larger gaps, higher score.
    expect(got[0]).toBe(ids[9]);
    for (let i = 1; i < all.edges.length; i += 1) {
      const [a, b] = [all.edges[i - 1]!.node, all.edges[i]!.node];
      expect(a.score > b.score || (a.score === b.score && a.household.id < b.household.id)).toBe(true);
    }
    const [tieFirst, tieSecond] = [ids[10]!, ids[11]!].sort();
    expect(got[got.indexOf(tieFirst!) + 1]).toBe(tieSecond);
    for (const { node } of all.edges) {
      expect(node.totalGap).toBe(node.gaps.reduce((s, g) => s + g.gap, 0));
      expect(node.score).toBe(scoreHousehold(node.gaps, node.triggers));
    }
  });

  it('walking every page returns each household once, in the same order, and then stops', async () => {
    const full = (await page(t, advisorId, 20)).edges.map((e) => e.node.household.id);
    const seen: string[] = [];
    const hasNext: boolean[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard += 1) {
      const p: Page = await page(t, advisorId, 5, after);
      expect(p.totalCount).toBe(12);
      seen.push(...p.edges.map((e) => e.node.household.id));
      hasNext.push(p.pageInfo.hasNextPage);
      expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(hasNext).toEqual([true, true, false]);
    expect(seen).toEqual(full);
    const beyond = await page(t, advisorId, 5, (await page(t, advisorId, 20)).pageInfo.endCursor);
    expect(beyond).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 12 });
  });

  it('cursors are stable: the same position gives the same next page', async () => {
    const first = await page(t, advisorId, 3);
    const [a, b] = [await page(t, advisorId, 3, first.pageInfo.endCursor), await page(t, advisorId, 3, first.pageInfo.endCursor)];
    expect(a).toEqual(b);
    expect(a.edges[0]!.cursor).toBe((await page(t, advisorId, 4)).edges[3]!.cursor);
  });

  it('defaults to 20 and refuses first outside 1..100 and bad cursors with BAD_USER_INPUT', async () => {
    const byDefault = await page(t, advisorId);
    expect(byDefault.edges).toHaveLength(12);
    expect((await t.gql(CROSS_SELL, { a: advisorId, first: 100 })).errors).toBeUndefined();
    for (const first of [101, 0, -1]) {
      const res = await t.gql(CROSS_SELL, { a: advisorId, first });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/first must be between 1 and 100/);
    }
    const valid = (await page(t, advisorId, 1)).pageInfo.endCursor!;
    const tampered = Buffer.from(JSON.stringify({ s: 1, id: 'x', extra: true })).toString('base64url');
    for (const after of ['not a cursor', '', valid.slice(0, -2), `${valid}A`, tampered, Buffer.from('[1,2]').toString('base64url')]) {
      const res = await t.gql(CROSS_SELL, { a: advisorId, first: 5, after });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    // A well-formed cursor for a position no household holds is fine: the next page starts after it.
    const between = await page(t, advisorId, 20, encodeCursor({ score: 1e9, householdId: 'zzz' }));
    expect(between.edges).toHaveLength(12);
  });

  it('ADVISOR only for itself, ADMIN and INGEST for anyone, CUSTOMER never', async () => {
    const own = await t.gql<{ crossSellOpportunities: Page }>(CROSS_SELL, { a: advisorId, first: 2 }, { role: 'ADVISOR', sub: advisorId });
    expect(own.errors).toBeUndefined();
    expect(own.data!.crossSellOpportunities.totalCount).toBe(12);
    const ingest = await t.gql(CROSS_SELL, { a: advisorId, first: 2 }, { role: 'INGEST', sub: 'svc' });
    expect(ingest.errors).toBeUndefined();
    for (const caller of [
      { role: 'ADVISOR' as const, sub: uid('other-adv') },
      { role: 'CUSTOMER' as const, sub: uid('cust') },
    ]) {
      const res = await t.gql(CROSS_SELL, { a: advisorId, first: 2 }, caller);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data?.crossSellOpportunities ?? null).toBeNull();
    }
  });

  it('an advisor with no households gets an empty connection', async () => {
    expect(await page(t, uid('adv-none'))).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
  });

  it('reflects writes: closing every gap of a household removes it from the list', async () => {
    const [p] = await createPersons(t, [{ birthDate: '2000-01-01' }]);
    const advisor = uid('adv');
    const id = await newHousehold(t, [[p!, 'OTHER']], { advisorId: advisor });
    expect((await page(t, advisor)).edges.map((e) => e.node.household.id)).toEqual([id]);
    await newPolicy(t, { productType: 'MEDICAL', sumAssured: 2_000_000, holder: p!, insured: p! });
    expect((await page(t, advisor)).totalCount).toBe(0);
  });
});

type T = [TriggerKind, string, string, number]; // kind, oneId, date, daysAway

async function triggersOf(t: TestApp, advisorId: string): Promise<T[]> {
  const p = await page(t, advisorId, 5);
  expect(p.edges).toHaveLength(1);
  return p.edges[0]!.node.triggers.map((x) => [x.kind, x.person.oneId, x.date, x.daysAway]);
}

describe('life-event triggers (year end: today 2026-12-31)', () => {
  const t = useTestApp({ clock: fixedClock('2026-12-31') });

  it('birthdays within 15 days across the new year, newborns without ACTIVE medical, marriages within 90 days, expiries within 30', async () => {
    const [bw, spouse, newborn, oneToday, covered, lapsedCover, elder, outsider] = await createPersons(t, [
      { birthDate: '1990-01-15', annualIncome: 100_000 }, // birthday 2027-01-15: 15 days away
      { birthDate: '1991-01-16' }, // 16 days away: no
      { birthDate: '2026-01-01' }, // newborn (first birthday tomorrow) and a birthday in 1 day
      { birthDate: '2025-12-31' }, // first birthday today: a birthday, no longer a newborn
      { birthDate: '2026-06-01' }, // newborn with ACTIVE medical cover: no trigger
      { birthDate: '2026-07-01' }, // newborn with only LAPSED medical cover
      { birthDate: '1950-06-06' },
      { birthDate: '1950-07-07' }, // not a member
    ]);
    const advisorId = uid('adv');
    await newHousehold(t, [
      [bw!, 'BREADWINNER'],
      [spouse!, 'SPOUSE'],
      [newborn!, 'CHILD'],
      [oneToday!, 'CHILD'],
      [covered!, 'CHILD'],
      [lapsedCover!, 'CHILD'],
      [elder!, 'ELDER'],
    ], { advisorId });
    await link(t, bw!, 'SPOUSE', spouse!, { since: '2026-10-02' }); // 90 days ago: in
    await link(t, elder!, 'SPOUSE', outsider!, { since: '2026-10-01' }); // 91 days ago: out
    await newPolicy(t, { productType: 'MEDICAL', sumAssured: 1, holder: bw!, insured: covered! });
    await newPolicy(t, { productType: 'MEDICAL', sumAssured: 1, status: 'LAPSED', holder: bw!, insured: lapsedCover! });
    await newPolicy(t, { productType: 'ACCIDENT', sumAssured: 1, endDate: '2027-01-30', holder: bw!, insured: bw! }); // 30 days: in
    await newPolicy(t, { productType: 'LIFE', sumAssured: 1, endDate: '2027-01-31', holder: bw!, insured: bw! }); // 31: out
    await newPolicy(t, { productType: 'CRITICAL_ILLNESS', sumAssured: 1, status: 'LAPSED', endDate: '2027-01-05', holder: bw!, insured: bw! });
    await newPolicy(t, { productType: 'SAVINGS', sumAssured: 1, endDate: '2026-12-31', holder: bw!, insured: spouse! }); // today: in
    await newPolicy(t, { productType: 'ANNUITY', sumAssured: 1, endDate: '2026-12-30', holder: bw!, insured: elder! }); // ended yesterday

    const married = bw! < spouse! ? bw! : spouse!;
    expect(await triggersOf(t, advisorId)).toEqual([
      ['NEWBORN', newborn, '2026-01-01', -364],
      ['NEWBORN', lapsedCover, '2026-07-01', -183],
      ['MARRIAGE', married, '2026-10-02', -90],
      ['BIRTHDAY', oneToday, '2026-12-31', 0],
      ['POLICY_EXPIRY', spouse, '2026-12-31', 0],
      ['BIRTHDAY', newborn, '2027-01-01', 1],
      ['BIRTHDAY', bw, '2027-01-15', 15],
      ['POLICY_EXPIRY', bw, '2027-01-30', 30],
    ]);
  });
});

describe('life-event triggers (month ends and leap days)', () => {
  it('today 2027-02-15: a 29 February birthday falls on 28 February; 15 days reaches 2 March', async () => {
    const t = await startTestApp({ clock: fixedClock('2027-02-15') });
    try {
      const [leap, in15, in16] = await createPersons(t, [
        { birthDate: '2004-02-29', annualIncome: 10_000 },
        { birthDate: '2000-03-02' },
        { birthDate: '2000-03-03' },
      ]);
      const advisorId = uid('adv');
      await newHousehold(t, [
        [leap!, 'BREADWINNER'],
        [in15!, 'SPOUSE'],
        [in16!, 'OTHER'],
      ], { advisorId });
      expect(await triggersOf(t, advisorId)).toEqual([
        ['BIRTHDAY', leap, '2027-02-28', 13],
        ['BIRTHDAY', in15, '2027-03-02', 15],
      ]);
    } finally {
      await t.close();
    }
  });

  it('today 2026-04-30: windows cross the month end; a SPOUSE link stored as epoch milliseconds counts', async () => {
    const t = await startTestApp({ clock: fixedClock('2026-04-30') });
    try {
      const [a, b] = await createPersons(t, [{ birthDate: '1985-05-15', annualIncome: 100_000 }, { birthDate: '1986-05-16' }]);
      const advisorId = uid('adv');
      await newHousehold(t, [
        [a!, 'BREADWINNER'],
        [b!, 'SPOUSE'],
      ], { advisorId });
      await link(t, a!, 'SPOUSE', b!, { since: '2026-01-30' }); // 90 days before 2026-04-30
      await newPolicy(t, { productType: 'LIFE', sumAssured: 1, endDate: '2026-05-30', holder: a!, insured: a! });
      await newPolicy(t, { productType: 'LIFE', sumAssured: 1, endDate: '2026-05-31', holder: a!, insured: b! });
      expect(await triggersOf(t, advisorId)).toEqual([
        ['MARRIAGE', a! < b! ? a : b, '2026-01-30', -90],
        ['BIRTHDAY', a, '2026-05-15', 15],
        ['POLICY_EXPIRY', a, '2026-05-30', 30],
      ]);
    } finally {
      await t.close();
    }
  });
});

describe('a later day (state written on an earlier one)', () => {
  it('brings the households whose state expired up to date before it reads: triggers, gaps and daysAway as of the reading day', async () => {
    const advisorId = uid('adv');
    let bw = '';
    let totalGapBefore = 0;
    const early = await startTestApp({ clock: fixedClock('2026-06-01') });
    try {
      [bw] = (await createPersons(early, [{ birthDate: '1986-06-10', annualIncome: 100_000 }])) as [string];
      await newHousehold(early, [[bw, 'BREADWINNER']], { advisorId });
      await newPolicy(early, { productType: 'LIFE', sumAssured: 1, endDate: '2026-06-25', holder: bw, insured: bw });
      expect(await triggersOf(early, advisorId)).toEqual([
        ['BIRTHDAY', bw, '2026-06-10', 9],
        ['POLICY_EXPIRY', bw, '2026-06-25', 24],
      ]);
      totalGapBefore = (await page(early, advisorId)).edges[0]!.node.totalGap;
    } finally {
      await early.close();
    }
    // Nothing was written since; the stored state holds until the birthday (10 June).
    const later = await startTestApp({ clock: fixedClock('2026-06-12') });
    try {
      expect(await triggersOf(later, advisorId)).toEqual([['POLICY_EXPIRY', bw, '2026-06-25', 13]]);
      // 40 since 10 June: the annuity rule (from 40) adds a gap.
      expect((await page(later, advisorId)).edges[0]!.node.totalGap).toBeGreaterThan(totalGapBefore);
    } finally {
      await later.close();
    }
  });
});
