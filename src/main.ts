/** `npm start`: configuration, Neo4j (local or NEO4J_URI), migrations, HTTP, graceful shutdown. */
import 'reflect-metadata';
import { connect, startApp } from './server/bootstrap';
import { mintToken } from './auth/jwt';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const { db, local } = await connect(config, log);
  let stopping = false;
  const stopLocal = async (): Promise<void> => {
    await db.close().catch(() => undefined);
    log.debug('driver closed');
    await local?.stop().catch(() => undefined);
  };
  let app;
  try {
    app = await startApp(config, db, log);
  } catch (e) {
    log.error({ err: { message: (e as Error).message } }, 'start-up failed');
    await stopLocal();
    process.exit(1);
  }
  log.info({ url: app.server.url, env: config.nodeEnv }, 'kingraph ready');
  if (config.auth.generatedSecret) {
    const token = await mintToken(config.auth.jwtSecret, { role: 'ADMIN', sub: 'dev-admin' }, { expiresIn: '12h' });
    log.warn('JWT_SECRET is not set: using a throwaway development secret. An ADMIN token for this run (12h):');
    process.stdout.write(`\nAuthorization: Bearer ${token}\n\n`);
  }

  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    const t0 = Date.now();
    await app.server.stop().catch(() => undefined);
    log.debug({ ms: Date.now() - t0 }, 'http stopped');
    await stopLocal();
    log.info({ ms: Date.now() - t0 }, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main().catch((e: unknown) => {
  process.stderr.write(`kingraph failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});
