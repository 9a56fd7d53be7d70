/**
 * Person.premiumBudget: set through ingestIdentityEvents attributes and updatePerson, validated
 * like annualIncome (a whole number of CNY, 0 or more: otherwise BAD_USER_INPUT naming
 * premiumBudget, the whole batch rejected and nothing written), the newest observation wins,
 * kept through merges, erased with the person, readable by those who may read the person.
 */
import { graph, ingest, INGEST_EVENTS, phone, TestApp, useTestApp } from '../../kit';
import { at, ev, FORGET, oneIdOf } from './support';

const t = useTestApp();

const BUDGET = `query B($oneId: ID!) { person(oneId: $oneId) { oneId premiumBudget annualIncome } }`;
const UPDATE = `mutation U($oneId: ID!, $attributes: PersonAttributesInput!) { updatePerson(oneId: $oneId, attributes: $attributes) { oneId premiumBudget annualIncome } }`;

/** Ingest one event; the OneID it resolved to. */
async function personOf(event: ReturnType<typeof ev>): Promise<string> {
  const oneId = (await ingest(t, [event])).results[0]?.oneId;
  if (!oneId) throw new Error('the event resolved to nobody');
  return oneId;
}

async function budgetOf(oneId: string, caller?: Parameters<TestApp['ok']>[2]): Promise<number | null> {
  return (await t.ok<{ person: { premiumBudget: number | null } }>(BUDGET, { oneId }, caller)).person.premiumBudget;
}

describe('premiumBudget through ingestion', () => {
  it('stores the budget of an event, 0 included; the newest observation wins', async () => {
    const [p, q] = [phone(), phone()];
    const oneId = await personOf(ev([p], { observedAt: at(10), attributes: { premiumBudget: 12_000 } }));
    expect(await budgetOf(oneId)).toBe(12_000);
    await ingest(t, [ev([p], { observedAt: at(5), attributes: { premiumBudget: 1 } })]); // older: ignored
    expect(await budgetOf(oneId)).toBe(12_000);
    await ingest(t, [ev([p], { observedAt: at(20), attributes: { premiumBudget: 8_000, annualIncome: 90_000 } })]);
    expect(await budgetOf(oneId)).toBe(8_000);
    await ingest(t, [ev([q], { attributes: { premiumBudget: 0 } })]);
    expect(await budgetOf((await oneIdOf(t, q))!)).toBe(0);
  });

  it('refuses a negative, fractional or too large budget, naming premiumBudget, and writes nothing of the batch', async () => {
    const [known, fresh] = [phone(), phone()];
    const oneId = await personOf(ev([known], { attributes: { premiumBudget: 5_000 } }));
    for (const bad of [-1, -5_000, 1.5, 2_000_000_001]) {
      const res = await t.gql(INGEST_EVENTS, {
        events: [ev([fresh], { attributes: { displayName: 'New' } }), ev([known], { attributes: { premiumBudget: bad } })],
      });
      expect([bad, res.errors?.[0]?.extensions?.code]).toEqual([bad, 'BAD_USER_INPUT']);
      expect(res.errors![0]!.message).toMatch(/premiumBudget/);
      expect(res.errors![0]!.message).toMatch(/events\[1\]/);
    }
    expect(await oneIdOf(t, fresh)).toBeNull();
    expect(await budgetOf(oneId)).toBe(5_000);
  });

  it('a merge keeps the newest budget of the people merged', async () => {
    const [a, b] = [phone(), phone()];
    await ingest(t, [ev([a], { observedAt: at(30), attributes: { premiumBudget: 3_000 } })]);
    await ingest(t, [ev([b], { observedAt: at(31), attributes: { premiumBudget: 4_000 } })]);
    const merged = (await ingest(t, [ev([a, b], { observedAt: at(32) })])).results[0]!;
    expect(merged.mergedOneIds).toHaveLength(1);
    expect(await budgetOf(merged.oneId!)).toBe(4_000);
  });
});

describe('premiumBudget through updatePerson', () => {
  it('sets and replaces the budget, other attributes unchanged', async () => {
    const p = phone();
    const oneId = await personOf(ev([p], { attributes: { annualIncome: 150_000 } }));
    const res = await t.ok<{ updatePerson: unknown }>(UPDATE, { oneId, attributes: { premiumBudget: 20_000 } });
    expect(res.updatePerson).toEqual({ oneId, premiumBudget: 20_000, annualIncome: 150_000 });
    await t.ok(UPDATE, { oneId, attributes: { premiumBudget: 0 } });
    expect(await budgetOf(oneId)).toBe(0);
  });

  it('refuses a negative or too large budget, naming premiumBudget, and writes nothing', async () => {
    const p = phone();
    const oneId = await personOf(ev([p], { attributes: { premiumBudget: 7_000, annualIncome: 1 } }));
    for (const bad of [-1, 2_000_000_001]) {
      const res = await t.gql(UPDATE, { oneId, attributes: { premiumBudget: bad, annualIncome: 2 } });
      expect([bad, res.errors?.[0]?.extensions?.code]).toEqual([bad, 'BAD_USER_INPUT']);
      expect(res.errors![0]!.message).toMatch(/premiumBudget/);
    }
    expect((await t.ok<{ person: unknown }>(BUDGET, { oneId })).person).toEqual({ oneId, premiumBudget: 7_000, annualIncome: 1 });
  });

  it('the service refuses a negative budget too (callers other than GraphQL)', async () => {
    const p = phone();
    const oneId = await personOf(ev([p]));
    await expect(t.app.services.identity.updatePerson(oneId, { premiumBudget: -3 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/premiumBudget/) });
    expect(await budgetOf(oneId)).toBeNull();
  });
});

describe('premiumBudget and privacy', () => {
  it('is erased with the person', async () => {
    const p = phone();
    const oneId = await personOf(ev([p], { attributes: { premiumBudget: 9_000 } }));
    await t.ok(FORGET, { oneId });
    const stored = await graph(t).personProperties(oneId);
    expect(stored.map((p) => ({ budget: p.premiumBudget ?? null, at: p.premiumBudgetAt ?? null }))).toEqual([{ budget: null, at: null }]);
  });

  it('a customer reads its own budget; another customer does not', async () => {
    const [p, q] = [phone(), phone()];
    const oneId = await personOf(ev([p], { attributes: { premiumBudget: 6_000 } }));
    const other = await personOf(ev([q]));
    expect(await budgetOf(oneId, { role: 'CUSTOMER', sub: oneId })).toBe(6_000);
    const res = await t.gql<{ person: unknown }>(BUDGET, { oneId }, { role: 'CUSTOMER', sub: other });
    expect(res.data?.person ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
