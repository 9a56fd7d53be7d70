/**
 * Once per `npm test` run: use NEO4J_URI when set, else start the project's local Neo4j
 * on a free loopback port with a fresh data folder. Migrations are applied here once. The
 * journals of the whole-suite privacy sweep (test/kit/privacy-sweep.ts) start empty here; the
 * globalTeardown sweeps.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CypherRegistry } from '../../src/db/cypher';
import { Database } from '../../src/db/database';
import { startLocalNeo4j } from '../../src/db/localNeo4j';
import { migrate } from '../../src/db/migrations';
import { repoRoot } from '../../src/paths';
import { SWEEP_LOG_ENV, SWEEP_VALUES_ENV } from '../kit/privacy-sweep';

export default async function globalSetup(): Promise<void> {
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    const dataDir = join(repoRoot(), '.data', `neo4j-test-${process.pid}`);
    rmSync(dataDir, { recursive: true, force: true });
    const started = Date.now();
    const local = await startLocalNeo4j({ dataDir, port: 0, heap: '1g', pageCache: '256m' });
    process.stdout.write(`\n[kingraph tests] local Neo4j at ${local.uri} started in ${Date.now() - started} ms\n`);
    (globalThis as Record<string, unknown>).__KINGRAPH_NEO4J__ = { local, dataDir };
    uri = local.uri;
  }
  process.env.KINGRAPH_TEST_NEO4J_URI = uri;
  const journals = mkdtempSync(join(tmpdir(), 'kingraph-sweep-'));
  process.env[SWEEP_VALUES_ENV] = join(journals, 'identifiers.ndjson');
  process.env[SWEEP_LOG_ENV] = join(journals, 'service.log');
  const db = Database.connect(uri, process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? '');
  try {
    await migrate(db, CypherRegistry.load());
  } finally {
    await db.close();
  }
}
