/** upsertPolicy, Person.policies, validation that writes nothing, roles, and identity merges carrying policies. */
import { graph, newPeople, newPolicy, phoneNumber, seenTogether, uid, useTestApp } from '../../kit';
import { createPersons, POLICY_FIELDS } from './fixtures';

const t = useTestApp();
const g = graph(t);

const UPSERT = `mutation Upsert($input: PolicyInput!) { upsertPolicy(input: $input) { ${POLICY_FIELDS} } }`;
const PERSON_POLICIES = `query P($id: ID!) { person(oneId: $id) { oneId policies { policyNo status sumAssured holder { oneId } insured { oneId } } } }`;

interface PolicyView {
  policyNo: string;
  productType: string;
  sumAssured: number;
  annualPremium: number;
  status: string;
  startDate: string;
  endDate: string | null;
  holder: { oneId: string };
  insured: { oneId: string };
}

interface PolicyRow {
  policyNo: string;
  status: string;
  sumAssured: number;
  holder: { oneId: string };
  insured: { oneId: string };
}

async function policiesOf(oneId: string): Promise<PolicyRow[]> {
  const data = await t.ok<{ person: { policies: PolicyRow[] } }>(
    PERSON_POLICIES,
    { id: oneId },
  );
  return data.person.policies;
}

const policyExists = (policyNo: string): Promise<boolean> => g.policyExists(policyNo);

interface InputVars {
  policyNo: string;
  productType: string;
  sumAssured: number;
  annualPremium: number;
  status: string;
  startDate: string;
  endDate: string | null;
  holder: Record<string, unknown>;
  insured: Record<string, unknown>;
}

function baseInput(holder: string, insured: string, policyNo = uid('pol')): InputVars {
  return {
    policyNo,
    productType: 'LIFE',
    sumAssured: 1_000_000,
    annualPremium: 12_000,
    status: 'ACTIVE',
    startDate: '2025-03-01',
    endDate: '2045-02-28',
    holder: { oneId: holder },
    insured: { oneId: insured },
  };
}

describe('upsertPolicy', () => {
  it('creates a policy; holder and insured resolve to persons (an unknown identifier creates the person)', async () => {
    const [holder] = await createPersons(t, [{ displayName: 'Holder' }]);
    const newPhone = phoneNumber();
    const input = { ...baseInput(holder!, 'unused'), insured: { identifier: { type: 'PHONE', value: newPhone } } };
    const data = await t.ok<{ upsertPolicy: PolicyView }>(UPSERT, { input });
    const p = data.upsertPolicy;
    expect(p).toMatchObject({
      policyNo: input.policyNo,
      productType: 'LIFE',
      sumAssured: 1_000_000,
      annualPremium: 12_000,
      status: 'ACTIVE',
      startDate: '2025-03-01',
      endDate: '2045-02-28',
      holder: { oneId: holder },
    });
    const resolved = await t.ok<{ resolveIdentity: { oneId: string } | null }>(
      `query R($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId } }`,
      { i: { type: 'PHONE', value: newPhone } },
    );
    expect(resolved.resolveIdentity?.oneId).toBe(p.insured.oneId);
    expect((await policiesOf(p.insured.oneId)).map((x) => x.policyNo)).toEqual([input.policyNo]);
    // The holder is not the insured: Person.policies lists policies as insured only.
    expect(await policiesOf(holder!)).toEqual([]);
  });

  it('Person.policies is sorted by startDate then policyNo and includes every status', async () => {
    const [a] = await createPersons(t, [{}]);
    const prefix = uid('sort');
    await newPolicy(t, { policyNo: `${prefix}-b`, productType: 'MEDICAL', sumAssured: 1, startDate: '2024-05-01', holder: a!, insured: a! });
    await newPolicy(t, { policyNo: `${prefix}-c`, productType: 'LIFE', sumAssured: 1, status: 'LAPSED', startDate: '2023-01-01', holder: a!, insured: a! });
    await newPolicy(t, { policyNo: `${prefix}-a`, productType: 'ACCIDENT', sumAssured: 1, startDate: '2024-05-01', holder: a!, insured: a! });
    expect((await policiesOf(a!)).map((p) => [p.policyNo, p.status])).toEqual([
      [`${prefix}-c`, 'LAPSED'],
      [`${prefix}-a`, 'ACTIVE'],
      [`${prefix}-b`, 'ACTIVE'],
    ]);
  });

  it('replacing by policyNo moves HELD_BY and INSURES to the new persons and replaces every field', async () => {
    const [h1, i1, h2, i2] = await createPersons(t, [{}, {}, {}, {}]);
    const input = baseInput(h1!, i1!);
    await t.ok(UPSERT, { input });
    const replaced = await t.ok<{ upsertPolicy: PolicyView }>(UPSERT, {
      input: { ...input, status: 'LAPSED', sumAssured: 300_000, endDate: null, holder: { oneId: h2 }, insured: { oneId: i2 } },
    });
    expect(replaced.upsertPolicy).toMatchObject({ status: 'LAPSED', sumAssured: 300_000, endDate: null, holder: { oneId: h2 }, insured: { oneId: i2 } });
    expect(await policiesOf(i1!)).toEqual([]);
    expect((await policiesOf(i2!)).map((p) => p.policyNo)).toEqual([input.policyNo]);
    const rels = await g.rows('coverage/policy-people', { policyNo: input.policyNo });
    expect(rels).toEqual([
      { type: 'HELD_BY', oneId: h2 },
      { type: 'INSURES', oneId: i2 },
    ]);
  });

  it.each([
    ['a negative sumAssured', { sumAssured: -1 }, /sumAssured/],
    ['a negative annualPremium', { annualPremium: -5 }, /annualPremium/],
    ['an endDate before startDate', { startDate: '2025-03-01', endDate: '2025-02-28' }, /endDate must not be before startDate/],
    ['an empty policyNo', { policyNo: '' }, /policyNo/],
  ] as Array<[string, Partial<InputVars>, RegExp]>)('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, patch, message) => {
    const [h, i] = await createPersons(t, [{}, {}]);
    const input: InputVars = { ...baseInput(h!, i!), ...patch };
    const res = await t.gql(UPSERT, { input });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(message);
    if (input.policyNo) expect(await policyExists(input.policyNo)).toBe(false);
    expect(await policiesOf(i!)).toEqual([]);
  });

  it('a refused replace leaves the existing policy untouched, and a bad reference creates no person', async () => {
    const [h, i] = await createPersons(t, [{}, {}]);
    const input = baseInput(h!, i!);
    await t.ok(UPSERT, { input });
    const newPhone = phoneNumber();
    const bad = await t.gql(UPSERT, {
      input: { ...input, sumAssured: 5, endDate: '2000-01-01', holder: { identifier: { type: 'PHONE', value: newPhone } } },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const both = await t.gql(UPSERT, {
      input: { ...input, holder: { oneId: h, identifier: { type: 'PHONE', value: newPhone } } },
    });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // holder is a new identifier (would be created) but insured is an unknown OneID: nothing is created.
    const unknownInsured = await t.gql(UPSERT, {
      input: { ...input, holder: { identifier: { type: 'PHONE', value: newPhone } }, insured: { oneId: uid('no-such-person') } },
    });
    expect(unknownInsured.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const resolved = await t.ok<{ resolveIdentity: unknown }>(`query R($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId } }`, {
      i: { type: 'PHONE', value: newPhone },
    });
    expect(resolved.resolveIdentity).toBeNull();
    expect(await policiesOf(i!)).toEqual([
      { policyNo: input.policyNo, status: 'ACTIVE', sumAssured: 1_000_000, holder: { oneId: h }, insured: { oneId: i } },
    ]);
  });

  it('refuses an erased person as holder or insured', async () => {
    const [h, i] = await createPersons(t, [{}, {}]);
    await t.ok(`mutation F($id: ID!) { forgetPerson(oneId: $id) { oneId } }`, { id: i });
    const input = baseInput(h!, i!);
    const res = await t.gql(UPSERT, { input });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/erased/);
    expect(await policyExists(input.policyNo)).toBe(false);
  });

  it('is for ADMIN and INGEST only', async () => {
    const [h, i] = await createPersons(t, [{}, {}]);
    const ingest = await t.gql(UPSERT, { input: baseInput(h!, i!) }, { role: 'INGEST', sub: 'upstream' });
    expect(ingest.errors).toBeUndefined();
    for (const caller of [
      { role: 'ADVISOR' as const, sub: uid('adv') },
      { role: 'CUSTOMER' as const, sub: i! },
    ]) {
      const input = baseInput(h!, i!);
      const res = await t.gql(UPSERT, { input }, caller);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await policyExists(String(input.policyNo))).toBe(false);
    }
  });
});

describe('identity merges', () => {
  it('carry policies (as insured and as holder) to the surviving person', async () => {
    const [first, second] = await newPeople(t, [{}, {}]);
    const [older, newer] = [first!.oneId, second!.oneId];
    const [other] = await createPersons(t, [{}]);
    const insuredOnNewer = await newPolicy(t, { productType: 'LIFE', sumAssured: 100, holder: other!, insured: newer! });
    const heldByNewer = await newPolicy(t, { productType: 'MEDICAL', sumAssured: 200, holder: newer!, insured: other! });

    const merged = await seenTogether(t, [first!.phone, second!.phone], { observedAt: '2026-01-02T00:00:00Z' });
    const survivor = merged.oneId;
    expect(merged.mergedOneIds).toContain(survivor === older ? newer : older);

    const view = await t.ok<{ person: { oneId: string; policies: Array<{ policyNo: string; insured: { oneId: string } }> } }>(
      `query P($id: ID!) { person(oneId: $id) { oneId policies { policyNo insured { oneId } } } }`,
      { id: newer },
    );
    expect(view.person.oneId).toBe(survivor);
    expect(view.person.policies).toEqual([{ policyNo: insuredOnNewer, insured: { oneId: survivor } }]);
    const held = await t.ok<{ person: { policies: Array<{ policyNo: string; holder: { oneId: string } }> } }>(
      `query P($id: ID!) { person(oneId: $id) { policies { policyNo holder { oneId } } } }`,
      { id: other },
    );
    expect(held.person.policies).toEqual([{ policyNo: heldByNewer, holder: { oneId: survivor } }]);
  });
});

