/**
 * Keeps the local Neo4j the service started running: when its process dies (a crash, an
 * out-of-memory exit, kill -9), the supervisor logs why and starts it again on the same port
 * and data folder, waiting 1, 2, 4 … up to 30 s between failed attempts. Requests meanwhile
 * answer SERVICE_UNAVAILABLE (src/db/database.ts) and /readyz answers 503; the driver
 * reconnects by itself once the server is back. With NEO4J_URI nothing is supervised: the
 * driver reconnects as the cluster allows.
 */
import type { LocalNeo4j } from './localNeo4j';

export interface SupervisorLog {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

export interface Supervised {
  /** The running server (the latest one after a restart). */
  current(): LocalNeo4j;
  /** How many times the server was started again. */
  restarts(): number;
  /** Stop supervising and stop the server. */
  stop(): Promise<void>;
}

export const BACKOFF_MS: { first: number; max: number } = { first: 1000, max: 30_000 };

/** `start(port)` starts a server on that port (0: any free one the first time). */
export async function superviseLocalNeo4j(start: (port: number) => Promise<LocalNeo4j>, log: SupervisorLog, backoff = BACKOFF_MS): Promise<Supervised> {
  let server = await start(0);
  const port = Number(new URL(server.uri).port);
  let stopped = false;
  let restarts = 0;

  const watch = (running: LocalNeo4j): void => {
    void running.exited.then(async ({ code, signal }) => {
      if (stopped) return;
      log.warn({ pid: running.pid, code, signal }, 'local Neo4j exited unexpectedly: restarting it');
      let wait = backoff.first;
      while (!stopped) {
        try {
          const started = Date.now();
          server = await start(port);
          restarts += 1;
          log.info({ pid: server.pid, ms: Date.now() - started, restarts }, 'local Neo4j restarted');
          if (stopped) await server.stop();
          else watch(server);
          return;
        } catch (e) {
          log.error({ err: { message: (e as Error).message.slice(0, 300) }, retryInMs: wait }, 'local Neo4j did not start again');
          await new Promise((resolve) => setTimeout(resolve, wait));
          wait = Math.min(wait * 2, backoff.max);
        }
      }
    });
  };
  watch(server);

  return {
    current: () => server,
    restarts: () => restarts,
    async stop() {
      stopped = true;
      await server.stop();
    },
  };
}
