/**
 * Batch entry points (family.createHouseholds, family.linkMany, coverage.upsertPolicies):
 * each answers, per item, what the single call made for each item in turn answers.
 * Differential: one scenario is built twice with fresh people and applied once through the
 * single calls in order and once as one batch; outcomes (OneIDs replaced by the scenario's
 * person numbers) and the stored links and households afterwards must be the same. The
 * batch's statement count does not grow with its size.
 */
import fc from 'fast-check';
import { AppError } from '../../../src/errors';
import { countStatements } from '../../../src/db/database';
import type { PersonRef } from '../../../src/identity/identity.service';
import { graph, phone, Relation, Role, seenTogether, uid, useTestApp } from '../../kit';
import { newPerson } from './support';

const t = useTestApp();
const g = graph(t);

/** A scenario's people: some with birth dates, one erased; `n` of them. */
interface Cast {
  oneIds: string[];
  /** Phones of people not created yet (referred to by identifier: created on first use). */
  fresh: Array<{ type: string; value: string }>;
}

const BIRTHS = ['1950-03-01', '1978-06-15', '1980-01-20', '2005-09-09', '2008-02-02', null, null, '1979-11-11'];

async function cast(n: number, freshCount = 3): Promise<Cast> {
  const oneIds: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const birthDate = BIRTHS[i % BIRTHS.length];
    oneIds.push((await newPerson(t, birthDate ? { birthDate } : {})).oneId);
  }
  // The last one is erased.
  await t.app.services.identity.forget(oneIds[n - 1]!);
  return { oneIds, fresh: Array.from({ length: freshCount }, () => phone()) };
}

/** A person of the scenario: index < n is an existing person, n + k the k-th fresh identifier, -1 an unknown OneID. */
function personRef(c: Cast, p: number): PersonRef {
  if (p < 0) return { oneId: `unknown-${uid()}` };
  if (p < c.oneIds.length) return { oneId: c.oneIds[p]! };
  return { identifier: c.fresh[p - c.oneIds.length]! as PersonRef['identifier'] };
}

/** Replaces OneIDs and household ids in a text by scenario names, so two casts compare equal. */
function anonymize(text: string, names: Map<string, string>): string {
  let out = text;
  for (const [id, name] of names) out = out.split(id).join(name);
  return out.replace(/unknown-[\w-]+/g, 'unknown');
}

async function namesOf(c: Cast): Promise<Map<string, string>> {
  const names = new Map(c.oneIds.map((id, i) => [id, `P${i}`]));
  const found = await t.app.services.identity.resolvePersonRefs(c.fresh.map((identifier) => ({ identifier }) as PersonRef), { create: false });
  found.forEach((r, k) => typeof r === 'string' && names.set(r, `F${k}`));
  return names;
}

const outcomeText = (o: unknown): string => (o instanceof AppError ? `${o.code}: ${o.message}` : 'ok');

/** Stored family links and household groupings among the cast, in scenario names. */
async function state(c: Cast, names: Map<string, string>): Promise<{ links: string[]; households: string[] }> {
  const ids = [...names.keys()];
  const rows = await g.rows<{ a: string; type: string; b: string }>('family/links-among', { oneIds: ids });
  const members = await g.rows<{ household: string; members: string[] }>('family/memberships-of', { oneIds: ids });
  const name = (id: string): string => names.get(id) ?? '?';
  const links = rows.map((r) => {
    const [a, b] = r.type === 'PARENT_OF' ? [name(r.a), name(r.b)] : [name(r.a), name(r.b)].sort();
    return `${a} ${r.type} ${b}`;
  });
  const households = members.map((m) => m.members.map((x) => anonymize(x, names)).sort().join(','));
  return { links: links.sort(), households: households.sort() };
}

type LinkOp = [number, Relation, number];

async function linksBothWays(n: number, ops: LinkOp[]): Promise<string[]> {
  const [one, two] = [await cast(n), await cast(n)];
  const inputs = (c: Cast) => ops.map(([a, relation, b]) => ({ from: personRef(c, a), to: personRef(c, b), relation }));
  const single: string[] = [];
  for (const input of inputs(one)) single.push(outcomeText(await t.app.services.family.link(input).catch((e: unknown) => e)));
  const batch = (await t.app.services.family.linkMany(inputs(two))).map(outcomeText);
  const [names1, names2] = [await namesOf(one), await namesOf(two)];
  expect(batch.map((o) => anonymize(o, names2))).toEqual(single.map((o) => anonymize(o, names1)));
  expect(await state(two, names2)).toEqual(await state(one, names1));
  return batch.map((o) => anonymize(o, names2));
}

describe('family.linkMany', () => {
  it('answers like link called in turn: duplicates, cycles closed inside the batch, third parents, birth order, erased, self and unknown people', async () => {
    // 0 1950, 1 1978, 2 1980, 3 2005, 4 2008, 5 ?, 6 ?, 7 erased; 8, 9, 10 fresh identifiers
    const outcomes = await linksBothWays(8, [
      [1, 'SPOUSE', 2],
      [2, 'SPOUSE', 1],
      [1, 'PARENT', 3],
      [3, 'CHILD', 2],
      [0, 'PARENT', 1],
      [3, 'PARENT', 0], // cycle through two links of this batch
      [5, 'PARENT', 3], // third parent
      [4, 'PARENT', 1], // born after the child
      [3, 'SIBLING', 4],
      [4, 'SIBLING', 3],
      [1, 'PARENT', 3], // again
      [7, 'SPOUSE', 6], // erased
      [6, 'SPOUSE', 6], // self
      [-1, 'SIBLING', 6], // unknown OneID
      [8, 'PARENT', 5], // a fresh identifier: created
      [5, 'PARENT', 8], // cycle with the person just created
      [9, 'SIBLING', 7], // a fresh identifier with an erased person: refused, nobody created
    ]);
    expect(outcomes).toEqual([
      'ok', 'ok', 'ok', 'ok', 'ok',
      'BAD_USER_INPUT: Invalid PARENT link: P0 is already an ancestor of P3: the link would make someone their own ancestor; the parent P3 must be born before the child P0',
      'BAD_USER_INPUT: Invalid PARENT link: P3 already has two parents',
      'BAD_USER_INPUT: Invalid PARENT link: the parent P4 must be born before the child P1',
      'ok', 'ok', 'ok',
      'BAD_USER_INPUT: Person P7 was erased and cannot be linked',
      'BAD_USER_INPUT: A person cannot be linked to itself',
      'NOT_FOUND: Person not found',
      'ok',
      'BAD_USER_INPUT: Invalid PARENT link: F0 is already an ancestor of P5: the link would make someone their own ancestor',
      'BAD_USER_INPUT: Person P7 was erased and cannot be linked',
    ]);
  });

  it('answers like link called in turn for random PARENT / SPOUSE / SIBLING lists (property)', async () => {
    const n = 7;
    const op = fc.tuple(fc.integer({ min: 0, max: n + 1 }), fc.constantFrom<Relation>('PARENT', 'CHILD', 'SPOUSE', 'SIBLING'), fc.integer({ min: 0, max: n + 1 }));
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        await linksBothWays(n, ops);
      }),
      { numRuns: 6, endOnFailure: true },
    );
  }, 120_000);

  it('sends the same number of statements for 5 links as for 60', async () => {
    const c = await cast(40, 0);
    const pairs = (from: number, count: number) =>
      Array.from({ length: count }, (_, k) => ({ from: { oneId: c.oneIds[from + (k % 20)]! }, to: { oneId: c.oneIds[from + ((k + 1) % 20)]! }, relation: 'SIBLING' as Relation }));
    const small = await countStatements(() => t.app.services.family.linkMany(pairs(0, 5)));
    const large = await countStatements(() => t.app.services.family.linkMany(pairs(20, 60)));
    expect(small.result.every((o) => !(o instanceof AppError))).toBe(true);
    expect(large.statements).toBe(small.statements);
  });
});

describe('family.createHouseholds', () => {
  async function householdsBothWays(n: number, groups: Array<Array<[number, Role]>>): Promise<string[]> {
    const [one, two] = [await cast(n), await cast(n)];
    const inputs = (c: Cast) => groups.map((members, k) => ({ name: `home ${k}`, advisorId: k === 2 ? ' ' : 'adv-batch', members: members.map(([p, role]) => ({ person: personRef(c, p), role })) }));
    const single: string[] = [];
    const ids1: string[] = [];
    for (const input of inputs(one)) {
      const o = await t.app.services.family.createHousehold(input).catch((e: unknown) => e);
      single.push(outcomeText(o));
      if (!(o instanceof AppError)) ids1.push((o as { id: string }).id);
    }
    const outcomes = await t.app.services.family.createHouseholds(inputs(two));
    const ids2 = outcomes.flatMap((o) => (o instanceof AppError ? [] : [o.id]));
    const [names1, names2] = [await namesOf(one), await namesOf(two)];
    ids1.forEach((id, k) => names1.set(id, `H${k}`));
    ids2.forEach((id, k) => names2.set(id, `H${k}`));
    expect(outcomes.map(outcomeText).map((o) => anonymize(o, names2))).toEqual(single.map((o) => anonymize(o, names1)));
    expect(await state(two, names2)).toEqual(await state(one, names1));
    return outcomes.map(outcomeText).map((o) => anonymize(o, names2));
  }

  it('answers like createHousehold called in turn: a person in two households of the batch, duplicates, erased, bad advisor, new identifiers', async () => {
    const outcomes = await householdsBothWays(8, [
      [[1, 'BREADWINNER'], [2, 'SPOUSE'], [3, 'CHILD']],
      [[4, 'CHILD'], [2, 'SPOUSE']], // 2 joined the first household
      [[5, 'OTHER']], // advisorId blank
      [[5, 'BREADWINNER'], [5, 'SPOUSE']], // the same person twice
      [[6, 'BREADWINNER'], [7, 'SPOUSE']], // 7 erased
      [[8, 'BREADWINNER'], [0, 'ELDER']], // a fresh identifier: created
      [[9, 'BREADWINNER'], [-1, 'SPOUSE']], // unknown OneID: nobody created
      [[8, 'SPOUSE']], // the fresh person is in a household now
      [[6, 'BREADWINNER'], [4, 'CHILD']],
    ]);
    expect(outcomes.map((o) => o.replace(/:.*/, ''))).toEqual(['ok', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'ok', 'NOT_FOUND', 'BAD_USER_INPUT', 'ok']);
    expect(outcomes[1]).toMatch(/members\[1\] \(P2\) is already a member of household H0/);
    expect(outcomes[7]).toMatch(/is already a member of household H1/);
  });

  it('tells which household a person is already in, naming it in the error details (what the importer relies on)', async () => {
    const c = await cast(4, 0);
    const input = { members: [{ person: { oneId: c.oneIds[0]! }, role: 'BREADWINNER' as Role }, { person: { oneId: c.oneIds[1]! }, role: 'SPOUSE' as Role }] };
    const [first, again] = await t.app.services.family.createHouseholds([input, input]);
    expect(first).not.toBeInstanceOf(AppError);
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).details?.householdIds).toEqual([(first as { id: string }).id, (first as { id: string }).id]);
  });
});

describe('coverage.upsertPolicies', () => {
  it('answers like upsertPolicy called in turn; a policyNo given twice ends as the later one; a bad reference creates nobody', async () => {
    const holder = await newPerson(t);
    const fresh = [phone(), phone()];
    const policy = (no: string, over: Record<string, unknown> = {}) => ({
      policyNo: no,
      productType: 'MEDICAL' as const,
      sumAssured: 100_000,
      annualPremium: 1_000,
      status: 'ACTIVE' as const,
      startDate: '2026-01-01',
      endDate: null,
      holder: { oneId: holder.oneId },
      insured: { oneId: holder.oneId },
      ...over,
    });
    const [a, b] = [uid('pol'), uid('pol')];
    const outcomes = await t.app.services.coverage.upsertPolicies([
      policy(a),
      policy(a, { sumAssured: 250_000 }),
      policy(b, { sumAssured: -1 }),
      policy(b, { insured: { identifier: fresh[0] }, holder: { oneId: 'nobody-here' } }),
      policy(b, { insured: { identifier: fresh[1] }, endDate: '2025-01-01' }),
      policy(b, { insured: { identifier: fresh[1] } }),
    ]);
    expect(outcomes.map(outcomeText)).toEqual([
      'ok',
      'ok',
      expect.stringMatching(/^BAD_USER_INPUT: .*sumAssured/),
      'NOT_FOUND: Person not found',
      expect.stringMatching(/^BAD_USER_INPUT: .*endDate must not be before startDate/),
      'ok',
    ]);
    expect(outcomes[0]).toMatchObject({ policyNo: a, sumAssured: 100_000 });
    const [stored] = await t.app.services.coverage.policiesInsuring([holder.oneId]);
    expect(stored!.filter((p) => p.policyNo === a).map((p) => p.sumAssured)).toEqual([250_000]);
    const [never, created] = await t.app.services.identity.resolvePersonRefs(fresh.map((identifier) => ({ identifier }) as PersonRef), { create: false });
    expect(never).toBeInstanceOf(AppError);
    expect(typeof created).toBe('string');
    expect(outcomes[5]).toMatchObject({ policyNo: b, insuredOneId: created });
  });

  it('sends the same number of statements for 3 policies as for 50', async () => {
    const { oneId } = await seenTogether(t, [phone()]);
    const many = (count: number) =>
      Array.from({ length: count }, () => ({
        policyNo: uid('pol'), productType: 'LIFE' as const, sumAssured: 1, annualPremium: 1, status: 'ACTIVE' as const,
        startDate: '2026-01-01', endDate: null, holder: { oneId }, insured: { oneId },
      }));
    const small = await countStatements(() => t.app.services.coverage.upsertPolicies(many(3)));
    const large = await countStatements(() => t.app.services.coverage.upsertPolicies(many(50)));
    expect(large.result.every((o) => !(o instanceof AppError))).toBe(true);
    expect(large.statements).toBe(small.statements);
  });
});

describe('concurrent links', () => {
  it('never close a cycle through people the two writers do not share (each locks the ancestors it reads)', async () => {
    // Per scenario: A parent of B and C parent of D are stored; then, at the same time,
    // B parent of C and D parent of A: together they would make A its own ancestor.
    const scenarios = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const [a, b, c, d] = (await Promise.all([newPerson(t), newPerson(t), newPerson(t), newPerson(t)])).map((p) => p.oneId);
        await t.app.services.family.linkMany([
          { from: { oneId: a! }, to: { oneId: b! }, relation: 'PARENT' },
          { from: { oneId: c! }, to: { oneId: d! }, relation: 'PARENT' },
        ]);
        return [a!, b!, c!, d!] as const;
      }),
    );
    const results = await Promise.all(
      scenarios.flatMap(([a, b, c, d]) => [
        t.app.services.family.linkMany([{ from: { oneId: b }, to: { oneId: c }, relation: 'PARENT' }]),
        t.app.services.family.linkMany([{ from: { oneId: d }, to: { oneId: a }, relation: 'PARENT' }]),
      ]),
    );
    for (let k = 0; k < scenarios.length; k += 1) {
      const [first, second] = [results[2 * k]![0], results[2 * k + 1]![0]];
      const refused = [first, second].filter((o) => o instanceof AppError);
      expect(refused).toHaveLength(1);
      expect((refused[0] as AppError).message).toMatch(/own ancestor/);
      const [a] = scenarios[k]!;
      expect(await g.one('family/parent-cycles', { oneId: a })).toEqual({ cycles: 0 });
    }
  }, 60_000);
});
