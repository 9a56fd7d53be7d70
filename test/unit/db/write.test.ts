/**
 * Database.write without a server (a stand-in driver): a deadlock that outlasts the driver's
 * own retries runs the work again in a fresh transaction; any other error reaches the caller
 * at once.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { Database } from '../../../src/db/database';

/** A driver whose executeWrite fails with `failures` in turn, then runs the work. */
function fakeDriver(failures: Error[]): { driver: Driver; attempts: () => number } {
  let attempts = 0;
  const driver = {
    session: () => ({
      async executeWrite(fn: (tx: unknown) => Promise<unknown>) {
        attempts += 1;
        const failure = failures.shift();
        if (failure) throw failure;
        return fn({ run: () => Promise.resolve({ records: [] }) });
      },
      lastBookmarks: () => [],
      async close() {},
    }),
  } as unknown as Driver;
  return { driver, attempts: () => attempts };
}

const error = (code: string): Error => new neo4j.Neo4jError('stand-in', code, '', '');

describe('Database.write', () => {
  it('runs the work again after a deadlock', async () => {
    const fake = fakeDriver([error('Neo.TransientError.Transaction.DeadlockDetected'), error('Neo.TransientError.Transaction.DeadlockDetected')]);
    await expect(new Database(fake.driver, 'neo4j', 1000).write(async () => 'done')).resolves.toBe('done');
    expect(fake.attempts()).toBe(3);
  });

  it('passes any other error on at once', async () => {
    const constraint = error('Neo.ClientError.Schema.ConstraintValidationFailed');
    const fake = fakeDriver([constraint]);
    await expect(new Database(fake.driver, 'neo4j', 1000).write(async () => 'done')).rejects.toBe(constraint);
    expect(fake.attempts()).toBe(1);
  });
});
