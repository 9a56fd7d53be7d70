/**
 * Helpers of the referral integration tests: people with unique phones, the GraphQL
 * documents and thin wrappers. Not a test file.
 */
import type { Caller, GqlResponse, TestApp } from '../../support/harness';
import { uid } from '../../support/harness';
import { phoneNumber } from '../../support/identifiers';

export { phoneNumber };

export interface Ident {
  type: 'PHONE' | 'EMAIL';
  value: string;
  namespace?: string | null;
}

export const phone = (value = phoneNumber()): Ident => ({ type: 'PHONE', value });
export const email = (): Ident => ({ type: 'EMAIL', value: `${uid('ref').toLowerCase()}@mail-kg.cn` });

export const INVITATION_FIELDS = `id channel campaign advisorId sentAt acceptedAt convertedAt status rejectionReason premium sameHousehold
  inviter { oneId } invitee { oneId }`;

export interface InvitationOut {
  id: string;
  channel: string;
  campaign: string | null;
  advisorId: string | null;
  sentAt: string;
  acceptedAt: string | null;
  convertedAt: string | null;
  status: 'SENT' | 'ACCEPTED' | 'CONVERTED' | 'REJECTED';
  rejectionReason: string | null;
  premium: number | null;
  sameHousehold: boolean;
  inviter: { oneId: string };
  invitee: { oneId: string } | null;
}

export const RECORD = `mutation Record($input: InvitationInput!) { recordInvitation(input: $input) { ${INVITATION_FIELDS} } }`;
export const ACCEPT = `mutation Accept($id: ID!, $invitee: IdentifierInput!, $at: DateTime!) {
  acceptInvitation(id: $id, invitee: $invitee, at: $at) { ${INVITATION_FIELDS} } }`;
export const CONVERT = `mutation Convert($id: ID!, $premium: Int!, $at: DateTime!) {
  convertInvitation(id: $id, premium: $premium, at: $at) { ${INVITATION_FIELDS} } }`;
export const INVITATION = `query Invitation($id: ID!) { invitation(id: $id) { ${INVITATION_FIELDS} } }`;
export const STATS = `query Stats($filter: ReferralFilter) { referralStats(filter: $filter) { invited accepted converted conversionRate kFactor premium } }`;
export const TOP = `query Top($filter: ReferralFilter, $first: Int) {
  topReferrers(filter: $filter, first: $first) { person { oneId } invited converted descendants treePremium } }`;
export const PERSON_REFERRAL = `query PersonReferral($oneId: ID!, $maxDepth: Int) { person(oneId: $oneId) {
  oneId
  invitedBy { ${INVITATION_FIELDS} }
  referralChain { root { oneId } depth links { id inviter { oneId } invitee { oneId } status } }
  referralTree(maxDepth: $maxDepth) { root { oneId } size maxDepth converted premium levels { depth accepted converted premium } }
} }`;

export interface ChainOut {
  root: { oneId: string };
  depth: number;
  links: Array<{ id: string; inviter: { oneId: string }; invitee: { oneId: string }; status: string }>;
}
export interface TreeOut {
  root: { oneId: string };
  size: number;
  maxDepth: number;
  converted: number;
  premium: number;
  levels: Array<{ depth: number; accepted: number; converted: number; premium: number }>;
}
export interface PersonReferralOut {
  oneId: string;
  invitedBy: InvitationOut | null;
  referralChain: ChainOut;
  referralTree: TreeOut;
}
export interface StatsOut {
  invited: number;
  accepted: number;
  converted: number;
  conversionRate: number;
  kFactor: number;
  premium: number;
}
export interface ReferrerOut {
  person: { oneId: string };
  invited: number;
  converted: number;
  descendants: number;
  treePremium: number;
}

/** A new person known by a fresh phone (and optionally more identifiers seen with it). */
export async function newPerson(t: TestApp, extra: Ident[] = []): Promise<{ oneId: string; phone: Ident }> {
  const p = phone();
  const data = await t.ok<{ ingestIdentityEvents: { results: Array<{ oneId: string }> } }>(
    `mutation Ingest($events: [IdentityEventInput!]!) { ingestIdentityEvents(events: $events) { results { oneId } } }`,
    { events: [{ eventId: uid('ref-evt'), source: 'referral-test', observedAt: '2026-01-01T00:00:00Z', identifiers: [p, ...extra] }] },
  );
  return { oneId: data.ingestIdentityEvents.results[0].oneId, phone: p };
}

/** Identifiers seen together: merges the people they belong to (the older OneID survives). */
export async function seenTogether(t: TestApp, identifiers: Ident[]): Promise<{ oneId: string; mergedOneIds: string[] }> {
  const data = await t.ok<{ ingestIdentityEvents: { results: Array<{ oneId: string; mergedOneIds: string[] }> } }>(
    `mutation Ingest($events: [IdentityEventInput!]!) { ingestIdentityEvents(events: $events) { results { oneId mergedOneIds } } }`,
    { events: [{ eventId: uid('ref-evt'), source: 'referral-test', observedAt: '2026-02-01T00:00:00Z', identifiers }] },
  );
  return data.ingestIdentityEvents.results[0];
}

export interface RecordOpts {
  id?: string;
  channel?: string;
  campaign?: string | null;
  advisorId?: string | null;
  sentAt?: string;
}

export function invitationInput(inviterOneId: string, o: RecordOpts = {}): Record<string, unknown> {
  return {
    id: o.id ?? uid('inv'),
    inviter: { oneId: inviterOneId },
    channel: o.channel ?? 'wechat_share',
    campaign: o.campaign === undefined ? null : o.campaign,
    advisorId: o.advisorId === undefined ? null : o.advisorId,
    sentAt: o.sentAt ?? '2026-03-01T08:00:00Z',
  };
}

export async function record(t: TestApp, inviterOneId: string, o: RecordOpts = {}, caller?: Caller): Promise<InvitationOut> {
  return (await t.ok<{ recordInvitation: InvitationOut }>(RECORD, { input: invitationInput(inviterOneId, o) }, caller)).recordInvitation;
}

export async function accept(t: TestApp, id: string, invitee: Ident, at = '2026-03-02T08:00:00Z'): Promise<InvitationOut> {
  return (await t.ok<{ acceptInvitation: InvitationOut }>(ACCEPT, { id, invitee, at })).acceptInvitation;
}

export async function convert(t: TestApp, id: string, premium: number, at = '2026-03-10T08:00:00Z'): Promise<InvitationOut> {
  return (await t.ok<{ convertInvitation: InvitationOut }>(CONVERT, { id, premium, at })).convertInvitation;
}

/** Record and accept in one go; returns the answered invitation. */
export async function invite(t: TestApp, inviterOneId: string, invitee: Ident, o: RecordOpts & { at?: string } = {}): Promise<InvitationOut> {
  const inv = await record(t, inviterOneId, o);
  return accept(t, inv.id, invitee, o.at);
}

export async function personReferral(t: TestApp, oneId: string, maxDepth?: number, caller?: Caller): Promise<PersonReferralOut> {
  return (await t.ok<{ person: PersonReferralOut }>(PERSON_REFERRAL, { oneId, maxDepth }, caller)).person;
}

export async function stats(t: TestApp, filter: Record<string, unknown> | null, caller?: Caller): Promise<StatsOut> {
  return (await t.ok<{ referralStats: StatsOut }>(STATS, { filter }, caller)).referralStats;
}

export async function top(t: TestApp, filter: Record<string, unknown> | null, first?: number, caller?: Caller): Promise<ReferrerOut[]> {
  return (await t.ok<{ topReferrers: ReferrerOut[] }>(TOP, { filter, first }, caller)).topReferrers;
}

export function codeOf(res: GqlResponse<unknown>): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

/** A policy held and insured by the person (upsertPolicy), starting on `startDate`. */
export async function givePolicy(t: TestApp, oneId: string, startDate: string): Promise<void> {
  await t.ok(
    `mutation Policy($input: PolicyInput!) { upsertPolicy(input: $input) { policyNo } }`,
    {
      input: {
        policyNo: uid('pol'),
        productType: 'MEDICAL',
        sumAssured: 100000,
        annualPremium: 1200,
        status: 'ACTIVE',
        startDate,
        endDate: null,
        holder: { oneId },
        insured: { oneId },
      },
    },
  );
}

/** A household with these members (createHousehold); returns its id. */
export async function household(t: TestApp, oneIds: string[], advisorId?: string): Promise<string> {
  const data = await t.ok<{ createHousehold: { id: string } }>(
    `mutation Household($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }`,
    {
      input: {
        name: uid('hh'),
        advisorId: advisorId ?? null,
        members: oneIds.map((oneId, i) => ({ person: { oneId }, role: i === 0 ? 'BREADWINNER' : 'OTHER' })),
      },
    },
  );
  return data.createHousehold.id;
}
