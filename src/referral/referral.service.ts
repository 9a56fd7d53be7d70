/**
 * Referral programme: invitations (recorded, accepted or rejected, converted), the referral
 * tree they build (an accepted invitation makes the invitee a child of the inviter; a person
 * keeps the first invitation it accepted), and aggregates over both.
 *
 * Acceptance is a check-then-write, serialized by write locks taken first in its transaction:
 * the invitation, the invitee, and the top ancestor of the inviter. Every edge is created
 * under its invitee's lock and hangs the invitee's tree (the invitee is always a root: an
 * invitee with a parent is rejected as already referred) under the tree of the inviter's
 * root, so two acceptances that could together close a cycle, or give one person two
 * parents, hold a common lock and run one after the other; the second sees the first.
 *
 * The write paths are batches (recordMany, acceptMany, convertMany; record, accept and
 * convert are batches of one). A batch answers item i exactly what the single call would
 * have answered had items 0..i run one after another: it looks the references up once,
 * replays the items in input order in memory (the earlier items' effects included: ids
 * recorded or answered, people created, tree edges added), and writes all its items with a
 * fixed number of UNWIND statements in one transaction. An acceptance batch takes the locks
 * of all its items (invitations, invitees, inviters' roots, each kind in sorted order) before
 * it reads the facts it replays over, so it serializes with single acceptances and other
 * batches as a sequence of single acceptances would.
 */
import type { Tx } from '../db/database';
import { AppError, badInput, forbidden, notFound, settle, unwrap } from '../errors';
import type { RawIdentifier } from '../identity/identifier';
import type { IdentityService, PersonRef } from '../identity/identity.service';
import type { Logger } from '../logger';
import type { PersonRefs, RefReplay } from '../identity/person-refs';
import type { AcceptanceWrite, ConversionWrite, NewInvitation, PersonFactsRow, ReferralRepository, TreeKey } from './referral.repository';
import { treeKey } from './referral.repository';
import {
  InvitationRecord,
  InvitationStatusValue,
  MAX_CHAIN_DEPTH,
  MAX_CHANNEL_LENGTH,
  MAX_ID_LENGTH,
  MAX_TOP_REFERRERS,
  MAX_TREE_DEPTH,
  ReferralChainRecord,
  ReferralFilterInput,
  ReferralStatsRecord,
  fullFilter,
  ReferralTreeRecord,
  ReferrerRecord,
  rejectionReason,
} from './referral.model';

export interface InvitationInputDTO {
  id: string;
  inviter: PersonRef;
  channel: string;
  campaign?: string | null;
  advisorId?: string | null;
  sentAt: string;
}

export interface RecordOptions {
  /** Create the inviter when its identifier is unknown (ADMIN, INGEST); otherwise it must exist. */
  createInviter: boolean;
  /** Throws when the caller may not record invitations for this inviter (CUSTOMER: only itself). */
  authorizeInviter?: (inviterOneId: string) => Promise<void>;
}

export interface AcceptItem {
  id: string;
  invitee: RawIdentifier;
  at: string;
}

export interface ConvertItem {
  id: string;
  premium: number;
  at: string;
  /**
   * A conversion tied to the policy it produced (the dashboard's convertInvitationByPolicy):
   * stored on the invitation; a repeat must name the same policy (the premium is not compared),
   * and `check` replaces the "not before acceptedAt" rule (the policy's own rule).
   */
  policyNo?: string;
  /** Runs on the locked ACCEPTED invitation before it converts: an error refuses the item. */
  check?: (inv: InvitationRecord) => AppError | null;
}

/** A batch's answer for one item: the stored invitation, or the AppError the single call would have thrown. */
export type InvitationOutcome = InvitationRecord | AppError;

/** How many times acceptance re-locks the inviters' top ancestors when the trees above them moved. */
const MAX_ROOT_LOCK_ROUNDS = 20;

type Wanted = ValidInvitation & { inviterOneId: string };

/** Replay of one recording: answered already, to write, or to compare with what the write stored. */
type RecordPlan = InvitationOutcome | { write: NewInvitation } | { compare: Wanted };

/** Replay of one acceptance. `current` null: the invitation as this batch answers it. */
type AcceptPlan = AppError | { current: InvitationRecord | null; id: string } | { write: AcceptanceWrite } | { invitee: string };

interface Answered {
  status: InvitationStatusValue;
  inviteeOneId: string | null;
  /** The stored invitation; null when this batch answers it. */
  record: InvitationRecord | null;
}

/** What an acceptance batch read under its locks. */
interface Locked {
  invitations: Map<string, InvitationRecord>;
  /** Requested OneID of a locked person -> its surviving OneID. */
  persons: Map<string, string>;
  facts: Map<string, PersonFactsRow>;
}

export class ReferralService {
  constructor(
    private readonly repo: ReferralRepository,
    private readonly opts: { identity: IdentityService; log: Logger; now?: () => string },
  ) {}

  /**
   * Record an invitation under a client-chosen id. The same id with the same content again
   * returns the stored invitation and writes nothing; with different content it is
   * BAD_USER_INPUT.
   */
  async record(input: InvitationInputDTO, options: RecordOptions): Promise<InvitationRecord> {
    return unwrap((await this.recordMany([input], options))[0]);
  }

  /**
   * The invitee is whoever the identifier resolves to (created if new). Only a SENT
   * invitation can be accepted; accepting an answered one again with the same invitee returns
   * it unchanged. Rejections (self-referral, cycle, already a customer, already referred)
   * record the invitee and acceptedAt with status REJECTED and a reason.
   */
  async accept(id: string, invitee: RawIdentifier, at: string): Promise<InvitationRecord> {
    return unwrap((await this.acceptMany([{ id, invitee, at }]))[0]);
  }

  /** ACCEPTED -> CONVERTED with the invitee's first-year premium; a repeat with the same premium changes nothing. */
  async convert(id: string, premium: number, at: string): Promise<InvitationRecord> {
    return unwrap((await this.convertMany([{ id, premium, at }]))[0]);
  }

  /**
   * record for many invitations: answers item i what record would have answered had items
   * 0..i been recorded one after another (an id recorded by an earlier item is a repeat: the
   * same content answers the stored invitation, other content BAD_USER_INPUT, and a repeat
   * never creates its inviter). Failing items write nothing. One invitation read, one or two
   * reference look-ups (plus the creation of unknown inviters) and one write statement.
   */
  async recordMany(inputs: readonly InvitationInputDTO[], options: RecordOptions): Promise<InvitationOutcome[]> {
    const valid = inputs.map((input) => settle(() => validateInvitation(input)));
    const stored = await this.repo.invitationsById(valid.flatMap((v) => (v instanceof AppError ? [] : [v.id])));
    const refs = await this.opts.identity.lookupRefs(inputs.map((input, i) => (valid[i] instanceof AppError ? [] : [input.inviter ?? {}])));
    let plans: RecordPlan[];
    let pass: RefReplay;
    do plans = await this.replayRecords(inputs, valid, stored, (pass = refs.replay()), options);
    while (await pass.createPending());

    const writes = plans.flatMap((p) => ('write' in p ? [p.write] : []));
    const saved = writes.length
      ? await this.repo.write((tx) => this.repo.recordMany(tx, writes, this.now()))
      : new Map<string, { created: boolean; invitation: InvitationRecord }>();
    return plans.map((p): InvitationOutcome => {
      if (!('write' in p) && !('compare' in p)) return p;
      const wanted = 'write' in p ? p.write : p.compare;
      const s = saved.get(wanted.id);
      if (!s) return notFound('Person');
      // Created by this batch: the first item of the id gets it, repeats compare with it (as
      // do all of them when a concurrent recording of the id won the race).
      if ('write' in p && s.created) return s.invitation;
      return settle(() => sameOrConflict(s.invitation, wanted));
    });
  }

  /** One pass over a recording batch in input order (see RefReplay). */
  private async replayRecords(
    inputs: readonly InvitationInputDTO[],
    valid: ReadonlyArray<ValidInvitation | AppError>,
    stored: ReadonlyMap<string, InvitationRecord>,
    refs: RefReplay,
    options: RecordOptions,
  ): Promise<RecordPlan[]> {
    const recorded = new Map<string, Wanted>();
    const authorize = async (oneId: string): Promise<AppError | null> => {
      if (!options.authorizeInviter || refs.isPlaceholder(oneId)) return null;
      try {
        await options.authorizeInviter(oneId);
        return null;
      } catch (e) {
        if (e instanceof AppError) return e;
        throw e;
      }
    };
    const plans: RecordPlan[] = [];
    for (const [i, v] of valid.entries()) {
      if (v instanceof AppError) {
        plans.push(v);
        continue;
      }
      const storedBefore = stored.get(v.id);
      const existing = storedBefore ?? recorded.get(v.id);
      // A repeat never creates the inviter: an unknown one cannot be the stored one.
      const create = options.createInviter && !existing;
      const inviter = refs.resolve(i, create);
      if (inviter instanceof AppError) {
        plans.push(inviterError(inviter, inputs[i]!.inviter, options.authorizeInviter !== undefined, create));
        continue;
      }
      const refused = (await authorize(inviter)) ?? (existing ? await authorize(existing.inviterOneId) : null);
      if (refused) {
        plans.push(refused);
        continue;
      }
      const wanted: Wanted = { ...v, inviterOneId: inviter };
      if (storedBefore) {
        plans.push(settle(() => sameOrConflict(storedBefore, wanted)));
      } else if (existing) {
        plans.push({ compare: wanted }); // recorded by an earlier item: compared with what the write stores
      } else {
        recorded.set(v.id, wanted);
        plans.push({ write: wanted });
      }
    }
    return plans;
  }

  /**
   * accept for many items: answers item i what accept would have answered had items 0..i been
   * accepted one after another, earlier items' effects included (an invitation answered by
   * an earlier item is a repeat, a person who accepted earlier is already referred, earlier
   * edges can close a cycle or deepen a chain). Failing items write nothing.
   *
   * Before the transaction: one invitation read, one or two invitee look-ups (plus creating
   * the new invitees). In one write transaction: lock the invitations, read the inviters'
   * roots, lock the invitees and those roots, read the facts of all inviters and invitees
   * (again, after locking any root that moved meanwhile), replay the items over them and
   * write all outcomes in one statement.
   */
  async acceptMany(items: readonly AcceptItem[]): Promise<InvitationOutcome[]> {
    const { identity } = this.opts;
    const early: Array<AppError | null> = items.map((item) => {
      const id = settle(() => identity.normalize(item.invitee));
      if (id instanceof AppError) return id;
      return id ? null : badInput(`The ${item.invitee.type} identifier is a known placeholder (junk) value`);
    });
    const pre = await this.repo.invitationsById(items.flatMap((item, i) => (early[i] ? [] : [item.id])));
    items.forEach((item, i) => {
      if (early[i]) return;
      const inv = pre.get(item.id);
      if (!inv) early[i] = notFound('Invitation');
      else if (item.at < inv.sentAt) early[i] = badInput('at must not be before the invitation was sent (sentAt)');
    });
    const refs = await identity.lookupRefs(items.map((item, i) => (early[i] ? [] : [{ identifier: item.invitee }])));
    // Replay without locks until every invitee an item would create exists.
    let plans: AcceptPlan[];
    let pass: RefReplay;
    do plans = this.replayAcceptances(items, early, pre, (pass = refs.replay()), null);
    while (await pass.createPending());

    const invitees = plans.flatMap((p) => ('invitee' in p ? [p.invitee] : []));
    // Nothing to decide (only failures and repeats, e.g. a resumed import): no transaction.
    const { final, answers } = invitees.length
      ? await this.repo.write((tx) => this.acceptLocked(tx, items, early, pre, refs, invitees))
      : {
          final: this.replayAcceptances(items, early, pre, refs.replay(), { invitations: new Map(), persons: new Map(), facts: new Map() }),
          answers: new Map<string, InvitationRecord>(),
        };

    for (const p of final) {
      if (!('write' in p)) continue;
      const r = answers.get(p.write.id);
      if (r) this.opts.log.info({ invitationId: r.id, status: r.status, inviter: r.inviterOneId, invitee: r.inviteeOneId }, 'invitation answered');
    }
    return final.map((p): InvitationOutcome => {
      if (p instanceof AppError) return p;
      if ('current' in p && p.current) return p.current;
      const id = 'write' in p ? p.write.id : 'id' in p ? p.id : null;
      const answer = id === null ? undefined : answers.get(id);
      if (!answer) throw new Error('An acceptance batch lost the answer of one of its invitations');
      return answer;
    });
  }

  /** The transaction of an acceptance batch: locks, facts, final replay, one write. */
  private async acceptLocked(
    tx: Tx,
    items: readonly AcceptItem[],
    early: ReadonlyArray<AppError | null>,
    pre: ReadonlyMap<string, InvitationRecord>,
    refs: PersonRefs,
    invitees: readonly string[],
  ): Promise<{ final: AcceptPlan[]; answers: Map<string, InvitationRecord> }> {
    const invitations = await this.repo.lockInvitations(
      tx,
      items.flatMap((item, i) => (early[i] ? [] : [item.id])),
    );
    const inviters = [...new Set([...invitations.values()].filter((inv) => inv.status === 'SENT').map((inv) => inv.inviterOneId))];
    const tops = await this.repo.referralTops(tx, inviters);
    const rootsToLock = [...tops.values()].filter((t) => t.depth < MAX_CHAIN_DEPTH).map((t) => t.topOneId);
    const persons = await this.repo.lockPersons(tx, [...invitees, ...rootsToLock]);
    const locked = new Set(persons.values());
    const factsOf = [...new Set([...persons.values(), ...inviters])];
    let facts = await this.repo.acceptanceFacts(tx, factsOf);
    // Hold the lock of every inviter's root, re-reading until each root we hold is still a root.
    for (let round = 0; ; round++) {
      const moved = inviters.flatMap((inviter) => {
        const f = facts.get(inviter);
        if (!f || f.ancestors.length >= MAX_CHAIN_DEPTH) return []; // gone, or too deep anyway
        const top = f.ancestors[f.ancestors.length - 1] ?? inviter;
        return locked.has(top) && !f.topHasParent ? [] : [top];
      });
      if (moved.length === 0) break;
      if (round >= MAX_ROOT_LOCK_ROUNDS) throw new Error('The referral tree kept changing during an acceptance');
      for (const survivor of (await this.repo.lockPersons(tx, moved)).values()) locked.add(survivor);
      facts = await this.repo.acceptanceFacts(tx, factsOf);
    }
    const final = this.replayAcceptances(items, early, pre, refs.replay(), { invitations, persons, facts });
    const writes = final.flatMap((p) => ('write' in p ? [p.write] : []));
    return { final, answers: await this.repo.applyAcceptances(tx, writes) };
  }

  /**
   * One pass over an acceptance batch in input order. Without `locked` (before the
   * transaction) it only finds out which invitees get created: an item that reaches the
   * decision answers `{ invitee }`. With it, items are decided over the locked facts and an
   * in-memory copy of the tree that grows with each accepted item.
   */
  private replayAcceptances(
    items: readonly AcceptItem[],
    early: ReadonlyArray<AppError | null>,
    pre: ReadonlyMap<string, InvitationRecord>,
    refs: RefReplay,
    locked: Locked | null,
  ): AcceptPlan[] {
    const answered = new Map<string, Answered>();
    const parent = locked ? parentsOf(locked.facts) : new Map<string, string>();
    const referred = new Set<string>();
    return items.map((item, i): AcceptPlan => {
      const failed = early[i];
      if (failed) return failed;
      const stored = pre.get(item.id)!;
      const seen: Answered | null =
        answered.get(item.id) ?? (stored.status === 'SENT' ? null : { status: stored.status, inviteeOneId: stored.inviteeOneId, record: stored });
      if (seen) {
        // Answered already: only a repeat with the same invitee is allowed (and changes nothing).
        const who = refs.resolve(i, false);
        if (who instanceof AppError && who.code !== 'NOT_FOUND') return who;
        if (typeof who === 'string' && who === seen.inviteeOneId) return { current: seen.record, id: item.id };
        return badInput(`Invitation ${item.id} was already answered (${seen.status}) by another invitee`);
      }
      const ref = refs.resolve(i, true);
      if (ref instanceof AppError) return ref;
      if (!locked) {
        answered.set(item.id, { status: 'ACCEPTED', inviteeOneId: ref, record: null });
        return { invitee: ref };
      }
      const inv = locked.invitations.get(item.id);
      if (!inv) return notFound('Invitation');
      const inviteeOneId = refs.isPlaceholder(ref) ? undefined : locked.persons.get(ref);
      if (!inviteeOneId) return notFound('Person');
      if (inv.status !== 'SENT') {
        // Answered by someone else since the first read.
        answered.set(item.id, { status: inv.status, inviteeOneId: inv.inviteeOneId, record: inv });
        if (inv.inviteeOneId === inviteeOneId) return { current: inv, id: item.id };
        return badInput(`Invitation ${item.id} was already answered (${inv.status}) by another invitee`);
      }
      const inviter = inv.inviterOneId;
      const inviterFacts = locked.facts.get(inviter);
      const inviteeFacts = locked.facts.get(inviteeOneId);
      if (!inviterFacts || !inviteeFacts) throw new Error('acceptance facts: inviter or invitee vanished inside the transaction');
      const selfReferral = inviteeOneId === inviter;
      const { depth, cycle } = climb(parent, inviter, inviteeOneId);
      const reason = rejectionReason({
        selfReferral,
        cycle,
        tooDeep: depth >= MAX_CHAIN_DEPTH,
        alreadyCustomer: inviteeFacts.firstPolicyStart !== null && inviteeFacts.firstPolicyStart < inv.sentAt.slice(0, 10),
        alreadyReferred: inviteeFacts.referred || referred.has(inviteeOneId),
      });
      const status = reason ? 'REJECTED' : 'ACCEPTED';
      if (!reason) {
        parent.set(inviteeOneId, inviter);
        referred.add(inviteeOneId);
      }
      answered.set(item.id, { status, inviteeOneId, record: null });
      const sameHousehold = !selfReferral && inviterFacts.households.some((h) => inviteeFacts.households.includes(h));
      return { write: { id: item.id, invitee: inviteeOneId, at: item.at, status, reason, sameHousehold } };
    });
  }

  /**
   * convert for many items: answers item i what convert would have answered had items 0..i
   * been converted one after another (a second conversion of one id in the batch is a
   * repeat). Failing items write nothing. One transaction: lock and read the invitations,
   * replay, write all conversions in one statement.
   */
  async convertMany(items: readonly ConvertItem[]): Promise<InvitationOutcome[]> {
    const early: Array<AppError | null> = items.map((item) =>
      !Number.isInteger(item.premium) || item.premium < 0 ? badInput('premium must be a non-negative whole number') : null,
    );
    const ids = items.flatMap((item, i) => (early[i] ? [] : [item.id]));
    if (ids.length === 0) return early.map((e) => e!);
    return this.repo.write(async (tx) => {
      const state = await this.repo.lockInvitations(tx, ids);
      const converted = new Set<string>();
      const writes: ConversionWrite[] = [];
      const plans = items.map((item, i): AppError | { id: string } => {
        const failed = early[i];
        if (failed) return failed;
        const inv = state.get(item.id);
        if (!inv) return notFound('Invitation');
        const byPolicy = item.policyNo !== undefined;
        if (inv.status === 'CONVERTED') {
          if (byPolicy ? inv.policyNo === item.policyNo : inv.premium === item.premium) return { id: item.id };
          return badInput(`Invitation ${item.id} was already converted with another ${byPolicy ? 'policy (policyNo)' : 'premium'}`);
        }
        if (inv.status !== 'ACCEPTED') return badInput(`Only an ACCEPTED invitation can be converted; ${item.id} is ${inv.status}`);
        const refused = item.check
          ? item.check(inv)
          : inv.acceptedAt && item.at < inv.acceptedAt
            ? badInput('at must not be before the invitation was accepted (acceptedAt)')
            : null;
        if (refused) return refused;
        writes.push({ id: item.id, premium: item.premium, at: item.at, policyNo: item.policyNo ?? null });
        converted.add(item.id);
        state.set(item.id, { ...inv, status: 'CONVERTED', premium: item.premium, convertedAt: item.at, policyNo: item.policyNo ?? null });
        return { id: item.id };
      });
      const saved = await this.repo.applyConversions(tx, writes);
      return plans.map((p): InvitationOutcome => {
        if (p instanceof AppError) return p;
        const r = converted.has(p.id) ? saved.get(p.id) : state.get(p.id);
        if (!r) throw new Error('A conversion batch lost the answer of one of its invitations');
        return r;
      });
    });
  }

  async invitationsById(ids: readonly string[]): Promise<Array<InvitationRecord | null>> {
    const found = await this.repo.invitationsById(ids);
    return ids.map((id) => found.get(id) ?? null);
  }

  async invitedBy(oneIds: readonly string[]): Promise<Array<InvitationRecord | null>> {
    const found = await this.repo.invitedBy(oneIds);
    return oneIds.map((id) => found.get(id) ?? null);
  }

  async chains(oneIds: readonly string[]): Promise<ReferralChainRecord[]> {
    const found = await this.repo.chains(oneIds);
    // A person the statement did not see (gone meanwhile) is its own root.
    return oneIds.map((id) => found.get(id) ?? { rootOneId: id, depth: 0, links: [] });
  }

  async trees(keys: readonly TreeKey[]): Promise<ReferralTreeRecord[]> {
    for (const k of keys) assertTreeDepth(k.maxDepth);
    const found = await this.repo.trees(keys);
    return keys.map(
      (k) => found.get(treeKey(k)) ?? { rootOneId: k.oneId, size: 0, maxDepth: 0, levels: [], converted: 0, premium: 0 },
    );
  }

  stats(filter: ReferralFilterInput | null | undefined): Promise<ReferralStatsRecord> {
    return this.repo.stats(validateFilter(filter));
  }

  topReferrers(filter: ReferralFilterInput | null | undefined, first: number): Promise<ReferrerRecord[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_TOP_REFERRERS) {
      throw badInput(`first must be between 1 and ${MAX_TOP_REFERRERS}`);
    }
    return this.repo.topReferrers(validateFilter(filter), first);
  }

  private now(): string {
    return this.opts.now?.() ?? new Date().toISOString();
  }
}

/** maxDepth of a referral tree: 1..1000. */
export function assertTreeDepth(maxDepth: number): void {
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_TREE_DEPTH) {
    throw badInput(`maxDepth must be between 1 and ${MAX_TREE_DEPTH}`);
  }
}

interface ValidInvitation {
  id: string;
  channel: string;
  campaign: string | null;
  advisorId: string | null;
  sentAt: string;
}

function optionalText(name: string, value: string | null | undefined, max: number, problems: string[]): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (v.length === 0 || v.length > max) problems.push(`${name} must be 1 to ${max} characters when given`);
  return v;
}

function validateInvitation(input: InvitationInputDTO): ValidInvitation {
  const problems: string[] = [];
  if (!input.id || input.id.trim().length === 0 || input.id.length > MAX_ID_LENGTH) {
    problems.push(`id must be 1 to ${MAX_ID_LENGTH} characters`);
  }
  const channel = (input.channel ?? '').trim();
  if (channel.length === 0 || channel.length > MAX_CHANNEL_LENGTH) {
    problems.push(`channel must be 1 to ${MAX_CHANNEL_LENGTH} characters`);
  }
  const campaign = optionalText('campaign', input.campaign, MAX_ID_LENGTH, problems);
  const advisorId = optionalText('advisorId', input.advisorId, MAX_ID_LENGTH, problems);
  if (problems.length) throw badInput(`Invalid invitation: ${problems.join('; ')}`);
  return { id: input.id, channel, campaign, advisorId, sentAt: input.sentAt };
}

/** The error record answers for an inviter reference that did not resolve (see record). */
function inviterError(e: AppError, ref: PersonRef, limitedToSelf: boolean, create: boolean): AppError {
  if (e.code !== 'NOT_FOUND') return e;
  // A caller limited to itself gets the same answer for an unknown and a foreign inviter.
  if (limitedToSelf) return forbidden();
  // Unknown identifier of a repeat (nothing is created for it): not the stored inviter.
  if (ref.identifier && !create) return badInput('The invitation id was already recorded with a different inviter');
  return e;
}

/** Tree edges child -> parent from the loaded chains (each person's ancestors, nearest first). */
function parentsOf(facts: ReadonlyMap<string, PersonFactsRow>): Map<string, string> {
  const parent = new Map<string, string>();
  for (const f of facts.values()) {
    const chain = [f.oneId, ...f.ancestors];
    for (let k = 0; k + 1 < chain.length; k++) if (!parent.has(chain[k]!)) parent.set(chain[k]!, chain[k + 1]!);
  }
  return parent;
}

/**
 * Walk up from the inviter (at most MAX_CHAIN_DEPTH steps, like acceptance-facts): its depth
 * and whether the invitee is among its ancestors (a cycle if the invitee became its parent).
 */
function climb(parent: ReadonlyMap<string, string>, inviter: string, invitee: string): { depth: number; cycle: boolean } {
  const seen = new Set([inviter]);
  let at = inviter;
  let depth = 0;
  while (depth < MAX_CHAIN_DEPTH) {
    const up = parent.get(at);
    if (up === undefined || seen.has(up)) break;
    depth += 1;
    if (up === invitee) return { depth, cycle: true };
    seen.add(up);
    at = up;
  }
  return { depth, cycle: false };
}

function sameOrConflict(existing: InvitationRecord, wanted: ValidInvitation & { inviterOneId: string }): InvitationRecord {
  const differs = (
    [
      ['inviter', existing.inviterOneId, wanted.inviterOneId],
      ['channel', existing.channel, wanted.channel],
      ['campaign', existing.campaign, wanted.campaign],
      ['advisorId', existing.advisorId, wanted.advisorId],
      ['sentAt', existing.sentAt, wanted.sentAt],
    ] as const
  )
    .filter(([, a, b]) => a !== b)
    .map(([name]) => name);
  if (differs.length === 0) return existing;
  throw badInput(`Invitation ${existing.id} was already recorded with a different ${differs.join(', ')}`);
}

/**
 * A ReferralFilter with every field present (null: no constraint); noCampaign and noAdvisor
 * constrain only when true. Shared with the dashboard (campaigns), so both read one filter
 * the same way.
 */
export function validateFilter(filter: ReferralFilterInput | null | undefined): Required<ReferralFilterInput> {
  const f = filter ?? {};
  if (f.from && f.to && f.from > f.to) throw badInput('filter.from must not be after filter.to');
  return fullFilter(f);
}
