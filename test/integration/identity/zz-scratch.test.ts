import { startTestApp, TestApp } from '../../support/harness';
import { PopulationGenerator, type EventRecord } from '../../../src/cli/population';
import type { Tx } from '../../../src/db/database';
let t: TestApp;
const times = new Map<string, number[]>();
beforeAll(async () => {
  t = await startTestApp();
  const repo = (t.app.services.identity as any).repo;
  const q = repo.q as Record<string, string>;
  const byText = new Map(Object.entries(q).map(([k, v]) => [v, k]));
  const db = repo.db;
  const wrap = (tx: Tx) => ({ run: async (c: string, p: any) => { const s = performance.now(); const r = await tx.run(c, p); const n = byText.get(c) ?? c.slice(0, 30); times.set(n, [...(times.get(n) ?? []), performance.now() - s]); return r; } } as Tx);
  const orig = db.write.bind(db); db.write = (work: any) => orig((tx: Tx) => work(wrap(tx)));
}, 120000);
afterAll(async () => { await t.close(); });
it('profile', async () => {
  const events: EventRecord[] = [];
  for (const b of new PopulationGenerator({ seed: Date.now() % 100000, households: 250 }).households()) for (const r of b.records) if (r.kind === 'event') events.push(r);
  for (let i = 0; i < 4; i++) {
    const batch = events.slice(i * 1000, (i + 1) * 1000);
    const s = performance.now();
    const svc = t.app.services.identity;
    const plannerStart = { v: 0 };
    await svc.ingest(batch.map((e) => ({ ...e, attributes: e.attributes ?? null })));
    console.log(`batch ${i}: ${(performance.now() - s).toFixed(0)} ms`);
    console.log([...times].map(([k, v]) => `${k}: n=${v.length} total=${v.reduce((a, b) => a + b, 0).toFixed(0)}`).join('\n'));
    times.clear();
    void plannerStart;
  }
}, 600000);
