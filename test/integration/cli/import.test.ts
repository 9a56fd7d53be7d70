/**
 * Generate ~30 households, import them through the services (interrupted, then resumed),
 * and check counts, resolution quality against the truth file, the rejects file, and that
 * importing again changes nothing.
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateToFile, truthFileOf } from '../../../src/cli/generate';
import { importFile, progressFileOf, rejectsFileOf, type ImportSummary } from '../../../src/cli/import';
import { CliRepository } from '../../../src/cli/cli.repository';
import type { PopulationRecord, TruthRecord } from '../../../src/cli/population';
import { scoreResolution } from '../../../src/cli/score';
import { startTestApp, TestApp } from '../../support/harness';

const HOUSEHOLDS = 30;

/** Lines injected into the generated file: each must end up in the rejects file, and nothing else. */
const BAD_LINES = [
  { after: 5, text: '{"kind":"event","eventId":"broken json"', reason: /not valid JSON/ },
  {
    after: 40,
    text: JSON.stringify({
      kind: 'event', eventId: 'ev-bad-nid', source: 'crm', observedAt: '2026-01-01T00:00:00Z',
      identifiers: [{ type: 'NATIONAL_ID', value: '110101199001011230' }, { type: 'PHONE', value: '13912345678' }],
    }),
    reason: /BAD_USER_INPUT.*check character/,
  },
  { after: 120, text: JSON.stringify({ kind: 'pet', name: 'Mimi' }), reason: /kind must be one of/ },
  {
    after: 300,
    text: JSON.stringify({
      kind: 'policy', policyNo: 'PL-BAD-DATES', productType: 'LIFE', sumAssured: 100000, annualPremium: 500, status: 'ACTIVE',
      startDate: '2026-01-10', endDate: '2025-01-10',
      holder: { identifier: { type: 'ACCOUNT', namespace: 'crm', value: 'nobody-1' } }, insured: { identifier: { type: 'ACCOUNT', namespace: 'crm', value: 'nobody-1' } },
    }),
    reason: /BAD_USER_INPUT.*endDate must not be before startDate/,
  },
];

describe('kingraph import of a generated population', () => {
  let t: TestApp;
  let dir: string;
  let file: string;
  let records: PopulationRecord[];
  let truth: TruthRecord[];
  let first: ImportSummary;
  let resumed: ImportSummary;

  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'kingraph-import-'));
    file = join(dir, 'population.ndjson');
    // A fresh seed per run: the test never depends on what an earlier run left in the database.
    await generateToFile({ seed: randomInt(1, 2 ** 31), households: HOUSEHOLDS, out: file });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    records = lines.map((l) => JSON.parse(l) as PopulationRecord);
    truth = readFileSync(truthFileOf(file), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as TruthRecord);
    for (const bad of [...BAD_LINES].reverse()) lines.splice(bad.after, 0, bad.text);
    writeFileSync(file, `${lines.join('\n')}\n`);

    // Interrupted after about a third of the file, then resumed.
    first = await importFile({ file, services: t.app.services, batchSize: 50, maxLines: Math.floor(lines.length / 3) });
    resumed = await importFile({ file, services: t.app.services, batchSize: 50 });
  }, 300_000);

  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const count = (kind: PopulationRecord['kind']): number => records.filter((r) => r.kind === kind).length;
  const keysOf = (): string[] =>
    truth.flatMap((p) => p.identifiers.map((i) => t.app.services.identity.normalize({ type: i.type, namespace: i.namespace, value: i.value })!.key));

  /** Everything the import wrote for this population, as counts. */
  async function snapshot(): Promise<Record<string, number>> {
    const eventIds = records.flatMap((r) => (r.kind === 'event' ? [r.eventId] : []));
    const [ids] = await t.db.read((tx) =>
      tx.run<{ identifiers: number; persons: number; events: number; oneIds: string[] }>(
        `UNWIND $keys AS k MATCH (i:Identifier {key: k}) OPTIONAL MATCH (i)-[:IDENTIFIES]->(p:Person)
         WITH count(DISTINCT i) AS identifiers, collect(DISTINCT p.oneId) AS oneIds
         OPTIONAL MATCH (e:IdentityEvent) WHERE e.eventId IN $eventIds
         RETURN identifiers, size(oneIds) AS persons, oneIds, count(e) AS events`,
        { keys: [...new Set(keysOf())], eventIds },
      ),
    );
    const rels = await t.db.read((tx) =>
      tx.run<{ type: string; n: number }>(
        `MATCH (p:Person)-[r]-(x) WHERE p.oneId IN $oneIds AND type(r) <> 'IDENTIFIES'
         RETURN type(r) AS type, count(DISTINCT r) AS n`,
        { oneIds: ids.oneIds },
      ),
    );
    const out: Record<string, number> = { identifiers: ids.identifiers, persons: ids.persons, events: ids.events };
    for (const r of rels) out[r.type] = r.n;
    return out;
  }

  it('reports what it applied, across the interruption', () => {
    expect(first.linesThisRun).toBeGreaterThan(0);
    expect(first.totals.lines).toBeLessThan(records.length + BAD_LINES.length);
    expect(resumed.resumedFromLine).toBe(first.totals.lines);
    const totals = resumed.totals;
    expect(totals.lines).toBe(records.length + BAD_LINES.length);
    expect(totals.events).toBe(count('event'));
    expect(totals.eventsAccepted + totals.eventsDuplicate).toBe(count('event'));
    expect(totals.households + totals.householdsExisting).toBe(HOUSEHOLDS);
    expect(totals.links).toBe(count('link'));
    expect(totals.policies).toBe(count('policy'));
    expect(totals.invitations).toBe(count('invitation'));
    expect(totals.rejects).toBe(BAD_LINES.length);
    expect(existsSync(progressFileOf(file))).toBe(true);
  });

  it('writes exactly the injected bad lines to the rejects file, with their line numbers and reasons', () => {
    const rejects = readFileSync(rejectsFileOf(file), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string; text: string });
    expect(rejects.map((r) => r.text).sort()).toEqual(BAD_LINES.map((b) => b.text).sort());
    BAD_LINES.forEach((bad, i) => {
      const reject = rejects.find((r) => r.text === bad.text)!;
      expect(reject.line).toBe(bad.after + i + 1);
      expect(reject.reason).toMatch(bad.reason);
    });
    // The valid phone of the rejected event was not written (the bad event was isolated and refused whole).
    return t.app.services.identity.resolve({ type: 'PHONE', value: '13912345678' }).then((p) => expect(p).toBeNull());
  });

  it('creates one household per generated household, with exactly its members', async () => {
    const byHousehold = new Map<string, string[]>();
    for (const p of truth) {
      const crm = p.identifiers.find((i) => i.type === 'ACCOUNT' && i.namespace === 'crm')!;
      const person = await t.app.services.identity.resolve({ type: 'ACCOUNT', namespace: 'crm', value: crm.value });
      expect(person).not.toBeNull();
      byHousehold.set(p.householdId, [...(byHousehold.get(p.householdId) ?? []), person!.oneId]);
    }
    const stored = new Set<string>();
    for (const oneIds of byHousehold.values()) {
      const households = await t.app.services.family.householdsOfPersons(oneIds);
      const ids = new Set(households.map((h) => h?.id));
      expect(ids.size).toBe(1);
      expect([...ids][0]).toBeTruthy();
      stored.add([...ids][0]!);
      const [members] = await t.app.services.family.membersOf([[...ids][0]!]);
      expect(members.map((m) => m.person.oneId).sort()).toEqual([...oneIds].sort());
    }
    expect(stored.size).toBe(HOUSEHOLDS);
  });

  it('stores the policies and answers the invitations as the referral rules say', async () => {
    const policyNos = records.flatMap((r) => (r.kind === 'policy' ? [r.policyNo] : []));
    const [policies] = await t.db.read((tx) => tx.run<{ n: number }>('MATCH (p:Policy) WHERE p.policyNo IN $nos RETURN count(p) AS n', { nos: policyNos }));
    expect(policies.n).toBe(policyNos.length);
    const invitations = records.flatMap((r) => (r.kind === 'invitation' ? [r] : []));
    const stored = await t.app.services.referral.invitationsById(invitations.map((i) => i.id));
    invitations.forEach((inv, i) => {
      const s = stored[i]!;
      expect(s).not.toBeNull();
      if (!inv.accept) expect(s.status).toBe('SENT');
      else if (inv.convert) expect({ id: inv.id, status: s.status, premium: s.premium }).toEqual({ id: inv.id, status: 'CONVERTED', premium: inv.convert.premium });
      else expect(['ACCEPTED', 'REJECTED']).toContain(s.status);
    });
    expect(resumed.totals.invitationsAccepted + resumed.totals.invitationsRejected).toBe(invitations.filter((i) => i.accept).length);
  });

  it('resolves people as the truth says: pairwise precision 1 (bar recycled numbers), high recall', async () => {
    const repo = new CliRepository(t.db, t.app.cypher);
    const score = await scoreResolution(truthFileOf(file), {
      keyOf: (raw) => t.app.services.identity.normalize(raw)?.key ?? null,
      resolveKeys: (keys) => repo.resolveKeys(keys),
    });
    expect(score.persons).toBe(truth.length);
    const phones = truth.flatMap((p) => p.identifiers.filter((i) => i.type === 'PHONE').map((i) => i.value));
    const recycled = phones.length - new Set(phones).size;
    if (recycled === 0) {
      expect(score.precision).toBe(1);
      expect(score.oneIds).toBe(truth.length);
    } else {
      expect(score.precision).toBeGreaterThan(0.95);
    }
    expect(score.recall).toBeGreaterThan(0.97);
  });

  it('changes nothing when run again, from the checkpoint or from the first line', async () => {
    const before = await snapshot();
    expect(before.persons).toBe(truth.length);
    expect(before.events).toBe(count('event'));
    expect(before.MEMBER_OF).toBe(truth.length);

    const again = await importFile({ file, services: t.app.services });
    expect(again.alreadyDone).toBe(true);
    expect(again.linesThisRun).toBe(0);

    const replay = await importFile({ file, services: t.app.services, restart: true, batchSize: 200 });
    expect(replay.totals.eventsAccepted).toBe(0);
    expect(replay.totals.eventsDuplicate).toBe(count('event'));
    expect(replay.totals.households).toBe(0);
    expect(replay.totals.householdsExisting).toBe(HOUSEHOLDS);
    expect(replay.totals.rejects).toBe(BAD_LINES.length);
    expect(readFileSync(rejectsFileOf(file), 'utf8').trimEnd().split('\n')).toHaveLength(BAD_LINES.length);
    expect(await snapshot()).toEqual(before);
  });
});
