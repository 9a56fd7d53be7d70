/**
 * Causal consistency (issue 17, item 3): two service instances on one Neo4j. A mutation's
 * response carries the bookmark of the state it left (header and extension, the same value);
 * a request on the other instance that sends it back reads that state. A bookmark ahead of
 * the database makes a read wait until the database has caught up (made here by bumping the
 * transaction number of a real bookmark, then committing transactions until it is reached).
 * A malformed header is a 400.
 */
import { graph, INGEST_EVENTS, phone, uid, useTestApp, type TestApp } from '../../kit';

const a = useTestApp();
const b = useTestApp();

interface Answer {
  status: number;
  bookmark: string | null;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }>; extensions?: { bookmark?: string } };
}

async function post(t: TestApp, query: string, variables: Record<string, unknown>, bookmark?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${await t.token({ role: 'ADMIN', sub: 'bookmarks' })}` };
  if (bookmark !== undefined) headers['kingraph-bookmark'] = bookmark;
  const res = await fetch(t.app.server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: res.status, bookmark: res.headers.get('kingraph-bookmark'), body: (await res.json()) as Answer['body'] };
}

const RESOLVE = `query Resolve($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId } }`;
const ingest = (t: TestApp, ident = phone()) =>
  post(t, INGEST_EVENTS, { events: [{ eventId: uid('ev'), source: 'bookmarks', observedAt: '2026-01-01T00:00:00Z', identifiers: [ident] }] });

/** A bookmark `ahead` transactions after the given one (Neo4j 5: "FB:" + base64 of [uuid bytes, tx id, ...]). */
function bumped(bookmark: string, ahead: number): string {
  const buf = Buffer.from(bookmark.slice(3), 'base64');
  const at = 1 + 2 + 16; // list marker, bytes marker + length, 16 bytes of database id
  const marker = buf[at];
  const [value, width] =
    marker < 0x80 ? [marker, 1] : marker === 0xc8 ? [buf.readInt8(at + 1), 2] : marker === 0xc9 ? [buf.readInt16BE(at + 1), 3] : marker === 0xca ? [buf.readInt32BE(at + 1), 5] : [Number(buf.readBigInt64BE(at + 1)), 9];
  const next = value + ahead;
  let encoded: Buffer;
  if (next < 0x80) encoded = Buffer.from([next]);
  else if (next < 0x8000) encoded = Buffer.concat([Buffer.from([0xc9]), Buffer.from([next >> 8, next & 0xff])]);
  else {
    encoded = Buffer.alloc(5);
    encoded[0] = 0xca;
    encoded.writeInt32BE(next, 1);
  }
  return `FB:${Buffer.concat([buf.subarray(0, at), encoded, buf.subarray(at + width)]).toString('base64')}`;
}

test('a mutation answers its bookmark in the header and the extension; the other instance reads its write with it', async () => {
  const ident = phone();
  const written = await ingest(a, ident);
  expect(written.status).toBe(200);
  expect(written.bookmark).toMatch(/^FB:/);
  expect(written.body.extensions?.bookmark).toBe(written.bookmark);

  const read = await post(b, RESOLVE, { i: ident }, written.bookmark!);
  expect(read.status).toBe(200);
  expect(read.body.data).toEqual({ resolveIdentity: { oneId: expect.any(String) } });
  // a read that wrote nothing hands back no bookmark
  expect(read.bookmark).toBeNull();
});

test('a read with a bookmark ahead of the database waits until the database has caught up', async () => {
  const first = await ingest(a);
  const ahead = bumped(first.bookmark!, 300);
  let settled = false;
  const waiting = post(b, RESOLVE, { i: phone() }, ahead).then((r) => {
    settled = true;
    return r;
  });
  await new Promise((r) => setTimeout(r, 1000));
  expect(settled).toBe(false);
  // commit transactions until the database reaches the bookmark: the read then goes through
  const g = graph(a);
  let commits = 0;
  while (!settled && commits < 2000) {
    await g.write('db/probe-create', { id: uid('bookmark') });
    commits += 1;
  }
  const read = await waiting;
  expect(read.status).toBe(200);
  expect(read.body.data).toEqual({ resolveIdentity: null });
  expect(commits).toBeGreaterThan(0);
}, 60_000);

test('a malformed bookmark header is a 400 and writes nothing', async () => {
  const ident = phone();
  for (const header of ['not a bookmark!', 'FB:a,FB:b,FB:c,FB:d,FB:e,FB:f,FB:g,FB:h,FB:i', `FB:${'a'.repeat(300)}`]) {
    const bad = await post(a, INGEST_EVENTS, { events: [{ eventId: uid('ev'), source: 'bookmarks', observedAt: '2026-01-01T00:00:00Z', identifiers: [ident] }] }, header);
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  }
  const after = await post(a, RESOLVE, { i: ident });
  expect(after.body.data).toEqual({ resolveIdentity: null });
});
