/**
 * Consent (recordConsent, Person.consents), the access log (Query.accessLog, Person.accessLog),
 * Person.accounts, and the reveal matrix through GraphQL: roles x types x purposes x consent.
 */
import {
  ACCESS_LOG,
  account,
  ADMIN,
  advisor,
  codeOf,
  consentInput,
  customer,
  email,
  imei,
  INGEST,
  LOG_FIELDS,
  LogEntryOut,
  nationalId,
  newAdvisor,
  newHousehold,
  newPerson,
  normalized,
  openId,
  RECORD_CONSENT,
  recordConsent,
  revealAs,
  unionId,
  useTestApp,
  type Caller,
} from '../../kit';

const t = useTestApp();

const CONSENTS = `query Consents($oneId: ID!) { person(oneId: $oneId) { consents { scope granted at source } } }`;
const ACCOUNTS = `query Accounts($oneId: ID!) { person(oneId: $oneId) { accounts { namespace accountId firstSeenAt lastSeenAt } } }`;
const PERSON_LOG = `query PersonLog($oneId: ID!, $first: Int, $after: String) {
  person(oneId: $oneId) { accessLog(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${LOG_FIELDS} } } } }
}`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: LogEntryOut }>;
}

async function consentsOf(oneId: string, caller: Caller = ADMIN) {
  return t.gql<{ person: { consents: Array<{ scope: string; granted: boolean; at: string; source: string }> } }>(CONSENTS, { oneId }, caller);
}

describe('recordConsent and Person.consents', () => {
  it('keeps history: the latest `at` per scope is in force whatever the arrival order, listed in ConsentScope order', async () => {
    const p = await newPerson(t);
    await recordConsent(t, p.oneId, { scope: 'MARKETING_WECHAT', at: '2026-01-05T00:00:00Z' });
    await recordConsent(t, p.oneId, { scope: 'MARKETING_CALL', granted: false, at: '2026-03-01T00:00:00Z', source: 'call-centre' });
    await recordConsent(t, p.oneId, { scope: 'MARKETING_CALL', granted: true, at: '2026-02-01T00:00:00Z' }); // older, arrives later
    const res = await consentsOf(p.oneId);
    expect(res.data!.person.consents).toEqual([
      { scope: 'MARKETING_CALL', granted: false, at: '2026-03-01T00:00:00.000Z', source: 'call-centre' },
      { scope: 'MARKETING_WECHAT', granted: true, at: '2026-01-05T00:00:00.000Z', source: 'app' },
    ]);
    // the withdrawal in force closes the phone for marketing, even for ADMIN
    expect(codeOf(await revealAs(t, ADMIN, { oneId: p.oneId, types: ['PHONE'], purpose: 'MARKETING' }))).toBe('CONSENT_REQUIRED');
  });

  it('is idempotent per id; other content under the same id, a future `at` or a bad reference write nothing', async () => {
    const p = await newPerson(t);
    const input = consentInput(p.oneId, { scope: 'MARKETING_EMAIL', at: '2026-01-01T08:00:00+08:00' });
    await t.ok(RECORD_CONSENT, { input });
    const twice = await t.ok<{ recordConsent: { at: string } }>(RECORD_CONSENT, { input });
    expect(twice.recordConsent.at).toBe('2026-01-01T00:00:00.000Z');
    expect(codeOf(await t.gql(RECORD_CONSENT, { input: { ...input, granted: false } }))).toBe('BAD_USER_INPUT');
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(codeOf(await t.gql(RECORD_CONSENT, { input: consentInput(p.oneId, { scope: 'MARKETING_SMS', at: future }) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(RECORD_CONSENT, { input: { ...consentInput(p.oneId, { scope: 'MARKETING_SMS' }), person: {} } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(RECORD_CONSENT, { input: consentInput('no-such-person', { scope: 'MARKETING_SMS' }) }))).toBe('NOT_FOUND');
    expect((await consentsOf(p.oneId)).data!.person.consents.map((c) => [c.scope, c.granted])).toEqual([['MARKETING_EMAIL', true]]);
  });

  it('a person reference by identifier works; consents follow a merge to the survivor', async () => {
    const a = await newPerson(t);
    const b = await newPerson(t);
    await t.ok(RECORD_CONSENT, { input: { ...consentInput(b.oneId, { scope: 'MARKETING_CALL' }), person: { identifier: b.phone } } });
    await t.ok(`mutation M($events: [IdentityEventInput!]!) { ingestIdentityEvents(events: $events) { accepted } }`, {
      events: [{ eventId: `merge-${a.oneId}-${b.oneId}`, source: 'test', observedAt: '2026-01-02T00:00:00Z', identifiers: [a.phone, b.phone] }],
    });
    expect((await consentsOf(a.oneId)).data!.person.consents.map((c) => c.scope)).toEqual(['MARKETING_CALL']);
    expect((await revealAs(t, ADMIN, { oneId: a.oneId, types: ['PHONE'], purpose: 'MARKETING' })).data!.revealIdentifiers).toHaveLength(2);
  });

  it('ADMIN, INGEST and the customer for itself record; an ADVISOR never; the household advisor reads, a relative does not', async () => {
    const adv = await newAdvisor(t);
    const [p, spouse] = [await newPerson(t), await newPerson(t)];
    await newHousehold(t, [[p.oneId, 'BREADWINNER'], [spouse.oneId, 'SPOUSE']], { advisorId: adv });
    await recordConsent(t, p.oneId, { scope: 'MARKETING_SMS' }, INGEST);
    await recordConsent(t, p.oneId, { scope: 'SENSITIVE_PROCESSING' }, customer(p.oneId));
    expect(codeOf(await t.gql(RECORD_CONSENT, { input: consentInput(p.oneId, { scope: 'MARKETING_CALL' }) }, advisor(adv)))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(RECORD_CONSENT, { input: consentInput(p.oneId, { scope: 'MARKETING_CALL' }) }, customer(spouse.oneId)))).toBe('FORBIDDEN');
    expect((await consentsOf(p.oneId, advisor(adv))).data!.person.consents.map((c) => c.scope)).toEqual(['MARKETING_SMS', 'SENSITIVE_PROCESSING']);
    expect((await consentsOf(p.oneId, customer(p.oneId))).data!.person.consents).toHaveLength(2);
    expect(codeOf(await consentsOf(p.oneId, customer(spouse.oneId)))).toBe('FORBIDDEN');
  });
});

describe('Person.accounts', () => {
  it('lists ACCOUNT identifiers in clear for ADMIN, INGEST and the customer itself; FORBIDDEN to an ADVISOR', async () => {
    const adv = await newAdvisor(t);
    const [crm, policy] = [account('crm'), account('policy-admin')];
    const p = await newPerson(t, { identifiers: [crm, policy, email()] });
    await newHousehold(t, [[p.oneId, 'BREADWINNER']], { advisorId: adv });
    const expected = [
      { namespace: 'crm', accountId: normalized(t, crm).value },
      { namespace: 'policy-admin', accountId: normalized(t, policy).value },
    ];
    for (const caller of [ADMIN, INGEST, customer(p.oneId)]) {
      const res = await t.gql<{ person: { accounts: Array<{ namespace: string; accountId: string }> } }>(ACCOUNTS, { oneId: p.oneId }, caller);
      expect(res.data!.person.accounts.map(({ namespace, accountId }) => ({ namespace, accountId }))).toEqual(expected);
    }
    expect(codeOf(await t.gql(ACCOUNTS, { oneId: p.oneId }, advisor(adv)))).toBe('FORBIDDEN');
  });
});

describe('access log', () => {
  it('Query.accessLog: ADMIN only, newest first, filtered, paged with stable cursors and a total', async () => {
    const p = await newPerson(t, { identifiers: [email()] });
    const actor = `auditor-${p.oneId.slice(0, 8)}`;
    const from = new Date().toISOString();
    for (let i = 0; i < 5; i += 1) await revealAs(t, { role: 'ADMIN', sub: actor }, { oneId: p.oneId, types: ['EMAIL'], justification: `case ${i}` });
    await revealAs(t, { role: 'INGEST', sub: actor }, { oneId: p.oneId, types: ['EMAIL'] });
    const page = async (vars: Record<string, unknown>): Promise<Page> => (await t.ok<{ accessLog: Page }>(ACCESS_LOG, vars)).accessLog;
    const first = await page({ filter: { actor }, first: 4 });
    expect(first.totalCount).toBe(6);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.edges[0]!.node).toMatchObject({ actorRole: 'INGEST', outcome: 'DENIED' });
    const second = await page({ filter: { actor }, first: 4, after: first.pageInfo.endCursor });
    expect(second.pageInfo.hasNextPage).toBe(false);
    const all = [...first.edges, ...second.edges].map((e) => e.node);
    expect(all.map((e) => e.justification)).toEqual(['customer called about a claim', 'case 4', 'case 3', 'case 2', 'case 1', 'case 0']);
    expect((await page({ filter: { actor, outcome: 'DENIED' } })).totalCount).toBe(1);
    expect((await page({ filter: { actor, from, to: all[2]!.at } })).edges.every((e) => e.node.at < all[2]!.at)).toBe(true);
    expect((await page({ filter: { oneId: p.oneId, actor } })).totalCount).toBe(6);
    for (const caller of [INGEST, advisor('a1'), customer(p.oneId)]) expect(codeOf(await t.gql(ACCESS_LOG, {}, caller))).toBe('FORBIDDEN');
    for (const bad of [{ first: 0 }, { first: 201 }, { after: 'not-a-cursor' }]) expect(codeOf(await t.gql(ACCESS_LOG, bad))).toBe('BAD_USER_INPUT');
  });

  it('Person.accessLog: ADMIN and the customer itself, every attempt on any of its OneIDs; nothing edits it', async () => {
    const adv = await newAdvisor(t);
    const p = await newPerson(t);
    await newHousehold(t, [[p.oneId, 'BREADWINNER']], { advisorId: adv });
    await revealAs(t, advisor(adv), { oneId: p.oneId, types: ['PHONE'], purpose: 'MARKETING' }); // no consent: DENIED
    await revealAs(t, advisor(adv), { oneId: p.oneId, types: ['PHONE'] });
    const mine = await t.ok<{ person: { accessLog: Page } }>(PERSON_LOG, { oneId: p.oneId }, customer(p.oneId));
    expect(mine.person.accessLog.edges.map((e) => [e.node.actor, e.node.purpose, e.node.outcome])).toEqual([
      [adv, 'SERVICE', 'GRANTED'],
      [adv, 'MARKETING', 'DENIED'],
    ]);
    for (const caller of [INGEST, advisor(adv)]) expect(codeOf(await t.gql(PERSON_LOG, { oneId: p.oneId }, caller))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(PERSON_LOG, { oneId: p.oneId, first: 201 }))).toBe('BAD_USER_INPUT');
    const mutations = (await t.ok<{ __schema: { mutationType: { fields: Array<{ name: string }> } } }>('{ __schema { mutationType { fields { name } } } }')).__schema.mutationType.fields;
    expect(mutations.map((f) => f.name).filter((n) => /log/i.test(n))).toEqual([]);
  });
});

describe('reveal matrix through the API', () => {
  it('answers each role x type x purpose x consent cell as the contract says, and logs every attempt', async () => {
    const adv = await newAdvisor(t);
    const ids = [email(), nationalId(), account('crm'), openId('wx-matrix'), unionId(), imei()];
    const [consented, silent] = [await newPerson(t, { identifiers: ids }), await newPerson(t, { identifiers: [email(), nationalId(), account('crm'), openId('wx-matrix'), unionId(), imei()] })];
    await newHousehold(t, [[consented.oneId, 'BREADWINNER'], [silent.oneId, 'SPOUSE']], { advisorId: adv });
    for (const scope of ['MARKETING_CALL', 'MARKETING_EMAIL', 'MARKETING_WECHAT', 'MARKETING_SMS', 'SENSITIVE_PROCESSING']) await recordConsent(t, consented.oneId, { scope });
    const types = ['PHONE', 'EMAIL', 'NATIONAL_ID', 'ACCOUNT', 'WECHAT_OPENID', 'WECHAT_UNIONID', 'DEVICE_ID', 'IOT_DEVICE'];
    const channel = ['PHONE', 'EMAIL', 'WECHAT_OPENID', 'WECHAT_UNIONID'];
    const roles = ['ADMIN', 'INGEST', 'ADVISOR', 'CUSTOMER'] as const;
    const mismatches: string[] = [];
    let attempts = 0;
    for (const person of [consented, silent]) {
      const callers: Record<(typeof roles)[number], Caller> = { ADMIN, INGEST, ADVISOR: advisor(adv), CUSTOMER: customer(person.oneId) };
      for (const role of roles) {
        for (const type of types) {
          for (const purpose of ['SERVICE', 'MARKETING', 'COMPLIANCE']) {
            const allowed = role === 'ADMIN' || (role === 'ADVISOR' && channel.includes(type) && purpose !== 'COMPLIANCE') || (role === 'CUSTOMER' && purpose === 'SERVICE');
            const want = !allowed ? 'FORBIDDEN' : purpose === 'MARKETING' && (person === silent || !channel.includes(type)) ? 'CONSENT_REQUIRED' : 'OK';
            const res = await revealAs(t, callers[role], { oneId: person.oneId, types: [type], purpose });
            attempts += 1;
            const got = codeOf(res) ?? 'OK';
            // a granted cell answers the value of every stored identifier of the type (IOT devices belong to nobody: none)
            const count = got === 'OK' ? res.data!.revealIdentifiers.length : -1;
            const wantCount = want === 'OK' ? (type === 'IOT_DEVICE' ? 0 : 1) : -1;
            if (got !== want || count !== wantCount) mismatches.push(`${role} ${type} ${purpose} ${person === silent ? 'no consent' : 'consent'}: ${got}/${count}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    const logged = async (oneId: string) => (await t.ok<{ person: { accessLog: Page } }>(PERSON_LOG, { oneId, first: 1 })).person.accessLog.totalCount;
    expect((await logged(consented.oneId)) + (await logged(silent.oneId))).toBe(attempts);
  });
});
