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
 */
import { AppError, badInput, forbidden, notFound } from '../errors';
import type { RawIdentifier } from '../identity/identifier';
import type { IdentityService, PersonRef } from '../identity/identity.service';
import type { Logger } from '../logger';
import type { AcceptanceFactsRow, ReferralRepository, TreeKey } from './referral.repository';
import { treeKey } from './referral.repository';
import {
  InvitationRecord,
  MAX_CHAIN_DEPTH,
  MAX_CHANNEL_LENGTH,
  MAX_ID_LENGTH,
  MAX_TOP_REFERRERS,
  MAX_TREE_DEPTH,
  ReferralChainRecord,
  ReferralFilterInput,
  ReferralStatsRecord,
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

/** How many times acceptance re-locks the inviter's top ancestor when the tree above it moved. */
const MAX_ROOT_LOCK_ROUNDS = 20;

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
    const inv = validateInvitation(input);
    const existing = (await this.repo.invitationsById([inv.id])).get(inv.id);
    // A repeat never creates the inviter: an unknown one cannot be the stored one.
    const inviterOneId = await this.resolveInviter(input.inviter, { ...options, createInviter: options.createInviter && !existing });
    await options.authorizeInviter?.(inviterOneId);
    if (existing) {
      await options.authorizeInviter?.(existing.inviterOneId);
      return sameOrConflict(existing, { ...inv, inviterOneId });
    }
    const stored = await this.repo.write(async (tx) => {
      const res = await this.repo.record(tx, { ...inv, inviterOneId }, this.now());
      if (!res) throw notFound('Person');
      // Lost a race with a concurrent recording of the same id: compare like above.
      return res.created ? res.invitation : sameOrConflict(res.invitation, { ...inv, inviterOneId });
    });
    return stored;
  }

  /**
   * The invitee is whoever the identifier resolves to (created if new). Only a SENT
   * invitation can be accepted; accepting an answered one again with the same invitee returns
   * it unchanged. Rejections (self-referral, cycle, already a customer, already referred)
   * record the invitee and acceptedAt with status REJECTED and a reason.
   */
  async accept(id: string, invitee: RawIdentifier, at: string): Promise<InvitationRecord> {
    if (!this.opts.identity.normalize(invitee)) {
      throw badInput(`The ${invitee.type} identifier is a known placeholder (junk) value`);
    }
    const current = (await this.repo.invitationsById([id])).get(id);
    if (!current) throw notFound('Invitation');
    if (at < current.sentAt) throw badInput('at must not be before the invitation was sent (sentAt)');
    if (current.status !== 'SENT') {
      // Answered already: only a repeat with the same invitee is allowed (and changes nothing).
      const who = await this.resolveExisting({ identifier: invitee });
      if (who !== null && who === current.inviteeOneId) return current;
      throw badInput(`Invitation ${id} was already answered (${current.status}) by another invitee`);
    }
    const inviteeRef = await this.opts.identity.resolvePersonRef({ identifier: invitee }, { create: true });

    const result = await this.repo.write(async (tx) => {
      const inv = await this.repo.lockInvitation(tx, id);
      if (!inv) throw notFound('Invitation');
      const inviteeOneId = await this.repo.lockPerson(tx, inviteeRef);
      if (!inviteeOneId) throw notFound('Person');
      if (inv.status !== 'SENT') {
        if (inv.inviteeOneId === inviteeOneId) return { invitation: inv, changed: false };
        throw badInput(`Invitation ${id} was already answered (${inv.status}) by another invitee`);
      }
      const load = (): Promise<AcceptanceFactsRow> => this.repo.acceptanceFacts(tx, inv.inviterOneId, inviteeOneId, inv.sentAt);
      let facts = await load();
      const selfReferral = inviteeOneId === inv.inviterOneId;
      const tooDeep = (f: AcceptanceFactsRow): boolean => f.inviterDepth >= MAX_CHAIN_DEPTH;
      if (!selfReferral && !facts.alreadyReferred && !facts.alreadyCustomer) {
        // Hold the lock of the inviter's root, re-reading until the root we hold is still a root.
        let locked: string | null = null;
        for (let round = 0; !facts.cycle && !tooDeep(facts); round++) {
          if (facts.topOneId === locked && !facts.topHasParent) break;
          if (round >= MAX_ROOT_LOCK_ROUNDS) throw new Error('The referral tree kept changing during an acceptance');
          locked = await this.repo.lockPerson(tx, facts.topOneId);
          facts = await load();
        }
      }
      const reason = rejectionReason({
        selfReferral,
        cycle: facts.cycle,
        tooDeep: tooDeep(facts),
        alreadyCustomer: facts.alreadyCustomer,
        alreadyReferred: facts.alreadyReferred,
      });
      const invitation = await this.repo.applyAcceptance(tx, id, inviteeOneId, at, {
        status: reason ? 'REJECTED' : 'ACCEPTED',
        reason,
        sameHousehold: !selfReferral && facts.sameHousehold,
      });
      return { invitation, changed: true };
    });
    if (result.changed) {
      const r = result.invitation;
      this.opts.log.info({ invitationId: r.id, status: r.status, inviter: r.inviterOneId, invitee: r.inviteeOneId }, 'invitation answered');
    }
    return result.invitation;
  }

  /** ACCEPTED -> CONVERTED with the invitee's first-year premium; a repeat with the same premium changes nothing. */
  async convert(id: string, premium: number, at: string): Promise<InvitationRecord> {
    if (!Number.isInteger(premium) || premium < 0) throw badInput('premium must be a non-negative whole number');
    return this.repo.write(async (tx) => {
      const inv = await this.repo.lockInvitation(tx, id);
      if (!inv) throw notFound('Invitation');
      if (inv.status === 'CONVERTED') {
        if (inv.premium === premium) return inv;
        throw badInput(`Invitation ${id} was already converted with another premium`);
      }
      if (inv.status !== 'ACCEPTED') throw badInput(`Only an ACCEPTED invitation can be converted; ${id} is ${inv.status}`);
      if (inv.acceptedAt && at < inv.acceptedAt) throw badInput('at must not be before the invitation was accepted (acceptedAt)');
      return this.repo.applyConversion(tx, id, premium, at);
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

  private async resolveInviter(ref: PersonRef, options: RecordOptions): Promise<string> {
    try {
      return await this.opts.identity.resolvePersonRef(ref, { create: options.createInviter });
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'NOT_FOUND') throw e;
      // A caller limited to itself gets the same answer for an unknown and a foreign inviter.
      if (options.authorizeInviter) throw forbidden();
      // Unknown identifier of a repeat (nothing is created for it): not the stored inviter.
      if (ref.identifier && !options.createInviter) throw badInput('The invitation id was already recorded with a different inviter');
      throw e;
    }
  }

  /** The surviving OneID an existing person reference points at; null when unknown (nothing is created). */
  private async resolveExisting(ref: PersonRef): Promise<string | null> {
    try {
      return await this.opts.identity.resolvePersonRef(ref, { create: false });
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
      throw e;
    }
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

function validateFilter(filter: ReferralFilterInput | null | undefined): ReferralFilterInput {
  const f = filter ?? {};
  if (f.from && f.to && f.from > f.to) throw badInput('filter.from must not be after filter.to');
  return {
    campaign: f.campaign ?? null,
    channel: f.channel ?? null,
    advisorId: f.advisorId ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
  };
}
