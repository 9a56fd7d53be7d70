/**
 * exportPerson (everything held, one JSON document, logged as EXPORT), erasure by destroying
 * the data keys (what was stored can no longer be decrypted), tombstones that block only
 * events observed up to the erasure, and master key rotation (kingraph rotate-keys).
 */
import { createHash } from 'node:crypto';
import { openValue, unpackSealed, type WrappedKey } from '../../../src/contact/crypto';
import {
  account,
  ADMIN,
  advisor,
  codeOf,
  customer,
  email,
  graph,
  INGEST,
  ingest,
  invite,
  keyOf,
  link,
  recordInteractions,
  logOf,
  newAdvisor,
  newHousehold,
  newPerson,
  newPolicy,
  normalized,
  phone,
  recordConsent,
  revealAs,
  startTestApp,
  uid,
  useTestApp,
} from '../../kit';

const t = useTestApp();
const g = graph(t);

const EXPORT = `query Export($oneId: ID!) { exportPerson(oneId: $oneId) }`;
const FORGET = `mutation Forget($oneId: ID!) { forgetPerson(oneId: $oneId) { oneId erasedIdentifiers } }`;
const LIFE_EVENT = `mutation Life($input: LifeEventInput!) { recordLifeEvent(input: $input) { id } }`;

/** The export document (sections as the service writes them; assertions read them loosely). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ExportDoc = Record<string, any>;

async function exported(oneId: string, caller = ADMIN): Promise<ExportDoc> {
  return JSON.parse((await t.ok<{ exportPerson: string }>(EXPORT, { oneId }, caller)).exportPerson) as ExportDoc;
}

interface StoredRow {
  key: string;
  sealed: string | null;
  dataKeyId: string | null;
  dataKey: WrappedKey | null;
}

describe('exportPerson', () => {
  it('answers everything held about the person as one JSON document, logged as EXPORT with the types held', async () => {
    const adv = await newAdvisor(t);
    const [mail, crm] = [email(), account('crm')];
    const p = await newPerson(t, { identifiers: [mail, crm], displayName: 'Li Lei', birthDate: '1985-03-04' });
    const child = await newPerson(t);
    const household = await newHousehold(t, [[p.oneId, 'BREADWINNER'], [child.oneId, 'CHILD']], { advisorId: adv });
    await link(t, p.oneId, 'PARENT', child.oneId);
    const policyNo = await newPolicy(t, { productType: 'LIFE', sumAssured: 1_000_000, holder: p.oneId, insured: p.oneId });
    const invitation = await invite(t, p.oneId, phone());
    const spouse = await newPerson(t);
    await t.ok(LIFE_EVENT, { input: { id: uid('life'), person: { oneId: p.oneId }, partner: { oneId: spouse.oneId }, kind: 'MARRIAGE', date: '2026-01-10', source: 'crm' } });
    await recordConsent(t, p.oneId, { scope: 'MARKETING_CALL' });
    await revealAs(t, advisor(adv), { oneId: p.oneId, types: ['PHONE'] });
    const interactionId = uid('ix');
    expect((await recordInteractions(t, [{ id: interactionId, oneId: p.oneId, channel: 'WECHAT', kind: 'CONSULT', at: '2026-01-11T12:30:00Z', source: 'wechat' }])).errors).toBeUndefined();

    const doc = await exported(p.oneId);
    expect(doc.oneId).toBe(p.oneId);
    expect(doc.person).toMatchObject({ oneId: p.oneId, displayName: 'Li Lei', birthDate: '1985-03-04' });
    expect(doc.identifiers.map((i: { type: string; value: string }) => [i.type, i.value]).sort()).toEqual(
      [p.phone, mail, crm].map((i) => [i.type, normalized(t, i).value]).sort(),
    );
    expect(JSON.stringify(doc.identifiers)).not.toContain(keyOf(t, p.phone)); // the look-up hash is not the customer's data
    expect(doc.household).toMatchObject({ id: household, role: 'BREADWINNER', advisorId: adv });
    expect(doc.familyLinks).toEqual([expect.objectContaining({ from: p.oneId, to: child.oneId, relation: 'PARENT' })]);
    expect(doc.policies).toEqual([expect.objectContaining({ policy: expect.objectContaining({ policyNo }), holder: p.oneId, insured: p.oneId })]);
    expect(doc.invitations).toEqual([expect.objectContaining({ invitation: expect.objectContaining({ id: invitation.id }), inviter: p.oneId })]);
    expect(doc.lifeEvents).toEqual([expect.objectContaining({ event: expect.objectContaining({ kind: 'MARRIAGE' }), person: p.oneId })]);
    expect(doc.interactions).toEqual([{ interaction: expect.objectContaining({ id: interactionId, channel: 'WECHAT', kind: 'CONSULT', source: 'wechat' }) }]);
    expect(doc.consents).toEqual([expect.objectContaining({ scope: 'MARKETING_CALL', granted: true })]);
    expect(doc.accessLog).toEqual([expect.objectContaining({ action: 'REVEAL', actor: adv, outcome: 'GRANTED' })]);

    const self = await exported(p.oneId, customer(p.oneId));
    expect(self.identifiers).toHaveLength(3);
    const log = await logOf(t, p.oneId);
    expect(log.slice(0, 2)).toEqual([
      expect.objectContaining({ action: 'EXPORT', actor: p.oneId, actorRole: 'CUSTOMER', types: ['PHONE', 'EMAIL', 'ACCOUNT'], purpose: null, justification: null, outcome: 'GRANTED' }),
      expect.objectContaining({ action: 'EXPORT', actor: ADMIN.sub, outcome: 'GRANTED' }),
    ]);
  });

  it('refuses the advisor, INGEST and other customers (FORBIDDEN, logged DENIED); an unknown OneID is NOT_FOUND for ADMIN', async () => {
    const adv = await newAdvisor(t);
    const [p, other] = [await newPerson(t), await newPerson(t)];
    await newHousehold(t, [[p.oneId, 'BREADWINNER']], { advisorId: adv });
    for (const caller of [advisor(adv), INGEST, customer(other.oneId)]) expect(codeOf(await t.gql(EXPORT, { oneId: p.oneId }, caller))).toBe('FORBIDDEN');
    expect((await logOf(t, p.oneId)).map((e) => [e.action, e.actorRole, e.outcome, e.types])).toEqual([
      ['EXPORT', 'CUSTOMER', 'DENIED', ['PHONE']],
      ['EXPORT', 'INGEST', 'DENIED', ['PHONE']],
      ['EXPORT', 'ADVISOR', 'DENIED', ['PHONE']],
    ]);
    const ghost = uid('ghost');
    expect(codeOf(await t.gql(EXPORT, { oneId: ghost }))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(EXPORT, { oneId: ghost }, customer(ghost)))).toBe('FORBIDDEN');
    expect((await logOf(t, ghost)).map((e) => [e.action, e.outcome, e.types])).toEqual([
      ['EXPORT', 'DENIED', []],
      ['EXPORT', 'DENIED', []],
    ]);
  });
});

describe('erasure', () => {
  it('destroys the data keys: the ciphertext stored before can no longer be decrypted with the master key', async () => {
    const mail = email();
    const p = await newPerson(t, { identifiers: [mail] });
    const keys = [keyOf(t, p.phone), keyOf(t, mail)];
    const before = await g.rows<StoredRow>('contact/sealed-identifiers', { keys });
    expect(before).toHaveLength(2);
    const keyring = t.app.services.contact.keys.keyring;
    // before: the master key unwraps the data key, which opens the value
    const row = before[0]!;
    expect(openValue(keyring.unwrap(row.dataKey!), row.key, unpackSealed(row.sealed!))).toBe(normalized(t, p.phone).value);

    await t.ok(FORGET, { oneId: p.oneId });
    expect(await g.count('contact/data-keys', { ids: before.map((r) => r.dataKeyId) })).toBe(0);
    expect(await g.count('contact/sealed-identifiers', { keys })).toBe(0);
    const dump = await g.dumpAllProperties();
    for (const r of before) {
      expect(dump.includes(r.dataKey!.cipher) ? 'wrapped data key still stored' : null).toBeNull();
      expect(dump.includes(r.sealed!) ? 'ciphertext still stored' : null).toBeNull();
      // a copy of the ciphertext (an old backup of the identifiers) does not open with the master key alone
      expect(() => openValue(keyring.newest.key, r.key, unpackSealed(r.sealed!))).toThrow();
    }
    // nothing left to reveal: an empty answer for ADMIN (logged), FORBIDDEN for the erased customer
    expect((await revealAs(t, ADMIN, { oneId: p.oneId, types: ['PHONE', 'EMAIL'] })).data!.revealIdentifiers).toEqual([]);
    expect(codeOf(await revealAs(t, customer(p.oneId), { oneId: p.oneId, types: ['PHONE'] }))).toBe('FORBIDDEN');
    expect((await exported(p.oneId)).identifiers).toEqual([]);
    // the log is evidence of access: it survives the erasure, keyed by the OneID, with no value
    expect((await logOf(t, p.oneId)).map((e) => [e.action, e.outcome])).toEqual([
      ['EXPORT', 'GRANTED'],
      ['REVEAL', 'DENIED'],
      ['REVEAL', 'GRANTED'],
    ]);
  });

  it('tombstones block events observed up to the erasure; a later observation of the same phone is a new person', async () => {
    const p = await newPerson(t, { identifiers: [email()] }, { observedAt: '2026-01-01T00:00:00Z' });
    await t.ok(FORGET, { oneId: p.oneId });
    const late = uid('ev');
    const replay = await ingest(t, [
      { eventId: uid('ev'), source: 'replay', observedAt: '2026-01-02T00:00:00Z', identifiers: [p.phone] },
      { eventId: late, source: 'app', observedAt: new Date(Date.now() + 1000).toISOString(), identifiers: [p.phone] },
    ]);
    expect(replay.results[0]!.oneId).toBeNull();
    const fresh = replay.results[1]!.oneId!;
    expect(fresh).not.toBeNull();
    expect(fresh).not.toBe(p.oneId);
    const revealed = await revealAs(t, ADMIN, { oneId: fresh, types: ['PHONE', 'EMAIL'] });
    expect(revealed.data!.revealIdentifiers.map((r) => r.value)).toEqual([normalized(t, p.phone).value]);
    expect((await revealAs(t, ADMIN, { oneId: p.oneId, types: ['PHONE'] })).data!.revealIdentifiers).toEqual([]);
    // the new person's key is its own: erasing it again leaves the first erasure untouched
    const [stored] = await g.rows<{ keyOwner: string }>('contact/sealed-identifiers', { keys: [keyOf(t, p.phone)] });
    expect(stored!.keyOwner).toBe(fresh);
  });
});

describe('master key rotation', () => {
  const devKey = createHash('sha256').update('kingraph-development-only-contact-master-key').digest('base64');
  const oldKey = Buffer.alloc(32, 9).toString('base64');

  it('re-wraps every data key with the newest master key, resumably; values stay readable throughout', async () => {
    // Data keys wrapped by "old-1" (newest of this app's keyring), then rotated back to the
    // test key "dev-0001" (newest of the second keyring): keys of other tests are untouched.
    const before = await startTestApp({ env: { CONTACT_MASTER_KEYS: `dev-0001:${devKey},old-1:${oldKey}` } });
    let people: Array<{ oneId: string; value: string }> = [];
    try {
      people = await Promise.all(
        [0, 1, 2].map(async () => {
          const p = await newPerson(before);
          return { oneId: p.oneId, value: normalized(before, p.phone).value };
        }),
      );
    } finally {
      await before.close();
    }
    // the test app's keyring has no "old-1": it cannot open them yet
    expect((await revealAs(t, ADMIN, { oneId: people[0]!.oneId, types: ['PHONE'] })).errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');

    const rotating = await startTestApp({ env: { CONTACT_MASTER_KEYS: `old-1:${oldKey},dev-0001:${devKey}` } });
    try {
      const keys = rotating.app.services.contact.keys;
      const updates: number[] = [];
      const first = await keys.rotate(1, { start: () => undefined, update: (n) => updates.push(n), stop: () => undefined });
      expect(first.rewrapped).toBeGreaterThanOrEqual(3);
      expect(first.remaining).toBe(first.unknown); // keys wrapped by ids this keyring lacks (other runs) are left alone
      expect(updates.slice(0, 3)).toEqual([1, 2, 3]);
      expect(await keys.rotate(10)).toEqual({ rewrapped: 0, remaining: first.unknown, unknown: first.unknown }); // a rerun finds nothing left
    } finally {
      await rotating.close();
    }
    const wrappedBy = await g.rows<{ masterKeyId: string; keys: number }>('contact/master-key-ids');
    expect(wrappedBy.map((r) => r.masterKeyId)).not.toContain('old-1');
    for (const p of people) {
      expect((await revealAs(t, ADMIN, { oneId: p.oneId, types: ['PHONE'] })).data!.revealIdentifiers.map((r) => r.value)).toEqual([p.value]);
    }
  });
});
