/**
 * `kingraph import --bulk` gives the graph the online import gives. One generated population
 * (with a few events the ingest refuses) is imported online into a private Neo4j, the whole
 * graph is read in canonical form (test/kit/canonical-graph.ts: random ids and load times
 * named away), the database is emptied, the same file is bulk-imported, and both graphs must
 * be equal line for line: the OneID partition, every identifier's state, evidence, aliases,
 * attributes, device uses, households, links, policies, invitations and the derived state.
 * Then: a second bulk load of the file is refused before writing (its identities exist), an
 * interrupted write phase resumes to the same graph, and the rejects file masks its values.
 *
 * A private database, because the comparison reads every node and empties it between loads.
 */
import { randomInt } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateToFile } from '../../../src/cli/generate';
import { BulkRefusedError, bulkDirOf, bulkImportFile, type BulkSummary } from '../../../src/cli/bulk-import';
import { importFile, rejectsFileOf, type ImportSummary } from '../../../src/cli/import';
import { dateOf, dayOf } from '../../../src/cli/population';
import { unpackSealed, type WrappedKey } from '../../../src/contact/crypto';
import { startLocalNeo4j, type LocalNeo4j } from '../../../src/db/localNeo4j';
import { identifierKey } from '../../../src/identity/hash';
import { toIdentifierRecord } from '../../../src/identity/identity.model';
import { canonicalGraph, type CanonicalGraph } from '../../kit/canonical-graph';
import { graph, pinnedToday, startTestApp, type TestApp } from '../../kit';

const HOUSEHOLDS = 40;
const REFUSED_PHONE = '1391234567';

/** Lines the ingest refuses (a phone one digit short; a birth date in the future), inserted into the file. */
const badEvents = (n: number): string[] =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      kind: 'event', eventId: `ev-bad-${i}`, source: 'crm', observedAt: '2026-01-01T00:00:00Z',
      identifiers: [{ type: 'PHONE', value: REFUSED_PHONE }],
      ...(i % 2 ? { attributes: { birthDate: '2999-01-01' } } : {}),
    }),
  );

/** Where two canonical graphs differ (at most 20 lines each way), for a readable failure. */
function differences(a: CanonicalGraph, b: CanonicalGraph): string[] {
  const diff = (x: string[], y: string[]): string[] => {
    const left = new Map<string, number>();
    for (const l of y) left.set(l, (left.get(l) ?? 0) + 1);
    return x.filter((l) => {
      const n = left.get(l) ?? 0;
      if (n > 0) left.set(l, n - 1);
      return n === 0;
    });
  };
  const short = (l: string): string => (l.length > 400 ? `${l.slice(0, 400)}...` : l);
  return [
    ...diff(a.nodes, b.nodes).slice(0, 10).map((l) => `online only: ${short(l)}`),
    ...diff(b.nodes, a.nodes).slice(0, 10).map((l) => `bulk only:   ${short(l)}`),
    ...diff(a.relationships, b.relationships).slice(0, 10).map((l) => `online only: ${short(l)}`),
    ...diff(b.relationships, a.relationships).slice(0, 10).map((l) => `bulk only:   ${short(l)}`),
  ];
}

describe('kingraph import --bulk against the online import of the same file', () => {
  let local: LocalNeo4j;
  let t: TestApp;
  let dir: string;
  let online: CanonicalGraph;
  let bulk: CanonicalGraph;
  let onlineSummary: ImportSummary;
  let bulkSummary: BulkSummary;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kingraph-bulk-'));
    local = await startLocalNeo4j({ dataDir: join(dir, 'neo4j'), port: 0, heap: '512m', pageCache: '128m' });
    const today = new Date().toISOString().slice(0, 10);
    t = await startTestApp({ neo4jUri: local.uri, clock: pinnedToday(today) });
    const file = join(dir, 'population.ndjson');
    await generateToFile({ seed: randomInt(1, 2 ** 31), households: HOUSEHOLDS, out: file, asOf: dateOf(dayOf(today) - 3) }); // older than a day: times of the load are told from the data's
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    lines.splice(10, 0, ...badEvents(2));
    writeFileSync(file, `${lines.join('\n')}\n`);
    copyFileSync(file, join(dir, 'online.ndjson'));
    copyFileSync(file, join(dir, 'bulk.ndjson'));

    onlineSummary = await importFile({ file: join(dir, 'online.ndjson'), services: t.app.services });
    online = await canonicalGraph(t.db);
    await graph(t).write('graph/delete-all');
    // Small write transactions: every step takes several (as a large load does).
    bulkSummary = await bulkImportFile({ file: join(dir, 'bulk.ndjson'), services: t.app.services, db: t.db, batchRows: 23 });
    bulk = await canonicalGraph(t.db);
  }, 600_000);

  afterAll(async () => {
    await t?.close();
    await local?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the same population: every event planned, the refused ones rejected, the rest of the file applied', () => {
    expect(bulkSummary.events.rejected).toBe(2);
    expect(bulkSummary.events.accepted + bulkSummary.events.duplicates).toBe(onlineSummary.totals.events); // the online count leaves rejects out too
    expect(bulkSummary.rows.persons).toBeGreaterThan(HOUSEHOLDS);
    expect(bulkSummary.records?.totals.households).toBe(onlineSummary.totals.households);
    expect(bulkSummary.records?.totals.policies).toBe(onlineSummary.totals.policies);
    expect(bulkSummary.records?.totals.invitations).toBe(onlineSummary.totals.invitations);
    // The records phase skips event lines: the refused events are the plan's rejects.
    expect(bulkSummary.events.rejected + (bulkSummary.records?.totals.rejects ?? 0)).toBe(onlineSummary.totals.rejects);
  });

  it('gives the graph the online import gives, node for node and relationship for relationship', () => {
    expect(online.nodes.length).toBeGreaterThan(1000);
    expect(differences(online, bulk)).toEqual([]);
    expect(bulk).toEqual(online);
  });

  it("seals every value under its person's data key, opening to the value its hash was made from", async () => {
    const rows = await graph(t).rows<{ identifier: Record<string, unknown>; sealed: string; dataKey: WrappedKey; ownKey: boolean }>('contact/all-sealed');
    expect(rows.length).toBeGreaterThan(100);
    const wrong = rows.filter((r) => {
      const id = toIdentifierRecord(r.identifier);
      const value = t.app.services.contact.keys.open({ identifier: id, sealed: unpackSealed(r.sealed), dataKey: r.dataKey });
      return !r.ownKey || value === null || identifierKey(t.config.identifierHashSecret, id.type, id.namespace, value) !== id.key;
    });
    expect(wrong).toEqual([]);
  });

  it('writes the same rejects, values masked', () => {
    const rejects = (f: string): Array<{ line: number; reason: string; text: string }> =>
      readFileSync(rejectsFileOf(join(dir, f)), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string; text: string });
    const a = rejects('online.ndjson');
    const b = rejects('bulk.ndjson');
    expect(b.map((r) => r.line).sort()).toEqual(a.map((r) => r.line).sort());
    expect(b).toHaveLength(2);
    for (const r of b) {
      expect(r.reason).toMatch(/^BAD_USER_INPUT: /);
      expect(JSON.stringify(r)).not.toContain(REFUSED_PHONE);
    }
  });

  it('refuses a second bulk load of the file before writing anything: its identities are in the database', async () => {
    const again = join(dir, 'again.ndjson');
    copyFileSync(join(dir, 'bulk.ndjson'), again);
    const before = await canonicalGraph(t.db);
    await expect(bulkImportFile({ file: again, services: t.app.services, db: t.db })).rejects.toThrow(BulkRefusedError);
    expect(await canonicalGraph(t.db)).toEqual(before);
    // The finished load answers "already imported" and changes nothing.
    const done = await bulkImportFile({ file: join(dir, 'bulk.ndjson'), services: t.app.services, db: t.db });
    expect(done.alreadyDone).toBe(true);
  });

  it('an interrupted write phase resumes after its last committed batch, to the same graph', async () => {
    await graph(t).write('graph/delete-all');
    const file = join(dir, 'resumed.ndjson');
    copyFileSync(join(dir, 'bulk.ndjson'), file);
    // Fail the write phase in its fourth transaction (in the middle of the people: 23 a transaction).
    const services = t.app.services;
    const write = services.identity.bulkWrite.bind(services.identity);
    let calls = 0;
    services.identity.bulkWrite = async (...args) => {
      calls += 1;
      if (calls === 4) throw new Error('connection lost');
      return write(...args);
    };
    try {
      await expect(bulkImportFile({ file, services, db: t.db, batchRows: 23 })).rejects.toThrow('connection lost');
    } finally {
      services.identity.bulkWrite = write;
    }
    expect(await services.identity.bulkProgress((JSON.parse(readFileSync(join(bulkDirOf(file), 'plan.json'), 'utf8')) as { loadId: string }).loadId)).toEqual({ step: 'persons', done: 69 });
    const resumed = await bulkImportFile({ file, services, db: t.db, batchRows: 23 });
    expect(resumed.ms.plan).toBe(0); // planned once: the resumed run only writes what is left
    expect(differences(online, await canonicalGraph(t.db))).toEqual([]);
    // Done: the spill files are gone, the plan stays to answer "already imported".
    expect(existsSync(join(bulkDirOf(file), 'identifiers.ndjson'))).toBe(false);
    expect(existsSync(join(bulkDirOf(file), 'plan.json'))).toBe(true);
  });
});
