import fc from 'fast-check';
import type { IdentifierType } from '../../../src/identity/identifier';
import {
  planIdentityEvents,
  type EventAttributes,
  type IdentitySnapshot,
  type PersonAttributes,
  type PlanOutput,
  type PlannerEvent,
  type PlannerIdentifier,
} from '../../../src/identity/planner';
import { DEFAULT_IDENTITY_RULES, limitKey } from '../../../src/identity/rules';

// ---------------------------------------------------------------- fixtures

/** Test identifiers use a readable key: TYPE|namespace|value. */
function ident(type: IdentifierType, value: string, namespace: string | null = null): PlannerIdentifier {
  return { type, namespace, value, key: `${type}|${namespace ?? ''}|${value}`, masked: `m(${value})` };
}
const phone = (n: number) => ident('PHONE', `+86138000000${String(n).padStart(2, '0')}`);
const email = (name: string) => ident('EMAIL', `${name}@qq.com`);
const nid = (n: number) => ident('NATIONAL_ID', `NID${n}`);
const account = (value: string, ns = 'crm') => ident('ACCOUNT', value, ns);
const tv = (value: string) => ident('IOT_DEVICE', value, 'tv');

const NOW = Date.parse('2026-05-01T00:00:00Z');
const T = (day: number) => `2026-04-${String(day).padStart(2, '0')}T08:00:00Z`;

function emptySnapshot(): IdentitySnapshot {
  return { identifiers: new Map(), persons: new Map(), seenEventIds: new Set(), erasedKeys: new Set() };
}

interface PersonFixture {
  oneId: string;
  createdAt: number;
  ids: PlannerIdentifier[];
  shared?: PlannerIdentifier[];
  attributes?: PersonAttributes;
  mergedOneIds?: string[];
}

function withPersons(...persons: PersonFixture[]): IdentitySnapshot {
  const snapshot = emptySnapshot();
  for (const p of persons) {
    const all = [...p.ids, ...(p.shared ?? [])];
    snapshot.persons.set(p.oneId, {
      oneId: p.oneId,
      createdAt: p.createdAt,
      identifierKeys: all.map((id) => id.key),
      attributes: p.attributes ?? {},
      mergedOneIds: p.mergedOneIds,
    });
    for (const id of all) {
      snapshot.identifiers.set(id.key, {
        key: id.key,
        type: id.type,
        namespace: id.namespace,
        masked: id.masked,
        shared: (p.shared ?? []).includes(id),
        personId: p.oneId,
        firstSeenAt: T(1),
        lastSeenAt: T(1),
      });
    }
  }
  return snapshot;
}

function event(
  eventId: string,
  identifiers: PlannerIdentifier[],
  observedAt = T(10),
  attributes?: EventAttributes,
): PlannerEvent {
  return { eventId, source: 'app', observedAt, identifiers, attributes };
}

function oneIds(): () => string {
  let n = 0;
  return () => `P${++n}`;
}

function plan(snapshot: IdentitySnapshot, events: PlannerEvent[]): PlanOutput {
  return planIdentityEvents({ snapshot, events, rules: DEFAULT_IDENTITY_RULES, newOneId: oneIds(), now: NOW });
}

/** Per event of the batch, in order: [its OneID, the OneIDs merged into it]. */
function mergesOf(output: PlanOutput): Array<[string | null, string[]]> {
  return output.results.map((r) => [r.oneId, r.mergedOneIds]);
}

function ownerOf(output: PlanOutput, id: PlannerIdentifier): string | null | undefined {
  return output.plan.identifiers.find((row) => row.key === id.key)?.personOneId;
}

function row(output: PlanOutput, id: PlannerIdentifier) {
  const found = output.plan.identifiers.find((r) => r.key === id.key);
  if (!found) throw new Error(`no identifier row for ${id.key}`);
  return found;
}

// ------------------------------------------------------------------- tests

describe('planIdentityEvents: new people', () => {
  it('creates one person for identifiers seen together', () => {
    const out = plan(emptySnapshot(), [event('e1', [email('zs'), phone(1)])]);
    expect(out.results).toEqual([{ eventId: 'e1', oneId: 'P1', mergedOneIds: [], duplicate: false }]);
    expect(out.plan.persons).toEqual([{ oneId: 'P1', createdAt: NOW }]);
    expect(ownerOf(out, phone(1))).toBe('P1');
    expect(ownerOf(out, email('zs'))).toBe('P1');
    // primary is the phone (PHONE outranks EMAIL), whatever the input order
    expect(out.plan.evidence).toEqual([
      { fromKey: phone(1).key, toKey: email('zs').key, eventId: 'e1', source: 'app', observedAt: T(10), blocked: false },
    ]);
    expect(out.plan.events).toEqual([{ eventId: 'e1', source: 'app', observedAt: T(10) }]);
  });

  it('a single unseen identifier creates a person; createdAt follows creation order', () => {
    const out = plan(emptySnapshot(), [event('e1', [phone(1)]), event('e2', [phone(2)])]);
    expect(out.plan.persons).toEqual([
      { oneId: 'P1', createdAt: NOW },
      { oneId: 'P2', createdAt: NOW + 1 },
    ]);
    expect(out.plan.evidence).toEqual([]);
  });

  it('writes identifier rows with masked form, first and last seen', () => {
    const out = plan(emptySnapshot(), [event('e1', [phone(1)], T(12)), event('e2', [phone(1)], T(5))]);
    expect(row(out, phone(1))).toEqual({
      key: phone(1).key,
      type: 'PHONE',
      namespace: null,
      masked: phone(1).masked,
      shared: false,
      personOneId: 'P1',
      firstSeenAt: T(5),
      lastSeenAt: T(12),
    });
  });
});

describe('planIdentityEvents: merging', () => {
  it('merges two existing persons; the older survives', () => {
    const snapshot = withPersons(
      { oneId: 'A', createdAt: 100, ids: [phone(1)] },
      { oneId: 'B', createdAt: 200, ids: [email('zs')] },
    );
    const out = plan(snapshot, [event('e1', [phone(1), email('zs')])]);
    expect(out.results[0]).toEqual({ eventId: 'e1', oneId: 'A', mergedOneIds: ['B'], duplicate: false });
    expect(out.plan.merges).toEqual([{ from: 'B', into: 'A', eventId: 'e1', kind: 'merge' }]);
    expect(ownerOf(out, email('zs'))).toBe('A');
    expect(out.plan.persons).toEqual([]);
  });

  it('the older person survives even when the owner (primary) is the younger one', () => {
    const snapshot = withPersons(
      { oneId: 'Young', createdAt: 900, ids: [nid(1)] },
      { oneId: 'Old', createdAt: 100, ids: [phone(1)] },
    );
    const out = plan(snapshot, [event('e1', [phone(1), nid(1)])]);
    expect(out.results[0]).toMatchObject({ oneId: 'Old', mergedOneIds: ['Young'] });
    expect(ownerOf(out, nid(1))).toBe('Old');
  });

  it('on equal createdAt the smaller OneID survives', () => {
    const snapshot = withPersons(
      { oneId: 'Z', createdAt: 100, ids: [nid(1)] },
      { oneId: 'M', createdAt: 100, ids: [phone(1)] },
    );
    const out = plan(snapshot, [event('e1', [nid(1), phone(1)])]);
    expect(out.results[0]).toMatchObject({ oneId: 'M', mergedOneIds: ['Z'] });
  });

  it('merges transitively across events of one batch', () => {
    const out = plan(emptySnapshot(), [
      event('e1', [phone(1), email('a')]),
      event('e2', [phone(2), email('b')]),
      event('e3', [email('a'), email('b')]),
    ]);
    expect(mergesOf(out)).toEqual([
      ['P1', []],
      ['P2', []],
      ['P1', ['P2']],
    ]);
    for (const id of [phone(1), phone(2), email('a'), email('b')]) expect(ownerOf(out, id)).toBe('P1');
    expect(out.plan.merges).toEqual([{ from: 'P2', into: 'P1', eventId: 'e3', kind: 'merge' }]);
    expect(out.plan.persons.map((p) => p.oneId)).toEqual(['P1', 'P2']);
  });

  it('merges several persons in one event, each into the oldest', () => {
    const snapshot = withPersons(
      { oneId: 'A', createdAt: 300, ids: [account('u1')] },
      { oneId: 'B', createdAt: 200, ids: [phone(1)] },
      { oneId: 'C', createdAt: 100, ids: [email('c')] },
    );
    const out = plan(snapshot, [event('e1', [email('c'), phone(1), account('u1')])]);
    expect(out.results[0]).toMatchObject({ oneId: 'C', mergedOneIds: ['A', 'B'] });
    expect(out.plan.merges).toEqual([
      { from: 'A', into: 'C', eventId: 'e1', kind: 'merge' },
      { from: 'B', into: 'C', eventId: 'e1', kind: 'merge' },
    ]);
    for (const id of [account('u1'), phone(1), email('c')]) expect(ownerOf(out, id)).toBe('C');
  });

  it('repoints merged-away OneIDs on chained merges (in the batch and from the snapshot)', () => {
    const snapshot = withPersons(
      { oneId: 'X', createdAt: 100, ids: [nid(9)] },
      { oneId: 'Y', createdAt: 150, ids: [email('y')], mergedOneIds: ['OLD1'] },
    );
    const out = plan(snapshot, [
      event('e1', [phone(1)]), // P1
      event('e2', [phone(2)]), // P2
      event('e3', [phone(1), phone(2)]), // P2 -> P1
      event('e4', [phone(1), email('y')]), // P1 -> Y (older), OLD1 follows
      event('e5', [nid(9), email('y')]), // Y -> X, with P1, P2 and OLD1
    ]);
    expect(mergesOf(out)).toEqual([
      ['P1', []],
      ['P2', []],
      ['P1', ['P2']],
      ['Y', ['P1']],
      ['X', ['Y']],
    ]);
    expect(out.plan.merges).toEqual([
      { from: 'P2', into: 'X', eventId: 'e3', kind: 'merge' },
      { from: 'P1', into: 'X', eventId: 'e4', kind: 'merge' },
      { from: 'Y', into: 'X', eventId: 'e5', kind: 'merge' },
      { from: 'OLD1', into: 'X', eventId: 'e5', kind: 'repoint' },
    ]);
    for (const id of [phone(1), phone(2), email('y'), nid(9)]) expect(ownerOf(out, id)).toBe('X');
  });

  it('a new primary joins an existing person without minting a throw-away OneID', () => {
    const snapshot = withPersons({ oneId: 'A', createdAt: 100, ids: [phone(1)] });
    const newOneId = jest.fn(() => 'NEW');
    const out = planIdentityEvents({
      snapshot,
      events: [event('e1', [nid(1), phone(1)])],
      rules: DEFAULT_IDENTITY_RULES,
      newOneId,
      now: NOW,
    });
    expect(out.results[0]).toEqual({ eventId: 'e1', oneId: 'A', mergedOneIds: [], duplicate: false });
    expect(newOneId).not.toHaveBeenCalled();
    expect(out.plan.persons).toEqual([]);
    expect(ownerOf(out, nid(1))).toBe('A');
    expect(out.plan.evidence[0]).toMatchObject({ fromKey: nid(1).key, toKey: phone(1).key, blocked: false });
  });

  it('does not mutate the snapshot', () => {
    const snapshot = withPersons(
      { oneId: 'A', createdAt: 100, ids: [phone(1)] },
      { oneId: 'B', createdAt: 200, ids: [email('zs')] },
    );
    const before = JSON.stringify([...snapshot.identifiers, ...snapshot.persons]);
    plan(snapshot, [event('e1', [phone(1), email('zs'), phone(3)])]);
    expect(JSON.stringify([...snapshot.identifiers, ...snapshot.persons])).toBe(before);
    expect(snapshot.seenEventIds.size).toBe(0);
  });
});

describe('planIdentityEvents: limits and shared identifiers', () => {
  it('a recycled phone between two national IDs becomes shared and its evidence blocked', () => {
    const snapshot = withPersons({ oneId: 'A', createdAt: 100, ids: [nid(1), phone(1)] });
    const out = plan(snapshot, [event('e1', [phone(1), nid(2)])]);
    expect(out.results[0]).toEqual({ eventId: 'e1', oneId: 'P1', mergedOneIds: [], duplicate: false });
    expect(row(out, phone(1))).toMatchObject({ shared: true, personOneId: 'A' }); // stays with A
    expect(ownerOf(out, nid(2))).toBe('P1');
    expect(out.plan.merges).toEqual([]);
    expect(out.plan.evidence).toEqual([expect.objectContaining({ fromKey: nid(2).key, toKey: phone(1).key, blocked: true })]);
  });

  it('a shared identifier no longer merges or attaches', () => {
    const snapshot = withPersons({ oneId: 'A', createdAt: 100, ids: [nid(1)], shared: [phone(1)] });
    const out = plan(snapshot, [event('e1', [phone(1), email('x')], T(20))]);
    expect(out.results[0].oneId).toBe('P1');
    expect(ownerOf(out, email('x'))).toBe('P1');
    expect(row(out, phone(1))).toMatchObject({ shared: true, personOneId: 'A', lastSeenAt: T(20) });
    expect(out.plan.evidence).toEqual([expect.objectContaining({ fromKey: email('x').key, toKey: phone(1).key, blocked: true })]);
  });

  it('a 4th phone on one person becomes shared with no person', () => {
    const snapshot = withPersons({ oneId: 'A', createdAt: 100, ids: [phone(1), phone(2), phone(3)] });
    const out = plan(snapshot, [event('e1', [phone(1), phone(4)])]);
    expect(out.results[0].oneId).toBe('A');
    expect(row(out, phone(4))).toMatchObject({ shared: true, personOneId: null });
    expect(out.plan.evidence).toEqual([expect.objectContaining({ toKey: phone(4).key, blocked: true })]);
  });

  it('new identifiers beyond the limit in one event: the 4th phone and a 2nd national ID', () => {
    const out = plan(emptySnapshot(), [event('e1', [nid(1), nid(2), phone(1), phone(2), phone(3), phone(4)])]);
    expect(ownerOf(out, nid(1))).toBe('P1');
    expect(row(out, nid(2))).toMatchObject({ shared: true, personOneId: null });
    expect(row(out, phone(4))).toMatchObject({ shared: true, personOneId: null });
    expect(out.plan.evidence.filter((l) => l.blocked).map((l) => l.toKey)).toEqual([nid(2).key, phone(4).key]);
  });

  it('skips a merge whose union would exceed a limit (2 + 2 phones)', () => {
    const snapshot = withPersons(
      { oneId: 'A', createdAt: 100, ids: [phone(1), phone(2)] },
      { oneId: 'B', createdAt: 200, ids: [phone(3), phone(4)] },
    );
    const out = plan(snapshot, [event('e1', [phone(1), phone(3)])]);
    expect(out.results[0]).toMatchObject({ oneId: 'A', mergedOneIds: [] });
    expect(row(out, phone(3))).toMatchObject({ shared: true, personOneId: 'B' });
  });

  it('one account per upstream system, but accounts of different systems merge', () => {
    const snapshot = withPersons(
      { oneId: 'A', createdAt: 100, ids: [account('u1', 'crm'), phone(1)] },
      { oneId: 'B', createdAt: 200, ids: [account('u2', 'crm'), email('b')] },
      { oneId: 'C', createdAt: 300, ids: [account('u3', 'app'), email('c')] },
    );
    const out = plan(snapshot, [event('e1', [phone(1), email('b')]), event('e2', [phone(1), email('c')])]);
    expect(out.results[0].mergedOneIds).toEqual([]);
    expect(row(out, email('b'))).toMatchObject({ shared: true, personOneId: 'B' });
    expect(out.results[1].mergedOneIds).toEqual(['C']);
  });

  it('a stricter override changes the outcome', () => {
    const rules = { ...DEFAULT_IDENTITY_RULES, limits: { ...DEFAULT_IDENTITY_RULES.limits, PHONE: { max: 1, perNamespace: false } } };
    const out = planIdentityEvents({
      snapshot: emptySnapshot(),
      events: [event('e1', [phone(1), phone(2)])],
      rules,
      newOneId: oneIds(),
      now: NOW,
    });
    expect(row(out, phone(2))).toMatchObject({ shared: true, personOneId: null });
  });
});

describe('planIdentityEvents: IOT devices', () => {
  it('never merges people; links each owner as a user of the device', () => {
    const out = plan(emptySnapshot(), [event('e1', [phone(1), tv('SN1')]), event('e2', [phone(2), tv('SN1')], T(11))]);
    expect(out.results.map((r) => r.oneId)).toEqual(['P1', 'P2']);
    expect(out.plan.merges).toEqual([]);
    expect(row(out, tv('SN1'))).toMatchObject({ shared: true, personOneId: null, lastSeenAt: T(11) });
    expect(out.plan.deviceUses).toEqual([
      { oneId: 'P1', deviceKey: tv('SN1').key, firstSeenAt: T(10), lastSeenAt: T(10) },
      { oneId: 'P2', deviceKey: tv('SN1').key, firstSeenAt: T(11), lastSeenAt: T(11) },
    ]);
    expect(out.plan.evidence.some((l) => l.toKey === tv('SN1').key || l.fromKey === tv('SN1').key)).toBe(false);
  });

  it('an event with only a device has no owner and creates no person', () => {
    const out = plan(emptySnapshot(), [event('e1', [tv('SN1')])]);
    expect(out.results[0]).toEqual({ eventId: 'e1', oneId: null, mergedOneIds: [], duplicate: false });
    expect(out.plan.persons).toEqual([]);
    expect(out.plan.deviceUses).toEqual([]);
    expect(row(out, tv('SN1')).shared).toBe(true);
  });

  it('device uses point at the final survivor, one row per person and device (earliest and latest use)', () => {
    const out = plan(emptySnapshot(), [
      event('e1', [phone(1), tv('SN1')], T(3)),
      event('e2', [phone(2), tv('SN1')], T(4)),
      event('e3', [phone(1), phone(2)], T(5)),
      event('e4', [phone(1), tv('SN1')], T(2)),
    ]);
    expect(out.plan.deviceUses).toEqual([{ oneId: 'P1', deviceKey: tv('SN1').key, firstSeenAt: T(2), lastSeenAt: T(4) }]);
  });
});

describe('planIdentityEvents: duplicates, erasure, junk', () => {
  it('duplicate eventIds (snapshot and within the batch) change nothing', () => {
    const snapshot = emptySnapshot();
    snapshot.seenEventIds.add('e0');
    const out = plan(snapshot, [
      event('e0', [phone(9)]),
      event('e1', [phone(1)]),
      event('e1', [phone(1), email('other')]),
    ]);
    expect(out.results).toEqual([
      { eventId: 'e0', oneId: null, mergedOneIds: [], duplicate: true },
      { eventId: 'e1', oneId: 'P1', mergedOneIds: [], duplicate: false },
      { eventId: 'e1', oneId: 'P1', mergedOneIds: [], duplicate: true },
    ]);
    expect(out.plan.events.map((e) => e.eventId)).toEqual(['e1']);
    expect(out.plan.identifiers.map((r) => r.key)).toEqual([phone(1).key]);
    expect(out.plan.persons).toHaveLength(1);
  });

  it('a duplicate resolves best effort to the current person of its strongest identifier', () => {
    const snapshot = withPersons({ oneId: 'A', createdAt: 100, ids: [phone(1)] });
    snapshot.seenEventIds.add('e0');
    const out = plan(snapshot, [event('e0', [email('new'), phone(1)])]);
    expect(out.results[0]).toEqual({ eventId: 'e0', oneId: 'A', mergedOneIds: [], duplicate: true });
    expect(out.plan.identifiers).toEqual([]);
  });

  it('skips erased identifiers entirely', () => {
    const snapshot = emptySnapshot();
    snapshot.erasedKeys.add(phone(1).key);
    const out = plan(snapshot, [event('e1', [phone(1), email('zs')]), event('e2', [phone(1)])]);
    expect(out.results.map((r) => r.oneId)).toEqual(['P1', null]);
    expect(out.plan.identifiers.map((r) => r.key)).toEqual([email('zs').key]);
    expect(out.plan.evidence).toEqual([]);
  });

  it('a tombstone with an erasure time blocks events observed up to it; a later observation is a new person', () => {
    const snapshot = emptySnapshot();
    snapshot.erasedAt = new Map([[phone(1).key, T(10)]]);
    const out = plan(snapshot, [event('e1', [phone(1)], T(9)), event('e2', [phone(1)], T(10)), event('e3', [phone(1)], T(11))]);
    expect(out.results.map((r) => r.oneId)).toEqual([null, null, 'P1']);
    expect(row(out, phone(1))).toMatchObject({ personOneId: 'P1', firstSeenAt: T(11) });
  });

  it('ignores identifiers flagged junk', () => {
    const out = plan(emptySnapshot(), [event('e1', [{ ...phone(1), junk: true }, email('zs')])]);
    expect(out.plan.identifiers.map((r) => r.key)).toEqual([email('zs').key]);
    expect(out.plan.evidence).toEqual([]);
  });

  it('an event with only shared and junk identifiers has no owner; the shared one is touched', () => {
    const snapshot = withPersons({ oneId: 'A', createdAt: 100, ids: [nid(1)], shared: [phone(1)] });
    const out = plan(snapshot, [event('e1', [phone(1), { ...email('test'), junk: true }], T(25), { displayName: 'X' })]);
    expect(out.results[0]).toEqual({ eventId: 'e1', oneId: null, mergedOneIds: [], duplicate: false });
    expect(row(out, phone(1))).toMatchObject({ shared: true, personOneId: 'A', lastSeenAt: T(25) });
    expect(out.plan.attributes).toEqual([]);
    expect(out.plan.events).toHaveLength(1);
  });

  it('repeated identifiers within one event count once', () => {
    const out = plan(emptySnapshot(), [event('e1', [phone(1), phone(1), email('a')])]);
    expect(out.plan.evidence).toHaveLength(1);
  });
});

describe('planIdentityEvents: attributes', () => {
  it('per attribute the newest observation wins; ties go to the later event', () => {
    const snapshot = withPersons({
      oneId: 'A',
      createdAt: 100,
      ids: [phone(1)],
      attributes: { displayName: { value: 'Old', observedAt: T(5) }, annualIncome: { value: 100, observedAt: T(5) } },
    });
    const out = plan(snapshot, [
      event('e1', [phone(1)], T(3), { displayName: 'Older', annualIncome: 50, gender: 'MALE' }),
      event('e2', [phone(1)], T(8), { displayName: 'New' }),
      event('e3', [phone(1)], T(8), { displayName: 'Same time, later event', gender: 'UNKNOWN', birthDate: null }),
    ]);
    expect(out.plan.attributes).toEqual([
      { oneId: 'A', name: 'displayName', value: 'Same time, later event', observedAt: T(8) },
      { oneId: 'A', name: 'gender', value: 'MALE', observedAt: T(3) },
    ]);
  });

  it('on a merge the survivor keeps the newer value of each attribute', () => {
    const snapshot = withPersons(
      {
        oneId: 'A',
        createdAt: 100,
        ids: [phone(1)],
        attributes: { displayName: { value: 'A name', observedAt: T(6) }, annualIncome: { value: 100, observedAt: T(1) } },
      },
      {
        oneId: 'B',
        createdAt: 200,
        ids: [email('b')],
        attributes: {
          displayName: { value: 'B name', observedAt: T(4) },
          annualIncome: { value: 200, observedAt: T(5) },
          birthDate: { value: '1990-01-01', observedAt: T(2) },
        },
      },
    );
    const out = plan(snapshot, [event('e1', [phone(1), email('b')])]);
    expect(out.plan.attributes).toEqual([
      { oneId: 'A', name: 'birthDate', value: '1990-01-01', observedAt: T(2) },
      { oneId: 'A', name: 'annualIncome', value: 200, observedAt: T(5) },
    ]);
  });

  it('attributes of an event go to its final owner (after its merges)', () => {
    const snapshot = withPersons(
      { oneId: 'A', createdAt: 100, ids: [phone(1)] },
      { oneId: 'B', createdAt: 200, ids: [nid(1)] },
    );
    const out = plan(snapshot, [event('e1', [nid(1), phone(1)], T(10), { displayName: '张三', birthDate: '1949-12-31' })]);
    expect(out.plan.attributes).toEqual([
      { oneId: 'A', name: 'displayName', value: '张三', observedAt: T(10) },
      { oneId: 'A', name: 'birthDate', value: '1949-12-31', observedAt: T(10) },
    ]);
  });

  it('attributes of a new person are written for it', () => {
    const out = plan(emptySnapshot(), [event('e1', [phone(1)], T(10), { annualIncome: 300000 })]);
    expect(out.plan.attributes).toEqual([{ oneId: 'P1', name: 'annualIncome', value: 300000, observedAt: T(10) }]);
  });
});

describe('planIdentityEvents: input checks', () => {
  it('throws on an incomplete snapshot (a person identifier not loaded)', () => {
    const snapshot = withPersons(
      { oneId: 'A', createdAt: 100, ids: [phone(1)] },
      { oneId: 'B', createdAt: 200, ids: [email('b')] },
    );
    snapshot.persons.get('B')?.identifierKeys.push('missing-key');
    expect(() => plan(snapshot, [event('e1', [phone(1), email('b')])])).toThrow(/incomplete/);
  });

  it('throws on a bad observedAt', () => {
    expect(() => plan(emptySnapshot(), [event('e1', [phone(1)], 'yesterday')])).toThrow(/observedAt/);
  });
});

// ------------------------------------------------------------- invariant

describe('planIdentityEvents: invariant (property)', () => {
  const universe = [
    ...[1, 2, 3].map(nid),
    ...[1, 2, 3, 4, 5, 6].map(phone),
    ...['a', 'b', 'c', 'd'].map(email),
    account('u1', 'crm'),
    account('u2', 'crm'),
    account('u3', 'app'),
    tv('SN1'),
  ];
  const eventsArb = fc.array(
    fc.record({
      ids: fc.uniqueArray(fc.integer({ min: 0, max: universe.length - 1 }), { minLength: 1, maxLength: 5 }),
      day: fc.integer({ min: 1, max: 28 }),
    }),
    { minLength: 1, maxLength: 25 },
  );

  it('persons are the connected components of non-blocked evidence, within limits', () => {
    fc.assert(
      fc.property(eventsArb, (specs) => {
        const events = specs.map((s, i) => event(`e${i}`, s.ids.map((n) => universe[n]), T(s.day)));
        const out = plan(emptySnapshot(), events);
        const personOf = new Map(out.plan.identifiers.map((r) => [r.key, r.personOneId]));
        const live = new Set(out.plan.persons.map((p) => p.oneId));
        out.plan.merges.forEach((m) => live.delete(m.from));

        // every non-blocked link joins two identifiers of the same (live) person
        for (const link of out.plan.evidence.filter((l) => !l.blocked)) {
          const a = personOf.get(link.fromKey);
          expect(a).toBeTruthy();
          expect(personOf.get(link.toKey)).toBe(a);
        }
        // every person's identifiers are one component of non-blocked links
        const parent = new Map<string, string>();
        const find = (k: string): string => (parent.get(k) ?? k) === k ? k : find(parent.get(k) as string);
        for (const l of out.plan.evidence.filter((x) => !x.blocked)) parent.set(find(l.fromKey), find(l.toKey));
        const componentsPerPerson = new Map<string, Set<string>>();
        for (const [key, oneId] of personOf) {
          if (oneId === null) continue;
          expect(live.has(oneId)).toBe(true);
          const roots = componentsPerPerson.get(oneId) ?? new Set<string>();
          roots.add(find(key));
          componentsPerPerson.set(oneId, roots);
        }
        for (const roots of componentsPerPerson.values()) expect(roots.size).toBe(1);
        // limits hold per person
        const counts = new Map<string, number>();
        for (const r of out.plan.identifiers) {
          if (r.personOneId === null) continue;
          const bucket = `${r.personOneId}/${limitKey(r.type, r.namespace, DEFAULT_IDENTITY_RULES)}`;
          counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
        }
        for (const [bucket, count] of counts) {
          const type = bucket.split('/')[1].split(':')[0] as IdentifierType;
          expect(count).toBeLessThanOrEqual(DEFAULT_IDENTITY_RULES.limits[type].max);
        }
        // the devices never belong to anyone
        expect(personOf.get(tv('SN1').key) ?? null).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
