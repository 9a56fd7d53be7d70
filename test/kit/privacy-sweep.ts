/**
 * The whole-suite privacy sweep (the contact issue: after the whole test suite, every string
 * property of the database and the full service log hold no raw identifier value).
 *
 * While the integration tests run, the kit journals every identifier it hands out
 * (`journalIdentifier`, called by the factories of identifiers.ts) and every line the test
 * apps log (`journalLog`), appending to files the integration globalSetup names in the
 * environment. After the last test, the globalTeardown calls `sweep`: it reads every property
 * of every node and relationship (ciphertexts, data keys and the access log included) and the
 * journaled log, cuts them into tokens, and looks each up among the raw and normalized forms of
 * the journaled values. Findings name where a value was found, never the value.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Database } from '../../src/db/database';
import type { RawIdentifier } from '../../src/identity/identifier';
import { classifyIdentifier } from '../../src/identity/junk';
import { kitCypher } from './graph';

export const SWEEP_VALUES_ENV = 'KINGRAPH_SWEEP_VALUES';
export const SWEEP_LOG_ENV = 'KINGRAPH_SWEEP_LOG';

/** Record an identifier the kit handed out (no-op outside the integration run). */
export function journalIdentifier(id: RawIdentifier): void {
  const file = process.env[SWEEP_VALUES_ENV];
  if (file) appendFileSync(file, `${JSON.stringify({ type: id.type, namespace: id.namespace ?? null, value: id.value })}\n`);
}

/** Record what a test app logged (no-op outside the integration run). */
export function journalLog(chunk: string): void {
  const file = process.env[SWEEP_LOG_ENV];
  if (file) appendFileSync(file, chunk.endsWith('\n') ? chunk : `${chunk}\n`);
}

export interface SweepReport {
  values: number;
  properties: number;
  logLines: number;
  /** Where a journaled value was found: `node property <name>` or `log line <n>` (never the value). */
  findings: string[];
}

/** Runs of characters an identifier value is made of; anything else separates tokens. */
const TOKEN = /[A-Za-z0-9@._+-]+/g;
/** Values this short would match ordinary words and numbers: the kit never hands them out. */
const MIN_LENGTH = 8;

function needles(valuesFile: string): Set<string> {
  const out = new Set<string>();
  if (!existsSync(valuesFile)) return out;
  for (const line of readFileSync(valuesFile, 'utf8').split('\n')) {
    if (!line) continue;
    const raw = JSON.parse(line) as RawIdentifier;
    const forms = [raw.value.trim()];
    const c = classifyIdentifier(raw);
    if (c.kind === 'valid') forms.push(c.id.value);
    for (const f of forms) if (f.length >= MIN_LENGTH) out.add(f);
  }
  return out;
}

function hits(text: string, wanted: ReadonlySet<string>): number {
  let n = 0;
  for (const token of text.match(TOKEN) ?? []) if (wanted.has(token)) n += 1;
  return n;
}

/** Every stored property and journaled log line against every journaled value. */
export async function sweep(db: Database, files: { values: string; log: string }): Promise<SweepReport> {
  const wanted = needles(files.values);
  const rows = await db.read((tx) => tx.run<{ properties: Record<string, unknown> }>(kitCypher().get('privacy/all-properties')));
  const findings: string[] = [];
  let properties = 0;
  for (const row of rows) {
    for (const [name, value] of Object.entries(row.properties)) {
      properties += 1;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      if (hits(text, wanted) > 0) findings.push(`property ${name}`);
    }
  }
  const lines = existsSync(files.log) ? readFileSync(files.log, 'utf8').split('\n').filter(Boolean) : [];
  lines.forEach((line, i) => {
    if (hits(line, wanted) > 0) findings.push(`log line ${i + 1}`);
  });
  return { values: wanted.size, properties, logLines: lines.length, findings };
}
