import { startTestApp, TestApp } from '../../support/harness';
import { ev, ingest, phone } from './support';
import { classifyIdentifier } from '../../../src/identity/junk';
import { toNormalizedIdentifier } from '../../../src/identity/hash';
let t: TestApp;
beforeAll(async () => { t = await startTestApp({ env: { LOG_LEVEL: 'warn' } }); }, 120000);
afterAll(async () => { await t.close(); });
it('profile resolve', async () => {
  const ids = Array.from({ length: 50 }, () => phone());
  await ingest(t, ids.map((p) => ev([p])));
  const token = await t.token({ role: 'ADMIN', sub: 'x' });
  const Q = `query Resolve($i: IdentifierInput!) { resolveIdentity(identifier: $i) { oneId displayName gender birthDate annualIncome } }`;
  const httpCall = async (i: number) => { const r = await fetch(t.app.server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: Q, variables: { i: ids[i % 50] } }) }); await r.json(); };
  const svc = t.app.services.identity;
  const keys = ids.map((p) => toNormalizedIdentifier(t.config.identifierHashSecret, (classifyIdentifier(p) as any).id).key);
  const text = t.app.cypher.get('identity/resolve');
  const sides: Array<[string, (i: number) => Promise<unknown>]> = [
    ['http', httpCall],
    ['service', (i) => svc.resolve(ids[i % 50])],
    ['normalize only', async (i) => svc.normalize(ids[i % 50])],
    ['driver', (i) => t.db.read((tx) => tx.run(text, { key: keys[i % 50] }))],
  ];
  for (let round = 0; round < 2; round++) for (const [name, fn] of sides) {
    const s = performance.now();
    for (let i = 0; i < 300; i++) await fn(i);
    console.log(`${name}: ${((performance.now() - s) / 300).toFixed(2)} ms/call`);
  }
}, 600000);
