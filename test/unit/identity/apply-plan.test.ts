/**
 * applyPlan sends create-persons before it seals the values (so the database works while Node
 * encrypts): a statement that fails meanwhile still fails the batch, and is never an unhandled
 * rejection (which would end the process).
 */
import type { Tx } from '../../../src/db/database';
import { CypherRegistry } from '../../../src/db/cypher';
import { IdentityRepository } from '../../../src/identity/identity.repository';
import type { IdentityPlan } from '../../../src/identity/planner';

const plan = { persons: [{ oneId: 'p-1', createdAt: 1 }], identifiers: [], merges: [], evidence: [], deviceUses: [], attributes: [], events: [] } as unknown as IdentityPlan;

it('a create-persons that fails while the values are sealed fails applyPlan, handled', async () => {
  const repo = new IdentityRepository(null as never, CypherRegistry.load());
  const tx: Tx = { touch: () => undefined, run: () => Promise.reject(new Error('constraint violated')) };
  const unhandled: unknown[] = [];
  const listener = (e: unknown): void => void unhandled.push(e);
  process.on('unhandledRejection', listener);
  let sealedWhileInFlight = false;
  try {
    const seals = { newKeys: new Map(), values: () => ((sealedWhileInFlight = true), new Map()) };
    await expect(repo.applyPlan(tx, plan, '2026-01-01T00:00:00Z', seals)).rejects.toThrow('constraint violated');
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', listener);
  }
  expect(sealedWhileInFlight).toBe(true);
  expect(unhandled).toEqual([]);
});
