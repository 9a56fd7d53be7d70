/**
 * The supervised local Neo4j (issue 19, item 2): a server of its own for this test, killed
 * with SIGKILL; while it is down a transaction fails fast with SERVICE_UNAVAILABLE; the
 * supervisor logs the death once, starts it again on the same port and data folder, and the
 * same driver then reads what was committed before the kill.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../../src/db/database';
import { startLocalNeo4j } from '../../../src/db/localNeo4j';
import { superviseLocalNeo4j, type Supervised } from '../../../src/db/supervisor';
import { AppError } from '../../../src/errors';
import { repoRoot } from '../../../src/paths';
import { graph } from '../../kit';

jest.setTimeout(240_000);

const dataDir = join(repoRoot(), '.data', `supervisor-test-${process.pid}`);
const lines: string[] = [];
const log = {
  info: (_: Record<string, unknown>, msg: string) => lines.push(`info ${msg}`),
  warn: (_: Record<string, unknown>, msg: string) => lines.push(`warn ${msg}`),
  error: (_: Record<string, unknown>, msg: string) => lines.push(`error ${msg}`),
};
let supervised: Supervised;
let db: Database;

beforeAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  supervised = await superviseLocalNeo4j((port) => startLocalNeo4j({ dataDir, port, heap: '512m', pageCache: '64m' }), log, { first: 500, max: 5000 });
  db = Database.connect(supervised.current().uri, 'neo4j', '', undefined, 1500);
});
afterAll(async () => {
  await db?.close();
  await supervised?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a killed local Neo4j is restarted on the same port, answers SERVICE_UNAVAILABLE meanwhile, and keeps what was committed', async () => {
  const g = graph({ db });
  await g.write('db/probe-create', { id: 'before-kill' });
  const { uri, pid } = supervised.current();

  process.kill(pid, 'SIGKILL');
  const started = Date.now();
  await expect(g.count('db/probe-find', { id: 'before-kill' })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  expect(Date.now() - started).toBeLessThan(1500 + 5000); // bounded by the timeout, not the driver's 30 s

  let back = false;
  for (let i = 0; i < 180 && !back; i += 1) {
    try {
      back = (await g.count('db/probe-find', { id: 'before-kill' })) === 1;
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'SERVICE_UNAVAILABLE') throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  expect(back).toBe(true);
  expect(supervised.restarts()).toBe(1);
  expect(supervised.current().uri).toBe(uri);
  expect(supervised.current().pid).not.toBe(pid);
  expect(lines.filter((l) => l === 'warn local Neo4j exited unexpectedly: restarting it')).toHaveLength(1);
  expect(lines.filter((l) => l === 'info local Neo4j restarted')).toHaveLength(1);
});
