/**
 * Strict input (issue 19, item 3): impossible dates and times are BAD_USER_INPUT wherever a
 * Date or DateTime is taken and nothing is written; a birth date after today is refused; a
 * subscription is a validation error (400), not an unexpected one; `__typename` aliases count
 * towards the alias limit.
 */
import { codes, INGEST_EVENTS, newPerson, phone, uid, useTestApp, type Ident } from '../../kit';

const t = useTestApp();

const RESOLVE = `query R($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId } }`;
const UPDATE = `mutation U($id: ID!, $a: PersonAttributesInput!) { updatePerson(oneId: $id, attributes: $a) { oneId birthDate } }`;
const PERSON = `query P($id: ID!) { person(oneId: $id) { birthDate } }`;

async function resolves(identifier: Ident): Promise<boolean> {
  return (await t.ok<{ resolveIdentity: { oneId: string } | null }>(RESOLVE, { i: identifier })).resolveIdentity !== null;
}

function ingestOne(identifier: Ident, fields: { observedAt?: string; birthDate?: string }) {
  return t.gql(INGEST_EVENTS, {
    events: [
      {
        eventId: uid('ev'),
        source: 'strict-test',
        observedAt: fields.observedAt ?? '2026-01-01T00:00:00Z',
        identifiers: [identifier],
        attributes: fields.birthDate ? { birthDate: fields.birthDate } : null,
      },
    ],
  });
}

describe('impossible dates and times', () => {
  it.each([
    ['30 February', '2024-02-30T00:00:00Z'],
    ['29 February of a common year', '2023-02-29T12:00:00Z'],
    ['hour 24', '2026-05-01T24:00:00Z'],
    ['minute 60', '2026-05-01T10:60:00Z'],
    ['second 60', '2026-05-01T10:00:60Z'],
    ['offset +25:00', '2026-05-01T10:00:00+25:00'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['no offset', '2026-05-01T10:00:00'],
  ])('observedAt with %s is BAD_USER_INPUT and writes nothing', async (_, observedAt) => {
    const id = phone();
    const res = await ingestOne(id, { observedAt });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(await resolves(id)).toBe(false);
  });

  it('takes a real date-time with an offset, normalized to UTC', async () => {
    const id = phone();
    const res = await ingestOne(id, { observedAt: '2024-02-29T23:30:00+08:00' });
    expect(res.errors).toBeUndefined();
    expect(await resolves(id)).toBe(true);
  });

  it.each([['2023-02-29'], ['2026-04-31'], ['2026-00-10'], ['1990-1-1']])('a birth date %s is BAD_USER_INPUT in an event and in updatePerson', async (birthDate) => {
    const id = phone();
    expect(codes(await ingestOne(id, { birthDate }))).toEqual(['BAD_USER_INPUT']);
    expect(await resolves(id)).toBe(false);
    const p = await newPerson(t, { birthDate: '1990-01-01' });
    expect(codes(await t.gql(UPDATE, { id: p.oneId, a: { birthDate } }))).toEqual(['BAD_USER_INPUT']);
    expect((await t.ok<{ person: { birthDate: string } }>(PERSON, { id: p.oneId })).person.birthDate).toBe('1990-01-01');
  });
});

describe('birth dates in the future', () => {
  it('are refused in an event and in updatePerson, and nothing is written', async () => {
    const id = phone();
    const res = await ingestOne(id, { birthDate: '2999-01-01' });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(res.errors)).toContain('birthDate must not be in the future');
    expect(await resolves(id)).toBe(false);
    const p = await newPerson(t, { birthDate: '1990-01-01' });
    const upd = await t.gql(UPDATE, { id: p.oneId, a: { birthDate: '2999-01-01' } });
    expect(codes(upd)).toEqual(['BAD_USER_INPUT']);
    expect((await t.ok<{ person: { birthDate: string } }>(PERSON, { id: p.oneId })).person.birthDate).toBe('1990-01-01');
  });

  it('takes today and the past', async () => {
    const p = await newPerson(t, { birthDate: '1990-01-01' });
    const today = new Date().toISOString().slice(0, 10);
    // "today" is the business date (Asia/Shanghai by default): a UTC date is never after it
    expect((await t.ok<{ updatePerson: { birthDate: string } }>(UPDATE, { id: p.oneId, a: { birthDate: today } })).updatePerson.birthDate).toBe(today);
  });
});

describe('operations and aliases', () => {
  it('answers a subscription with a 400 validation error', async () => {
    const res = await t.gql('subscription S { __typename }');
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(t.logs.join('\n')).not.toContain('unexpected error');
  });

  it('counts __typename aliases towards the alias limit', async () => {
    const aliases = (n: number): string => `query A { ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const over = await t.gql(aliases(31));
    expect(over.status).toBe(400);
    expect(codes(over)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const under = await t.gql(aliases(30));
    expect(under.errors).toBeUndefined();
    expect(Object.keys(under.data ?? {})).toHaveLength(30);
  });
});
