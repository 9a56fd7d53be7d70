/**
 * Once after the whole integration run: the privacy sweep (test/kit/privacy-sweep.ts) over the
 * database and the service log the tests left, then the local Neo4j is stopped. A finding
 * fails the run (named by property or log line, never by value).
 */
import 'reflect-metadata';
import { dirname } from 'node:path';
import { rmSync } from 'node:fs';
import { Database } from '../../src/db/database';
import type { LocalNeo4j } from '../../src/db/localNeo4j';
import { SWEEP_LOG_ENV, SWEEP_VALUES_ENV, sweep } from '../kit/privacy-sweep';

async function privacySweep(): Promise<void> {
  const [uri, values, log] = [process.env.KINGRAPH_TEST_NEO4J_URI, process.env[SWEEP_VALUES_ENV], process.env[SWEEP_LOG_ENV]];
  if (!uri || !values || !log) return;
  const db = Database.connect(uri, process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? '');
  try {
    const report = await sweep(db, { values, log });
    process.stdout.write(
      `\n[kingraph tests] privacy sweep: ${report.values} identifier values handed out, ${report.properties} stored properties and ${report.logLines} log lines read: ` +
        `${report.findings.length ? `${report.findings.length} finding(s)` : 'no raw value found'}\n`,
    );
    if (report.findings.length) throw new Error(`privacy sweep: a raw identifier value was found in ${[...new Set(report.findings)].slice(0, 20).join(', ')}`);
  } finally {
    await db.close();
    rmSync(dirname(values), { recursive: true, force: true });
  }
}

export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as Record<string, unknown>).__KINGRAPH_NEO4J__ as
    | { local: LocalNeo4j; dataDir: string }
    | undefined;
  try {
    await privacySweep();
  } finally {
    if (handle) {
      await handle.local.stop();
      rmSync(handle.dataDir, { recursive: true, force: true });
    }
  }
}
