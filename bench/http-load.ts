/**
 * Closed-loop HTTP load for GraphQL endpoints with autocannon, run in a child process so
 * the clients never share the event loop of the in-process servers they measure (not a
 * worker thread: inside one, autocannon acts as one of its own workers and returns raw
 * histograms).
 * `connections` clients each send the next request as soon as the previous one answered,
 * cycling through pre-serialized bodies (different variables per request). A GraphQL
 * error in a 200 response counts as an error, like a non-2xx status. 127.0.0.1 only.
 */
import { fork } from 'node:child_process';
import autocannon from 'autocannon';

export interface HttpLoadJob {
  url: string;
  headers: Record<string, string>;
  /** JSON request bodies, used round-robin. */
  bodies: string[];
  connections: number;
  seconds: number;
}

export interface HttpLoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') throw new Error(`load tests target 127.0.0.1 only, not ${host}`);
}

async function run(job: HttpLoadJob): Promise<HttpLoadResult> {
  let next = 0;
  let graphqlErrors = 0;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...job.headers },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: job.bodies[next++ % job.bodies.length] }),
        onResponse: (status, body) => {
          if (status === 200 && body.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    perSecond: result.requests.total / Math.max(1e-9, result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
  };
}

/** Run one load in a child process and return its figures. */
export function httpLoad(job: HttpLoadJob): Promise<HttpLoadResult> {
  assertLoopback(job.url);
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--http-load-child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: HttpLoadResult | null = null;
    child.once('message', (r) => {
      result = r as HttpLoadResult;
    });
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`load process exited with ${code}`))));
    child.send(job);
  });
}

if (process.argv.includes('--http-load-child') && process.send) {
  process.once('message', (job) => {
    run(job as HttpLoadJob).then(
      (r) => process.send!(r, () => process.exit(0)),
      (e: unknown) => {
        process.stderr.write(`load failed: ${(e as Error).stack ?? String(e)}\n`);
        process.exit(1);
      },
    );
  });
}
