/**
 * Generate ~30 households, import them through the services (interrupted, then resumed),
 * and check counts, resolution quality against the truth file, the rejects file, advisors,
 * life events, wedding days and budgets as stored, the work-list items they make, and that
 * importing again changes nothing. The population's as-of date is the service's yesterday,
 * so its recent weddings, renewals and lapses are current for the work-list.
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateToFile, truthFileOf } from '../../../src/cli/generate';
import { formatSummary, importFile, progressFileOf, redactLine, rejectsFileOf, type ImportSummary } from '../../../src/cli/import';
import { CliRepository } from '../../../src/cli/cli.repository';
import { dateOf, dayOf, type PopulationRecord, type TruthRecord } from '../../../src/cli/population';
import { scoreResolution } from '../../../src/cli/score';
import { graph, useTestApp } from '../../kit';

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
  { after: 200, text: JSON.stringify({ kind: 'advisor', advisorId: '   ', name: 'Nobody' }), reason: /BAD_USER_INPUT.*advisorId must be 1 to 128 characters/ },
  {
    after: 300,
    text: JSON.stringify({
      kind: 'policy', policyNo: 'PL-BAD-DATES', productType: 'LIFE', sumAssured: 100000, annualPremium: 500, status: 'ACTIVE',
      startDate: '2026-01-10', endDate: '2025-01-10',
      holder: { identifier: { type: 'ACCOUNT', namespace: 'crm', value: 'nobody-1' } }, insured: { identifier: { type: 'ACCOUNT', namespace: 'crm', value: 'nobody-1' } },
    }),
    reason: /BAD_USER_INPUT.*endDate must not be before startDate/,
  },
  {
    after: 350,
    text: JSON.stringify({
      kind: 'lifeEvent', id: 'le-bad-no-partner', person: { identifier: { type: 'ACCOUNT', namespace: 'crm', value: 'nobody-2' } },
      lifeEventKind: 'MARRIAGE', date: '2026-01-10', source: 'crm',
    }),
    reason: /BAD_USER_INPUT.*partner is required for MARRIAGE/,
  },
];

describe('kingraph import of a generated population', () => {
  const t = useTestApp();
  const g = graph(t);
  let dir: string;
  let file: string;
  let records: PopulationRecord[];
  let truth: TruthRecord[];
  let first: ImportSummary;
  let resumed: ImportSummary;
  let today: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kingraph-import-'));
    file = join(dir, 'population.ndjson');
    // A fresh seed per run: the test never depends on what an earlier run left in the database.
    today = t.app.services.clock.today();
    await generateToFile({ seed: randomInt(1, 2 ** 31), households: HOUSEHOLDS, out: file, asOf: dateOf(dayOf(today) - 1) });
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
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const count = (kind: PopulationRecord['kind']): number => records.filter((r) => r.kind === kind).length;
  const keysOf = (): string[] =>
    truth.flatMap((p) => p.identifiers.map((i) => t.app.services.identity.normalize({ type: i.type, namespace: i.namespace, value: i.value })!.key));

  /** Everything the import wrote for this population, as counts. */
  async function snapshot(): Promise<Record<string, number>> {
    const eventIds = records.flatMap((r) => (r.kind === 'event' ? [r.eventId] : []));
    const ids = await g.one<{ identifiers: number; persons: number; events: number; oneIds: string[] }>('cli/population-identities', {
      keys: [...new Set(keysOf())],
      eventIds,
    });
    const rels = await g.rows<{ type: string; n: number }>('cli/population-relationships', { oneIds: ids.oneIds });
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
    expect(totals.linksWithSince).toBe(records.filter((r) => r.kind === 'link' && r.since).length);
    expect(totals.linksWithSince).toBeGreaterThan(0);
    expect(totals.advisors).toBe(count('advisor'));
    expect(totals.advisors).toBeGreaterThan(0);
    expect(totals.lifeEvents).toBe(count('lifeEvent'));
    expect(totals.lifeEvents).toBeGreaterThan(0);
    expect(totals.consents).toBe(count('consent'));
    expect(totals.consents).toBeGreaterThan(0);
    expect(totals.policies).toBe(count('policy'));
    expect(totals.invitations).toBe(count('invitation'));
    expect(totals.interactions + totals.interactionsDuplicate).toBe(count('interaction'));
    expect(totals.interactions).toBeGreaterThan(0);
    expect(totals.rejects).toBe(BAD_LINES.length);
    expect(existsSync(progressFileOf(file))).toBe(true);
    const report = formatSummary(resumed);
    expect(report).toContain(`advisors      ${totals.advisors}\n`);
    expect(report).toContain(`family links  ${totals.links} (${totals.linksWithSince} with since)\n`);
    expect(report).toContain(`life events   ${totals.lifeEvents}\n`);
    expect(report).toMatch(/applying: advisor [\d.]+ s, event [\d.]+ s, household [\d.]+ s, link [\d.]+ s, lifeEvent [\d.]+ s, policy/);
  });

  it('writes exactly the injected bad lines to the rejects file, with their line numbers and reasons, and no raw identifier value', () => {
    const text = readFileSync(rejectsFileOf(file), 'utf8');
    const rejects = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string; text: string | null });
    expect(rejects).toHaveLength(BAD_LINES.length);
    BAD_LINES.forEach((bad, i) => {
      const reject = rejects.find((r) => r.line === bad.after + i + 1)!;
      expect(reject.reason).toMatch(bad.reason);
      expect(reject.text).toBe(redactLine(bad.text));
    });
    // identifier values are masked in JSON lines; a line that is not JSON keeps no text at all
    expect(rejects.find((r) => r.line === BAD_LINES[0].after + 1)!.text).toBeNull();
    expect(JSON.parse(rejects.find((r) => r.line === BAD_LINES[1].after + 2)!.text!).identifiers).toEqual([
      { type: 'NATIONAL_ID', value: '1101**********1230' },
      { type: 'PHONE', value: '13****78' },
    ]);
    for (const raw of ['110101199001011230', '13912345678', 'nobody-1', 'nobody-2']) expect(text.includes(raw) ? raw : null).toBeNull();
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

  it('stores the policies (the last record of a policyNo wins) and answers the invitations as the referral rules say', async () => {
    const last = new Map(records.flatMap((r) => (r.kind === 'policy' ? [[r.policyNo, r.status] as const] : [])));
    const stored = await t.app.services.coverage.policiesByNo([...last.keys()]);
    expect(stored.map((p) => p && [p.policyNo, p.status])).toEqual([...last.entries()]);
    const invitations = records.flatMap((r) => (r.kind === 'invitation' ? [r] : []));
    const answered = await t.app.services.referral.invitationsById(invitations.map((i) => i.id));
    invitations.forEach((inv, i) => {
      const s = answered[i]!;
      expect(s).not.toBeNull();
      if (!inv.accept) expect(s.status).toBe('SENT');
      else if (inv.convert) expect({ id: inv.id, status: s.status, premium: s.premium }).toEqual({ id: inv.id, status: 'CONVERTED', premium: inv.convert.premium });
      else expect(['ACCEPTED', 'REJECTED']).toContain(s.status);
    });
    expect(resumed.totals.invitationsAccepted + resumed.totals.invitationsRejected).toBe(invitations.filter((i) => i.accept).length);
  });

  /** crm account -> OneID of every generated person. */
  let oneIdsByCrm: Map<string, string> | undefined;
  async function oneIdOf(crm: string): Promise<string> {
    if (!oneIdsByCrm) {
      oneIdsByCrm = new Map();
      for (const p of truth) {
        const value = p.identifiers.find((i) => i.type === 'ACCOUNT' && i.namespace === 'crm')!.value;
        const person = await t.app.services.identity.resolve({ type: 'ACCOUNT', namespace: 'crm', value });
        oneIdsByCrm.set(value, person!.oneId);
      }
    }
    return oneIdsByCrm.get(crm)!;
  }
  /** crm accounts of people with a recycled phone (two people of the truth share it): they may have been merged. */
  const recycledPeople = (): Set<string> => {
    const owners = new Map<string, string[]>();
    for (const p of truth) {
      const crm = p.identifiers.find((i) => i.type === 'ACCOUNT' && i.namespace === 'crm')!.value;
      for (const i of p.identifiers) if (i.type === 'PHONE') owners.set(i.value, [...(owners.get(i.value) ?? []), crm]);
    }
    return new Set([...owners.values()].filter((o) => o.length > 1).flat());
  };

  it('stores the advisors as upserted (name, team, ACTIVE or LEFT), each with its households', async () => {
    const advisors = records.flatMap((r) => (r.kind === 'advisor' ? [r] : []));
    const stored = await t.app.services.advisors.advisorsById(advisors.map((a) => a.advisorId));
    expect(stored.map((a) => a && { advisorId: a.advisorId, name: a.name, team: a.team, status: a.status, upserted: a.upserted })).toEqual(
      advisors.map((a) => ({ advisorId: a.advisorId, name: a.name, team: a.team, status: a.status, upserted: true })),
    );
    const households = records.flatMap((r) => (r.kind === 'household' ? [r] : []));
    const counts = await t.app.services.advisors.householdCounts(advisors.map((a) => a.advisorId));
    expect(counts).toEqual(advisors.map((a) => households.filter((h) => h.advisorId === a.advisorId).length));
  });

  it('stores the SPOUSE links with their wedding day and the premium budgets in the persons', async () => {
    const links = records.flatMap((r) => (r.kind === 'link' && r.since ? [r] : []));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      const [a, b] = [await oneIdOf(l.from.identifier.value), await oneIdOf(l.to.identifier.value)];
      const [household] = await t.app.services.family.householdsOfPersons([a]);
      const [edges] = await t.app.services.family.relationshipsOf([household!.id]);
      const edge = edges.find((e) => e.relation === l.relation && [e.from.oneId, e.to.oneId].sort().join() === [a, b].sort().join());
      expect({ pair: [a, b], since: edge?.since }).toEqual({ pair: [a, b], since: l.since });
    }
    const skip = recycledPeople();
    const budgets = new Map<string, number | null>();
    for (const r of records) {
      if (r.kind !== 'event' || !r.attributes?.birthDate) continue; // the CRM profile: the only event with attributes
      const crm = r.identifiers.find((i) => i.type === 'ACCOUNT' && i.namespace === 'crm')!.value;
      if (!skip.has(crm)) budgets.set(await oneIdOf(crm), r.attributes.premiumBudget ?? null);
    }
    expect([...budgets.values()].filter((b) => b !== null).length).toBeGreaterThan(0);
    const persons = await t.app.services.identity.personsByOneId([...budgets.keys()]);
    expect(new Map(persons.map((p) => [p!.oneId, p!.premiumBudget]))).toEqual(budgets);
  });

  it('stores the life events of each person, with their kind, date and partner', async () => {
    const events = records.flatMap((r) => (r.kind === 'lifeEvent' ? [r] : []));
    expect(events.some((e) => e.lifeEventKind === 'BIRTH' || e.lifeEventKind === 'MARRIAGE')).toBe(true);
    const oneIds = await Promise.all(events.map((e) => oneIdOf(e.person.identifier.value)));
    const stored = await t.app.services.family.lifeEventsOf(oneIds);
    for (const [k, e] of events.entries()) {
      const s = stored[k]!.find((x) => x.id === e.id);
      expect(s && { id: s.id, kind: s.kind, date: s.date, source: s.source, person: s.person.oneId, partner: s.partner?.oneId ?? null }).toEqual({
        id: e.id, kind: e.lifeEventKind, date: e.date, source: e.source, person: oneIds[k],
        partner: e.partner ? await oneIdOf(e.partner.identifier.value) : null,
      });
    }
  });

  it('gives the advisors work-list items for the recent weddings, the lapses and the renewals of their households', async () => {
    const active = new Set(records.flatMap((r) => (r.kind === 'advisor' && r.status === 'ACTIVE' ? [r.advisorId] : [])));
    const advisorOf = new Map<string, string>();
    for (const r of records) if (r.kind === 'household' && r.advisorId && active.has(r.advisorId)) for (const m of r.members) advisorOf.set(m.person.identifier.value, r.advisorId);
    const policyOwner = new Map(records.flatMap((r) => (r.kind === 'policy' ? [[r.policyNo, r.insured.identifier.value] as const] : [])));
    const policyAccounts = new Map<string, string>(); // policy-admin account -> crm account
    for (const p of truth) {
      const crm = p.identifiers.find((i) => i.type === 'ACCOUNT' && i.namespace === 'crm')!.value;
      policyAccounts.set(p.identifiers.find((i) => i.type === 'ACCOUNT' && i.namespace === 'policy-admin')!.value, crm);
    }
    const day = dayOf(today);
    const expected = new Map<string, Set<string>>(); // advisorId -> "KIND|date|policyNo"
    const expect1 = (crm: string | undefined, item: string): void => {
      const advisorId = crm && advisorOf.get(crm);
      if (advisorId) expected.set(advisorId, (expected.get(advisorId) ?? new Set()).add(item));
    };
    const seen = new Set<string>();
    const lastStatus = new Map(records.flatMap((r) => (r.kind === 'policy' ? [[r.policyNo, r.status] as const] : [])));
    for (const r of records) {
      if (r.kind === 'link' && r.relation === 'SPOUSE' && r.since && dayOf(r.since) >= day - 90) expect1(r.from.identifier.value, `MARRIAGE|${r.since}|`);
      if (r.kind === 'lifeEvent' && r.lifeEventKind === 'MARRIAGE' && dayOf(r.date) >= day - 90) expect1(r.person.identifier.value, `MARRIAGE|${r.date}|`);
      if (r.kind !== 'policy') continue;
      const crm = policyAccounts.get(policyOwner.get(r.policyNo)!);
      if (seen.has(r.policyNo)) expect1(crm, `LAPSED|${today}|${r.policyNo}`); // ACTIVE, then LAPSED: an upsert changed it today
      seen.add(r.policyNo);
      if (lastStatus.get(r.policyNo) === 'ACTIVE' && r.endDate && dayOf(r.endDate) >= day && dayOf(r.endDate) <= day + 60) expect1(crm, `RENEWAL|${r.endDate}|${r.policyNo}`);
    }
    const kinds = new Set([...expected.values()].flatMap((items) => [...items].map((i) => i.split('|')[0])));
    expect(kinds.has('MARRIAGE') || kinds.has('LAPSED')).toBe(true);

    const query = `query W($a: ID!, $after: String) {
      advisorWorklist(advisorId: $a, kinds: [MARRIAGE, LAPSED, RENEWAL], first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { kind date policy { policyNo } } }
      }
    }`;
    type Page = { advisorWorklist: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { kind: string; date: string; policy: { policyNo: string } | null } }> } };
    for (const advisorId of active) {
      const items = new Set<string>();
      for (let after: string | null = null; ; ) {
        const page: Page['advisorWorklist'] = (await t.ok<Page>(query, { a: advisorId, after })).advisorWorklist;
        for (const { node } of page.edges) items.add(`${node.kind}|${node.date}|${node.policy?.policyNo ?? ''}`);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect({ advisorId, items: [...items].sort() }).toEqual({ advisorId, items: [...(expected.get(advisorId) ?? [])].sort() });
    }
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
