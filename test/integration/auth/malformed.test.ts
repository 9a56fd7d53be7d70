/**
 * Breaking things on purpose (issue 19, item 4): a table of more than 200 malformed requests
 * (bodies, content types, methods, JWTs, limits, impossible values), each of which would write
 * if it were well-formed. Every one answers a 4xx with a GraphQL-shaped error carrying the
 * expected code, no stack trace and no raw identifier value (nor does the log); nothing is
 * written; the service is ready and serving afterwards.
 */
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { graph, INGEST_EVENTS, newPerson, phone, phoneNumber, TEST_JWT_SECRET, uid, useTestApp, type Ident } from '../../kit';
import { keyOf } from '../identity/support';
import { rawRequest } from './support';

const t = useTestApp();

interface Case {
  group: string;
  name: string;
  method?: string;
  /** Defaults to the GraphQL endpoint. */
  query?: string;
  headers?: Record<string, string>;
  /** Without: the request has no body. */
  body?: string;
  /** Without: a valid ADMIN token. null: no Authorization header. */
  authorization?: string | null;
  status: number;
  code: string;
}

const probes: Ident[] = [];
/** A fresh phone the request would have written if it were well-formed. */
function probe(): Ident {
  const p = phone(phoneNumber());
  probes.push(p);
  return p;
}
const event = (over: Record<string, unknown> = {}, ident: Record<string, unknown> = probe()) => ({
  eventId: uid('ev'),
  source: 'malformed-test',
  observedAt: '2026-01-01T00:00:00Z',
  identifiers: [ident],
  ...over,
});
const ingestBody = (events: unknown, extra: Record<string, unknown> = {}): string => JSON.stringify({ query: INGEST_EVENTS, variables: { events }, ...extra });
const validIngest = (): string => ingestBody([event()]);

const UPDATE = `mutation U($oneId: ID!, $a: PersonAttributesInput!) { updatePerson(oneId: $oneId, attributes: $a) { oneId } }`;
let target = '';
const updateBody = (attributes: Record<string, unknown>): string => JSON.stringify({ query: UPDATE, variables: { oneId: target, a: attributes } });

/** Token variants, signed with the test secret unless said otherwise. */
async function jwt(claims: Record<string, unknown>, opts: { secret?: string; alg?: string; exp?: number | string | null } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const signer = new SignJWT({ ...claims }).setProtectedHeader({ alg: opts.alg ?? 'HS256' }).setIssuedAt(now);
  if (opts.exp !== null) signer.setExpirationTime((opts.exp as number | undefined) ?? now + 600);
  return signer.sign(new TextEncoder().encode(opts.secret ?? TEST_JWT_SECRET));
}
const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

async function cases(): Promise<Case[]> {
  const out: Case[] = [];
  const add = (group: string, list: Array<Omit<Case, 'group'>>): void => void out.push(...list.map((c) => ({ group, ...c })));

  // --- bodies: not JSON, not an object, not a GraphQL request ---------------------------
  const valid = validIngest();
  add(
    'body',
    [10, 25, 40, 60, 90, 120, 160, 200, valid.length - 2, valid.length - 1].map((cut) => ({
      name: `JSON cut at ${cut}`,
      body: valid.slice(0, cut),
      status: 400,
      code: 'BAD_REQUEST',
    })),
  );
  const bad = (): string => JSON.stringify({ query: INGEST_EVENTS }).slice(0, -1);
  add('body', [
    { name: 'trailing comma', body: `${bad()}, "variables": {"events": []},}`, status: 400, code: 'BAD_REQUEST' },
    { name: 'single quotes', body: `{'query': '{ __typename }'}`, status: 400, code: 'BAD_REQUEST' },
    { name: 'NaN value', body: `${bad()}, "variables": {"n": NaN}}`, status: 400, code: 'BAD_REQUEST' },
    { name: 'unquoted key', body: `{query: "{ __typename }"}`, status: 400, code: 'BAD_REQUEST' },
    { name: 'a comment', body: `/* hi */ ${valid}`, status: 400, code: 'BAD_REQUEST' },
    { name: 'two objects', body: `${valid}${valid}`, status: 400, code: 'BAD_REQUEST' },
    { name: 'garbage before', body: `x${valid}`, status: 400, code: 'BAD_REQUEST' },
    { name: 'extra closing brace', body: `${valid}}`, status: 400, code: 'BAD_REQUEST' },
    { name: 'empty body', body: '', status: 400, code: 'BAD_REQUEST' },
    { name: 'whitespace body', body: '   ', status: 400, code: 'BAD_REQUEST' },
    { name: 'no body at all', status: 400, code: 'BAD_REQUEST' },
    { name: 'JSON null', body: 'null', status: 400, code: 'BAD_REQUEST' },
    { name: 'JSON number', body: '123', status: 400, code: 'BAD_REQUEST' },
    { name: 'JSON string', body: '"mutation { forgetPerson }"', status: 400, code: 'BAD_REQUEST' },
    { name: 'JSON true', body: 'true', status: 400, code: 'BAD_REQUEST' },
    { name: 'empty array', body: '[]', status: 400, code: 'BAD_REQUEST' },
    { name: 'a batch of two', body: `[${validIngest()},${validIngest()}]`, status: 400, code: 'BAD_REQUEST' },
    { name: 'lone surrogate escape', body: `{"query": "\\ud800", "variables": ${JSON.stringify({ events: [event()] })}}`, status: 400, code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'empty object', body: '{}', status: 400, code: 'BAD_REQUEST' },
    { name: 'query null', body: ingestBody([event()]).replace(JSON.stringify(INGEST_EVENTS), 'null'), status: 400, code: 'BAD_REQUEST' },
    { name: 'query a number', body: ingestBody([event()]).replace(JSON.stringify(INGEST_EVENTS), '42'), status: 400, code: 'BAD_REQUEST' },
    { name: 'query a list', body: ingestBody([event()]).replace(JSON.stringify(INGEST_EVENTS), JSON.stringify([INGEST_EVENTS])), status: 400, code: 'BAD_REQUEST' },
    { name: 'query an object', body: ingestBody([event()]).replace(JSON.stringify(INGEST_EVENTS), '{}'), status: 400, code: 'BAD_REQUEST' },
    { name: 'query empty', body: ingestBody([event()]).replace(JSON.stringify(INGEST_EVENTS), '""'), status: 400, code: 'BAD_REQUEST' },
    { name: 'variables only', body: JSON.stringify({ variables: { events: [event()] } }), status: 400, code: 'BAD_REQUEST' },
    { name: 'variables a string', body: JSON.stringify({ query: INGEST_EVENTS, variables: JSON.stringify({ events: [event()] }) }), status: 400, code: 'BAD_REQUEST' },
    { name: 'variables a list', body: JSON.stringify({ query: INGEST_EVENTS, variables: [{ events: [event()] }] }), status: 400, code: 'BAD_REQUEST' },
    { name: 'variables a number', body: JSON.stringify({ query: INGEST_EVENTS, variables: 5 }), status: 400, code: 'BAD_REQUEST' },
    { name: 'operationName a number', body: ingestBody([event()], { operationName: 5 }), status: 400, code: 'BAD_REQUEST' },
    { name: 'operationName unknown', body: ingestBody([event()], { operationName: 'Nope' }), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
    { name: 'extensions a string', body: ingestBody([event()], { extensions: 'x' }), status: 400, code: 'BAD_REQUEST' },
  ]);

  // --- GraphQL documents that do not parse ----------------------------------------------
  const events = (): unknown => [event()];
  const doc = (query: string, variables: Record<string, unknown> = { events: events() }): string => JSON.stringify({ query, variables });
  add(
    'syntax',
    [
      INGEST_EVENTS.slice(0, -1),
      INGEST_EVENTS.slice(0, 30),
      INGEST_EVENTS.replace('(', ''),
      INGEST_EVENTS.replace('$events:', 'events:'),
      INGEST_EVENTS.replace('!]!', '!]!!'),
      'mutation {',
      'mutation Ingest($events: [IdentityEventInput!]!) ingestIdentityEvents(events: $events) { accepted } }',
      '# only a comment',
      'mutation M { ingestIdentityEvents(events: $events) { accepted } } }',
      'mutation M { ingestIdentityEvents(events: "unterminated) { accepted } }',
      'mutation M { ingestIdentityEvents(events: [{ eventId: 1 }] { accepted } }',
      'mutation M { ... on }',
      'fragment F on Mutation',
      'mutation M { ingestIdentityEvents(events: $events) { accepted @ } }',
      'mutation M($events: [IdentityEventInput!]! = ) { ingestIdentityEvents(events: $events) { accepted } }',
      'mutation M($events: [IdentityEventInput!]!) { ingestIdentityEvents() { accepted } }',
      '\u0007mutation',
    ].map((query, i) => ({ name: `unparsable document ${i + 1}`, body: doc(query), status: 400, code: 'GRAPHQL_PARSE_FAILED' })),
  );

  // --- documents that parse but do not validate -----------------------------------------
  const ingestWith = (selection: string, varDefs = '$events: [IdentityEventInput!]!', args = 'events: $events'): string =>
    `mutation M(${varDefs}) { ingestIdentityEvents(${args}) ${selection} }`;
  add(
    'validation',
    [
      ingestWith('{ nope }'),
      ingestWith('{ accepted { x } }'),
      ingestWith(''),
      ingestWith('{ accepted }', '$events: [IdentityEventInput!]!', 'events: $events, extra: 1'),
      ingestWith('{ accepted }', '$events: [Nope!]!'),
      ingestWith('{ accepted }', '$events: [IdentityEventInput!]!, $unused: Int'),
      ingestWith('{ accepted }', '$events: [IdentityEventInput!]!', 'events: $other'),
      ingestWith('{ accepted }', '$events: String', 'events: $events'),
      ingestWith('{ accepted }', '$events: [IdentityEventInput!]!', 'events: 5'),
      ingestWith('{ accepted }', '$events: [IdentityEventInput!]!', 'events: [{ eventId: "x" }]'),
      `${ingestWith('{ accepted }')} ${ingestWith('{ accepted }')}`,
      `mutation { ingestIdentityEvents(events: []) { accepted } } mutation { ingestIdentityEvents(events: []) { accepted } }`,
      ingestWith('{ ...F }') + ' fragment F on IngestResult { ...G } fragment G on IngestResult { ...F }',
      ingestWith('{ ...F }') + ' fragment F on Person { oneId }',
      ingestWith('{ accepted @nope }'),
      ingestWith('{ accepted @skip }'),
      ingestWith('{ accepted }').replace('mutation', 'query'),
      'subscription S { person(oneId: "x") { oneId } }',
      ingestWith('{ accepted ...F }') + ' fragment F on IngestResult { accepted } fragment F on IngestResult { accepted }',
    ].map((query, i) => ({ name: `invalid document ${i + 1}`, body: doc(query), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' })),
  );

  // --- content types ----------------------------------------------------------------------
  for (const type of [
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'text/html',
    'application/octet-stream',
    'application/graphql',
    'image/png',
    'application/javascript',
  ]) {
    add('content-type', [{ name: type, headers: { 'content-type': type }, body: validIngest(), status: 400, code: 'BAD_REQUEST' }]);
  }
  add('content-type', [
    { name: 'no content type', headers: { 'content-type': '' }, body: validIngest(), status: 400, code: 'BAD_REQUEST' },
    { name: 'JSON declared as utf-16', headers: { 'content-type': 'application/json; charset=utf-16' }, body: validIngest(), status: 400, code: 'BAD_REQUEST' },
    { name: 'JSON declared as latin-1', headers: { 'content-type': 'application/json; charset=iso-8859-1' }, body: validIngest(), status: 415, code: 'BAD_REQUEST' },
    { name: 'gzip body that is not gzip', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: validIngest(), status: 400, code: 'BAD_REQUEST' },
    { name: 'unknown content encoding', headers: { 'content-type': 'application/json', 'content-encoding': 'br2' }, body: validIngest(), status: 415, code: 'BAD_REQUEST' },
  ]);

  // --- methods ----------------------------------------------------------------------------
  const getUrl = (q: string, vars: unknown): string => `?query=${encodeURIComponent(q)}&variables=${encodeURIComponent(JSON.stringify(vars))}`;
  for (const method of ['PUT', 'PATCH', 'DELETE']) {
    add('method', [{ name: method, method, body: validIngest(), status: 405, code: 'BAD_REQUEST' }]);
  }
  add('method', [
    { name: 'GET mutation without preflight', method: 'GET', query: getUrl(INGEST_EVENTS, { events: events() }), status: 405, code: 'BAD_REQUEST' },
    { name: 'GET mutation with preflight', method: 'GET', query: getUrl(INGEST_EVENTS, { events: events() }), headers: { 'apollo-require-preflight': 'true' }, status: 405, code: 'BAD_REQUEST' },
    { name: 'GET without a query', method: 'GET', query: getUrl('', { events: events() }).replace('query=', 'q='), headers: { 'apollo-require-preflight': 'true' }, status: 400, code: 'BAD_REQUEST' },
    { name: 'GET with bad variables', method: 'GET', query: `?query=${encodeURIComponent(INGEST_EVENTS)}&variables=%7Bnope`, headers: { 'apollo-require-preflight': 'true' }, status: 400, code: 'BAD_REQUEST' },
  ]);

  // --- tokens: each refused with 401 before anything runs ---------------------------------
  const now = Math.floor(Date.now() / 1000);
  const good = await jwt({ role: 'INGEST', sub: 'malformed' });
  const [h, p, s] = good.split('.');
  const tokens: Array<[string, string]> = [
    ['wrong secret', await jwt({ role: 'ADMIN', sub: 'x' }, { secret: 'another-secret-that-is-also-32-bytes-long!' })],
    ['expired', await jwt({ role: 'ADMIN', sub: 'x' }, { exp: now - 3600 })],
    ['not yet valid', await jwt({ role: 'ADMIN', sub: 'x', nbf: now + 3600 })],
    ['no exp', await jwt({ role: 'ADMIN', sub: 'x' }, { exp: null })],
    ['HS512', await jwt({ role: 'ADMIN', sub: 'x' }, { alg: 'HS512' })],
    ['HS384', await jwt({ role: 'ADMIN', sub: 'x' }, { alg: 'HS384' })],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ role: 'ADMIN', sub: 'x', exp: now + 600 })}.`],
    ['alg none, no dot', `${b64({ alg: 'none' })}.${b64({ role: 'ADMIN', sub: 'x', exp: now + 600 })}`],
    ['RS256 header on an HMAC', `${b64({ alg: 'RS256' })}.${p}.${s}`],
    ['payload swapped to ADMIN', `${h}.${b64({ role: 'ADMIN', sub: 'malformed', exp: now + 600 })}.${s}`],
    ['signature cut', `${h}.${p}.${s.slice(0, -4)}`],
    ['signature of another token', `${h}.${p}.${(await jwt({ role: 'ADMIN', sub: 'y' })).split('.')[2]}`],
    ['two segments', `${h}.${p}`],
    ['four segments', `${good}.${s}`],
    ['not base64', `${h}.@@@.${s}`],
    ['header not JSON', `${Buffer.from('nope').toString('base64url')}.${p}.${s}`],
    ['no role', await jwt({ sub: 'x' })],
    ['unknown role', await jwt({ role: 'ROOT', sub: 'x' })],
    ['role in lower case', await jwt({ role: 'admin', sub: 'x' })],
    ['role a number', await jwt({ role: 1, sub: 'x' })],
    ['role a list', await jwt({ role: ['ADMIN'], sub: 'x' })],
    ['no sub', await jwt({ role: 'ADMIN' })],
    ['empty sub', await jwt({ role: 'ADMIN', sub: '' })],
    ['blank sub', await jwt({ role: 'ADMIN', sub: '   ' })],
    ['sub too long', await jwt({ role: 'ADMIN', sub: 'x'.repeat(129) })],
    ['exp a string', `${b64({ alg: 'HS256' })}.${b64({ role: 'ADMIN', sub: 'x', exp: String(now + 600) })}.${s}`],
  ];
  for (const [name, token] of tokens) add('jwt', [{ name, authorization: `Bearer ${token}`, body: validIngest(), status: 401, code: 'UNAUTHENTICATED' }]);
  for (const [name, authorization] of [
    ['empty header', ''],
    ['Bearer without token', 'Bearer'],
    ['Bearer and spaces', 'Bearer    '],
    ['Basic auth', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['token without scheme', good],
    ['two tokens', `Bearer ${good}, Bearer ${good}`],
    ['token with a space inside', `Bearer ${good.slice(0, 20)} ${good.slice(20)}`],
    ['a 9 KB token', `Bearer ${good}${'a'.repeat(9000)}`],
    ['Token scheme', `Token ${good}`],
  ] as Array<[string, string]>) {
    add('jwt', [{ name, authorization, body: validIngest(), status: 401, code: 'UNAUTHENTICATED' }]);
  }

  // --- limits -----------------------------------------------------------------------------
  const aliases = (n: number, field = 'ingestIdentityEvents(events: $events) { accepted }'): string =>
    `mutation M($events: [IdentityEventInput!]!) { ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
  for (const n of [31, 40, 100]) add('limits', [{ name: `${n} aliases`, body: doc(aliases(n)), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' }]);
  add('limits', [{ name: '500 aliases (over the token limit first)', body: doc(aliases(500)), status: 400, code: 'GRAPHQL_PARSE_FAILED' }]);
  for (const n of [31, 1000]) {
    add('limits', [{ name: `${n} __typename aliases`, body: doc(aliases(1) + ` query T { ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`, { events: events() }).replace('"variables"', '"operationName":"T","variables"'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' }]);
  }
  const deep = (depth: number): string => {
    let inner = 'oneId';
    for (let i = 1; i < depth; i += 2) inner = `relatives(maxDegree: 1) { person { ${inner} } }`;
    return `query Deep { person(oneId: "x") { ${inner} } }`;
  };
  for (const d of [14, 20, 40]) add('limits', [{ name: `depth ${d}`, body: JSON.stringify({ query: deep(d) }), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' }]);
  add('limits', [
    { name: 'over-cost page', body: JSON.stringify({ query: 'query C { topReferrers(first: 100000) { person { oneId } } }' }), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    { name: 'too many tokens', body: doc(INGEST_EVENTS.replace('accepted', `accepted ${'__typename '.repeat(6000)}`)), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'a 3 MB body', body: ingestBody([event({ source: 'x'.repeat(3 * 1024 * 1024) })]), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  ]);

  // --- impossible values in variables: refused while coercing, before any resolver --------
  const dateTimes = [
    '2024-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-00-10T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-01-32T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T23:60:00Z',
    '2024-01-01T23:59:61Z',
    '2024-01-01T00:00:00+25:00',
    '2024-01-01',
    '2024-1-1T00:00:00Z',
    'yesterday',
    '',
    '99999-01-01T00:00:00Z',
  ];
  for (const observedAt of dateTimes) add('values', [{ name: `observedAt ${JSON.stringify(observedAt)}`, body: ingestBody([event({ observedAt })]), status: 400, code: 'BAD_USER_INPUT' }]);
  for (const observedAt of [0, 1.5, true, null, {}, []]) add('values', [{ name: `observedAt ${JSON.stringify(observedAt)}`, body: ingestBody([event({ observedAt })]), status: 400, code: 'BAD_USER_INPUT' }]);
  for (const birthDate of ['2024-02-30', '2023-02-29', '1990-13-01', '1990-00-01', '1990-01-32', '1990-04-31', '1990-1-1', '19900101', '1990-01-01T00:00:00Z', '', 'abcd-ef-gh', 19900101, true]) {
    add('values', [
      { name: `birthDate ${JSON.stringify(birthDate)} (event)`, body: ingestBody([event({ attributes: { birthDate } })]), status: 400, code: 'BAD_USER_INPUT' },
      { name: `birthDate ${JSON.stringify(birthDate)} (updatePerson)`, body: updateBody({ birthDate, displayName: 'changed' }), status: 400, code: 'BAD_USER_INPUT' },
    ]);
  }
  const number = phoneNumber();
  const identifierVariants: Array<[string, Record<string, unknown>]> = [
    ['unknown type', { type: 'FAX', value: probe().value }],
    ['type in lower case', { type: 'phone', value: probe().value }],
    ['type a number', { type: 1, value: probe().value }],
    ['no type', { value: probe().value }],
    ['no value', { type: 'PHONE' }],
    ['value null', { type: 'PHONE', value: null }],
    ['value a number', { type: 'PHONE', value: Number(number) }],
    ['value a list', { type: 'PHONE', value: [probe().value] }],
    ['unknown field', { type: 'PHONE', value: probe().value, extra: 1 }],
    ['namespace a number', { type: 'PHONE', value: probe().value, namespace: 7 }],
  ];
  probes.push(phone(number));
  for (const [name, ident] of identifierVariants) add('values', [{ name: `identifier: ${name}`, body: ingestBody([event({}, ident)]), status: 400, code: 'BAD_USER_INPUT' }]);
  const eventVariants: Array<[string, unknown]> = [
    ['events null', null],
    ['events a string', 'events'],
    ['event null', [event(), null]],
    ['no eventId', [{ ...event(), eventId: undefined }]],
    ['no source', [{ ...event(), source: undefined }]],
    ['identifiers null', [event({ identifiers: null })]],
    ['unknown event field', [event({ extra: true })]],
    ['attributes a string', [event({ attributes: 'x' })]],
    ['annualIncome 2^31', [event({ attributes: { annualIncome: 2 ** 31 } })]],
    ['annualIncome 1.5', [event({ attributes: { annualIncome: 1.5 } })]],
    ['annualIncome a string', [event({ attributes: { annualIncome: '100' } })]],
    ['gender unknown', [event({ attributes: { gender: 'X' } })]],
    ['premiumBudget 1e12', [event({ attributes: { premiumBudget: 1e12 } })]],
  ];
  for (const [name, evs] of eventVariants) add('values', [{ name, body: ingestBody(evs), status: 400, code: 'BAD_USER_INPUT' }]);
  add('values', [
    { name: 'oneId missing in updatePerson', body: JSON.stringify({ query: UPDATE, variables: { a: { displayName: 'changed' } } }), status: 400, code: 'BAD_USER_INPUT' },
    { name: 'attributes null in updatePerson', body: JSON.stringify({ query: UPDATE, variables: { oneId: target, a: null } }), status: 400, code: 'BAD_USER_INPUT' },
    { name: 'annualIncome 2^31 in updatePerson', body: updateBody({ annualIncome: 2 ** 31, displayName: 'changed' }), status: 400, code: 'BAD_USER_INPUT' },
    { name: 'gender unknown in updatePerson', body: updateBody({ gender: 'OTHER_X', displayName: 'changed' }), status: 400, code: 'BAD_USER_INPUT' },
  ]);
  return out;
}

async function send(c: Case): Promise<Awaited<ReturnType<typeof rawRequest>>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': randomUUID(), ...c.headers };
  if (headers['content-type'] === '') delete headers['content-type'];
  if (c.authorization !== null) headers.authorization = c.authorization ?? `Bearer ${await t.token({ role: 'ADMIN', sub: 'malformed-test' })}`;
  return rawRequest(`${t.app.server.url}${c.query ?? ''}`, { method: c.method ?? (c.body === undefined ? 'POST' : 'POST'), headers, body: c.method === 'GET' ? undefined : c.body });
}

test('more than 200 malformed requests: each a coded 4xx, no stack trace, no raw value, nothing written, the service ready afterwards', async () => {
  const before = await newPerson(t, { displayName: 'Unchanged', birthDate: '1980-05-05' });
  target = before.oneId;
  const table = await cases();
  expect(table.length).toBeGreaterThanOrEqual(200);

  const answers: string[] = [];
  const wrong: string[] = [];
  for (const c of table) {
    const res = await send(c);
    const code = res.json?.errors?.[0]?.extensions?.code;
    answers.push(res.text);
    const seen = `${res.status} ${String(code)}${res.json?.data ? ' with data' : ''}`;
    if (seen !== `${c.status} ${c.code}`) wrong.push(`${c.group}: ${c.name}: expected ${c.status} ${c.code}, got ${seen}: ${res.text.slice(0, 160)}`);
    expect(res.text).not.toMatch(/\bat .*\.(js|ts):\d+|stacktrace/i);
  }
  expect(wrong).toEqual([]);

  // no raw identifier value in any answer nor in the log
  const leaks = [...answers, ...t.logs].filter((text) => probes.some((p) => text.includes(p.value)));
  expect(leaks).toEqual([]);
  // nothing written: no probe identifier is stored, the person is as it was
  const g = graph(t);
  expect(await g.count('identity/identifiers-by-key', { keys: probes.map((p) => keyOf(t, p)) })).toBe(0);
  const after = await t.ok<{ person: { displayName: string; birthDate: string } }>(`query P($id: ID!) { person(oneId: $id) { displayName birthDate } }`, { id: target });
  expect(after.person).toEqual({ displayName: 'Unchanged', birthDate: '1980-05-05' });
  // ready and serving
  expect((await fetch(new URL('/readyz', t.app.server.url))).status).toBe(200);
  const ok = await t.ok<{ ingestIdentityEvents: { accepted: number } }>(INGEST_EVENTS, { events: [event()] });
  expect(ok.ingestIdentityEvents.accepted).toBe(1);
}, 240_000);
