/**
 * Life events (recordLifeEvent, Person.lifeEvents): client-chosen ids (idempotent repeats,
 * conflicting ones refused), the refusals (each BAD_USER_INPUT naming its field and writing
 * nothing), newest-first order, one statement for many people, identity merges and erasure.
 */
import { countStatements } from '../../../src/db/database';
import { createFamilyLoaders } from '../../../src/family/family.loaders';
import { codeOf, customer, email, graph, link, phone, pinnedToday, ref, seenTogether, TestApp, uid, useTestApp } from '../../kit';
import { newPerson } from './support';

/** The service's business today is pinned (future dates are deterministic); `now` runs, so recordedAt orders. */
const TODAY = '2026-06-01';
const t = useTestApp({ clock: pinnedToday(TODAY) });
const g = graph(t);

const EVENT_FIELDS = 'id kind date source recordedAt person { oneId } partner { oneId }';
const RECORD = `mutation Record($input: LifeEventInput!) { recordLifeEvent(input: $input) { ${EVENT_FIELDS} } }`;
const EVENTS = `query Events($oneId: ID!) { person(oneId: $oneId) { oneId lifeEvents { ${EVENT_FIELDS} } } }`;
const RESOLVE = `query R($identifier: IdentifierInput!) { resolveIdentity(identifier: $identifier) { oneId } }`;

interface EventOut {
  id: string;
  kind: string;
  date: string;
  source: string;
  recordedAt: string;
  person: { oneId: string };
  partner: { oneId: string } | null;
}

type Ref = { oneId: string } | { identifier: Record<string, unknown> };

const input = (person: Ref, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: uid('life'),
  person,
  kind: 'JOB_CHANGE',
  date: '2025-03-01',
  source: 'crm',
  ...extra,
});

async function record(i: Record<string, unknown>): Promise<EventOut> {
  return (await t.ok<{ recordLifeEvent: EventOut }>(RECORD, { input: i })).recordLifeEvent;
}

async function eventsOf(oneId: string, caller?: Parameters<TestApp['ok']>[2]): Promise<EventOut[]> {
  return (await t.ok<{ person: { lifeEvents: EventOut[] } }>(EVENTS, { oneId }, caller)).person.lifeEvents;
}

/** How many LifeEvent nodes carry this id (read back from the graph). */
const stored = (id: string): Promise<number> => g.count('family/life-events-by-id', { id });

async function resolves(identifier: Record<string, unknown>): Promise<string | null> {
  return (await t.ok<{ resolveIdentity: { oneId: string } | null }>(RESOLVE, { identifier })).resolveIdentity?.oneId ?? null;
}

/** The refusal: BAD_USER_INPUT whose message names `field`, and nothing stored under the id. */
async function refused(i: Record<string, unknown>, field: string): Promise<void> {
  const res = await t.gql(RECORD, { input: i });
  expect(codeOf(res)).toBe('BAD_USER_INPUT');
  expect(res.errors![0]!.message).toContain(field);
  expect(res.data?.recordLifeEvent ?? null).toBeNull();
  expect(await stored(String(i.id))).toBe(0);
}

describe('recordLifeEvent', () => {
  it('records a MARRIAGE with its partner, as the person’s event only', async () => {
    const [bride, groom] = await Promise.all([newPerson(t), newPerson(t)]);
    const i = input(ref(bride.oneId), { kind: 'MARRIAGE', date: '2026-05-20', partner: ref(groom.oneId), source: 'wedding-registry' });
    const event = await record(i);
    expect(event).toMatchObject({ id: i.id, kind: 'MARRIAGE', date: '2026-05-20', source: 'wedding-registry', person: { oneId: bride.oneId }, partner: { oneId: groom.oneId } });
    expect(Date.parse(event.recordedAt)).not.toBeNaN();
    expect(await eventsOf(bride.oneId)).toEqual([event]);
    expect(await eventsOf(groom.oneId)).toEqual([]);
    expect(await stored(String(i.id))).toBe(1);
  });

  it('accepts today and the kinds without a partner', async () => {
    const p = await newPerson(t);
    for (const kind of ['BIRTH', 'RETIREMENT', 'JOB_CHANGE', 'HOME_PURCHASE', 'DEATH']) {
      const event = await record(input(ref(p.oneId), { kind, date: TODAY }));
      expect([event.kind, event.date, event.partner]).toEqual([kind, TODAY, null]);
    }
    expect(await eventsOf(p.oneId)).toHaveLength(5);
  });

  it('is idempotent: the same id with the same content returns the stored event and writes nothing new', async () => {
    const mail = email(`${uid('le')}@life-kg.cn`);
    const [a, b] = await Promise.all([newPerson(t, {}, [mail]), newPerson(t)]);
    const i = input(ref(a.oneId), { kind: 'DIVORCE', partner: ref(b.oneId) });
    const first = await record(i);
    // Again as is, with the people given by identifiers, and with a source padded by blanks.
    expect(await record(i)).toEqual(first);
    expect(await record({ ...i, person: { identifier: a.phone }, partner: { identifier: b.phone } })).toEqual(first);
    expect(await record({ ...i, person: { identifier: mail }, source: `  ${String(i.source)} ` })).toEqual(first);
    expect(await stored(String(i.id))).toBe(1);
    expect(await eventsOf(a.oneId)).toEqual([first]);
  });

  it('refuses the same id with other content, naming what differs, and keeps the stored event', async () => {
    const [a, b, c] = await Promise.all([newPerson(t), newPerson(t), newPerson(t)]);
    const i = input(ref(a.oneId), { kind: 'MARRIAGE', date: '2024-10-01', partner: ref(b.oneId) });
    const first = await record(i);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ date: '2024-10-02' }, 'date'],
      [{ source: 'other-system' }, 'source'],
      [{ kind: 'DIVORCE' }, 'kind'],
      [{ partner: ref(c.oneId) }, 'partner'],
      [{ person: ref(c.oneId), partner: ref(b.oneId) }, 'person'],
    ];
    for (const [change, field] of cases) {
      const res = await t.gql(RECORD, { input: { ...i, ...change } });
      expect([field, codeOf(res)]).toEqual([field, 'BAD_USER_INPUT']);
      expect(res.errors![0]!.message).toMatch(new RegExp(`already recorded with a different ${field}`));
    }
    // A person nobody has yet (an unknown identifier) is not the stored one, and is not created.
    const fresh = phone();
    const res = await t.gql(RECORD, { input: { ...i, person: { identifier: fresh } } });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/different person/);
    expect(await resolves(fresh)).toBeNull();
    expect(await stored(String(i.id))).toBe(1);
    expect(await eventsOf(a.oneId)).toEqual([first]);
    expect(await eventsOf(c.oneId)).toEqual([]);
  });

  it('refuses a date in the future', async () => {
    const p = await newPerson(t);
    await refused(input(ref(p.oneId), { date: '2026-06-02' }), 'date');
    await refused(input(ref(p.oneId), { date: '2099-01-01', kind: 'BIRTH' }), 'date');
    expect(await eventsOf(p.oneId)).toEqual([]);
  });

  it('requires a partner for MARRIAGE and DIVORCE and refuses one for the other kinds', async () => {
    const [p, q] = await Promise.all([newPerson(t), newPerson(t)]);
    await refused(input(ref(p.oneId), { kind: 'MARRIAGE' }), 'partner');
    await refused(input(ref(p.oneId), { kind: 'DIVORCE', partner: null }), 'partner');
    for (const kind of ['BIRTH', 'RETIREMENT', 'JOB_CHANGE', 'HOME_PURCHASE', 'DEATH']) {
      await refused(input(ref(p.oneId), { kind, partner: ref(q.oneId) }), 'partner');
    }
    expect(await eventsOf(p.oneId)).toEqual([]);
  });

  it('refuses the person itself as partner: the same OneID, one of its identifiers, a merged-away OneID', async () => {
    const p = await newPerson(t);
    // A newer person merged into p: its OneID now resolves to p.
    const other = phone();
    const alias = (await seenTogether(t, [other])).oneId;
    const merged = await seenTogether(t, [p.phone, other]);
    expect(merged).toEqual({ oneId: p.oneId, mergedOneIds: [alias] });
    const fresh = phone();
    for (const partner of [ref(p.oneId), { identifier: p.phone }, ref(alias)]) {
      await refused(input(ref(p.oneId), { kind: 'MARRIAGE', partner }), 'partner');
    }
    // Two references to one new identifier: the same person too, and nobody is created.
    await refused(input({ identifier: fresh }, { kind: 'MARRIAGE', partner: { identifier: fresh } }), 'partner');
    expect(await resolves(fresh)).toBeNull();
    expect(await eventsOf(p.oneId)).toEqual([]);
  });

  it('refuses a source that is blank or longer than 100 characters', async () => {
    const p = await newPerson(t);
    await refused(input(ref(p.oneId), { source: '' }), 'source');
    await refused(input(ref(p.oneId), { source: '   ' }), 'source');
    await refused(input(ref(p.oneId), { source: 'x'.repeat(101) }), 'source');
    expect((await record(input(ref(p.oneId), { source: 'x'.repeat(100) }))).source).toHaveLength(100);
  });

  it('refuses a person reference with both or neither of oneId and identifier, naming it, and creates nobody', async () => {
    const p = await newPerson(t);
    const fresh = phone();
    await refused(input({ oneId: p.oneId, identifier: fresh } as unknown as Ref), 'person');
    await refused(input({} as Ref), 'person');
    await refused(input(ref(p.oneId), { kind: 'MARRIAGE', partner: { oneId: p.oneId, identifier: fresh } }), 'partner');
    expect(await resolves(fresh)).toBeNull();
    expect(await eventsOf(p.oneId)).toEqual([]);
  });

  it('refuses the whole event, creating nobody, when another field is bad', async () => {
    const [fresh, freshPartner] = [phone(), phone()];
    await refused(input({ identifier: fresh }, { kind: 'MARRIAGE', partner: { identifier: freshPartner }, date: '2030-01-01' }), 'date');
    await refused(input({ identifier: fresh }, { source: ' ' }), 'source');
    expect(await resolves(fresh)).toBeNull();
    expect(await resolves(freshPartner)).toBeNull();
  });

  it('answers NOT_FOUND for an unknown OneID and writes nothing', async () => {
    const p = await newPerson(t);
    for (const i of [input(ref(uid('nobody'))), input(ref(p.oneId), { kind: 'MARRIAGE', partner: ref(uid('nobody')) })]) {
      const res = await t.gql(RECORD, { input: i });
      expect(codeOf(res)).toBe('NOT_FOUND');
      expect(await stored(String(i.id))).toBe(0);
    }
  });

  it('creates the people that identifiers not seen before refer to', async () => {
    const [baby, mum] = [phone(), phone()];
    const event = await record(input({ identifier: baby }, { kind: 'BIRTH', date: '2026-04-04', source: 'hospital' }));
    const babyId = await resolves(baby);
    expect(babyId).not.toBeNull();
    expect(event.person.oneId).toBe(babyId);
    const wedding = await record(input({ identifier: mum }, { kind: 'MARRIAGE', partner: ref(babyId!) }));
    expect(wedding.person.oneId).toBe(await resolves(mum));
  });

  it('refuses an erased person or partner', async () => {
    const [p, gone] = await Promise.all([newPerson(t), newPerson(t)]);
    await t.app.services.identity.forget(gone.oneId);
    await refused(input(ref(gone.oneId)), 'person');
    await refused(input(ref(p.oneId), { kind: 'MARRIAGE', partner: ref(gone.oneId) }), 'partner');
  });

  it('does not remove the SPOUSE link on DIVORCE', async () => {
    const [a, b] = await Promise.all([newPerson(t), newPerson(t)]);
    await link(t, a.oneId, 'SPOUSE', b.oneId);
    await record(input(ref(a.oneId), { kind: 'DIVORCE', partner: ref(b.oneId), date: '2026-01-15' }));
    expect(await g.countLinks(a.oneId, 'SPOUSE_OF', b.oneId, true)).toBe(1);
  });
});

describe('Person.lifeEvents', () => {
  it('lists newest first: by date, then recordedAt (both descending)', async () => {
    const p = await newPerson(t);
    const a = await record(input(ref(p.oneId), { date: '2020-01-01', kind: 'JOB_CHANGE' }));
    const b = await record(input(ref(p.oneId), { date: '2024-05-05', kind: 'HOME_PURCHASE' }));
    const c = await record(input(ref(p.oneId), { date: '2022-02-02', kind: 'RETIREMENT' }));
    const d = await record(input(ref(p.oneId), { date: '2024-05-05', kind: 'JOB_CHANGE' }));
    expect(Date.parse(d.recordedAt)).toBeGreaterThan(Date.parse(b.recordedAt));
    expect((await eventsOf(p.oneId)).map((e) => e.id)).toEqual([d.id, b.id, c.id, a.id]);
  });

  it('loads the events of many people in one statement', async () => {
    const people = await Promise.all([newPerson(t), newPerson(t), newPerson(t)]);
    for (const p of people) await record(input(ref(p.oneId)));
    const loaders = createFamilyLoaders(t.app.services.family);
    const { result, statements } = await countStatements(() => Promise.all([...people.map((p) => loaders.lifeEvents.load(p.oneId)), loaders.lifeEvents.load(uid('nobody'))]));
    expect(statements).toBe(1);
    expect(result.map((events) => events.length)).toEqual([1, 1, 1, 0]);
  });

  it('follows identity merges: the survivor has the events of the merged person, also asked by the merged-away OneID', async () => {
    const survivor = await newPerson(t);
    const [loserPhone, partnerPhone] = [phone(), phone()];
    const loser = (await seenTogether(t, [loserPhone])).oneId;
    const partner = (await seenTogether(t, [partnerPhone])).oneId;
    const own = await record(input(ref(loser), { kind: 'MARRIAGE', partner: ref(partner), date: '2023-03-03' }));
    const theirs = await record(input(ref(partner), { kind: 'DIVORCE', partner: ref(loser), date: '2025-03-03' }));
    expect(await seenTogether(t, [survivor.phone, loserPhone])).toEqual({ oneId: survivor.oneId, mergedOneIds: [loser] });
    const events = await eventsOf(loser);
    expect(events.map((e) => [e.id, e.person.oneId])).toEqual([[own.id, survivor.oneId]]);
    expect((await eventsOf(partner)).map((e) => [e.id, e.partner?.oneId])).toEqual([[theirs.id, survivor.oneId]]);
    // A repeat by the merged-away OneID is the same content.
    expect((await record({ id: own.id, person: ref(loser), kind: 'MARRIAGE', partner: ref(partner), date: '2023-03-03', source: own.source })).id).toBe(own.id);
  });

  it('erasure deletes the person’s own events; an event naming it as partner keeps the placeholder', async () => {
    const [p, q] = await Promise.all([newPerson(t), newPerson(t)]);
    const own = await record(input(ref(p.oneId), { kind: 'MARRIAGE', partner: ref(q.oneId) }));
    const other = await record(input(ref(q.oneId), { kind: 'MARRIAGE', partner: ref(p.oneId) }));
    await t.app.services.identity.forget(p.oneId);
    expect(await stored(own.id)).toBe(0);
    expect(await eventsOf(p.oneId)).toEqual([]);
    expect((await eventsOf(q.oneId)).map((e) => [e.id, e.partner?.oneId])).toEqual([[other.id, p.oneId]]);
  });

  it('a customer reads its own events; another customer sees none of them', async () => {
    const [p, stranger] = await Promise.all([newPerson(t), newPerson(t)]);
    const event = await record(input(ref(p.oneId)));
    expect((await eventsOf(p.oneId, customer(p.oneId))).map((e) => e.id)).toEqual([event.id]);
    const res = await t.gql<{ person: unknown }>(EVENTS, { oneId: p.oneId }, customer(stranger.oneId));
    expect(res.data?.person ?? null).toBeNull();
  });
});
