import { startTestApp, TestApp } from '../../support/harness';
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });
it('plan times', async () => {
  for (const name of ['identity/merge-persons', 'identity/forget', 'identity/upsert-identifiers', 'identity/snapshot-persons', 'identity/merge-persons']) {
    const s = Date.now();
    await t.db.runAutoCommit('EXPLAIN ' + t.app.cypher.get(name), { rows: [], oneId: 'x', at: 'x', oneIds: [] });
    console.log(name, Date.now() - s);
  }
});
