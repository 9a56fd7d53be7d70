/**
 * What operations see of the service besides its logs:
 * - GET /metrics, Prometheus text format (prom-client): GraphQL requests by operation and
 *   outcome, latency and database statements per operation, the Neo4j sessions in use against
 *   the pool size, and the process metrics prom-client collects (CPU, memory, event loop, GC).
 *   Loopback scrapers need nothing; any other needs `Authorization: Bearer $METRICS_TOKEN`
 *   (without METRICS_TOKEN, /metrics answers loopback clients only).
 * - OpenTelemetry traces: one span per GraphQL operation, one child span per Cypher statement
 *   (named by its file, never its parameters), exported over OTLP/HTTP as the standard OTEL_*
 *   variables say; off, at no cost, when no exporter endpoint is configured.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../config/config';
import { currentScope, MAX_CONNECTION_POOL_SIZE, type Database } from '../db/database';
import type { Logger } from '../logger';

/** Distinct operation names kept as label values; beyond, "other" (clients choose names: the label set stays bounded). */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

export class Metrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation'>;
  private readonly statements: Histogram<'operation'>;

  constructor(db: Database) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'kingraph_graphql_requests_total',
      help: 'GraphQL requests by operation name and outcome (OK or the first error code).',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'kingraph_graphql_request_duration_seconds',
      help: 'GraphQL request latency by operation name, from the start of the request to its response.',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.statements = new Histogram({
      name: 'kingraph_db_statements_per_request',
      help: 'Cypher statements (database round trips) one GraphQL request sent, by operation name.',
      labelNames: ['operation'],
      buckets: [0, 1, 2, 3, 5, 8, 13, 21, 50],
      registers,
    });
    new Gauge({
      name: 'kingraph_neo4j_sessions_active',
      help: 'Neo4j sessions open now (each holds at most one pooled connection).',
      registers,
      collect() {
        this.set(db.sessionsOpen());
      },
    });
    new Gauge({ name: 'kingraph_neo4j_pool_max', help: 'Largest number of Neo4j connections the driver opens.', registers }).set(MAX_CONNECTION_POOL_SIZE);
  }

  /** The label for an operation name: bounded in length and in number of distinct values. */
  label(name: string | null | undefined): string {
    if (!name || !OPERATION_NAME.test(name)) return 'anonymous';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_LABELS) return 'other';
    this.names.add(name);
    return name;
  }

  /** Records every GraphQL request once, with the codes the client saw. */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const end = this.duration.startTimer();
        return {
          willSendResponse: async ({ operationName, response, errors }) => {
            const operation = this.label(operationName);
            const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : (errors ?? []);
            const outcome = sent.length === 0 ? 'OK' : String(sent[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR');
            this.requests.inc({ operation, outcome });
            end({ operation });
            this.statements.observe({ operation }, currentScope()?.statements ?? 0);
          },
        };
      },
    };
  }

  /** GET /metrics: loopback, or the METRICS_TOKEN bearer; anything else 403. */
  handler(config: Config) {
    const expected = config.observability.metricsToken ? Buffer.from(`Bearer ${config.observability.metricsToken}`) : null;
    return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      try {
        const given = Buffer.from(req.headers.authorization ?? '');
        const tokenOk = expected !== null && given.length === expected.length && timingSafeEqual(given, expected);
        if (!tokenOk && !isLoopback(req.socket.remoteAddress)) {
          res.status(403).json({ errors: [{ message: 'Metrics are served to loopback clients, or with the METRICS_TOKEN bearer', extensions: { code: 'FORBIDDEN' } }] });
          return;
        }
        res.setHeader('content-type', this.registry.contentType);
        res.setHeader('cache-control', 'no-store');
        res.send(await this.registry.metrics());
      } catch (e) {
        next(e);
      }
    };
  }
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/**
 * Starts exporting traces when the configuration says so (see Config.observability.tracing):
 * the OTLP/HTTP exporter reads its endpoint, headers and timeout from the OTEL_* variables, the
 * resource its service name from OTEL_SERVICE_NAME (default "kingraph"). Returns how to flush
 * and stop; a no-op when tracing is off.
 */
export function startTracing(config: Config, log: Logger): { enabled: boolean; shutdown(): Promise<void> } {
  if (!config.observability.tracing) return { enabled: false, shutdown: async () => undefined };
  if (!process.env.OTEL_SERVICE_NAME) process.env.OTEL_SERVICE_NAME = 'kingraph';
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  log.info({ exporter: 'otlp-http' }, 'tracing on');
  return {
    enabled: true,
    async shutdown() {
      await provider.shutdown();
    },
  };
}

/**
 * One span per GraphQL operation ("query FamilyView", "mutation Ingest"), parent of the
 * statements' spans (the request scope carries it down to the Database); errors set its status
 * with the first code. Only installed when tracing is on.
 */
export function tracingPlugin(): ApolloServerPlugin {
  const tracer = trace.getTracer('kingraph');
  return {
    async requestDidStart() {
      const span = tracer.startSpan('graphql');
      return {
        async didResolveOperation({ operation, operationName }) {
          const name = operationName && OPERATION_NAME.test(operationName) ? operationName : 'anonymous';
          const type = operation?.operation ?? 'query';
          span.updateName(`${type} ${name}`);
          span.setAttributes({ 'graphql.operation.type': type, 'graphql.operation.name': name });
          const scope = currentScope();
          if (scope) scope.span = span;
        },
        async willSendResponse({ response, errors }) {
          const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : (errors ?? []);
          if (sent.length > 0) span.setStatus({ code: SpanStatusCode.ERROR, message: String(sent[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          span.setAttribute('kingraph.db.statements', currentScope()?.statements ?? 0);
          span.end();
        },
      };
    },
  };
}
