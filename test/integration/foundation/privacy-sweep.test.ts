/**
 * The whole-suite privacy sweep (test/kit/privacy-sweep.ts, run by the integration
 * globalTeardown) finds what it is for: a journaled identifier stored in any property, raw or
 * normalized, or written to the service log; and it names the place, never the value.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { email, graph, phoneNumber, useTestApp } from '../../kit';
import { sweep } from '../../kit/privacy-sweep';

const t = useTestApp();
const g = graph(t);

describe('privacy sweep', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kingraph-sweep-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const files = (): { values: string; log: string } => ({ values: join(dir, 'identifiers.ndjson'), log: join(dir, 'service.log') });

  it('finds a raw value in a stored property and in the log, and names the place only', async () => {
    const national = phoneNumber();
    const mail = email();
    writeFileSync(files().values, [{ type: 'PHONE', value: national }, mail].map((v) => JSON.stringify(v)).join('\n'));
    writeFileSync(files().log, `{"msg":"ok"}\n{"msg":"called ${mail.value} today"}\n`);
    const id = randomUUID();
    await g.write('privacy/plant', { id, text: `note: ${national}` });
    try {
      const report = await sweep(t.db, files());
      expect(report.values).toBeGreaterThanOrEqual(3); // the phone raw and normalized, the e-mail
      expect(report.findings).toContain('property note');
      expect(report.findings).toContain('log line 2');
      expect(report.findings.join(' ')).not.toContain(national);
      expect(report.findings.join(' ')).not.toContain(mail.value);
    } finally {
      await g.write('privacy/unplant', { id });
    }
  });

  it('finds the normalized form too (+86 and the national number)', async () => {
    const national = phoneNumber();
    writeFileSync(files().values, JSON.stringify({ type: 'PHONE', value: national }));
    const id = randomUUID();
    await g.write('privacy/plant', { id, text: `+86${national}` });
    try {
      expect((await sweep(t.db, files())).findings).toEqual(['property note']);
    } finally {
      await g.write('privacy/unplant', { id });
    }
    expect((await sweep(t.db, files())).findings).toEqual([]);
  });
});
