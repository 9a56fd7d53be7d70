/**
 * Logs (PIPL): after many operations carrying raw identifier values in variables, in inline
 * literals, in failing batches, in forbidden and unauthenticated calls, no raw value and no
 * bearer token appears in anything the service logged; every request left exactly one
 * structured line with its request id, operation name, role and duration.
 */
import { randomUUID } from 'node:crypto';
import { Caller, uid, useTestApp } from '../../kit';
import { identifiersOf, ingestPeople, RawPerson, rawPerson } from './support';

const t = useTestApp();
let people: RawPerson[];
const tokens: string[] = [];
const requestIds: string[] = [];
const ADMIN: Caller = { role: 'ADMIN', sub: 'logs-admin' };

beforeAll(async () => {
  people = await ingestPeople(t, 3);
});

/** One request with a known request id; returns the parsed body (or the status when not JSON). */
async function call(query: string, variables: Record<string, unknown> = {}, caller: Caller | null = ADMIN, extra: Record<string, string> = {}): Promise<unknown> {
  const requestId = `logs-${randomUUID()}`;
  requestIds.push(requestId);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': requestId, ...extra };
  if (caller) {
    const token = await t.token(caller);
    tokens.push(token);
    headers.authorization = `Bearer ${token}`;
  }
  const res = await fetch(t.app.server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return res.status;
  }
}

/** Every form a raw value could take in a log: as given, normalized, upper/lower case. */
function forms(p: RawPerson): string[] {
  return [p.phone, `+86${p.phone}`, p.email, p.email.toLowerCase(), p.nationalId, p.nationalId.toLowerCase(), p.openId];
}

const RESOLVE = 'query Resolve($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId identifiers { masked } } }';
const INGEST = 'mutation Ingest($events: [IdentityEventInput!]!) { ingestIdentityEvents(events: $events) { accepted } }';

/** A national ID with a wrong check character (never the right one by chance). */
const wrongCheck = (id: string): string => `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;

describe('logs', () => {
  const strangers: RawPerson[] = [];
  let bad: unknown;

  // Many operations carrying raw values, run once; the tests below read what they logged.
  beforeAll(async () => {
    const [a, b, c] = people;
    strangers.push(rawPerson());
    const ids = identifiersOf;

    // Reads by every identifier, as variables and as inline literals, by several roles.
    for (const i of ids(a)) await call(RESOLVE, { i });
    await call(`query Inline { resolveIdentity(identifier: { type: PHONE, value: "${b.phone}" }) { oneId } }`);
    await call(`query Inline2 { resolveIdentity(identifier: { type: NATIONAL_ID, value: "${b.nationalId}" }) { oneId } }`);
    await call(RESOLVE, { i: { type: 'EMAIL', value: c.email } }, { role: 'ADVISOR', sub: 'adv-logs' });
    await call(RESOLVE, { i: { type: 'PHONE', value: c.phone } }, { role: 'CUSTOMER', sub: a.oneId });
    await call(RESOLVE, { i: { type: 'PHONE', value: c.phone } }, null);
    await call(RESOLVE, { i: { type: 'PHONE', value: c.phone } }, null, { authorization: `Bearer ${c.phone}.${c.email}.x` });
    await call('query Explain($a: IdentifierInput!, $b: IdentifierInput!) { explainIdentity(a: $a, b: $b) { sameOneId path { from { masked } } } }', {
      a: ids(a)[0],
      b: ids(a)[2],
    });

    // Failing operations carrying raw values: an invalid batch (one bad event), bad types,
    // invalid values, unknown fields, a parse error, a refused shape.
    bad = await call(INGEST, {
      events: [
        { eventId: uid('ev'), source: 'logs', observedAt: '2026-01-01T00:00:00Z', identifiers: ids(strangers[0]) },
        {
          eventId: uid('ev'),
          source: 'logs',
          observedAt: '2026-01-01T00:00:00Z',
          identifiers: [{ type: 'PHONE', value: `${a.phone}99` }, { type: 'NATIONAL_ID', value: wrongCheck(a.nationalId) }, ids(b)[1]],
        },
      ],
    });
    await call(RESOLVE, { i: { type: 'PHONE', value: Number(a.phone) } });
    await call(RESOLVE, { i: { type: 'FAX', value: a.phone } });
    await call(`query Unknown { resolveIdentity(identifier: { type: PHONE, value: "${a.phone}" }) { oneId secret } }`);
    await call(`query Broken { resolveIdentity(identifier: { type: PHONE, value: "${a.phone}" }`);
    await call(`query Repeats { ${Array.from({ length: 300 }, () => `resolveIdentity(identifier: { type: EMAIL, value: "${a.email}" }) { oneId }`).join(' ')} }`);
    await call('mutation Split($i: IdentifierInput!) { splitIdentifier(identifier: $i, reason: "only one") { split { oneId } } }', { i: ids(strangers[0])[0] });
    await call(
      'mutation Upd($o: ID!, $a: PersonAttributesInput!) { updatePerson(oneId: $o, attributes: $a) { oneId } }',
      { o: a.oneId, a: { displayName: a.nationalId, annualIncome: -5 } },
    );
    // Forbidden writes with raw values, and a write by identifier references.
    await call(INGEST, { events: [{ eventId: uid('ev'), source: 'logs', observedAt: '2026-01-01T00:00:00Z', identifiers: ids(c) }] }, { role: 'CUSTOMER', sub: c.oneId });
    await call(
      'mutation Home($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }',
      { input: { name: 'logs', advisorId: 'adv-logs', members: [{ person: { identifier: ids(b)[0] }, role: 'BREADWINNER' }, { person: { identifier: ids(c)[3] }, role: 'SPOUSE' }] } },
    );
    // A body over the limit, full of raw values.
    await call(RESOLVE, { i: ids(a)[0], padding: `${a.phone} ${a.email} `.repeat(80_000) });
  });

  it('refuse the batch carrying invalid values as a whole', () => {
    expect(JSON.stringify(bad)).toMatch(/BAD_USER_INPUT/);
    expect(JSON.stringify(bad)).not.toMatch(/"accepted"/);
  });

  it('never contain raw identifier values or tokens, whatever the operations did', () => {
    const logs = t.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const p of [...people, ...strangers]) for (const raw of forms(p)) expect([raw, logs.includes(raw)]).toEqual([raw, false]);
    for (const token of tokens) {
      expect(logs.includes(token)).toBe(false);
      expect(logs.includes(token.split('.')[2])).toBe(false);
    }
  });

  it('leave exactly one structured line per request, with requestId, operationName, role and durationMs', async () => {
    const lines = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'graphql request');
    for (const line of lines) {
      expect(typeof line.requestId).toBe('string');
      expect('operationName' in line).toBe(true);
      expect(line.operationName === null || typeof line.operationName === 'string').toBe(true);
      expect('role' in line).toBe(true);
      expect(typeof line.durationMs).toBe('number');
      expect(Array.isArray(line.errors)).toBe(true);
      expect(line).not.toHaveProperty('variables');
      expect(line).not.toHaveProperty('query');
    }
    expect(requestIds.length).toBeGreaterThan(20);
    for (const id of requestIds) expect([id, lines.filter((l) => l.requestId === id).length]).toEqual([id, 1]);
    const byId = new Map(lines.map((l) => [l.requestId, l]));
    expect(byId.get(requestIds[0])).toMatchObject({ operationName: 'Resolve', role: 'ADMIN', errors: [] });
  });
});
