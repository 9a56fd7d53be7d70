import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLines } from '../../../src/cli/import';
import { parseLine } from '../../../src/cli/records';
import { scoreResolution } from '../../../src/cli/score';
import { PopulationGenerator, type PopulationRecord } from '../../../src/cli/population';

const crm = (value: string) => ({ identifier: { type: 'ACCOUNT' as const, namespace: 'crm', value } });

describe('parseLine', () => {
  it('accepts every record the generator writes, unchanged but for UTC-normalized date-times', () => {
    const gen = new PopulationGenerator({ seed: 3, households: 40 });
    for (const block of gen.households()) {
      for (const record of block.records) {
        const parsed = parseLine(JSON.stringify(record));
        expect(parsed).toEqual({ ok: true, record: expect.objectContaining({ kind: record.kind }) });
        if (parsed.ok && record.kind === 'event' && parsed.record.kind === 'event') {
          expect(Date.parse(parsed.record.observedAt)).toBe(Date.parse(record.observedAt));
          expect(parsed.record.identifiers).toEqual(record.identifiers);
        }
      }
    }
  });

  it('reads the new kinds and fields back as they were written: advisor, lifeEvent, link since, premiumBudget', () => {
    const written: PopulationRecord[] = [
      { kind: 'advisor', advisorId: 'adv-1', name: '王伟', team: '上海分公司1组', status: 'ACTIVE' },
      { kind: 'advisor', advisorId: 'adv-2', name: null, team: '北京分公司1组', status: 'LEFT' },
      { kind: 'advisor', advisorId: 'adv-3' },
      { kind: 'lifeEvent', id: 'le-1', person: crm('C1'), lifeEventKind: 'MARRIAGE', date: '2026-04-01', partner: crm('C2'), source: 'crm' },
      { kind: 'lifeEvent', id: 'le-2', person: crm('C3'), lifeEventKind: 'BIRTH', date: '2026-02-28', source: 'policy-admin' },
      { kind: 'link', from: crm('C1'), to: crm('C2'), relation: 'SPOUSE', since: '2026-04-01' },
      { kind: 'link', from: crm('C1'), to: crm('C3'), relation: 'PARENT' },
      {
        kind: 'event', eventId: 'e1', source: 'crm', observedAt: '2026-01-01T08:00:00Z', identifiers: [crm('C1').identifier],
        attributes: { displayName: '王伟', annualIncome: 120_000, premiumBudget: 9_000 },
      },
      { kind: 'event', eventId: 'e2', source: 'crm', observedAt: '2026-01-01T08:00:00Z', identifiers: [crm('C2').identifier], attributes: { premiumBudget: 0 } },
    ];
    // Date-times come back normalized to UTC ISO with milliseconds, as the DateTime scalar gives them.
    const normalized = (r: PopulationRecord): PopulationRecord => (r.kind === 'event' ? { ...r, observedAt: new Date(r.observedAt).toISOString() } : r);
    for (const record of written) expect(parseLine(JSON.stringify(record))).toEqual({ ok: true, record: normalized(record) });
    // The generator's own records of the new kinds come back unchanged too.
    const generated = [...new PopulationGenerator({ seed: 8, households: 300 }).households()].flatMap((b) => b.records);
    const fresh = generated.filter(
      (r) => r.kind === 'advisor' || r.kind === 'lifeEvent' || (r.kind === 'link' && r.since) || (r.kind === 'event' && r.attributes?.premiumBudget !== undefined),
    );
    expect(new Set(fresh.map((r) => r.kind))).toEqual(new Set(['advisor', 'lifeEvent', 'link', 'event']));
    for (const record of fresh) expect(parseLine(JSON.stringify(record))).toEqual({ ok: true, record: normalized(record) });
  });

  it('still reads lines written before advisors, life events, since and premiumBudget existed', () => {
    const old = '{"kind":"link","from":{"identifier":{"type":"ACCOUNT","namespace":"crm","value":"C1"}},"to":{"identifier":{"type":"ACCOUNT","namespace":"crm","value":"C2"}},"relation":"SPOUSE"}';
    expect(parseLine(old)).toEqual({ ok: true, record: { kind: 'link', from: crm('C1'), to: crm('C2'), relation: 'SPOUSE' } });
    const event = '{"kind":"event","eventId":"e1","source":"crm","observedAt":"2026-01-01T00:00:00Z","identifiers":[],"attributes":{"annualIncome":1000}}';
    expect(parseLine(event)).toEqual({ ok: true, record: expect.objectContaining({ attributes: { annualIncome: 1000 } }) });
  });

  it.each([
    ['{"kind":"event"', /not valid JSON/],
    ['[1,2]', /line must be an object/],
    ['{"kind":"pet"}', /kind must be one of/],
    ['{"kind":"event","eventId":"e1","source":"crm","observedAt":"yesterday","identifiers":[]}', /observedAt/],
    ['{"kind":"event","eventId":"e1","source":"crm","observedAt":"2026-01-01T00:00:00Z","identifiers":"13912345678"}', /identifiers must be an array/],
    ['{"kind":"event","eventId":"e1","source":"crm","observedAt":"2026-01-01T00:00:00Z","identifiers":[{"type":"FAX","value":"1"}]}', /identifiers\[0\]\.type must be one of/],
    ['{"kind":"event","eventId":"e1","source":"crm","observedAt":"2026-01-01T00:00:00Z","identifiers":[],"attributes":{"gender":"X"}}', /attributes.gender/],
    ['{"kind":"policy","policyNo":"P1","productType":"LIFE","sumAssured":1.5,"annualPremium":1,"status":"ACTIVE","startDate":"2026-01-01","holder":{"oneId":"x"},"insured":{"oneId":"x"}}', /sumAssured must be a 32-bit integer/],
    ['{"kind":"policy","policyNo":"P1","productType":"LIFE","sumAssured":1,"annualPremium":1,"status":"ACTIVE","startDate":"2026-02-30","holder":{"oneId":"x"},"insured":{"oneId":"x"}}', /startDate/],
    ['{"kind":"link","from":{"oneId":"a"},"to":{"identifier":{"type":"PHONE","value":"1"}},"relation":"SPOUSE"}', /by identifier only/],
    ['{"kind":"household","id":"h","members":[{"person":{"identifier":{"type":"PHONE","value":"1"}},"role":"BOSS"}]}', /role must be one of/],
    ['{"kind":"invitation","id":"i","inviter":{"identifier":{"type":"PHONE","value":"1"}},"channel":"qr","sentAt":"2026-01-01T00:00:00Z","convert":{"premium":1,"at":"2026-01-02T00:00:00Z"}}', /convert needs accept/],
    ['{"kind":"event","eventId":"e1","source":"crm","observedAt":"2026-01-01T00:00:00Z","identifiers":[],"attributes":{"premiumBudget":-1}}', /attributes.premiumBudget must be 0 or more/],
    ['{"kind":"event","eventId":"e1","source":"crm","observedAt":"2026-01-01T00:00:00Z","identifiers":[],"attributes":{"premiumBudget":"5000"}}', /attributes.premiumBudget must be a 32-bit integer/],
    ['{"kind":"advisor","name":"王伟"}', /advisorId must be a string/],
    ['{"kind":"advisor","advisorId":"a1","status":"RETIRED"}', /status must be one of ACTIVE, LEFT/],
    ['{"kind":"advisor","advisorId":"a1","team":7}', /team must be a string/],
    ['{"kind":"link","from":{"identifier":{"type":"PHONE","value":"1"}},"to":{"identifier":{"type":"PHONE","value":"2"}},"relation":"SPOUSE","since":"2026-02-30"}', /since/],
    ['{"kind":"lifeEvent","id":"l1","person":{"identifier":{"type":"PHONE","value":"1"}},"lifeEventKind":"GRADUATION","date":"2026-01-01","source":"crm"}', /lifeEventKind must be one of BIRTH/],
    ['{"kind":"lifeEvent","id":"l1","person":{"identifier":{"type":"PHONE","value":"1"}},"date":"2026-01-01","source":"crm"}', /lifeEventKind must be one of/],
    ['{"kind":"lifeEvent","id":"l1","person":{"identifier":{"type":"PHONE","value":"1"}},"lifeEventKind":"BIRTH","date":"01/02/2026","source":"crm"}', /date/],
    ['{"kind":"lifeEvent","id":"l1","person":{"oneId":"p1"},"lifeEventKind":"BIRTH","date":"2026-01-01","source":"crm"}', /person: the import refers to people by identifier only/],
    ['{"kind":"lifeEvent","id":"l1","person":{"identifier":{"type":"PHONE","value":"1"}},"lifeEventKind":"BIRTH","date":"2026-01-01"}', /source must be a string/],
  ])('refuses %s', (line, reason) => {
    const parsed = parseLine(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('never puts an identifier value into a reason', () => {
    const parsed = parseLine('{"kind":"event","eventId":"e1","source":"crm","observedAt":"2026-01-01T00:00:00Z","identifiers":[{"type":"PHONE","value":""}]}');
    expect(parsed.ok).toBe(false);
    const secret = parseLine('{"kind":"link","from":{"identifier":{"type":"PHONE","value":"13912345678"}},"to":{"identifier":{"type":"PHONE","value":"13912345679"}},"relation":"COUSIN"}');
    expect(secret.ok).toBe(false);
    if (!secret.ok) expect(secret.reason).not.toContain('1391234567');
    const partner = parseLine(
      '{"kind":"lifeEvent","id":"l1","person":{"identifier":{"type":"PHONE","value":"13912345678"}},"lifeEventKind":"MARRIAGE","date":"2026-01-01","partner":{"identifier":{"type":"FAX","value":"13912345679"}},"source":"crm"}',
    );
    expect(partner).toEqual({ ok: false, reason: expect.stringMatching(/^partner\.identifier\.type must be one of/) });
    if (!partner.ok) expect(partner.reason).not.toContain('1391234567');
  });
});

describe('readLines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kingraph-lines-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('yields each line with the exact byte offset after it, across CRLF, UTF-8 and a missing final newline', async () => {
    const file = join(dir, 'a.ndjson');
    const text = 'first\r\n王家 second\n\nthird';
    writeFileSync(file, text);
    const lines = [];
    for await (const l of readLines(file, 0, 0)) lines.push(l);
    expect(lines.map((l) => [l.no, l.text])).toEqual([[1, 'first'], [2, '王家 second'], [3, ''], [4, 'third']]);
    expect(lines.map((l) => l.end)).toEqual([7, 7 + Buffer.byteLength('王家 second\n'), 7 + Buffer.byteLength('王家 second\n') + 1, Buffer.byteLength(text)]);
    // Resuming at an offset gives the rest, numbered on.
    const rest = [];
    for await (const l of readLines(file, lines[1].end, 2)) rest.push([l.no, l.text]);
    expect(rest).toEqual([[3, ''], [4, 'third']]);
  });
});

describe('scoreResolution', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kingraph-score-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const truth = join(dir, 't.ndjson');
  writeFileSync(
    truth,
    [
      { personKey: 'a', householdId: 'h', identifiers: [{ type: 'PHONE', namespace: null, value: 'a1' }, { type: 'EMAIL', namespace: null, value: 'a2' }, { type: 'NATIONAL_ID', namespace: null, value: 'a3' }, { type: 'IOT_DEVICE', namespace: 'tv', value: 'tv' }] },
      { personKey: 'b', householdId: 'h', identifiers: [{ type: 'PHONE', namespace: null, value: 'b1' }, { type: 'EMAIL', namespace: null, value: 'b2' }] },
    ].map((x) => JSON.stringify(x)).join('\n'),
  );
  const keyOf = (raw: { value: string }): string => raw.value;

  it('is perfect when every person resolves to its own OneID', async () => {
    const s = await scoreResolution(truth, { keyOf, resolveKeys: async (keys) => new Map(keys.map((k) => [k, k[0]!])) });
    expect(s).toMatchObject({ persons: 2, entries: 5, oneIds: 2, truePairs: 4, predictedPairs: 4, correctPairs: 4, precision: 1, recall: 1, unresolved: 0 });
  });

  it('loses precision on a wrong merge and recall on a split or an unresolved identifier', async () => {
    const merged = await scoreResolution(truth, { keyOf, resolveKeys: async (keys) => new Map(keys.map((k) => [k, 'same'])) });
    expect(merged.precision).toBeCloseTo(4 / 10);
    expect(merged.recall).toBe(1);
    const split = await scoreResolution(truth, {
      keyOf,
      resolveKeys: async (keys) => new Map(keys.filter((k) => k !== 'a3').map((k) => [k, k === 'a2' ? 'x' : k[0]!])),
    });
    expect(split.unresolved).toBe(1);
    expect(split.precision).toBe(1);
    expect(split.recall).toBeCloseTo(1 / 4);
  });
});
