/**
 * Constraints and indexes live in `cypher/migrations/NNN_name.cypher` (statements separated
 * by `;`). Each file is applied once, in order, and recorded as a (:Migration) node with its
 * checksum; every statement is idempotent (IF NOT EXISTS) so re-running is harmless too.
 */
import { createHash } from 'node:crypto';
import { CypherRegistry } from './cypher';
import { Database } from './database';

export interface MigrationReport {
  applied: string[];
  skipped: string[];
}

export function splitStatements(text: string): string[] {
  return text
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*\/\/.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

export async function migrate(db: Database, registry: CypherRegistry): Promise<MigrationReport> {
  const q = registry.pick('db', ['migration-bootstrap', 'migrations-applied', 'migration-record', 'await-indexes']);
  const names = registry.names('migrations/');
  const report: MigrationReport = { applied: [], skipped: [] };
  await db.runAutoCommit(q['migration-bootstrap']);
  const done = new Set((await db.runAutoCommit(q['migrations-applied'])).map((r) => String(r.id)));
  for (const name of names) {
    const id = name.slice('migrations/'.length);
    if (done.has(id)) {
      report.skipped.push(id);
      continue;
    }
    const text = registry.get(name);
    for (const statement of splitStatements(text)) await db.runAutoCommit(statement);
    const checksum = createHash('sha256').update(text).digest('hex');
    await db.runAutoCommit(q['migration-record'], { id, checksum });
    report.applied.push(id);
  }
  await db.runAutoCommit(q['await-indexes']);
  return report;
}

/** True when every migration file has been recorded in the graph. */
export async function migrationsApplied(db: Database, registry: CypherRegistry): Promise<boolean> {
  const expected = registry.names('migrations/').map((n) => n.slice('migrations/'.length));
  const rows = await db.read((tx) => tx.run<{ id: string }>(registry.get('db/migrations-applied')));
  const done = new Set(rows.map((r) => r.id));
  return expected.every((id) => done.has(id));
}
