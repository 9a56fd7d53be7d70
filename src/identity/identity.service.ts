/**
 * Identity: many identifiers in, one OneID per person out. Validation and normalization
 * happen before anything is written; the merge rules live in the pure planner; this
 * service loads the state a batch needs, plans, and applies the plan in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { isCalendarDate, normalizeIsoDateTime } from '../calendar/calendar';
import type { Clock } from '../clock';
import { AppError, badInput, notFound, unwrap } from '../errors';
import type { Logger } from '../logger';
import { toNormalizedIdentifier } from './hash';
import type { RawIdentifier } from './identifier';
import type { IdentifierRecord, PersonRecord } from './identity.model';
import { IdentityBulkPlan, type BulkStep } from './identity.bulk';
import type { IdentityRepository } from './identity.repository';
import { classifyIdentifier } from './junk';
import { pickSurvivorComponent, planIdentityEvents, splitComponents, type EventAttributes, type EventResult, type PlannerEvent, type PlannerIdentifier } from './planner';
import { PersonRefs } from './person-refs';
import type { IdentityRules } from './rules';
import type { DetachedSeal, IdentifierSealer, SealItem, StoredDataKey } from './sealing';

export const MAX_EVENTS_PER_BATCH = 1000;
export const MAX_IDENTIFIERS_PER_EVENT = 50;

export interface IdentityEventDTO {
  eventId: string;
  source: string;
  observedAt: string;
  identifiers: RawIdentifier[];
  attributes?: EventAttributes | null;
}

export const MAX_DISPLAY_NAME_LENGTH = 200;
export const MAX_ANNUAL_INCOME = 2_000_000_000;
/** Upper bound of premiumBudget (whole CNY per year), as for annualIncome. */
export const MAX_PREMIUM_BUDGET = 2_000_000_000;

/** What is wrong with an event's or an update's attributes (empty when nothing); `today` is the business date. */
function attributeProblems(attrs: EventAttributes | null | undefined, today: string): string[] {
  if (!attrs) return [];
  const problems: string[] = [];
  if (attrs.displayName != null && attrs.displayName.length > MAX_DISPLAY_NAME_LENGTH) {
    problems.push(`displayName must be at most ${MAX_DISPLAY_NAME_LENGTH} characters`);
  }
  const income = attrs.annualIncome;
  if (income != null && (!Number.isInteger(income) || income < 0 || income > MAX_ANNUAL_INCOME)) {
    problems.push(`annualIncome must be a whole number from 0 to ${MAX_ANNUAL_INCOME}`);
  }
  const budget = attrs.premiumBudget;
  if (budget != null && (!Number.isInteger(budget) || budget < 0 || budget > MAX_PREMIUM_BUDGET)) {
    problems.push(`premiumBudget must be a whole number from 0 to ${MAX_PREMIUM_BUDGET}`);
  }
  if (attrs.birthDate != null) {
    if (!isCalendarDate(attrs.birthDate)) problems.push('birthDate must be a real calendar date YYYY-MM-DD');
    else if (attrs.birthDate > today) problems.push('birthDate must not be in the future');
  }
  return problems;
}

export interface PersonRef {
  oneId?: string | null;
  identifier?: RawIdentifier | null;
}

export interface Evidence {
  from: IdentifierRecord;
  to: IdentifierRecord;
  eventId: string;
  source: string;
  observedAt: string;
}

export class IdentityService {
  private lastCreatedAt = 0;

  constructor(
    private readonly repo: IdentityRepository,
    private readonly opts: { hashSecret: string; rules: IdentityRules; log: Logger; clock: Clock; sealer: IdentifierSealer },
  ) {}

  /** Compile the heavy ingest statements ahead of the first merge (best effort). */
  warmUp(): Promise<void> {
    return this.repo.warmUp();
  }

  /** Normalize and hash one identifier; BAD_USER_INPUT when invalid, null when junk. */
  normalize(raw: RawIdentifier): PlannerIdentifier | null {
    const c = classifyIdentifier(raw);
    if (c.kind === 'invalid') throw badInput(`Invalid ${raw.type} identifier: ${c.reason}`);
    if (c.kind === 'junk') return null;
    return toNormalizedIdentifier(this.opts.hashSecret, c.id);
  }

  async ingest(events: IdentityEventDTO[]): Promise<{ accepted: number; duplicates: number; results: EventResult[] }> {
    if (events.length > MAX_EVENTS_PER_BATCH) {
      throw badInput(`At most ${MAX_EVENTS_PER_BATCH} events per batch, got ${events.length}`);
    }
    const planned = this.validateBatch(events);
    if (planned.length === 0) return { accepted: 0, duplicates: 0, results: [] };
    const keys = [...new Set(planned.flatMap((e) => e.identifiers.filter((i) => !i.junk).map((i) => i.key)))];
    const eventIds = [...new Set(planned.map((e) => e.eventId))];
    const { results, conflicts } = await this.repo.withIdentityLock(async (tx) => {
      const snapshot = await this.repo.loadSnapshot(tx, keys, eventIds);
      const { results, plan } = planIdentityEvents({
        snapshot,
        events: planned,
        rules: this.opts.rules,
        newOneId: () => randomUUID(),
        // New people must be younger than every loaded one, even ones another instance created
        // with a clock slightly ahead of ours: "the oldest OneID survives" depends on it.
        now: this.createdAtBase(planned.length, [...snapshot.persons.values()].reduce((max, p) => Math.max(max, p.createdAt), 0) + 1),
      });
      // Values are sealed in memory under the owners' keys read with the snapshot (new people get
      // new keys) and stored by the plan's own statements; only an owner stored before encryption
      // existed (no key yet) takes the sealer's statements.
      const items = toSeal(planned, plan.identifiers, snapshot.identifiers);
      const created = new Set(plan.persons.map((p) => p.oneId));
      const ownerKeys = new Map<string, StoredDataKey | null>();
      const legacy: SealItem[] = [];
      for (const item of items) {
        const stored = created.has(item.oneId) ? null : (snapshot.dataKeys.get(item.oneId) ?? undefined);
        if (stored === undefined) legacy.push(item);
        else ownerKeys.set(item.oneId, stored);
      }
      const seals = this.opts.sealer.sealInMemory(items.filter((i) => ownerKeys.has(i.oneId)), ownerKeys);
      const conflicts = await this.repo.applyPlan(tx, plan, new Date().toISOString(), seals);
      await this.opts.sealer.seal(tx, legacy);
      // Derived state reads people's attributes (birth date, income, premium budget) and whatever a
      // merge moves to its survivor: the hooks recompute them before commit. A person this batch
      // created belongs to no household yet (no work-list), but gets its customer state (segment,
      // tier, rule tags), so it is named too.
      const touched = [...plan.attributes.map((a) => a.oneId), ...plan.persons.map((p) => p.oneId)];
      tx.touch('persons', [...new Set([...touched, ...plan.merges.filter((m) => m.kind === 'merge').map((m) => m.into)])]);
      return { results, conflicts };
    });
    for (const c of conflicts) {
      this.opts.log.warn({ conflict: 'household', mergedOneId: c.from, survivor: c.into, keptHousehold: c.kept, droppedHousehold: c.dropped }, 'merge joined people of two households: kept the older membership');
    }
    const duplicates = results.filter((r) => r.duplicate).length;
    return { accepted: results.length - duplicates, duplicates, results };
  }

  /** A bulk first load's in-memory planner (identity.bulk.ts): the online rules, one stream. */
  bulkPlan(): IdentityBulkPlan {
    return new IdentityBulkPlan((e, today) => this.validateEvent(e, today), this.opts.rules, this.opts.sealer, {
      now: this.createdAtBase(0),
      today: this.opts.clock.today(),
      newOneId: () => randomUUID(),
    });
  }

  /** Bulk first load: one batch of a step's rows with its checkpoint, in one transaction. */
  bulkWrite(step: BulkStep, rows: readonly unknown[], checkpoint: { id: string; done: number }): Promise<void> {
    return this.repo.bulkWrite(step, rows, checkpoint, (tx) => this.opts.sealer.writeDetached(tx, rows as DetachedSeal[]));
  }

  bulkProgress(id: string): Promise<{ step: BulkStep; done: number } | null> {
    return this.repo.bulkProgress(id);
  }

  /** True when the database holds no identity (no identifier, tombstone or identity event). */
  bulkIdentityEmpty(): Promise<boolean> {
    return this.repo.identityEmpty();
  }

  /** How many of these identifier keys (tombstones included) and event ids the database already holds. */
  bulkOverlap(keys: readonly string[], eventIds: readonly string[]): Promise<{ keys: number; events: number }> {
    return this.repo.bulkOverlap(keys, eventIds);
  }

  /** The person an identifier resolves to; null when unknown, shared or junk. */
  async resolve(raw: RawIdentifier): Promise<PersonRecord | null> {
    const id = this.normalize(raw);
    return id ? this.repo.resolveKey(id.key) : null;
  }

  personsByOneId(oneIds: readonly string[]): Promise<Array<PersonRecord | null>> {
    return this.repo.personsByOneId(oneIds);
  }

  /** The OneIDs among these whose person was erased (ids only: a batch's check before it writes). */
  async erasedAmong(oneIds: readonly string[]): Promise<Set<string>> {
    const found = oneIds.length ? await this.repo.survivors(oneIds) : [];
    return new Set(found.flatMap((p) => (p?.forgotten ? [p.oneId] : [])));
  }

  identifiersOf(oneIds: readonly string[]): Promise<IdentifierRecord[][]> {
    return this.repo.identifiersOf(oneIds);
  }

  devicesOf(oneIds: readonly string[]): Promise<IdentifierRecord[][]> {
    return this.repo.devicesOf(oneIds);
  }

  mergedOneIdsOf(oneIds: readonly string[]): Promise<string[][]> {
    return this.repo.aliasesOf(oneIds);
  }

  /** The live person behind a OneID (a merged-away one resolves to its survivor); NOT_FOUND otherwise. */
  async requirePerson(oneId: string): Promise<PersonRecord> {
    const [person] = await this.repo.personsByOneId([oneId]);
    if (!person) throw notFound('Person');
    return person;
  }

  /**
   * Exactly one of oneId or identifier. An identifier resolves like resolveIdentity; an
   * unknown one creates a person when `create` is set (upstream systems refer to people by
   * their own ids). Returns the surviving OneID.
   */
  async resolvePersonRef(ref: PersonRef, opts: { create: boolean } = { create: true }): Promise<string> {
    return unwrap((await this.resolvePersonRefs([ref], opts))[0]);
  }

  /**
   * resolvePersonRef for many references at once, answering per reference: the surviving
   * OneID, or the AppError (BAD_USER_INPUT, NOT_FOUND) resolvePersonRef would throw for it.
   * One look-up for all identifiers, one for all OneIDs, and one ingest (per 1000) creating
   * the people of unknown identifiers when `create` is set. Other errors are thrown.
   */
  async resolvePersonRefs(refs: readonly PersonRef[], opts: { create: boolean } = { create: true }): Promise<Array<string | AppError>> {
    const out: Array<string | AppError | { key: string; raw: RawIdentifier; type: string }> = refs.map((ref) => {
      const hasId = ref.oneId !== undefined && ref.oneId !== null;
      const hasIdentifier = ref.identifier !== undefined && ref.identifier !== null;
      if (hasId === hasIdentifier) return badInput('A person reference needs exactly one of oneId or identifier');
      if (hasId) return ref.oneId!;
      try {
        const id = this.normalize(ref.identifier!);
        if (!id) return badInput(`The ${ref.identifier!.type} identifier is a known placeholder (junk) value`);
        return { key: id.key, raw: ref.identifier!, type: id.type };
      } catch (e) {
        if (e instanceof AppError) return e;
        throw e;
      }
    });
    // OneIDs: the live survivor, or NOT_FOUND.
    const oneIds = [...new Set(refs.flatMap((r, i) => (typeof out[i] === 'string' && r.oneId ? [r.oneId] : [])))];
    const persons = oneIds.length ? await this.repo.survivors(oneIds) : [];
    const survivor = new Map(oneIds.map((id, i) => [id, persons[i]?.oneId ?? null]));
    // Identifiers: known (unless shared), else created or NOT_FOUND.
    const pending = out.filter((o): o is { key: string; raw: RawIdentifier; type: string } => typeof o === 'object' && !(o instanceof AppError));
    const keys = [...new Set(pending.map((p) => p.key))];
    const known = keys.length ? await this.repo.identifiersByKey(keys) : new Map<string, { identifier: IdentifierRecord; oneId: string | null }>();
    const unknown = new Map<string, RawIdentifier>();
    for (const p of pending) if (!known.get(p.key)?.oneId && !known.get(p.key)?.identifier.shared) unknown.set(p.key, p.raw);
    const created = new Map<string, string | null>();
    if (opts.create && unknown.size > 0) {
      const entries = [...unknown];
      const observedAt = new Date().toISOString();
      for (let i = 0; i < entries.length; i += MAX_EVENTS_PER_BATCH) {
        const slice = entries.slice(i, i + MAX_EVENTS_PER_BATCH);
        const { results } = await this.ingest(slice.map(([key, raw]) => ({ eventId: `person-ref:${key}`, source: 'person-ref', observedAt, identifiers: [raw] })));
        const byEvent = new Map(results.map((r) => [r.eventId, r.oneId]));
        for (const [key] of slice) created.set(key, byEvent.get(`person-ref:${key}`) ?? null);
      }
      // An event seen before (eventId) reports no OneID: read where its identifier went.
      const missing = [...created].filter(([, oneId]) => !oneId).map(([key]) => key);
      if (missing.length) for (const [key, found] of await this.repo.identifiersByKey(missing)) created.set(key, found.oneId);
    }
    return out.map((o) => {
      if (o instanceof AppError) return o;
      if (typeof o === 'string') return survivor.get(o) ?? notFound('Person');
      const k = known.get(o.key);
      if (k?.identifier.shared) return badInput(`The ${o.type} identifier is shared by several people; refer to the person by oneId`);
      if (k?.oneId) return k.oneId;
      if (!opts.create) return notFound('Person');
      return created.get(o.key) ?? badInput(`The ${o.type} identifier cannot refer to a person (erased or shared)`);
    });
  }

  /**
   * The person references of a batch, item by item (an item is a list of references, maybe
   * empty), looked up without writing anything: one resolvePersonRefs call. Then
   * `materialize(items)` creates the people of the new identifiers of the items still wanted
   * only, or `replay()` answers the items as if they ran one after another (see PersonRefs).
   */
  lookupRefs(lists: ReadonlyArray<readonly PersonRef[]>): Promise<PersonRefs> {
    return PersonRefs.lookUp(this, lists);
  }

  async explain(a: RawIdentifier, b: RawIdentifier): Promise<{ sameOneId: boolean; path: Evidence[] }> {
    const [ia, ib] = [this.normalize(a), this.normalize(b)];
    if (!ia || !ib) return { sameOneId: false, path: [] };
    const found = await this.repo.identifiersByKey([ia.key, ib.key]);
    const [fa, fb] = [found.get(ia.key), found.get(ib.key)];
    // Same rule as resolveIdentity: a shared identifier resolves to nobody, so it is never "the same person".
    const resolves = (f: typeof fa): boolean => !!f?.oneId && !f.identifier.shared;
    if (!resolves(fa) || !resolves(fb) || fa!.oneId !== fb!.oneId) return { sameOneId: false, path: [] };
    if (ia.key === ib.key) return { sameOneId: true, path: [] };
    const steps = await this.repo.evidencePath(ia.key, ib.key);
    if (!steps) return { sameOneId: true, path: [] };
    return {
      sameOneId: true,
      path: steps.links.map((link, i) => ({ from: steps.nodes[i], to: steps.nodes[i + 1], ...link })),
    };
  }

  /**
   * Detach an identifier: its evidence links are removed and the person is recomputed from
   * the evidence that remains. The piece holding the oldest identifier keeps the OneID;
   * the split-off identifier and any other detached piece become new people.
   */
  async split(raw: RawIdentifier, reason: string): Promise<{ remaining: PersonRecord; split: PersonRecord }> {
    if (reason.trim().length === 0 || reason.length > 500) throw badInput('reason must be 1 to 500 characters');
    const id = this.normalize(raw);
    if (!id) throw badInput(`The ${raw.type} identifier is a known placeholder (junk) value`);
    const { remainingId, splitId } = await this.repo.withIdentityLock(async (tx) => {
      const load = await this.repo.loadForSplit(tx, id.key);
      if (!load) throw notFound('Identifier');
      const keys = load.identifiers.map((i) => i.key);
      if (keys.length < 2) throw badInput('The identifier is the only one of its person: nothing to split');
      const components = splitComponents(keys, load.links, id.key);
      const seen = new Map(load.identifiers.map((i) => [i.key, i.firstSeenAt]));
      const keep = pickSurvivorComponent(components, seen, id.key);
      const base = this.createdAtBase(components.length, load.person.createdAt + 1);
      const pieces = components
        .filter((_, i) => i !== keep)
        .map((keys, i) => ({ oneId: randomUUID(), createdAt: base + i, keys }));
      await this.repo.applySplit(tx, { key: id.key, oneId: load.person.oneId, reason, at: new Date().toISOString(), pieces });
      await this.opts.sealer.reseal(tx, pieces);
      const splitPiece = pieces.find((p) => p.keys.includes(id.key))!;
      return { remainingId: load.person.oneId, splitId: splitPiece.oneId };
    });
    const [remaining, split] = await this.repo.personsByOneId([remainingId, splitId]);
    if (!remaining || !split) throw new AppError('NOT_FOUND', 'Person not found after split');
    this.opts.log.info({ remaining: remainingId, split: splitId }, 'identifier split off');
    return { remaining, split };
  }

  /** Erase a person and every OneID merged into it; the node stays as an anonymous placeholder. */
  async forget(oneId: string): Promise<{ oneId: string; erasedIdentifiers: number }> {
    // The OneID is resolved (merged-away -> survivor) inside the locked transaction, so a merge
    // that commits just before cannot make a valid request answer NOT_FOUND.
    const done = await this.repo.withIdentityLock(async (tx) => {
      const erased = await this.repo.forget(tx, oneId, new Date().toISOString());
      // Attributes and life events are gone: the work-lists that read them are recomputed.
      if (erased) tx.touch('persons', [erased.oneId]);
      return erased;
    });
    if (done === null) throw notFound('Person');
    this.opts.sealer.destroyed(done.dataKeyIds);
    this.opts.log.info({ oneId: done.oneId, erasedIdentifiers: done.erased, dataKeysDestroyed: done.dataKeyIds.length }, 'person erased');
    return { oneId: done.oneId, erasedIdentifiers: done.erased };
  }

  /** Set attributes now (an operator's update is the newest observation). */
  async updatePerson(oneId: string, attrs: EventAttributes): Promise<PersonRecord> {
    const person = await this.requirePerson(oneId);
    if (person.forgotten) throw badInput('The person was erased; its attributes cannot be set again');
    const problems = attributeProblems(attrs, this.opts.clock.today());
    if (problems.length > 0) throw badInput(problems.join('; '), { field: 'attributes' });
    const at = new Date().toISOString();
    const props: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined) continue;
      props[name] = value;
      props[`${name}At`] = at;
    }
    // Under the identity lock, so an update cannot race with a merge of the same person.
    const updated = await this.repo.withIdentityLock(async (tx) => {
      const done = await this.repo.updatePerson(tx, person.oneId, props);
      if (done) tx.touch('persons', [done.oneId]);
      return done;
    });
    if (!updated) throw notFound('Person');
    return updated;
  }

  /** Validate a whole batch before anything is written; BAD_USER_INPUT names each bad event. */
  private validateBatch(events: IdentityEventDTO[]): PlannerEvent[] {
    const problems: Array<{ index: number; eventId: string; reasons: string[] }> = [];
    const planned: PlannerEvent[] = [];
    const today = this.opts.clock.today();
    events.forEach((event, index) => {
      const checked = this.validateEvent(event, today);
      if (Array.isArray(checked)) problems.push({ index, eventId: event.eventId, reasons: checked });
      else planned.push(checked);
    });
    if (problems.length) {
      const summary = problems.map((p) => `events[${p.index}] (${p.eventId}): ${p.reasons.join('; ')}`).join(' | ');
      throw badInput(`${problems.length} invalid event(s), nothing was written: ${summary}`, { invalidEvents: problems });
    }
    return planned;
  }

  /**
   * One event checked and normalized as ingest does it (`today` is the business date): the
   * planner's event, or the reasons it is refused (never the raw values).
   */
  validateEvent(event: IdentityEventDTO, today: string = this.opts.clock.today()): PlannerEvent | string[] {
    const reasons: string[] = [];
    if (!event.eventId || event.eventId.length > 128) reasons.push('eventId must be 1 to 128 characters');
    if (!event.source || event.source.length > 128) reasons.push('source must be 1 to 128 characters');
    const n = event.identifiers?.length ?? 0;
    if (n < 1 || n > MAX_IDENTIFIERS_PER_EVENT) reasons.push(`needs 1 to ${MAX_IDENTIFIERS_PER_EVENT} identifiers, got ${n}`);
    if (typeof event.observedAt !== 'string' || normalizeIsoDateTime(event.observedAt) === null) {
      reasons.push('observedAt must be a real ISO-8601 date-time with offset');
    }
    reasons.push(...attributeProblems(event.attributes, today));
    const identifiers: PlannerIdentifier[] = [];
    (event.identifiers ?? []).forEach((raw, i) => {
      const c = classifyIdentifier(raw);
      if (c.kind === 'invalid') reasons.push(`identifiers[${i}] (${raw.type}): ${c.reason}`);
      else if (c.kind === 'valid') identifiers.push(toNormalizedIdentifier(this.opts.hashSecret, c.id));
    });
    if (reasons.length) return reasons;
    return { eventId: event.eventId, source: event.source, observedAt: event.observedAt, identifiers, attributes: event.attributes };
  }

  /**
   * Creation times strictly increase across batches in this process and are never below
   * `floor` (the newest person the batch loaded), so "oldest" is well defined.
   */
  private createdAtBase(count: number, floor = 0): number {
    const base = Math.max(Date.now(), this.lastCreatedAt + 1, floor);
    this.lastCreatedAt = base + count;
    return base;
  }
}

/**
 * What a batch must encrypt: every identifier it gave a person that holds no ciphertext yet
 * (new ones, and ones stored before encryption existed: re-ingesting them fills the gap). An
 * identifier already sealed keeps its ciphertext when a merge moves it: the data key that
 * sealed it moves with it to the survivor. Owner-less values (shared home devices, values over
 * a limit that belong to nobody) are not stored at all: they are nobody's to reveal.
 */
function toSeal(events: PlannerEvent[], rows: ReadonlyArray<{ key: string; personOneId: string | null }>, before: ReadonlyMap<string, { sealed?: boolean }>): SealItem[] {
  const values = new Map<string, string>();
  for (const e of events) for (const i of e.identifiers) if (!i.junk && i.type !== 'IOT_DEVICE') values.set(i.key, i.value);
  const items: SealItem[] = [];
  for (const row of rows) {
    const value = values.get(row.key);
    if (row.personOneId !== null && value !== undefined && before.get(row.key)?.sealed !== true) items.push({ key: row.key, oneId: row.personOneId, value });
  }
  return items;
}

