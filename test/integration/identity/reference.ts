/**
 * A small in-memory reference of the OneID rules, written for the tests only (it does not
 * use src/identity/planner.ts): union-find over "groups" (people) with the same limits,
 * priority, shared and IOT rules, plus helpers that build identifier pools, turn abstract
 * event streams into GraphQL input, and read the partition the API reports.
 *
 * Rules mirrored (issue 4): junk ignored; IOT_DEVICE never merges and links the event's
 * person as a user; identifiers already shared only get touched; the rest sorted by
 * priority, the first (primary) decides the owner; a new identifier joins the owner if its
 * limit bucket has room, else it turns shared with no person; an identifier of another
 * person merges both unless some bucket both contribute to would go over its limit, in
 * which case it turns shared and stays where it was. Duplicate eventIds change nothing.
 */
import { randomUUID } from 'node:crypto';
import { account, email, emailAddress, EventInput, graph, Ident, IdType, imei, iot, nationalId, openId, phone, TestApp, unionId } from '../../kit';
import { keyOf, personsMany, resolveMany } from './support';
import { toNormalizedIdentifier } from '../../../src/identity/hash';
import { classifyIdentifier } from '../../../src/identity/junk';

export const LIMITS: Record<Exclude<IdType, 'IOT_DEVICE'>, number> = {
  NATIONAL_ID: 1,
  WECHAT_UNIONID: 1,
  ACCOUNT: 1,
  WECHAT_OPENID: 1,
  PHONE: 3,
  EMAIL: 5,
  DEVICE_ID: 5,
};
const PER_NAMESPACE = new Set<IdType>(['ACCOUNT', 'WECHAT_OPENID', 'DEVICE_ID']);
const PRIORITY: IdType[] = ['NATIONAL_ID', 'ACCOUNT', 'WECHAT_UNIONID', 'PHONE', 'EMAIL', 'WECHAT_OPENID', 'DEVICE_ID'];

export type Kind = IdType | 'JUNK';

/** One identifier of a scenario, known by a label ("PHONE#2"). */
export interface PoolEntry {
  label: string;
  kind: Kind;
  ident: Ident;
  /** Other spellings of the same value (normalization must make them one identifier). */
  spellings: Ident[];
  bucket: string;
  /** `${type}|${namespace}|${masked}`: how the API displays it (unique inside a pool). */
  display: string;
}

const JUNK_VALUES: Ident[] = [
  { type: 'PHONE', value: '13800138000' },
  { type: 'EMAIL', value: 'test@test.com' },
  { type: 'DEVICE_ID', namespace: 'imei', value: '000000000000000' },
  { type: 'DEVICE_ID', namespace: 'idfa', value: '00000000-0000-0000-0000-000000000000' },
];

function bucketOf(id: Ident): string {
  return PER_NAMESPACE.has(id.type) ? `${id.type}:${(id.namespace ?? '').toLowerCase()}` : id.type;
}

function maskedOf(secret: string, id: Ident): string {
  const c = classifyIdentifier({ type: id.type, value: id.value, namespace: id.namespace ?? null });
  if (c.kind !== 'valid') throw new Error(`pool identifier is not valid: ${id.type}`);
  return toNormalizedIdentifier(secret, c.id).masked;
}

function spellingsOf(id: Ident): Ident[] {
  if (id.type === 'PHONE') return [id, { ...id, value: `+86 ${id.value.slice(0, 3)} ${id.value.slice(3, 7)} ${id.value.slice(7)}` }, { ...id, value: `86${id.value}` }];
  if (id.type === 'EMAIL') return [id, { ...id, value: ` ${id.value.toUpperCase()} ` }];
  return [id];
}

function makeOne(kind: Kind, index: number, run: string): Ident {
  switch (kind) {
    case 'PHONE':
      return phone();
    case 'EMAIL':
      return email(emailAddress(`${String.fromCharCode(97 + (index % 26))}${run}${index}`));
    case 'NATIONAL_ID':
      return nationalId();
    case 'ACCOUNT':
      return account('crm', `${run}acc${String(index).padStart(2, '0')}`);
    case 'WECHAT_OPENID':
      return openId('wx-prop', `${run}oid${String(index).padStart(2, '0')}`);
    case 'WECHAT_UNIONID':
      return unionId(`${run}uid${String(index).padStart(2, '0')}`);
    case 'DEVICE_ID':
      return imei();
    case 'IOT_DEVICE':
      return iot(index % 2 === 0 ? 'tv' : 'speaker', `${run}IOT${String(index).padStart(2, '0')}`);
    case 'JUNK':
      return JUNK_VALUES[index % JUNK_VALUES.length];
  }
}

/** A fresh pool with `counts[kind]` identifiers of each kind; masks are unique per type/namespace. */
export function makePool(t: TestApp, counts: Partial<Record<Kind, number>>): PoolEntry[] {
  const run = randomUUID().replace(/-/g, '').slice(0, 8);
  const pool: PoolEntry[] = [];
  const displays = new Set<string>();
  for (const [kind, count] of Object.entries(counts) as Array<[Kind, number]>) {
    for (let i = 0; i < count; i += 1) {
      for (let attempt = 0; ; attempt += 1) {
        const ident = makeOne(kind, i, run);
        const display = kind === 'JUNK' ? `JUNK#${i}` : `${ident.type}|${ident.namespace ?? ''}|${maskedOf(t.config.identifierHashSecret, ident)}`;
        if (displays.has(display)) {
          if (attempt > 50) throw new Error('cannot make unique masks');
          continue;
        }
        displays.add(display);
        pool.push({ label: `${kind}#${i}`, kind, ident, spellings: spellingsOf(ident), bucket: bucketOf(ident), display });
        break;
      }
    }
  }
  return pool;
}

/** An event of a scenario: pool indexes (repeats allowed), spelling choice, maybe a replayed eventId. */
export interface AbstractEvent {
  ids: number[];
  spelling: number;
  /** Index of an earlier event whose eventId this one reuses (a duplicate), if any. */
  replayOf?: number;
}

export interface ConcreteEvent {
  input: EventInput;
  entries: PoolEntry[];
}

/** Turns an abstract stream into events with fresh eventIds (replays reuse earlier ids). */
export function concretize(pool: PoolEntry[], stream: AbstractEvent[], source = 'prop'): ConcreteEvent[] {
  const out: ConcreteEvent[] = [];
  const base = Date.parse('2025-03-01T00:00:00Z');
  stream.forEach((e, i) => {
    const entries = e.ids.map((k) => pool[k % pool.length]);
    const eventId = e.replayOf !== undefined && i > 0 ? out[e.replayOf % i].input.eventId : `prop-${randomUUID()}`;
    out.push({
      entries,
      input: {
        eventId,
        source,
        observedAt: new Date(base + i * 60_000).toISOString(),
        identifiers: entries.map((p, j) => p.spellings[(e.spelling + j) % p.spellings.length]),
      },
    });
  });
  return out;
}

// -------------------------------------------------------------- reference

interface RefState {
  shared: boolean;
  group: number | null;
}

/** Partition of labels: people (with shared flags), person-less labels, device users. */
export interface Partition {
  groups: string[][];
  sharedInGroups: string[];
  personless: string[];
  devices: Array<{ group: string[]; devices: string[] }>;
}

export class Reference {
  private readonly seen = new Set<string>();
  private readonly state = new Map<string, RefState>();
  private readonly parent: number[] = [];
  private readonly members = new Map<number, Set<string>>();
  private readonly uses: Array<{ device: string; group: number }> = [];
  private readonly entries = new Map<string, PoolEntry>();

  apply(event: ConcreteEvent): void {
    if (this.seen.has(event.input.eventId)) return;
    this.seen.add(event.input.eventId);
    const usable: PoolEntry[] = [];
    for (const e of event.entries) {
      this.entries.set(e.label, e);
      if (e.kind !== 'JUNK' && !usable.includes(e)) usable.push(e);
    }
    const devices = usable.filter((e) => e.kind === 'IOT_DEVICE');
    const others = usable.filter((e) => e.kind !== 'IOT_DEVICE');
    for (const d of devices) if (!this.state.has(d.label)) this.state.set(d.label, { shared: true, group: null });
    const candidates = others
      .filter((e) => this.state.get(e.label)?.shared !== true)
      .map((e, i) => ({ e, i, rank: PRIORITY.indexOf(e.kind as IdType) }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map((x) => x.e);
    if (candidates.length === 0) return;

    const [primary, ...rest] = candidates;
    const ps = this.touch(primary.label);
    let pending: string[] | null = ps.group === null ? [primary.label] : null;
    let owner: number | null = ps.group === null ? null : this.find(ps.group);
    for (const e of rest) {
      const st = this.touch(e.label);
      const ownerLabels = pending ?? [...this.members.get(owner!)!];
      if (st.group === null) {
        const held = ownerLabels.filter((l) => this.entries.get(l)!.bucket === e.bucket).length;
        if (held >= LIMITS[e.kind as keyof typeof LIMITS]) st.shared = true;
        else if (pending) pending.push(e.label);
        else this.join(e.label, owner!);
        continue;
      }
      const other = this.find(st.group);
      if (owner === other) continue;
      if (this.conflict(ownerLabels, [...this.members.get(other)!])) {
        st.shared = true;
        continue;
      }
      if (pending) {
        pending.forEach((l) => this.join(l, other));
        pending = null;
        owner = other;
      } else {
        owner = this.union(owner!, other);
      }
    }
    if (pending) {
      const g = this.parent.length;
      this.parent.push(g);
      this.members.set(g, new Set());
      pending.forEach((l) => this.join(l, g));
      owner = g;
    }
    for (const d of devices) this.uses.push({ device: d.label, group: owner! });
  }

  partition(): Partition {
    const groups = new Map<number, string[]>();
    for (const [root, set] of this.members) if (this.find(root) === root && set.size > 0) groups.set(root, [...set].sort());
    const devices = new Map<number, Set<string>>();
    for (const u of this.uses) {
      const root = this.find(u.group);
      devices.set(root, (devices.get(root) ?? new Set()).add(u.device));
    }
    const sharedInGroups: string[] = [];
    const personless: string[] = [];
    for (const [label, st] of this.state) {
      if (this.entries.get(label)!.kind === 'IOT_DEVICE') continue;
      if (st.group === null) personless.push(label);
      else if (st.shared) sharedInGroups.push(label);
    }
    return normalizePartition({
      groups: [...groups.values()],
      sharedInGroups,
      personless,
      devices: [...devices].map(([root, set]) => ({ group: groups.get(root)!, devices: [...set] })),
    });
  }

  private touch(label: string): RefState {
    let st = this.state.get(label);
    if (!st) {
      st = { shared: false, group: null };
      this.state.set(label, st);
    }
    return st;
  }

  private conflict(a: string[], b: string[]): boolean {
    const count = (labels: string[]): Map<string, { n: number; kind: Kind }> => {
      const m = new Map<string, { n: number; kind: Kind }>();
      for (const l of labels) {
        const e = this.entries.get(l)!;
        m.set(e.bucket, { n: (m.get(e.bucket)?.n ?? 0) + 1, kind: e.kind });
      }
      return m;
    };
    const [ca, cb] = [count(a), count(b)];
    for (const [bucket, { n, kind }] of ca) {
      const other = cb.get(bucket)?.n ?? 0;
      if (other > 0 && n + other > LIMITS[kind as keyof typeof LIMITS]) return true;
    }
    return false;
  }

  private join(label: string, group: number): void {
    this.state.get(label)!.group = group;
    this.members.get(this.find(group))!.add(label);
  }

  private find(g: number): number {
    while (this.parent[g] !== g) g = this.parent[g];
    return g;
  }

  private union(a: number, b: number): number {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return ra;
    this.parent[rb] = ra;
    const into = this.members.get(ra)!;
    for (const l of this.members.get(rb)!) {
      into.add(l);
      this.state.get(l)!.group = ra;
    }
    this.members.set(rb, new Set());
    return ra;
  }
}

export function normalizePartition(p: Partition): Partition {
  const sortGroups = (gs: string[][]): string[][] => gs.map((g) => [...g].sort()).sort((x, y) => x.join().localeCompare(y.join()));
  return {
    groups: sortGroups(p.groups),
    sharedInGroups: [...p.sharedInGroups].sort(),
    personless: [...p.personless].sort(),
    devices: p.devices
      .map((d) => ({ group: [...d.group].sort(), devices: [...d.devices].sort() }))
      .sort((x, y) => x.group.join().localeCompare(y.group.join())),
  };
}

export function referencePartition(events: ConcreteEvent[]): Partition {
  const ref = new Reference();
  events.forEach((e) => ref.apply(e));
  return ref.partition();
}

// ------------------------------------------------------------ observation

export interface Observed {
  partition: Partition;
  /** Problems that are not a partition difference (resolve answers inconsistent with person.identifiers, unknown identifiers). */
  problems: string[];
  /** People by OneID with their identifier labels (for limit checks). */
  people: Array<{ oneId: string; labels: string[] }>;
}

/**
 * Reads what the API reports for a pool: every person some event was attributed to
 * (person(oneId) follows merges to the survivor), its identifiers and devices mapped back to
 * labels through their masks, and resolveIdentity for every identifier of the pool.
 */
export async function observe(t: TestApp, pool: PoolEntry[], applied: ConcreteEvent[], resultOneIds: Array<string | null>): Promise<Observed> {
  const problems: string[] = [];
  const byDisplay = new Map(pool.filter((p) => p.kind !== 'JUNK').map((p) => [p.display, p]));
  const oneIds = [...new Set(resultOneIds.filter((x): x is string => x !== null))];
  const persons = await personsMany(t, oneIds);
  const survivors = new Map<string, NonNullable<(typeof persons)[number]>>();
  persons.forEach((p, i) => {
    if (!p) problems.push(`person(${oneIds[i]}) answered null`);
    else survivors.set(p.oneId, p);
  });
  const groups: string[][] = [];
  const sharedInGroups: string[] = [];
  const devices: Partition['devices'] = [];
  const people: Observed['people'] = [];
  const owner = new Map<string, { oneId: string; shared: boolean }>();
  for (const p of survivors.values()) {
    const labels: string[] = [];
    for (const i of p.identifiers) {
      const entry = byDisplay.get(`${i.type}|${i.namespace ?? ''}|${i.masked}`);
      if (!entry) {
        problems.push(`person ${p.oneId} holds an identifier outside the scenario: ${i.type} ${i.masked}`);
        continue;
      }
      if (owner.has(entry.label)) problems.push(`${entry.label} is listed on two people`);
      owner.set(entry.label, { oneId: p.oneId, shared: i.shared });
      labels.push(entry.label);
      if (i.shared) sharedInGroups.push(entry.label);
    }
    groups.push(labels);
    people.push({ oneId: p.oneId, labels });
    const used = p.devices.map((d) => byDisplay.get(`${d.type}|${d.namespace ?? ''}|${d.masked}`)?.label ?? `?${d.masked}`);
    if (used.length > 0) devices.push({ group: labels, devices: used });
  }
  // Person-less identifiers (shared over a limit) are visible to nobody through the API: read them from the DB.
  void applied;
  const keys = poolKeys(t, pool.filter((e) => e.kind !== 'IOT_DEVICE'));
  const labelByKey = new Map([...keys].map(([label, key]) => [key, label]));
  const stored = await graph(t).rows<{ key: string; shared: boolean; owners: number }>('identity/identifiers-by-key', { keys: [...keys.values()] });
  const personless: string[] = [];
  for (const row of stored) {
    const label = labelByKey.get(row.key)!;
    if (row.owners > 1) problems.push(`${label} identifies ${row.owners} people`);
    if (row.owners === 0) {
      personless.push(label);
      if (!row.shared) problems.push(`${label} belongs to nobody but is not shared`);
      if (owner.has(label)) problems.push(`${label} is listed on a person but identifies nobody`);
    } else if (!owner.has(label)) problems.push(`${label} identifies a person no event result led to`);
  }

  const everything = pool;
  const resolved = await resolveMany(
    t,
    everything.map((e) => e.spellings[e.spellings.length - 1]),
  );
  everything.forEach((e, i) => {
    const o = owner.get(e.label);
    const expected = o && !o.shared ? o.oneId : null;
    if (resolved[i] !== expected) problems.push(`resolveIdentity(${e.label}) = ${resolved[i]}, person.identifiers says ${expected}`);
  });
  return { partition: normalizePartition({ groups, sharedInGroups, personless, devices }), problems, people };
}

/** The keys (hashes) of a pool's identifiers, for DB-level checks. */
export function poolKeys(t: TestApp, pool: PoolEntry[]): Map<string, string> {
  return new Map(pool.filter((p) => p.kind !== 'JUNK').map((p) => [p.label, keyOf(t, p.ident)]));
}

/** Per-bucket counts of a person's labels that exceed the limit (empty when none). */
export function overLimit(pool: PoolEntry[], labels: string[]): string[] {
  const byLabel = new Map(pool.map((p) => [p.label, p]));
  const counts = new Map<string, { n: number; kind: Kind }>();
  for (const l of labels) {
    const e = byLabel.get(l)!;
    counts.set(e.bucket, { n: (counts.get(e.bucket)?.n ?? 0) + 1, kind: e.kind });
  }
  return [...counts]
    .filter(([, { n, kind }]) => n > LIMITS[kind as keyof typeof LIMITS])
    .map(([bucket, { n }]) => `${bucket}=${n}`);
}
