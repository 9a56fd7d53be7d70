/**
 * Advisors over the real graph: upsertAdvisor (create, update, every refusal), advisor(advisorId)
 * and the Advisor fields (status of a never-upserted advisorId, householdCount, batching),
 * who may read what (an ADVISOR only itself, a LEFT advisor nothing), orphanHouseholds
 * (order, pages, refusals) and reassignHouseholds (all or nothing, every refusal).
 * Every test makes its own data with unique ids.
 */
import { advisor as advisorCaller, codeOf, counted, customer, graph, newAdvisor, newHousehold, newPerson, uid, useTestApp, type Caller, type GqlResponse } from '../../kit';

// Each test makes several dozen requests, and a shared machine can be slow.
jest.setTimeout(240_000);

const t = useTestApp();
const g = graph(t);

interface AdvisorView {
  advisorId: string;
  name: string | null;
  status: 'ACTIVE' | 'LEFT';
  team: string | null;
  householdCount: number;
}

interface OrphanPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: { id: string; advisor: { advisorId: string } | null } }>;
}

const ADVISOR_FIELDS = 'advisorId name status team householdCount';
const ADVISOR = `query Advisor($id: ID!) { advisor(advisorId: $id) { ${ADVISOR_FIELDS} } }`;
const UPSERT = `mutation Upsert($input: AdvisorInput!) { upsertAdvisor(input: $input) { ${ADVISOR_FIELDS} } }`;
const ORPHANS = `query Orphans($first: Int, $after: String) {
  orphanHouseholds(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id advisor { advisorId } } } }
}`;
const REASSIGN = `mutation Reassign($input: ReassignInput!) { reassignHouseholds(input: $input) { moved } }`;

const upsert = (input: Record<string, unknown>, caller?: Caller | null) => t.gql<{ upsertAdvisor: AdvisorView }>(UPSERT, { input }, caller);
const readAdvisor = async (id: string): Promise<AdvisorView | null> => (await t.ok<{ advisor: AdvisorView | null }>(ADVISOR, { id })).advisor;
const reassign = (input: Record<string, unknown>, caller?: Caller | null) => t.gql<{ reassignHouseholds: { moved: number } }>(REASSIGN, { input }, caller);
const orphans = (first?: number | null, after?: string | null, caller?: Caller | null) => t.gql<{ orphanHouseholds: OrphanPage }>(ORPHANS, { first, after }, caller);

/** The stored advisorId of each household, as the graph has it. */
async function advisorsOf(ids: string[]): Promise<Array<string | null>> {
  const rows = await g.rows<{ id: string; advisorId: string | null }>('family/households-by-id', { householdIds: ids });
  const by = new Map(rows.map((r) => [r.id, r.advisorId]));
  return ids.map((id) => by.get(id) ?? null);
}

const advisorNodes = (advisorId: string): Promise<number> => g.count('advisors/advisors-by-id', { advisorId });

/** A household of one new person, assigned to `advisorId` (or to nobody); returns its id and the member's OneID. */
async function household(advisorId: string | null): Promise<{ id: string; oneId: string }> {
  const p = await newPerson(t, { birthDate: '1985-03-01', annualIncome: 300_000 });
  const id = await newHousehold(t, [[p.oneId, 'BREADWINNER']], advisorId ? { advisorId } : {});
  return { id, oneId: p.oneId };
}

/** Set the stored ACTIVE annual premium (maintained by the work-list writes in production) directly. */
const setPremium = (id: string, premium: number): Promise<void> => g.write('family/set-active-premium', { id, premium });

/** The BAD_USER_INPUT field named by a failed operation (message starts with it; extensions.field is it). */
function badField(res: GqlResponse): string {
  expect(codeOf(res)).toBe('BAD_USER_INPUT');
  const err = res.errors![0]!;
  expect(err.message.startsWith(String(err.extensions?.field))).toBe(true);
  return String(err.extensions?.field);
}

describe('upsertAdvisor', () => {
  it('creates an ACTIVE advisor, updates it, keeps what is absent and clears what is null', async () => {
    const id = uid('adv');
    const created = await upsert({ advisorId: id, name: 'Wang Li', team: 'Shanghai 3' });
    expect(created.errors).toBeUndefined();
    expect(created.data!.upsertAdvisor).toEqual({ advisorId: id, name: 'Wang Li', status: 'ACTIVE', team: 'Shanghai 3', householdCount: 0 });

    // status null keeps ACTIVE; absent team keeps the team.
    await t.ok(UPSERT, { input: { advisorId: id, name: 'Wang Li Jr', status: null } });
    expect(await readAdvisor(id)).toEqual({ advisorId: id, name: 'Wang Li Jr', status: 'ACTIVE', team: 'Shanghai 3', householdCount: 0 });

    await t.ok(UPSERT, { input: { advisorId: id, status: 'LEFT' } });
    expect(await readAdvisor(id)).toMatchObject({ name: 'Wang Li Jr', status: 'LEFT', team: 'Shanghai 3' });
    // status null keeps LEFT; explicit null clears the team.
    await t.ok(UPSERT, { input: { advisorId: id, team: null, status: null } });
    expect(await readAdvisor(id)).toMatchObject({ name: 'Wang Li Jr', status: 'LEFT', team: null });
    await t.ok(UPSERT, { input: { advisorId: id, status: 'ACTIVE' } });
    expect((await readAdvisor(id))!.status).toBe('ACTIVE');
    expect(await advisorNodes(id)).toBe(1);

    // A new advisor created LEFT; advisorId is trimmed like assignAdvisor trims it.
    const gone = uid('adv');
    await t.ok(UPSERT, { input: { advisorId: `  ${gone} `, status: 'LEFT' } });
    expect(await readAdvisor(gone)).toEqual({ advisorId: gone, name: null, status: 'LEFT', team: null, householdCount: 0 });
  });

  it('refuses a bad advisorId, name or team with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const fresh = uid('adv');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ advisorId: '' }, 'advisorId'],
      [{ advisorId: '   ' }, 'advisorId'],
      [{ advisorId: 'x'.repeat(129) }, 'advisorId'],
      [{ advisorId: fresh, name: 'n'.repeat(201) }, 'name'],
      [{ advisorId: fresh, team: 't'.repeat(201) }, 'team'],
    ];
    for (const [input, field] of cases) expect([field, badField(await upsert(input))]).toEqual([field, field]);
    expect(await advisorNodes('')).toBe(0);
    expect(await advisorNodes('x'.repeat(129))).toBe(0);
    expect(await advisorNodes(fresh)).toBe(0);
    expect(await readAdvisor(fresh)).toBeNull();

    // Limits are inclusive: 128-character id, 200-character name and team (characters = code points).
    const long = `${uid('a')}${'x'.repeat(128)}`.slice(0, 128);
    const ok = await upsert({ advisorId: long, name: '\u{20000}'.repeat(200), team: 't'.repeat(200) });
    expect(ok.errors).toBeUndefined();

    // A refused update leaves the stored record as it was.
    const id = uid('adv');
    await t.ok(UPSERT, { input: { advisorId: id, name: 'Before', team: 'T1' } });
    expect(badField(await upsert({ advisorId: id, name: 'After', team: 't'.repeat(201), status: 'LEFT' }))).toBe('team');
    expect(await readAdvisor(id)).toMatchObject({ name: 'Before', team: 'T1', status: 'ACTIVE' });
  });

  it('is for ADMIN and INGEST only', async () => {
    const id = uid('adv');
    expect(codeOf(await upsert({ advisorId: id }, advisorCaller(id)))).toBe('FORBIDDEN');
    expect(codeOf(await upsert({ advisorId: id }, customer(uid('c'))))).toBe('FORBIDDEN');
    expect(codeOf(await upsert({ advisorId: id }, null))).toBe('UNAUTHENTICATED');
    expect(await advisorNodes(id)).toBe(0);
    expect((await upsert({ advisorId: id, name: 'Ingested' }, { role: 'INGEST', sub: 'hr-sync' })).errors).toBeUndefined();
  });
});

describe('advisor(advisorId) and the Advisor fields', () => {
  it('null when unknown; ACTIVE with no name for an advisorId households reference but never upserted; householdCount', async () => {
    expect(await readAdvisor(uid('nobody'))).toBeNull();
    const asIngest = await t.gql<{ advisor: AdvisorView | null }>(ADVISOR, { id: uid('nobody') }, { role: 'INGEST', sub: 'x' });
    expect(asIngest.errors).toBeUndefined();
    expect(asIngest.data!.advisor).toBeNull();

    const referenced = uid('adv');
    const h1 = await household(referenced);
    await household(referenced);
    await household(referenced);
    expect(await readAdvisor(referenced)).toEqual({ advisorId: referenced, name: null, status: 'ACTIVE', team: null, householdCount: 3 });
    expect(await advisorNodes(referenced)).toBe(0);

    // Through Household.advisor too.
    const data = await t.ok<{ household: { advisor: AdvisorView } }>(`query($id: ID!) { household(id: $id) { advisor { ${ADVISOR_FIELDS} } } }`, { id: h1.id });
    expect(data.household.advisor).toEqual({ advisorId: referenced, name: null, status: 'ACTIVE', team: null, householdCount: 3 });

    // Moving one away lowers the count; upserting keeps it.
    await t.ok('mutation($h: ID!, $a: ID!) { assignAdvisor(householdId: $h, advisorId: $a) { id } }', { h: h1.id, a: uid('adv') });
    await t.ok(UPSERT, { input: { advisorId: referenced, name: 'Now known' } });
    expect(await readAdvisor(referenced)).toEqual({ advisorId: referenced, name: 'Now known', status: 'ACTIVE', team: null, householdCount: 2 });
  });

  it('loads advisors and household counts in one statement each, however many advisors a request reads', async () => {
    const ids = [uid('adv'), uid('adv'), uid('adv'), uid('adv')];
    await t.ok(UPSERT, { input: { advisorId: ids[0], name: 'A' } });
    await household(ids[1]!);
    await household(ids[2]!);
    await household(ids[2]!);
    const query = `query ManyAdvisors($a: ID!, $b: ID!, $c: ID!, $d: ID!) {
      a: advisor(advisorId: $a) { ${ADVISOR_FIELDS} }
      b: advisor(advisorId: $b) { ${ADVISOR_FIELDS} }
      c: advisor(advisorId: $c) { ${ADVISOR_FIELDS} }
      d: advisor(advisorId: $d) { ${ADVISOR_FIELDS} }
    }`;
    const { data, statements } = await counted<Record<string, AdvisorView | null>>(t, query, 'ManyAdvisors', { a: ids[0], b: ids[1], c: ids[2], d: ids[3] });
    expect(data.a).toMatchObject({ name: 'A', householdCount: 0, status: 'ACTIVE' });
    expect(data.b).toMatchObject({ name: null, householdCount: 1, status: 'ACTIVE' });
    expect(data.c).toMatchObject({ householdCount: 2 });
    expect(data.d).toBeNull();
    expect(statements).toBe(2);
  });

  it('an ADVISOR reads only itself: another advisor and an unknown advisorId answer the same FORBIDDEN; a CUSTOMER reads none', async () => {
    const me = uid('adv');
    const other = uid('adv');
    const { id: hid } = await household(me);
    await t.ok(UPSERT, { input: { advisorId: me, name: 'Me', team: 'T' } });
    await t.ok(UPSERT, { input: { advisorId: other, name: 'Other' } });

    const own = await t.gql<{ advisor: AdvisorView }>(ADVISOR, { id: me }, advisorCaller(me));
    expect(own.errors).toBeUndefined();
    expect(own.data!.advisor).toEqual({ advisorId: me, name: 'Me', status: 'ACTIVE', team: 'T', householdCount: 1 });

    const another = await t.gql(ADVISOR, { id: other }, advisorCaller(me));
    const unknown = await t.gql(ADVISOR, { id: uid('nobody') }, advisorCaller(me));
    expect(codeOf(another)).toBe('FORBIDDEN');
    expect(codeOf(unknown)).toBe('FORBIDDEN');
    expect(another.data).toEqual(unknown.data);
    expect(another.errors!.map((e) => [e.message, e.extensions])).toEqual(unknown.errors!.map((e) => [e.message, e.extensions]));
    // Its own advisorId before any household or upsert is unknown as well.
    const lonely = uid('adv');
    expect(codeOf(await t.gql(ADVISOR, { id: lonely }, advisorCaller(lonely)))).toBe('FORBIDDEN');

    // Its own record through its household.
    const viaHousehold = await t.gql<{ household: { advisor: AdvisorView } }>(
      `query($id: ID!) { household(id: $id) { advisor { ${ADVISOR_FIELDS} } } }`,
      { id: hid },
      advisorCaller(me),
    );
    expect(viaHousehold.errors).toBeUndefined();
    expect(viaHousehold.data!.household.advisor).toMatchObject({ advisorId: me, name: 'Me' });

    // CUSTOMER: not advisor(advisorId), not the new Advisor fields of its own household's advisor.
    const { id: chid, oneId } = await household(me);
    expect(codeOf(await t.gql(ADVISOR, { id: me }, customer(oneId)))).toBe('FORBIDDEN');
    const asCustomer = await t.gql<{ household: { advisor: { advisorId: string; name: string | null } } }>(
      'query($id: ID!) { household(id: $id) { id advisor { advisorId name } } }',
      { id: chid },
      customer(oneId),
    );
    expect(codeOf(asCustomer)).toBe('FORBIDDEN');
    expect(asCustomer.data!.household.advisor).toEqual({ advisorId: me, name: null });
  });
});

describe('a LEFT advisor reads nothing', () => {
  it('household, person, crossSellOpportunities, advisor, invitation and referralStats answer FORBIDDEN to its own token', async () => {
    const me = uid('adv');
    const { id: hid, oneId } = await household(me);
    await t.ok(UPSERT, { input: { advisorId: me, name: 'Leaving' } });
    const invitationId = uid('inv');
    await t.ok('mutation($i: InvitationInput!) { recordInvitation(input: $i) { id } }', {
      i: { id: invitationId, inviter: { oneId }, channel: 'sms', advisorId: me, sentAt: '2026-01-01T00:00:00Z' },
    });
    const token = advisorCaller(me);
    const reads: Array<[string, string, Record<string, unknown>]> = [
      ['household', 'query($id: ID!) { household(id: $id) { id } }', { id: hid }],
      ['person', 'query($o: ID!) { person(oneId: $o) { oneId displayName } }', { o: oneId }],
      ['crossSellOpportunities', 'query($a: ID!) { crossSellOpportunities(advisorId: $a) { totalCount } }', { a: me }],
      ['advisor', ADVISOR, { id: me }],
      ['invitation', 'query($id: ID!) { invitation(id: $id) { id } }', { id: invitationId }],
      ['referralStats', 'query($a: ID) { referralStats(filter: { advisorId: $a }) { invited } }', { a: me }],
    ];
    /** Every read answers without errors to `token`. */
    const expectAllRead = async (): Promise<void> => {
      for (const [name, query, variables] of reads) {
        const res = await t.gql(query, variables, token);
        expect([name, res.errors]).toEqual([name, undefined]);
      }
    };
    await expectAllRead();

    const left = await upsert({ advisorId: me, status: 'LEFT' });
    expect(left.data!.upsertAdvisor).toMatchObject({ status: 'LEFT', householdCount: 1 });
    for (const [name, query, variables] of reads) {
      const res = await t.gql(query, variables, token);
      expect([name, codeOf(res)]).toEqual([name, 'FORBIDDEN']);
    }
    // It keeps its households until they are reassigned; they are orphans meanwhile.
    expect(await advisorsOf([hid])).toEqual([me]);
    await setPremium(hid, Date.now() * 1000);
    const top = await orphans(1);
    expect(top.data!.orphanHouseholds.edges.map((e) => e.node)).toEqual([{ id: hid, advisor: { advisorId: me } }]);

    // Back to ACTIVE: it reads again.
    await t.ok(UPSERT, { input: { advisorId: me, status: 'ACTIVE' } });
    await expectAllRead();
  });
});

describe('orphanHouseholds', () => {
  it('lists households with no advisor or a LEFT one, largest ACTIVE premium first, then id, page by page', async () => {
    const gone = uid('adv');
    const active = uid('adv');
    const referenced = uid('adv');
    await t.ok(UPSERT, { input: { advisorId: gone } });
    await t.ok(UPSERT, { input: { advisorId: active } });
    const none1 = await household(null);
    const none2 = await household(null);
    const none3 = await household(null);
    const left1 = await household(gone);
    const left2 = await household(gone);
    const activeH = await household(active);
    const referencedH = await household(referenced);
    await t.ok(UPSERT, { input: { advisorId: gone, status: 'LEFT' } });

    // Premiums above anything other tests store, so these households lead the list.
    const base = Date.now() * 1000;
    await setPremium(none1.id, base + 500);
    await setPremium(left1.id, base + 900);
    await setPremium(none2.id, base + 300); // tie with left2: broken by id
    await setPremium(left2.id, base + 300);
    await setPremium(none3.id, base + 100);
    await setPremium(activeH.id, base + 2000); // not an orphan
    await setPremium(referencedH.id, base + 2000); // not an orphan
    const tie = [none2.id, left2.id].sort();
    const expected = [left1.id, none1.id, ...tie, none3.id];

    const all = (await orphans(5)).data!.orphanHouseholds;
    expect(all.edges.map((e) => e.node.id)).toEqual(expected);
    expect(all.edges.find((e) => e.node.id === left1.id)!.node.advisor).toEqual({ advisorId: gone });
    expect(all.edges.find((e) => e.node.id === none1.id)!.node.advisor).toBeNull();
    expect(all.totalCount).toBeGreaterThanOrEqual(5);
    expect(all.pageInfo.endCursor).toBe(all.edges[4]!.cursor);

    // Pages of 2 walk the same order, each page after the previous one's endCursor.
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i += 1) {
      const res: GqlResponse<{ orphanHouseholds: OrphanPage }> = await orphans(2, after);
      expect(res.errors).toBeUndefined();
      const pageData: OrphanPage = res.data!.orphanHouseholds;
      expect(pageData.edges.length).toBeLessThanOrEqual(2);
      expect(pageData.pageInfo.hasNextPage).toBe(pageData.totalCount > seen.length + pageData.edges.length);
      seen.push(...pageData.edges.map((e) => e.node.id));
      after = pageData.pageInfo.endCursor;
    }
    expect(seen.slice(0, 5)).toEqual(expected);
    // After the middle of the tie, the other tied household comes next.
    const middle = all.edges[2]!.cursor;
    expect((await orphans(2, middle)).data!.orphanHouseholds.edges.map((e) => e.node.id)).toEqual([tie[1], none3.id]);

    // Reassigning an orphan takes it off the list.
    await t.ok(REASSIGN, { input: { householdIds: [left1.id], toAdvisorId: active } });
    await setPremium(left1.id, base + 900);
    const after1 = (await orphans(4)).data!.orphanHouseholds.edges.map((e) => e.node.id);
    expect(after1).toEqual([none1.id, ...tie, none3.id]);
  });

  it('refuses first outside 1..100 and a bad cursor (BAD_USER_INPUT), and callers other than ADMIN and INGEST', async () => {
    for (const first of [0, -1, 101]) expect(badField(await orphans(first))).toBe('first');
    const good = (await orphans(1)).data!.orphanHouseholds.pageInfo.endCursor;
    const crossSellShaped = Buffer.from(JSON.stringify({ s: 1, id: 'x' })).toString('base64url');
    for (const after of ['', 'not a cursor', '!!!', crossSellShaped, Buffer.from('{"k":"orphan","p":"1","id":"x"}').toString('base64url'), `${good ?? 'x'}A`]) {
      expect([after, badField(await orphans(2, after))]).toEqual([after, 'after']);
    }
    const ingest = await orphans(1, null, { role: 'INGEST', sub: 'x' });
    expect(ingest.errors).toBeUndefined();
    expect(ingest.data!.orphanHouseholds.totalCount).toBeGreaterThan(0);
    expect(codeOf(await orphans(1, null, advisorCaller(uid('adv'))))).toBe('FORBIDDEN');
    expect(codeOf(await orphans(1, null, customer(uid('c'))))).toBe('FORBIDDEN');
    expect(codeOf(await orphans(1, null, null))).toBe('UNAUTHENTICATED');
  });
});

describe('reassignHouseholds', () => {
  it('moves listed households to an ACTIVE advisor and counts those whose advisor changed', async () => {
    const from = uid('adv');
    const to = uid('adv');
    await newAdvisor(t, { advisorId: to, name: 'Receiver' });
    const a = await household(from);
    const b = await household(null);
    const c = await household(to);
    const res = await reassign({ householdIds: [a.id, b.id, c.id, a.id], toAdvisorId: to });
    expect(res.errors).toBeUndefined();
    expect(res.data!.reassignHouseholds).toEqual({ moved: 2 });
    expect(await advisorsOf([a.id, b.id, c.id])).toEqual([to, to, to]);
    expect((await readAdvisor(to))!.householdCount).toBe(3);
    // The receiver now reads them with its own token.
    const read = await t.gql<{ household: { id: string } }>('query($id: ID!) { household(id: $id) { id } }', { id: b.id }, advisorCaller(to));
    expect(read.data!.household).toEqual({ id: b.id });
    // Again: nothing changes.
    expect((await t.ok<{ reassignHouseholds: { moved: number } }>(REASSIGN, { input: { householdIds: [a.id], toAdvisorId: to } })).reassignHouseholds.moved).toBe(0);
  });

  it('moves every household of fromAdvisorId, to an advisorId that households reference but never upserted', async () => {
    const gone = uid('adv');
    const to = uid('adv');
    await household(to); // referenced, never upserted: ACTIVE
    const hs = [await household(gone), await household(gone), await household(gone)];
    await newAdvisor(t, { advisorId: gone, status: 'LEFT' });
    const res = await reassign({ fromAdvisorId: gone, toAdvisorId: to }, { role: 'INGEST', sub: 'crm' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.reassignHouseholds.moved).toBe(3);
    expect(await advisorsOf(hs.map((h) => h.id))).toEqual([to, to, to]);
    expect(await readAdvisor(gone)).toMatchObject({ status: 'LEFT', householdCount: 0 });
    expect(await readAdvisor(to)).toMatchObject({ status: 'ACTIVE', householdCount: 4 });
    // An advisor with no households left moves nothing.
    expect((await t.ok<{ reassignHouseholds: { moved: number } }>(REASSIGN, { input: { fromAdvisorId: gone, toAdvisorId: to } })).reassignHouseholds.moved).toBe(0);
  });

  it('is all or nothing: one unknown household id moves none (BAD_USER_INPUT naming householdIds)', async () => {
    const from = uid('adv');
    const to = uid('adv');
    await newAdvisor(t, { advisorId: to });
    const hs = [await household(from), await household(from)];
    const missing = uid('hh-missing');
    const res = await reassign({ householdIds: [hs[0]!.id, missing, hs[1]!.id], toAdvisorId: to });
    expect(badField(res)).toBe('householdIds');
    expect(res.errors![0]!.message).toContain(missing);
    expect(await advisorsOf(hs.map((h) => h.id))).toEqual([from, from]);
  });

  it('refuses a bad toAdvisorId, fromAdvisorId or householdIds naming the field, and moves nothing', async () => {
    const from = uid('adv');
    const gone = uid('adv');
    const active = uid('adv');
    await newAdvisor(t, { advisorId: gone, status: 'LEFT' });
    await newAdvisor(t, { advisorId: active });
    const hs = [await household(from), await household(null)];
    const ids = hs.map((h) => h.id);
    const tooMany = Array.from({ length: 1001 }, (_, i) => `${ids[0]}-${i}`);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ householdIds: ids, toAdvisorId: uid('nobody') }, 'toAdvisorId'],
      [{ householdIds: ids, toAdvisorId: gone }, 'toAdvisorId'],
      [{ fromAdvisorId: from, toAdvisorId: gone }, 'toAdvisorId'],
      [{ householdIds: ids, toAdvisorId: '' }, 'toAdvisorId'],
      [{ householdIds: ids, toAdvisorId: 'x'.repeat(129) }, 'toAdvisorId'],
      [{ toAdvisorId: active }, 'householdIds'],
      [{ householdIds: ids, fromAdvisorId: from, toAdvisorId: active }, 'householdIds'],
      [{ householdIds: [], toAdvisorId: active }, 'householdIds'],
      [{ householdIds: tooMany, toAdvisorId: active }, 'householdIds'],
      [{ fromAdvisorId: '  ', toAdvisorId: active }, 'fromAdvisorId'],
      [{ fromAdvisorId: 'x'.repeat(129), toAdvisorId: active }, 'fromAdvisorId'],
    ];
    for (const [input, field] of cases) {
      const res = await reassign(input);
      expect([JSON.stringify(input).slice(0, 80), badField(res)]).toEqual([JSON.stringify(input).slice(0, 80), field]);
    }
    expect(await advisorsOf(ids)).toEqual([from, null]);
    expect(await advisorNodes(uid('nobody'))).toBe(0);

    // The limit is inclusive: 1000 ids are accepted as a size (and then must all exist).
    const thousand = await reassign({ householdIds: [...ids, ...tooMany.slice(0, 998)], toAdvisorId: active });
    expect(badField(thousand)).toBe('householdIds');
    expect(thousand.errors![0]!.message).toContain('unknown household');
    expect(await advisorsOf(ids)).toEqual([from, null]);
  });

  it('is for ADMIN and INGEST only', async () => {
    const from = uid('adv');
    const to = uid('adv');
    await newAdvisor(t, { advisorId: to });
    const h = await household(from);
    expect(codeOf(await reassign({ householdIds: [h.id], toAdvisorId: to }, advisorCaller(to)))).toBe('FORBIDDEN');
    expect(codeOf(await reassign({ householdIds: [h.id], toAdvisorId: to }, advisorCaller(from)))).toBe('FORBIDDEN');
    expect(codeOf(await reassign({ householdIds: [h.id], toAdvisorId: to }, customer(h.oneId)))).toBe('FORBIDDEN');
    expect(await advisorsOf([h.id])).toEqual([from]);
  });
});
