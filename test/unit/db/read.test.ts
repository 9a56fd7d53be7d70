/**
 * Database.read without a server (a stand-in driver): each statement runs on a READ session
 * (auto-commit), rows come back as plain JS, a retryable error re-runs the whole read with a
 * fresh session, and other errors, or retryable ones past the retry time, reach the caller.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { Database } from '../../../src/db/database';

interface FakeSession {
  mode: string;
  closed: boolean;
}

/** A driver whose sessions answer `script` in turn: a row `{ n }` or an error to throw. */
function fakeDriver(script: Array<number | Error>): { driver: Driver; sessions: FakeSession[] } {
  const sessions: FakeSession[] = [];
  let next = 0;
  const driver = {
    session(config: { defaultAccessMode: string }) {
      const s: FakeSession = { mode: config.defaultAccessMode, closed: false };
      sessions.push(s);
      return {
        run() {
          const step = script[next++];
          if (step instanceof Error) return Promise.reject(step);
          const record = { keys: ['n'], get: () => neo4j.int(step ?? 0) };
          return Promise.resolve({ records: [record] });
        },
        async close() {
          s.closed = true;
        },
      };
    },
  } as unknown as Driver;
  return { driver, sessions };
}

/** The stand-in driver ignores the statement text. */
const IGNORED = 'ignored by the stand-in driver';

const transient = (): Error => new neo4j.Neo4jError('leader switched', 'Neo.TransientError.Cluster.NotALeader', '', '');

describe('Database.read', () => {
  it('runs each statement on a READ session and answers plain rows', async () => {
    const { driver, sessions } = fakeDriver([41, 42]);
    const db = new Database(driver, 'neo4j', 1000);
    const rows = await db.read(async (tx) => [...(await tx.run<{ n: number }>(IGNORED)), ...(await tx.run<{ n: number }>(IGNORED))]);
    expect(rows).toEqual([{ n: 41 }, { n: 42 }]);
    expect(sessions.map((s) => [s.mode, s.closed])).toEqual([[neo4j.session.READ, true]]);
  });

  it('re-runs the whole read on a retryable error, with a fresh session', async () => {
    const { driver, sessions } = fakeDriver([1, transient(), 1, 2]);
    const db = new Database(driver, 'neo4j', 5000);
    const rows = await db.read(async (tx) => [...(await tx.run<{ n: number }>(IGNORED)), ...(await tx.run<{ n: number }>(IGNORED))]);
    expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => s.closed)).toBe(true);
  });

  it('passes other errors on at once, and retryable ones after the retry time', async () => {
    const syntax = new neo4j.Neo4jError('bad', 'Neo.ClientError.Statement.SyntaxError', '', '');
    const once = fakeDriver([syntax]);
    await expect(new Database(once.driver, 'neo4j', 5000).read((tx) => tx.run(IGNORED))).rejects.toBe(syntax);
    expect(once.sessions).toHaveLength(1);

    const always = fakeDriver(Array.from({ length: 50 }, transient));
    const started = Date.now();
    await expect(new Database(always.driver, 'neo4j', 300).read((tx) => tx.run(IGNORED))).rejects.toMatchObject({ code: 'Neo.TransientError.Cluster.NotALeader' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(always.sessions.length).toBeGreaterThan(1);
    expect(always.sessions.every((s) => s.closed)).toBe(true);
  });
});
