/**
 * The identity planner: applies a batch of identity events to an in-memory
 * snapshot of the current identity graph and returns (1) one result per event
 * and (2) a flat, write-ready plan that a repository applies with one UNWIND
 * statement per list. Pure: no database, no clock (`now` is an input), no
 * randomness (`newOneId` is an input).
 *
 * SEMANTICS (events in order; each event sees the effects of the earlier ones)
 *
 * 1. Duplicate: an eventId in `snapshot.seenEventIds` or earlier in the batch
 *    changes nothing. Its result has `duplicate: true`, `mergedOneIds: []` and,
 *    best effort, `oneId` = the current person of its highest-priority
 *    identifier found in the snapshot/overlay (null when none is loaded).
 * 2. Identifiers flagged `junk`, whose key is in `snapshot.erasedKeys`
 *    (erasure tombstones), in `snapshot.erasedAt` with an erasure at or after
 *    the event's observedAt, or repeated within the event are dropped.
 * 3. IOT_DEVICE identifiers never merge: they are upserted as shared with no
 *    person; the event's final owner (if any) gets a device-use link.
 * 4. Identifiers already shared are touched (first/last seen) only.
 * 5. The rest, sorted by `rules.priority` (ties keep input order): the first is
 *    the PRIMARY and its person is the owner. A primary without a person gets a
 *    new person, created lazily: if a later identifier of the event belongs to
 *    an existing person Q and the limits allow, Q simply adopts the new
 *    identifiers (the same outcome as "create, then merge into the older Q",
 *    without minting a throw-away OneID). Each other identifier, in order:
 *    - without a person: attached to the owner if the owner holds fewer than
 *      `max` identifiers of its limit bucket; otherwise it becomes shared with
 *      no person and its evidence link is blocked;
 *    - of the owner: touched;
 *    - of another person Q: if the union of both persons' identifiers (shared
 *      ones included, they still belong to their person) would put a limit
 *      bucket over `max` (the union exceeds max AND both persons contribute to
 *      it), the merge is SKIPPED: the identifier becomes shared, stays with Q,
 *      and its evidence link is blocked. Otherwise the two MERGE: the older
 *      person (smaller createdAt, tie: smaller OneID) survives, the other is
 *      merged away, together with every OneID merged into it before; the
 *      survivor becomes the owner.
 * 6. Evidence: one link primary -> identifier for every other non-IOT
 *    identifier of the event, blocked when it did not join the owner (limit
 *    conflict, already shared). INVARIANT: persons are exactly the connected
 *    components of the NON-blocked links (plus single-identifier persons).
 *    Splitting (`splitComponents`) relies on it.
 * 7. Attributes: applied to the final owner; per attribute the newest
 *    observedAt wins, a tie goes to the later event. On a merge the survivor
 *    keeps per attribute the newer of both (tie: the survivor's). Null values and
 *    gender UNKNOWN carry no information and are ignored.
 * 8. No owner (everything shared, junk, erased or IOT): oneId null.
 *
 * Result per event: the owner's OneID right after that event (a later event of
 * the batch may merge it further; merged-away OneIDs keep resolving) and the
 * OneIDs this event merged into it.
 *
 * SNAPSHOT REQUIREMENTS: every identifier of every loaded person must be in
 * `snapshot.identifiers` (limits count them); every person an identifier points
 * to must be in `snapshot.persons`, keyed by the same personId; snapshot persons
 * were created before `now`. A violation throws (a repository bug, not bad input).
 */
import type { IdentifierType, NormalizedIdentifier } from './identifier';
import { limitKey, priorityRank, type IdentityRules } from './rules';

// ------------------------------------------------------------------ types

export type Gender = 'FEMALE' | 'MALE' | 'UNKNOWN';

/** A value with the time it was observed. */
export interface Observed<T> {
  value: T;
  observedAt: string;
}

export interface PersonAttributes {
  displayName?: Observed<string>;
  gender?: Observed<Gender>;
  birthDate?: Observed<string>;
  annualIncome?: Observed<number>;
  premiumBudget?: Observed<number>;
}
export type AttributeName = keyof PersonAttributes;
const ATTRIBUTE_NAMES: readonly AttributeName[] = ['displayName', 'gender', 'birthDate', 'annualIncome', 'premiumBudget'];

/** Attributes carried by an event (all optional; null means "not given"). */
export interface EventAttributes {
  displayName?: string | null;
  gender?: Gender | null;
  birthDate?: string | null;
  annualIncome?: number | null;
  premiumBudget?: number | null;
}

export interface IdentifierState {
  key: string;
  type: IdentifierType;
  namespace: string | null;
  masked: string;
  shared: boolean;
  /** Key of the owning person in `persons`; null for shared-without-person and IOT devices. */
  personId: string | null;
  /** The raw value is stored encrypted (not read by the planner; the service decides what to seal). */
  sealed?: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface PersonState {
  oneId: string;
  /** Creation time in epoch ms; the older person survives a merge. */
  createdAt: number;
  /** Keys of all identifiers of the person, shared ones included. */
  identifierKeys: string[];
  attributes: PersonAttributes;
  /** OneIDs merged into this person before (optional); they are repointed when it is merged away. */
  mergedOneIds?: string[];
}

export interface IdentitySnapshot {
  identifiers: Map<string, IdentifierState>;
  persons: Map<string, PersonState>;
  seenEventIds: Set<string>;
  erasedKeys: Set<string>;
  /** Erasure tombstones with their time: they block only events observed at or before it (a later observation is a new person). */
  erasedAt?: Map<string, string>;
}

/** A validated identifier of an event; `junk: true` marks one to ignore. */
export interface PlannerIdentifier extends NormalizedIdentifier {
  junk?: boolean;
}

export interface PlannerEvent {
  eventId: string;
  source: string;
  /** ISO-8601 date-time. */
  observedAt: string;
  identifiers: PlannerIdentifier[];
  attributes?: EventAttributes | null;
}

export interface EventResult {
  eventId: string;
  oneId: string | null;
  mergedOneIds: string[];
  duplicate: boolean;
}

export interface IdentifierRow {
  key: string;
  type: IdentifierType;
  namespace: string | null;
  masked: string;
  shared: boolean;
  /** Final (surviving) OneID, or null. */
  personOneId: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
}
export interface PersonRow {
  oneId: string;
  createdAt: number;
}
/** `from` stops being a live OneID and resolves to `into` (the final survivor). */
export interface MergeRow {
  from: string;
  into: string;
  eventId: string;
  /** merge: `from` was a live person of this merge; repoint: `from` was an older alias of it. */
  kind: 'merge' | 'repoint';
}
export interface EvidenceRow {
  fromKey: string;
  toKey: string;
  eventId: string;
  source: string;
  observedAt: string;
  blocked: boolean;
}
/** A person's use of a device: its first and last observation (over every person merged into it). */
export interface DeviceUseRow {
  oneId: string;
  deviceKey: string;
  firstSeenAt: string;
  lastSeenAt: string;
}
/** The final value of one attribute of a live person, written only when it changed. */
export interface AttributeRow {
  oneId: string;
  name: AttributeName;
  value: string | number;
  observedAt: string;
}
export interface EventRow {
  eventId: string;
  source: string;
  observedAt: string;
}

/** Write-ready description of the batch: one list per kind of write, final states only. */
export interface IdentityPlan {
  identifiers: IdentifierRow[];
  persons: PersonRow[];
  merges: MergeRow[];
  evidence: EvidenceRow[];
  deviceUses: DeviceUseRow[];
  attributes: AttributeRow[];
  events: EventRow[];
}

export interface PlanInput {
  snapshot: IdentitySnapshot;
  events: PlannerEvent[];
  rules: IdentityRules;
  newOneId: () => string;
  /** Epoch ms; persons created in the batch get createdAt = now + creation sequence. */
  now: number;
}

export interface PlanOutput {
  results: EventResult[];
  plan: IdentityPlan;
}

/** Attribute rows as the properties each person gets: values and their observation times (displayName, displayNameAt, ...). */
export function attributeProps(rows: readonly AttributeRow[]): Map<string, Record<string, unknown>> {
  const props = new Map<string, Record<string, unknown>>();
  for (const a of rows) {
    const p = props.get(a.oneId) ?? {};
    p[a.name] = a.value;
    p[`${a.name}At`] = a.observedAt;
    props.set(a.oneId, p);
  }
  return props;
}

/** Plans a batch of identity events against a snapshot (see the file header for the semantics). */
export function planIdentityEvents(input: PlanInput): PlanOutput {
  const planner = new IdentityPlanner(input);
  const results = input.events.map((event) => planner.process(event));
  return { results, plan: planner.plan() };
}

// ---------------------------------------------------------------- planner

/** The owner of the event being processed: an existing person, or new identifiers awaiting a person. */
type Owner = { kind: 'person'; personId: string } | { kind: 'pending'; keys: string[] };

interface EventContext {
  event: PlannerEvent;
  owner: Owner | null;
  merged: string[];
}

/**
 * The planner itself, for callers that feed events one at a time (the bulk load plans a whole
 * file this way: `process` each event, `takeAppended` the append-only rows now and then so they
 * do not pile up in memory, `plan` once at the end). `planIdentityEvents` is the batch form.
 */
export class IdentityPlanner {
  private readonly identifiers: Map<string, IdentifierState>;
  private readonly persons: Map<string, PersonState>;
  private readonly originalAttributes = new Map<string, PersonAttributes>();
  private readonly seen: Set<string>;
  private readonly mergedInto = new Map<string, string>();
  private readonly dirtyIdentifiers = new Set<string>();
  private readonly dirtyPersons = new Set<string>();
  private readonly createdPersons: PersonRow[] = [];
  private readonly merges: Array<{ from: string; intoPersonId: string; eventId: string; kind: MergeRow['kind'] }> = [];
  private readonly evidence: EvidenceRow[] = [];
  private readonly deviceUses: Array<{ personId: string; deviceKey: string; observedAt: string }> = [];
  private readonly events: EventRow[] = [];

  constructor(private readonly input: PlanInput) {
    const { snapshot } = input;
    this.identifiers = new Map([...snapshot.identifiers].map(([key, state]) => [key, { ...state }]));
    this.persons = new Map([...snapshot.persons].map(([id, person]) => [id, clonePerson(person)]));
    for (const [id, person] of snapshot.persons) this.originalAttributes.set(id, person.attributes);
    this.seen = new Set(snapshot.seenEventIds);
  }

  /** Applies one event to the overlay and returns its result. */
  process(event: PlannerEvent): EventResult {
    if (this.seen.has(event.eventId)) return this.duplicateResult(event);
    assertInstant(event.observedAt, event.eventId);
    this.seen.add(event.eventId);
    this.events.push({ eventId: event.eventId, source: event.source, observedAt: event.observedAt });

    const ctx: EventContext = { event, owner: null, merged: [] };
    const usable = this.usableIdentifiers(event);
    const devices = usable.filter((id) => id.type === 'IOT_DEVICE');
    const others = usable.filter((id) => id.type !== 'IOT_DEVICE');
    devices.forEach((device) => this.upsertDevice(device, event.observedAt));
    const alreadyShared = others.filter((id) => this.identifiers.get(id.key)?.shared === true);
    alreadyShared.forEach((id) => this.touch(id, event.observedAt));
    const candidates = this.byPriority(others.filter((id) => !alreadyShared.includes(id)));

    if (candidates.length > 0) this.resolveOwner(ctx, candidates, alreadyShared);
    const ownerId = ctx.owner === null ? null : this.materialize(ctx.owner);
    if (ownerId !== null) this.applyOwnerEffects(ownerId, event, devices);
    return {
      eventId: event.eventId,
      oneId: ownerId === null ? null : this.person(ownerId).oneId,
      mergedOneIds: ctx.merged,
      duplicate: false,
    };
  }

  /**
   * Takes (and forgets) the evidence and event rows produced so far: they never change once
   * made, so a long stream can write them out as it goes; `plan()` then holds only the rest.
   */
  takeAppended(): { evidence: EvidenceRow[]; events: EventRow[] } {
    return { evidence: this.evidence.splice(0), events: this.events.splice(0) };
  }

  /** The flat plan of everything the batch changed, with merge chains resolved. */
  plan(): IdentityPlan {
    return {
      identifiers: [...this.dirtyIdentifiers].map((key) => this.identifierRow(key)),
      persons: this.createdPersons,
      merges: this.mergeRows(),
      evidence: this.evidence,
      deviceUses: this.deviceUseRows(),
      attributes: this.attributeRows(),
      events: this.events,
    };
  }

  // ------------------------------------------------------------ one event

  private duplicateResult(event: PlannerEvent): EventResult {
    const known = this.byPriority(this.usableIdentifiers(event).filter((id) => id.type !== 'IOT_DEVICE'))
      .map((id) => this.identifiers.get(id.key))
      .find((state) => state !== undefined && !state.shared && state.personId !== null);
    const oneId = known?.personId ? this.oneIdOf(known.personId) : null;
    return { eventId: event.eventId, oneId, mergedOneIds: [], duplicate: true };
  }

  /** Drops junk-flagged, erased and repeated identifiers. */
  private usableIdentifiers(event: PlannerEvent): PlannerIdentifier[] {
    const keys = new Set<string>();
    return event.identifiers.filter((id) => {
      if (id.junk === true || this.isErased(id.key, event.observedAt) || keys.has(id.key)) return false;
      keys.add(id.key);
      return true;
    });
  }

  /** A tombstone blocks the identifier for this event (always, or up to its erasure time). */
  private isErased(key: string, observedAt: string): boolean {
    if (this.input.snapshot.erasedKeys.has(key)) return true;
    const erasedAt = this.input.snapshot.erasedAt?.get(key);
    return erasedAt !== undefined && instant(observedAt) <= instant(erasedAt);
  }

  /** Stable sort by rule priority (ties keep input order). */
  private byPriority<T extends { type: IdentifierType }>(ids: T[]): T[] {
    return ids
      .map((id, index) => ({ id, index, rank: priorityRank(id.type, this.input.rules) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map((entry) => entry.id);
  }

  private upsertDevice(device: PlannerIdentifier, at: string): void {
    const state = this.touch(device, at);
    state.shared = true;
  }

  /** Determines the owner from the primary, links every other identifier, records evidence. */
  private resolveOwner(ctx: EventContext, candidates: PlannerIdentifier[], alreadyShared: PlannerIdentifier[]): void {
    const [primary, ...rest] = candidates;
    const at = ctx.event.observedAt;
    const primaryState = this.touch(primary, at);
    ctx.owner =
      primaryState.personId === null
        ? { kind: 'pending', keys: [primary.key] }
        : { kind: 'person', personId: this.resolve(primaryState.personId) };
    for (const id of rest) this.addEvidence(ctx, primary, id, this.link(ctx, id));
    for (const id of alreadyShared) this.addEvidence(ctx, primary, id, true);
  }

  /** Links one non-primary identifier to the owner; returns whether its evidence is blocked. */
  private link(ctx: EventContext, id: PlannerIdentifier): boolean {
    const owner = ctx.owner as Owner;
    const state = this.touch(id, ctx.event.observedAt);
    if (state.personId === null) return this.attachNew(owner, state);
    const other = this.resolve(state.personId);
    if (owner.kind === 'person' && owner.personId === other) return false;
    if (!this.mergeAllowed(this.ownerKeys(owner), this.person(other).identifierKeys)) {
      state.shared = true; // limit conflict: stays with its person, stops merging
      return true;
    }
    ctx.owner = { kind: 'person', personId: this.join(ctx, owner, other) };
    return false;
  }

  /** A new identifier joins the owner if its limit bucket has room, else becomes shared with no person. */
  private attachNew(owner: Owner, state: IdentifierState): boolean {
    const bucket = limitKey(state.type, state.namespace, this.input.rules);
    const held = this.ownerKeys(owner).filter((key) => this.bucketOf(key) === bucket).length;
    if (held >= this.input.rules.limits[state.type].max) {
      state.shared = true;
      return true;
    }
    if (owner.kind === 'pending') owner.keys.push(state.key);
    else this.assign(state.key, owner.personId);
    return false;
  }

  /** Joins the owner with another person: adoption of pending identifiers, or a merge. */
  private join(ctx: EventContext, owner: Owner, other: string): string {
    if (owner.kind === 'pending') {
      owner.keys.forEach((key) => this.assign(key, other));
      return other;
    }
    const { survivor, loser } = this.survivorOf(owner.personId, other);
    this.merge(loser, survivor, ctx.event.eventId);
    ctx.merged.push(this.person(loser).oneId);
    return survivor;
  }

  /** Creates the person of a pending owner; returns the owner's personId. */
  private materialize(owner: Owner): string {
    if (owner.kind === 'person') return owner.personId;
    const oneId = this.input.newOneId();
    if (this.persons.has(oneId)) throw new Error('newOneId returned a OneID that already exists');
    const person: PersonState = {
      oneId,
      createdAt: this.input.now + this.createdPersons.length,
      identifierKeys: [],
      attributes: {},
      mergedOneIds: [],
    };
    this.persons.set(oneId, person);
    this.createdPersons.push({ oneId, createdAt: person.createdAt });
    this.dirtyPersons.add(oneId);
    owner.keys.forEach((key) => this.assign(key, oneId));
    return oneId;
  }

  private applyOwnerEffects(ownerId: string, event: PlannerEvent, devices: PlannerIdentifier[]): void {
    for (const device of devices) {
      this.deviceUses.push({ personId: ownerId, deviceKey: device.key, observedAt: event.observedAt });
    }
    if (event.attributes) this.applyAttributes(ownerId, event.attributes, event.observedAt);
  }

  private addEvidence(ctx: EventContext, primary: PlannerIdentifier, to: PlannerIdentifier, blocked: boolean): void {
    const { eventId, source, observedAt } = ctx.event;
    this.evidence.push({ fromKey: primary.key, toKey: to.key, eventId, source, observedAt, blocked });
  }

  // ---------------------------------------------------------------- merges

  /** The older person survives (smaller createdAt, tie: smaller OneID). */
  private survivorOf(a: string, b: string): { survivor: string; loser: string } {
    const pa = this.person(a);
    const pb = this.person(b);
    const aFirst = pa.createdAt !== pb.createdAt ? pa.createdAt < pb.createdAt : pa.oneId < pb.oneId;
    return aFirst ? { survivor: a, loser: b } : { survivor: b, loser: a };
  }

  /** Moves the loser's identifiers, attributes and aliases to the survivor. */
  private merge(loserId: string, survivorId: string, eventId: string): void {
    const loser = this.person(loserId);
    const survivor = this.person(survivorId);
    loser.identifierKeys.forEach((key) => this.assign(key, survivorId));
    loser.identifierKeys = [];
    survivor.attributes = newestAttributes(survivor.attributes, loser.attributes);
    this.merges.push({ from: loser.oneId, intoPersonId: survivorId, eventId, kind: 'merge' });
    for (const alias of loser.mergedOneIds ?? []) {
      this.merges.push({ from: alias, intoPersonId: survivorId, eventId, kind: 'repoint' });
    }
    survivor.mergedOneIds = [...(survivor.mergedOneIds ?? []), loser.oneId, ...(loser.mergedOneIds ?? [])];
    loser.mergedOneIds = [];
    this.mergedInto.set(loserId, survivorId);
    this.dirtyPersons.add(survivorId);
  }

  /** False when the union of two key sets exceeds a bucket's max that both contribute to. */
  private mergeAllowed(ownerKeys: string[], otherKeys: string[]): boolean {
    const own = this.bucketCounts(ownerKeys);
    const other = this.bucketCounts(otherKeys);
    const union = this.bucketCounts([...new Set([...ownerKeys, ...otherKeys])]);
    for (const [bucket, { count, type }] of union) {
      const grows = count > (own.get(bucket)?.count ?? 0) && count > (other.get(bucket)?.count ?? 0);
      if (grows && count > this.input.rules.limits[type].max) return false;
    }
    return true;
  }

  private bucketCounts(keys: string[]): Map<string, { count: number; type: IdentifierType }> {
    const counts = new Map<string, { count: number; type: IdentifierType }>();
    for (const key of new Set(keys)) {
      const state = this.state(key);
      const bucket = limitKey(state.type, state.namespace, this.input.rules);
      counts.set(bucket, { count: (counts.get(bucket)?.count ?? 0) + 1, type: state.type });
    }
    return counts;
  }

  private bucketOf(key: string): string {
    const state = this.state(key);
    return limitKey(state.type, state.namespace, this.input.rules);
  }

  // ------------------------------------------------------------ attributes

  private applyAttributes(personId: string, attributes: EventAttributes, at: string): void {
    const person = this.person(personId);
    const incoming = observedAttributes(attributes, at);
    // Later event wins a tie: compare incoming against current with ">=".
    person.attributes = newestAttributes(incoming, person.attributes);
    this.dirtyPersons.add(personId);
  }

  private attributeRows(): AttributeRow[] {
    const rows: AttributeRow[] = [];
    for (const personId of this.dirtyPersons) {
      if (this.resolve(personId) !== personId) continue; // merged away: its survivor carries the values
      const person = this.person(personId);
      const before = this.originalAttributes.get(personId) ?? {};
      for (const name of ATTRIBUTE_NAMES) {
        const now = person.attributes[name];
        const was = before[name];
        if (now && (!was || was.value !== now.value || was.observedAt !== now.observedAt)) {
          rows.push({ oneId: person.oneId, name, value: now.value, observedAt: now.observedAt });
        }
      }
    }
    return rows;
  }

  // ---------------------------------------------------------- state access

  /** Upserts the overlay state of an event identifier and widens its first/last seen. */
  private touch(id: PlannerIdentifier, at: string): IdentifierState {
    const existing = this.identifiers.get(id.key);
    const state: IdentifierState = existing ?? {
      key: id.key,
      type: id.type,
      namespace: id.namespace,
      masked: id.masked,
      shared: false,
      personId: null,
      firstSeenAt: at,
      lastSeenAt: at,
    };
    state.masked = id.masked;
    if (instant(at) < instant(state.firstSeenAt)) state.firstSeenAt = at;
    if (instant(at) > instant(state.lastSeenAt)) state.lastSeenAt = at;
    this.identifiers.set(id.key, state);
    this.dirtyIdentifiers.add(id.key);
    return state;
  }

  /** Gives an identifier to a person (removing it from its previous person's key list). */
  private assign(key: string, personId: string): void {
    const state = this.state(key);
    if (state.personId !== null && state.personId !== personId) {
      const previous = this.persons.get(state.personId);
      if (previous) previous.identifierKeys = previous.identifierKeys.filter((k) => k !== key);
    }
    state.personId = personId;
    const person = this.person(personId);
    if (!person.identifierKeys.includes(key)) person.identifierKeys.push(key);
    this.dirtyIdentifiers.add(key);
  }

  private ownerKeys(owner: Owner): string[] {
    return owner.kind === 'pending' ? owner.keys : this.person(owner.personId).identifierKeys;
  }

  private state(key: string): IdentifierState {
    const state = this.identifiers.get(key);
    if (!state) throw new Error(`identity snapshot is incomplete: identifier ${key} is not loaded`);
    return state;
  }

  private person(personId: string): PersonState {
    const person = this.persons.get(personId);
    if (!person) throw new Error(`identity snapshot is incomplete: person ${personId} is not loaded`);
    return person;
  }

  /** Follows in-batch merges to the live person. */
  private resolve(personId: string): string {
    let current = personId;
    for (let next = this.mergedInto.get(current); next !== undefined; next = this.mergedInto.get(current)) {
      current = next;
    }
    return current;
  }

  private oneIdOf(personId: string): string {
    return this.person(this.resolve(personId)).oneId;
  }

  private identifierRow(key: string): IdentifierRow {
    const s = this.state(key);
    const personOneId = s.personId === null ? null : this.oneIdOf(s.personId);
    const { type, namespace, masked, shared, firstSeenAt, lastSeenAt } = s;
    return { key, type, namespace, masked, shared, personOneId, firstSeenAt, lastSeenAt };
  }

  /** One row per OneID that stopped being live (first occurrence), pointing at the final survivor. */
  private mergeRows(): MergeRow[] {
    const rows = new Map<string, MergeRow>();
    for (const m of this.merges) {
      if (!rows.has(m.from)) rows.set(m.from, { from: m.from, into: this.oneIdOf(m.intoPersonId), eventId: m.eventId, kind: m.kind });
    }
    return [...rows.values()];
  }

  /** Device uses per (final OneID, device): the earliest and the latest observation. */
  private deviceUseRows(): DeviceUseRow[] {
    const rows = new Map<string, DeviceUseRow>();
    for (const use of this.deviceUses) {
      const oneId = this.oneIdOf(use.personId);
      const id = `${oneId}\u001f${use.deviceKey}`;
      const row = rows.get(id);
      if (!row) rows.set(id, { oneId, deviceKey: use.deviceKey, firstSeenAt: use.observedAt, lastSeenAt: use.observedAt });
      else {
        if (instant(use.observedAt) < instant(row.firstSeenAt)) row.firstSeenAt = use.observedAt;
        if (instant(use.observedAt) > instant(row.lastSeenAt)) row.lastSeenAt = use.observedAt;
      }
    }
    return [...rows.values()];
  }
}

// ------------------------------------------------------------- helpers

function clonePerson(person: PersonState): PersonState {
  return {
    ...person,
    identifierKeys: [...person.identifierKeys],
    attributes: { ...person.attributes },
    mergedOneIds: [...(person.mergedOneIds ?? [])],
  };
}

function instant(iso: string): number {
  return Date.parse(iso);
}

function assertInstant(iso: string, eventId: string): void {
  if (Number.isNaN(instant(iso))) throw new Error(`event ${eventId}: observedAt is not an ISO-8601 date-time`);
}

/** The informative attributes of an event, each observed at the event's time. */
function observedAttributes(attributes: EventAttributes, at: string): PersonAttributes {
  const result: PersonAttributes = {};
  if (attributes.displayName != null) result.displayName = { value: attributes.displayName, observedAt: at };
  if (attributes.gender != null && attributes.gender !== 'UNKNOWN') result.gender = { value: attributes.gender, observedAt: at };
  if (attributes.birthDate != null) result.birthDate = { value: attributes.birthDate, observedAt: at };
  if (attributes.annualIncome != null) result.annualIncome = { value: attributes.annualIncome, observedAt: at };
  if (attributes.premiumBudget != null) result.premiumBudget = { value: attributes.premiumBudget, observedAt: at };
  return result;
}

/** Per attribute the newer of both; on a tie `preferred` wins. */
function newestAttributes(preferred: PersonAttributes, other: PersonAttributes): PersonAttributes {
  return {
    displayName: newer(preferred.displayName, other.displayName),
    gender: newer(preferred.gender, other.gender),
    birthDate: newer(preferred.birthDate, other.birthDate),
    annualIncome: newer(preferred.annualIncome, other.annualIncome),
    premiumBudget: newer(preferred.premiumBudget, other.premiumBudget),
  };
}

function newer<T>(preferred: Observed<T> | undefined, other: Observed<T> | undefined): Observed<T> | undefined {
  if (!preferred) return other;
  if (!other) return preferred;
  return instant(preferred.observedAt) >= instant(other.observedAt) ? preferred : other;
}

// ------------------------------------------------------------------ split

/**
 * Connected components of a person's identifiers after removing every link
 * touching `removedKey` (which thereby becomes its own piece). Blocked links
 * and links to keys outside `identifierKeys` are ignored. Components list keys
 * in input order and are ordered by their first key.
 */
export function splitComponents(
  identifierKeys: string[],
  links: Array<{ a: string; b: string; blocked?: boolean }>,
  removedKey: string,
): string[][] {
  const parent = new Map(identifierKeys.map((key) => [key, key]));
  const root = (key: string): string => {
    let current = key;
    while (parent.get(current) !== current) current = parent.get(current) as string;
    parent.set(key, current);
    return current;
  };
  for (const { a, b, blocked } of links) {
    if (blocked === true || a === removedKey || b === removedKey || !parent.has(a) || !parent.has(b)) continue;
    parent.set(root(a), root(b));
  }
  const components = new Map<string, string[]>();
  for (const key of identifierKeys) {
    const component = components.get(root(key)) ?? [];
    if (!component.includes(key)) component.push(key);
    components.set(root(key), component);
  }
  return [...components.values()];
}

/**
 * Index of the component that keeps the OneID after a split: among the pieces
 * NOT containing `removedKey`, the one holding the oldest identifier (earliest
 * firstSeenAt; tie or unknown time: smallest key). -1 when there is none.
 */
export function pickSurvivorComponent(
  components: string[][],
  firstSeenAt: Map<string, string>,
  removedKey: string,
): number {
  let best = -1;
  let bestOldest: { time: number; key: string } | null = null;
  components.forEach((component, index) => {
    if (component.includes(removedKey) || component.length === 0) return;
    const oldest = component
      .map((key) => ({ time: seenTime(firstSeenAt.get(key)), key }))
      .reduce((a, b) => (isOlder(b, a) ? b : a));
    if (bestOldest === null || isOlder(oldest, bestOldest)) {
      best = index;
      bestOldest = oldest;
    }
  });
  return best;
}

function seenTime(iso: string | undefined): number {
  const time = iso === undefined ? Number.NaN : instant(iso);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

function isOlder(a: { time: number; key: string }, b: { time: number; key: string }): boolean {
  return a.time !== b.time ? a.time < b.time : a.key < b.key;
}
