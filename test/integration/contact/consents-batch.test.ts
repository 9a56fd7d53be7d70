/**
 * recordConsents (the import's batch of consent statements) answers every statement exactly as
 * recordConsent called one by one in input order: one scenario is run both ways, on people
 * and ids of its own each time, and the answers and what is stored are compared. The scenario
 * covers a twin id (same and other content), a statement recorded before the batch, bad input,
 * an unknown OneID, a merged-away OneID and two statements about one new identifier (created
 * once, by the first).
 */
import { randomUUID } from 'node:crypto';
import type { ConsentInputDTO } from '../../../src/contact/contact.service';
import { AppError, type Outcome } from '../../../src/errors';
import type { ConsentRecord } from '../../../src/contact/contact.model';
import { mergeNewPersonInto, newPerson, phone, useTestApp } from '../../kit';

const t = useTestApp();
const INGEST = { role: 'INGEST', sub: 'consents-batch-test' } as const;

/** One scenario on fresh people: the inputs, and a statement stored before them. */
async function scenario(): Promise<{ inputs: ConsentInputDTO[]; before: ConsentInputDTO; newPhone: string }> {
  const tag = randomUUID().slice(0, 8);
  const a = await newPerson(t);
  const b = await newPerson(t);
  const { alias } = await mergeNewPersonInto(t, b);
  const newPhone = phone().value;
  const base = { scope: 'MARKETING_CALL', granted: true, at: '2026-01-01T00:00:00Z', source: 'crm' };
  const before: ConsentInputDTO = { ...base, id: `${tag}-before`, person: { oneId: a.oneId } };
  const inputs: ConsentInputDTO[] = [
    { ...base, id: `${tag}-1`, person: { oneId: a.oneId } },
    { ...base, id: `${tag}-1`, person: { oneId: a.oneId } }, // twin, same content: the stored one
    { ...base, id: `${tag}-1`, person: { oneId: a.oneId }, scope: 'MARKETING_SMS' }, // twin, other content
    { ...base, id: `${tag}-2`, person: { oneId: a.oneId }, scope: 'NOT_A_SCOPE' },
    { ...base, id: `${tag}-3`, person: { oneId: a.oneId }, at: '2999-01-01T00:00:00Z' },
    { ...base, id: `${tag}-4`, person: { oneId: randomUUID() } },
    { ...base, id: `${tag}-5`, person: { oneId: alias }, scope: 'MARKETING_WECHAT' }, // recorded for the survivor
    { ...base, id: `${tag}-6`, person: { identifier: { type: 'PHONE', value: newPhone } }, scope: 'MARKETING_SMS' },
    { ...base, id: `${tag}-7`, person: { identifier: { type: 'PHONE', value: newPhone } }, granted: false },
    { ...base, id: `${tag}-6`, person: { identifier: { type: 'PHONE', value: newPhone } }, scope: 'MARKETING_SMS' }, // twin of a new person's
    { ...base, id: `${tag}-before`, person: { oneId: a.oneId } }, // recorded before the batch
    { ...base, id: `${tag}-before`, person: { oneId: b.oneId } }, // the same id for someone else
  ];
  await t.app.services.contact.recordConsent(INGEST, before);
  return { inputs, before, newPhone };
}

/** What an answer says, without the ids of the scenario. */
function shape(o: Outcome<ConsentRecord>): unknown {
  if (o instanceof AppError) return { code: o.code, message: o.message };
  return { scope: o.scope, granted: o.granted, at: o.at, source: o.source };
}

describe('recordConsents answers as recordConsent one by one', () => {
  it('gives the same answers and stores the same statements', async () => {
    const one = await scenario();
    const sequential: Array<Outcome<ConsentRecord>> = [];
    for (const input of one.inputs) {
      sequential.push(await t.app.services.contact.recordConsent(INGEST, input).catch((e: unknown) => (e instanceof AppError ? e : Promise.reject(e))));
    }
    const two = await scenario();
    const batch = await t.app.services.contact.recordConsents(INGEST, two.inputs);

    expect(batch.map(shape)).toEqual(sequential.map(shape));
    const codes = batch.map((o) => (o instanceof AppError ? o.code : 'OK'));
    expect(codes).toEqual(['OK', 'OK', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'NOT_FOUND', 'OK', 'OK', 'OK', 'OK', 'OK', 'BAD_USER_INPUT']);

    // The new phone became one person, with both of its statements, in both runs.
    for (const run of [one, two]) {
      const person = await t.app.services.identity.resolve({ type: 'PHONE', value: run.newPhone });
      expect(person).not.toBeNull();
      const [consents] = await t.app.services.contact.consentsInForce([person!.oneId]);
      expect(consents!.map((c) => [c.scope, c.granted])).toEqual([
        ['MARKETING_CALL', false],
        ['MARKETING_SMS', true],
      ]);
    }
  });
});
