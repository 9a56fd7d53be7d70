/** Referral invitations through recordInvitation, acceptInvitation and convertInvitation. */
import type { Caller, TestApp } from './app';
import { uid } from './app';
import type { Ident } from './identifiers';
import type { InvitationRecord } from '../../src/referral/referral.model';

export const INVITATION_FIELDS = `id channel campaign advisorId sentAt acceptedAt convertedAt status rejectionReason premium sameHousehold
  inviter { oneId } invitee { oneId }`;

/** An invitation as the API answers it (INVITATION_FIELDS): the record, with its people as objects. */
export type InvitationOut = Omit<InvitationRecord, 'inviterOneId' | 'inviteeOneId'> & {
  inviter: { oneId: string };
  invitee: { oneId: string } | null;
};

export const RECORD = `mutation Record($input: InvitationInput!) { recordInvitation(input: $input) { ${INVITATION_FIELDS} } }`;
export const ACCEPT = `mutation Accept($id: ID!, $invitee: IdentifierInput!, $at: DateTime!) {
  acceptInvitation(id: $id, invitee: $invitee, at: $at) { ${INVITATION_FIELDS} } }`;
export const CONVERT = `mutation Convert($id: ID!, $premium: Int!, $at: DateTime!) {
  convertInvitation(id: $id, premium: $premium, at: $at) { ${INVITATION_FIELDS} } }`;

export interface RecordOpts {
  id?: string;
  channel?: string;
  campaign?: string | null;
  advisorId?: string | null;
  sentAt?: string;
}

/** The InvitationInput of an invitation by this inviter: a fresh id, wechat_share, sent 2026-03-01, unless said otherwise. */
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

/** recordInvitation (a SENT invitation). */
export async function record(t: TestApp, inviterOneId: string, o: RecordOpts = {}, caller?: Caller): Promise<InvitationOut> {
  return (await t.ok<{ recordInvitation: InvitationOut }>(RECORD, { input: invitationInput(inviterOneId, o) }, caller)).recordInvitation;
}

/** acceptInvitation by the invitee known by this identifier. */
export async function accept(t: TestApp, id: string, invitee: Ident, at = '2026-03-02T08:00:00Z'): Promise<InvitationOut> {
  return (await t.ok<{ acceptInvitation: InvitationOut }>(ACCEPT, { id, invitee, at })).acceptInvitation;
}

/** convertInvitation with this premium. */
export async function convert(t: TestApp, id: string, premium: number, at = '2026-03-10T08:00:00Z'): Promise<InvitationOut> {
  return (await t.ok<{ convertInvitation: InvitationOut }>(CONVERT, { id, premium, at })).convertInvitation;
}

/** Record and accept in one go; returns the answered invitation. */
export async function invite(t: TestApp, inviterOneId: string, invitee: Ident, o: RecordOpts & { at?: string } = {}): Promise<InvitationOut> {
  const inv = await record(t, inviterOneId, o);
  return accept(t, inv.id, invitee, o.at);
}
