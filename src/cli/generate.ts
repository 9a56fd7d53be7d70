/**
 * `kingraph generate --households N --seed S --out FILE [--persons P] [--as-of YYYY-MM-DD]`:
 * write a synthetic population as NDJSON (FILE) and its ground truth (FILE.truth.ndjson),
 * one household at a time, honouring stream back-pressure.
 */
import { once } from 'node:events';
import { createWriteStream, WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PopulationGenerator, type PopulationOptions } from './population';

export interface GenerateStats {
  households: number;
  persons: number;
  lines: number;
  byKind: Record<string, number>;
  file: string;
  truthFile: string;
  ms: number;
}

export function truthFileOf(file: string): string {
  return `${file}.truth.ndjson`;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function finish(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

export async function generateToFile(opts: PopulationOptions & { out: string; onProgress?: (households: number) => void }): Promise<GenerateStats> {
  const started = Date.now();
  await mkdir(dirname(opts.out), { recursive: true });
  const out = createWriteStream(opts.out, { encoding: 'utf8' });
  const truthFile = truthFileOf(opts.out);
  const truth = createWriteStream(truthFile, { encoding: 'utf8' });
  const gen = new PopulationGenerator(opts);
  const stats: GenerateStats = { households: 0, persons: 0, lines: 0, byKind: {}, file: opts.out, truthFile, ms: 0 };
  for (const block of gen.households()) {
    let text = '';
    for (const record of block.records) {
      text += `${JSON.stringify(record)}\n`;
      stats.byKind[record.kind] = (stats.byKind[record.kind] ?? 0) + 1;
    }
    stats.lines += block.records.length;
    await write(out, text);
    await write(truth, block.truth.map((t) => `${JSON.stringify(t)}\n`).join(''));
    stats.households += 1;
    stats.persons += block.truth.length;
    if (stats.households % 10_000 === 0) opts.onProgress?.(stats.households);
  }
  await Promise.all([finish(out), finish(truth)]);
  stats.ms = Date.now() - started;
  return stats;
}
