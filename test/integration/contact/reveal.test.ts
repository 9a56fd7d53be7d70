/**
 * revealIdentifiers end to end: values come back in clear from their ciphertext, merges keep
 * them decryptable, splits re-encrypt the piece under its own key, arguments are checked
 * before anything is logged, every other attempt leaves one entry, and identifiers stored
 * before encryption are left out until re-ingested.
 */
import { CypherRegistry } from '../../../src/db/cypher';
import { splitStatements } from '../../../src/db/migrations';
import { account, ADMIN, advisor, codeOf, customer, email, graph, INGEST, keyOf, logOf, newAdvisor, newHousehold, newPerson, normalized, openId, phone, revealAs, seenTogether, unionId, useTestApp } from '../../kit';

const t = useTestApp();
const g = graph(t);

const SPLIT = `mutation Split($identifier: IdentifierInput!) { splitIdentifier(identifier: $identifier, reason: "wrong link") { split { oneId } } }`;

describe('revealIdentifiers', () => {
  it('answers the normalized values in clear with their masks, for the types asked, narrowed by namespace, and logs the access', async () => {
    const [mail, wxA, wxB] = [email(), openId('wx-app-a'), openId('wx-app-b')];
    const p = await newPerson(t, { identifiers: [mail, wxA, wxB, unionId()] });
    const res = await revealAs(t, ADMIN, { oneId: p.oneId, types: ['EMAIL', 'PHONE'], purpose: 'COMPLIANCE', justification: 'regulator request 42' });
    expect(res.errors).toBeUndefined();
    const phoneN = normalized(t, p.phone);
    expect(res.data!.revealIdentifiers).toEqual([
      { type: 'PHONE', namespace: null, value: phoneN.value, masked: phoneN.masked },
      { type: 'EMAIL', namespace: null, value: normalized(t, mail).value, masked: normalized(t, mail).masked },
    ]);
    expect(phoneN.value).toMatch(/^\+86\d{11}$/);
    const narrowed = await revealAs(t, ADMIN, { oneId: p.oneId, types: ['WECHAT_OPENID'], namespace: 'wx-app-b' });
    expect(narrowed.data!.revealIdentifiers).toEqual([{ type: 'WECHAT_OPENID', namespace: 'wx-app-b', value: wxB.value, masked: normalized(t, wxB).masked }]);

    const log = await logOf(t, p.oneId);
    expect(log).toHaveLength(2);
    expect(log[1]).toMatchObject({
      actor: ADMIN.sub,
      actorRole: 'ADMIN',
      oneId: p.oneId,
      action: 'REVEAL',
      types: ['PHONE', 'EMAIL'],
      purpose: 'COMPLIANCE',
      justification: 'regulator request 42',
      outcome: 'GRANTED',
    });
    expect(log[0]!.at >= log[1]!.at).toBe(true);
  });

  it('refuses bad arguments with BAD_USER_INPUT and logs nothing', async () => {
    const p = await newPerson(t);
    const bad = [
      { types: [] },
      { types: ['PHONE', 'PHONE'] },
      { types: ['PHONE', 'EMAIL', 'NATIONAL_ID', 'ACCOUNT', 'WECHAT_OPENID', 'WECHAT_UNIONID', 'DEVICE_ID', 'IOT_DEVICE', 'PHONE'] },
      { types: ['PHONE'], justification: '' },
      { types: ['PHONE'], justification: '   ' },
      { types: ['PHONE'], justification: 'x'.repeat(501) },
      { types: ['PHONE'], namespace: '' },
    ];
    for (const args of bad) {
      const res = await revealAs(t, ADMIN, { oneId: p.oneId, ...args });
      expect([JSON.stringify(args), codeOf(res)]).toEqual([JSON.stringify(args), 'BAD_USER_INPUT']);
    }
    // bad input from a caller who would be refused anyway is still bad input, not an access
    expect(codeOf(await revealAs(t, INGEST, { oneId: p.oneId, types: ['PHONE', 'PHONE'] }))).toBe('BAD_USER_INPUT');
    expect(await logOf(t, p.oneId)).toEqual([]);
    const ok = await revealAs(t, ADMIN, { oneId: p.oneId, types: ['PHONE'], justification: 'x'.repeat(500) });
    expect(ok.data!.revealIdentifiers).toHaveLength(1);
  });

  it('unknown OneID: NOT_FOUND for ADMIN, FORBIDDEN for the others, each logged DENIED under the OneID asked for', async () => {
    const ghost = `ghost-${keyOf(t, phone()).slice(0, 12)}`;
    expect(codeOf(await revealAs(t, ADMIN, { oneId: ghost, types: ['PHONE'] }))).toBe('NOT_FOUND');
    expect(codeOf(await revealAs(t, customer(ghost), { oneId: ghost, types: ['PHONE'] }))).toBe('FORBIDDEN');
    expect(codeOf(await revealAs(t, advisor('adv-ghost'), { oneId: ghost, types: ['PHONE'] }))).toBe('FORBIDDEN');
    const log = await logOf(t, ghost);
    expect(log.map((e) => [e.actorRole, e.outcome])).toEqual([
      ['ADVISOR', 'DENIED'],
      ['CUSTOMER', 'DENIED'],
      ['ADMIN', 'DENIED'],
    ]);
  });

  it('a merged-away OneID reveals the survivor, whose identifiers from both sides still decrypt', async () => {
    const a = await newPerson(t, { identifiers: [email()] });
    const b = await newPerson(t, { identifiers: [account('crm')] });
    const merged = await seenTogether(t, [a.phone, b.phone]);
    expect(merged.oneId).toBe(a.oneId);
    const res = await revealAs(t, ADMIN, { oneId: b.oneId, types: ['PHONE', 'EMAIL', 'ACCOUNT'] });
    const values = res.data!.revealIdentifiers.map((r) => r.value).sort();
    expect(values).toEqual([...a.identifiers, ...b.identifiers].map((i) => normalized(t, i).value).sort());
    // the merged-away person's data key moved to the survivor
    const stored = await g.rows<{ keyOwner: string }>('contact/sealed-identifiers', { keys: [keyOf(t, b.phone)] });
    expect(stored[0]!.keyOwner).toBe(a.oneId);
    expect((await logOf(t, b.oneId))[0]).toMatchObject({ oneId: a.oneId, outcome: 'GRANTED' });
  });

  it('a split re-encrypts the split-off identifiers under a data key of the new person', async () => {
    const p = await newPerson(t, { identifiers: [email()] });
    const extra = phone();
    await seenTogether(t, [p.phone, extra]);
    const [before] = await g.rows<{ dataKeyId: string; sealed: string }>('contact/sealed-identifiers', { keys: [keyOf(t, extra)] });
    const split = (await t.ok<{ splitIdentifier: { split: { oneId: string } } }>(SPLIT, { identifier: extra })).splitIdentifier.split.oneId;
    const [after] = await g.rows<{ dataKeyId: string; sealed: string; keyOwner: string }>('contact/sealed-identifiers', { keys: [keyOf(t, extra)] });
    expect(after!.dataKeyId).not.toBe(before!.dataKeyId);
    expect(after!.sealed).not.toBe(before!.sealed);
    expect(after!.keyOwner).toBe(split);
    const res = await revealAs(t, ADMIN, { oneId: split, types: ['PHONE'] });
    expect(res.data!.revealIdentifiers.map((r) => r.value)).toEqual([normalized(t, extra).value]);
    const rest = await revealAs(t, ADMIN, { oneId: p.oneId, types: ['PHONE'] });
    expect(rest.data!.revealIdentifiers.map((r) => r.value)).toEqual([normalized(t, p.phone).value]);
  });

  it('identifiers stored before encryption are left out, until an event sees them again', async () => {
    const p = await newPerson(t, { identifiers: [email()] });
    await g.write('contact/strip-ciphertext', { keys: [keyOf(t, p.phone)] });
    const res = await revealAs(t, ADMIN, { oneId: p.oneId, types: ['PHONE', 'EMAIL'] });
    expect(res.data!.revealIdentifiers.map((r) => r.type)).toEqual(['EMAIL']);
    // re-ingest from the source: the phone gets its ciphertext under the person's key
    await seenTogether(t, [p.phone]);
    const again = await revealAs(t, ADMIN, { oneId: p.oneId, types: ['PHONE', 'EMAIL'] });
    expect(again.data!.revealIdentifiers.map((r) => r.type)).toEqual(['PHONE', 'EMAIL']);
    const [phoneRow, emailRow] = await g.rows<{ dataKeyId: string }>('contact/sealed-identifiers', { keys: [keyOf(t, p.phone), keyOf(t, p.identifiers[1]!)] });
    expect(phoneRow!.dataKeyId).toBe(emailRow!.dataKeyId);
  });

  it('a person stored before encryption existed (no data key) gets one when an event sees its values again', async () => {
    const p = await newPerson(t, { identifiers: [email()] });
    await g.write('contact/strip-keys', { oneId: p.oneId });
    expect((await revealAs(t, ADMIN, { oneId: p.oneId, types: ['PHONE', 'EMAIL'] })).data!.revealIdentifiers).toEqual([]);
    await seenTogether(t, [p.phone]);
    const res = await revealAs(t, ADMIN, { oneId: p.oneId, types: ['PHONE', 'EMAIL'] });
    expect(res.data!.revealIdentifiers.map((r) => r.value)).toEqual([normalized(t, p.phone).value]);
    const [row] = await g.rows<{ dataKeyId: string; keyOwner: string }>('contact/sealed-identifiers', { keys: [keyOf(t, p.phone)] });
    expect(row!.keyOwner).toBe(p.oneId);
  });

  it('migration 010 rewrites values sealed in the first version\'s three properties into one, and they still open', async () => {
    const p = await newPerson(t, { identifiers: [email()] });
    const keys = [keyOf(t, p.phone), keyOf(t, p.identifiers[1]!)];
    const [before] = await g.rows<{ sealed: string }>('contact/sealed-identifiers', { keys: [keys[0]] });
    await g.write('contact/old-sealed-form', { keys });
    expect((await revealAs(t, ADMIN, { oneId: p.oneId, types: ['PHONE'] })).data!.revealIdentifiers).toEqual([]);
    for (const statement of splitStatements(CypherRegistry.load().get('migrations/010_sealed_values'))) await t.db.runAutoCommit(statement);
    const [after] = await g.rows<{ sealed: string }>('contact/sealed-identifiers', { keys: [keys[0]] });
    expect(after!.sealed).toBe(before!.sealed);
    const res = await revealAs(t, ADMIN, { oneId: p.oneId, types: ['PHONE', 'EMAIL'] });
    expect(res.data!.revealIdentifiers.map((r) => r.value)).toEqual([normalized(t, p.phone).value, normalized(t, p.identifiers[1]!).value]);
    expect(await g.dumpAllProperties()).not.toContain('"cipherIv"');
  });

  it('the household advisor reveals contact channels for service; a customer its own values', async () => {
    const adv = await newAdvisor(t);
    const p = await newPerson(t, { identifiers: [email()] });
    await newHousehold(t, [[p.oneId, 'BREADWINNER']], { advisorId: adv });
    const byAdvisor = await revealAs(t, advisor(adv), { oneId: p.oneId, types: ['PHONE'] });
    expect(byAdvisor.data!.revealIdentifiers.map((r) => r.value)).toEqual([normalized(t, p.phone).value]);
    expect(codeOf(await revealAs(t, advisor('someone-else'), { oneId: p.oneId, types: ['PHONE'] }))).toBe('FORBIDDEN');
    const self = await revealAs(t, customer(p.oneId), { oneId: p.oneId, types: ['EMAIL'] });
    expect(self.data!.revealIdentifiers.map((r) => r.type)).toEqual(['EMAIL']);
    const log = await logOf(t, p.oneId);
    expect(log.map((e) => [e.actor, e.outcome])).toEqual([
      [p.oneId, 'GRANTED'],
      ['someone-else', 'DENIED'],
      [adv, 'GRANTED'],
    ]);
  });
});
