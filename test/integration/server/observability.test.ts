/**
 * Metrics and traces (issue 17, item 2). /metrics answers a loopback scraper in Prometheus
 * format with requests by operation and outcome, latency and statements per operation, the
 * Neo4j sessions against the pool size and the process metrics. With an OTLP endpoint set,
 * every GraphQL operation is a span whose children are its Cypher statements, named by file,
 * carrying no parameter value; the test receives them on a local OTLP/HTTP collector.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN, INGEST_EVENTS, phone, startTestApp, uid, useTestApp } from '../../kit';

describe('/metrics', () => {
  const t = useTestApp();

  it('counts requests by operation and outcome, with latency and statements per operation', async () => {
    const probe = 'query MetricsProbe($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId } }';
    await t.ok(probe, { i: phone() });
    await t.ok(probe, { i: phone() });
    const denied = await t.gql('query MetricsDenied { person(oneId: "x") { oneId } }', {}, null);
    expect(denied.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const res = await fetch(new URL('/metrics', t.app.server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const value = (line: string): number => Number(new RegExp(`^${line.replace(/[{}"=,]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    expect(value('kingraph_graphql_requests_total{operation="MetricsProbe",outcome="OK"}')).toBe(2);
    expect(value('kingraph_graphql_requests_total{operation="MetricsDenied",outcome="UNAUTHENTICATED"}')).toBe(1);
    expect(value('kingraph_graphql_request_duration_seconds_count{operation="MetricsProbe"}')).toBe(2);
    expect(value('kingraph_db_statements_per_request_count{operation="MetricsProbe"}')).toBe(2);
    expect(value('kingraph_db_statements_per_request_sum{operation="MetricsProbe"}')).toBeGreaterThanOrEqual(2);
    expect(value('kingraph_db_statements_per_request_sum{operation="MetricsDenied"}')).toBe(0);
    expect(value('kingraph_neo4j_pool_max')).toBe(100);
    expect(value('kingraph_neo4j_sessions_active')).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(/^process_cpu_user_seconds_total \S+$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \S+$/m);
  });
});

describe('traces', () => {
  let collector: Server;
  const bodies: string[] = [];
  const saved = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;

  beforeAll(async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = saved;
    if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
    await new Promise((r) => collector.close(r));
  });

  it('exports one span per operation with one child span per Cypher statement, and no values', async () => {
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`;
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = endpoint; // the exporter reads the standard variable
    const t = await startTestApp({ env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint } });
    const ident = phone();
    try {
      await t.ok(INGEST_EVENTS.replace('mutation Ingest', 'mutation TraceIngest'), { events: [{ eventId: uid('ev'), source: 'trace', observedAt: '2026-01-01T00:00:00Z', identifiers: [ident] }] }, ADMIN);
    } finally {
      await t.close(); // flushes the batch of spans
    }
    const all = bodies.join('\n');
    expect(all).not.toContain(ident.value);
    interface OtlpSpan {
      traceId: string;
      spanId: string;
      parentSpanId?: string;
      name: string;
    }
    const spans: OtlpSpan[] = bodies.flatMap((b) =>
      (JSON.parse(b) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> }).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
    );
    const operation = spans.find((s) => s.name === 'mutation TraceIngest');
    expect(operation).toBeDefined();
    const children = spans.filter((s) => s.parentSpanId === operation!.spanId);
    expect(children.length).toBeGreaterThan(0);
    for (const c of children) {
      expect(c.traceId).toBe(operation!.traceId);
      expect(c.name).toMatch(/^cypher [a-z-]+\/[a-z0-9-]+$/);
    }
    expect(children.map((c) => c.name)).toContain('cypher identity/upsert-identifiers');
  });
});
