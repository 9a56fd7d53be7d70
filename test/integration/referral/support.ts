/**
 * Helpers of the referral integration tests (people, invitations, households and policies
 * come from the kit): the read documents, their answer shapes and thin wrappers. Not a test file.
 */
import { INVITATION_FIELDS, newPolicy } from '../../kit';
import type { Caller, InvitationOut, TestApp } from '../../kit';

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

export async function personReferral(t: TestApp, oneId: string, maxDepth?: number, caller?: Caller): Promise<PersonReferralOut> {
  return (await t.ok<{ person: PersonReferralOut }>(PERSON_REFERRAL, { oneId, maxDepth }, caller)).person;
}

export async function stats(t: TestApp, filter: Record<string, unknown> | null, caller?: Caller): Promise<StatsOut> {
  return (await t.ok<{ referralStats: StatsOut }>(STATS, { filter }, caller)).referralStats;
}

export async function top(t: TestApp, filter: Record<string, unknown> | null, first?: number, caller?: Caller): Promise<ReferrerOut[]> {
  return (await t.ok<{ topReferrers: ReferrerOut[] }>(TOP, { filter, first }, caller)).topReferrers;
}

/** A MEDICAL policy held and insured by the person, starting on `startDate`. */
export async function givePolicy(t: TestApp, oneId: string, startDate: string): Promise<void> {
  await newPolicy(t, { productType: 'MEDICAL', sumAssured: 100000, annualPremium: 1200, startDate, holder: oneId, insured: oneId });
}
