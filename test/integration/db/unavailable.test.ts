/**
 * The database going away (issue 19, item 1): the app reaches the test Neo4j through a TCP
 * proxy that the test cuts. While it is cut, a request fails within NEO4J_TIMEOUT_MS (not the
 * driver's 30 s) with HTTP 503, Retry-After and SERVICE_UNAVAILABLE, and writes nothing; the
 * loss and the recovery are logged once each; once the proxy is back, requests succeed again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ADMIN, INGEST_EVENTS, phone, startTestApp, uid, type TestApp } from '../../kit';

class Proxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Refuse new connections and drop the open ones, as a dead database would. */
  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

const TIMEOUT_MS = 1500;
let t: TestApp;
let proxy: Proxy;

beforeAll(async () => {
  const target = new URL((process.env.KINGRAPH_TEST_NEO4J_URI ?? process.env.NEO4J_URI)!);
  proxy = new Proxy({ host: target.hostname, port: Number(target.port) });
  await proxy.open();
  t = await startTestApp({ neo4jUri: `bolt://127.0.0.1:${proxy.port}`, env: { NEO4J_TIMEOUT_MS: String(TIMEOUT_MS) } });
});
afterAll(async () => {
  await proxy.cut().catch(() => undefined);
  await t.close();
});

const RESOLVE = `query R($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId } }`;

async function post(query: string, variables: Record<string, unknown>): Promise<{ status: number; retryAfter: string | null; body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> }; ms: number }> {
  const started = Date.now();
  const res = await fetch(t.app.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.token(ADMIN)}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as never, ms: Date.now() - started };
}

const ingestOne = (id: { type: string; value: string }) =>
  post(INGEST_EVENTS, { events: [{ eventId: uid('ev'), source: 'outage-test', observedAt: '2026-01-01T00:00:00Z', identifiers: [id], attributes: null }] });

test('an unreachable database answers 503, Retry-After and SERVICE_UNAVAILABLE within the timeout, writes nothing, and recovers', async () => {
  expect((await post(RESOLVE, { i: phone() })).status).toBe(200);

  await proxy.cut();
  const lost = phone();
  for (const attempt of [() => ingestOne(lost), () => post(RESOLVE, { i: lost })]) {
    const res = await attempt();
    expect(res.status).toBe(503);
    expect(res.retryAfter).toBe('5');
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(res.body.errors?.[0]?.message).toContain('retry');
    expect(res.ms).toBeLessThan(TIMEOUT_MS + 3000); // bounded by NEO4J_TIMEOUT_MS, not the driver's 30 s
  }
  expect(t.logs.filter((l) => l.includes('database unavailable'))).toHaveLength(1);
  expect(t.logs.join('\n')).not.toContain('unexpected error');

  await proxy.open(); // the same port: the database is back
  let back = await post(RESOLVE, { i: lost });
  for (let i = 0; i < 20 && back.status !== 200; i += 1) {
    await new Promise((r) => setTimeout(r, 250));
    back = await post(RESOLVE, { i: lost });
  }
  expect(back.status).toBe(200);
  expect(back.body.data).toEqual({ resolveIdentity: null }); // the refused ingestion wrote nothing
  expect(t.logs.filter((l) => l.includes('database available again'))).toHaveLength(1);
  const retried = await ingestOne(lost); // retrying is safe: the same event now goes through once
  expect(retried.status).toBe(200);
  expect((await post(RESOLVE, { i: lost })).body.data).toEqual({ resolveIdentity: { oneId: expect.any(String) } });
}, 60_000);
