import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLines } from '../../../src/cli/import';
import { parseLine } from '../../../src/cli/records';
import { scoreResolution } from '../../../src/cli/score';
import { PopulationGenerator } from '../../../src/cli/population';

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
