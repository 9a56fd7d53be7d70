/**
 * The database layer's statements: rows come back as plain JS, a failing statement still
 * rejects with Neo4j's code, and the driver's per-statement stack capture, switched off
 * while a statement starts (src/db/database.ts, runWithoutStack), leaves the process's
 * Error.stackTraceLimit as it found it, on success and on failure.
 */
import { kitCypher, testDatabase } from '../../kit';

const q = (name: string): string => kitCypher().get(`db/${name}`);

describe('Database statements', () => {
  const db = testDatabase();
  afterAll(() => db.close());

  it('answers plain rows and restores Error.stackTraceLimit', async () => {
    const before = Error.stackTraceLimit;
    const rows = await db.read((tx) => tx.run<{ n: number; s: string }>(q('plain-values')));
    expect(rows).toEqual([{ n: 42, s: 'x' }]);
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('probe').stack!.split('\n').length).toBeGreaterThan(1);
  });

  it('rejects a bad statement with its Neo4j code, and restores Error.stackTraceLimit', async () => {
    const before = Error.stackTraceLimit;
    await expect(db.read((tx) => tx.run(q('needs-parameter')))).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.ParameterMissing' });
    await expect(db.read((tx) => tx.run(q('divide-by-zero'), { zero: 0 }))).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.ArithmeticError' });
    expect(Error.stackTraceLimit).toBe(before);
  });
});
