#!/usr/bin/env node
/**
 * The kingraph command line:
 *   kingraph generate --households N [--persons P] --seed S --out FILE [--as-of YYYY-MM-DD]
 *   kingraph import FILE [--restart] [--batch 1000]
 *   kingraph import --bulk FILE [--restart]   (first load of a large base: identities resolved in memory)
 *   kingraph score FILE          (resolution quality of an imported FILE against FILE.truth.ndjson)
 *   kingraph rotate-keys [--batch 500]   (re-wrap every data key with the newest CONTACT_MASTER_KEYS key)
 * import and score use NEO4J_URI (or start the local Neo4j, like `npm start`) and the same
 * IDENTIFIER_HASH_SECRET as the service; logs go to stderr at LOG_LEVEL (default warn).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { buildServices, type Services } from '../server/features';
import { connect } from '../server/bootstrap';
import { fixedClock, systemClock } from '../clock';
import { ConfigError, loadConfig } from '../config/config';
import { CypherRegistry } from '../db/cypher';
import type { Database } from '../db/database';
import { migrate } from '../db/migrations';
import { createLogger } from '../logger';
import { CliRepository } from './cli.repository';
import { generateToFile, truthFileOf } from './generate';
import { BulkRefusedError, bulkImportFile, formatBulkSummary, type BulkProgress } from './bulk-import';
import { formatSummary, ImportBusyError, importFile, type ImportTotals, type ProgressSink } from './import';
import { DEFAULT_AS_OF } from './population';
import { formatScore, scoreResolution } from './score';

const USAGE = `usage:
  kingraph generate (--households N | --persons P) --seed S --out FILE [--as-of YYYY-MM-DD]
  kingraph import FILE [--restart] [--batch 1000]
  kingraph import --bulk FILE [--restart]
  kingraph score FILE
  kingraph rotate-keys [--batch 500]
`;

class UsageError extends Error {}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a positive whole number`);
  return Number(value);
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/** A bar with rate and ETA on a terminal; a plain line every 10 seconds otherwise (logs, CI). */
export function progressSink(tty: boolean, out: NodeJS.WriteStream = process.stderr): ProgressSink {
  if (tty) {
    const bar = new SingleBar(
      {
        format: 'import |{bar}| {percentage}% | {lines} lines | {rate} lines/s | ETA {eta_formatted} | rejects {rejects}',
        stream: out,
        etaBuffer: 50,
        hideCursor: true,
      },
    );
    return {
      start: (total, startBytes) => bar.start(total, startBytes, { lines: 0, rate: 0, rejects: 0 }),
      update: (bytes, t: ImportTotals, rate) => bar.update(bytes, { lines: t.lines, rate: Math.round(rate), rejects: t.rejects }),
      stop: () => bar.stop(),
    };
  }
  let total = 0;
  let first = 0;
  let startedAt = 0;
  let lastPrint = 0;
  return {
    start: (t, startBytes) => {
      total = t;
      first = startBytes;
      startedAt = Date.now();
      lastPrint = startedAt;
    },
    update: (bytes, t, rate) => {
      const now = Date.now();
      if (now - lastPrint < 10_000 && bytes < total) return;
      lastPrint = now;
      const done = bytes - first;
      const eta = done > 0 ? ((total - bytes) * (now - startedAt)) / done / 1000 : NaN;
      out.write(`import ${((bytes * 100) / Math.max(1, total)).toFixed(1)}% | ${t.lines} lines | ${Math.round(rate)} lines/s | ETA ${formatDuration(eta)} | rejects ${t.rejects}\n`);
    },
    stop: () => undefined,
  };
}

/** One bar per phase of a bulk import on a terminal; a plain line every 10 seconds otherwise. */
export function bulkProgressSink(tty: boolean, out: NodeJS.WriteStream = process.stderr): BulkProgress {
  let bar: SingleBar | null = null;
  let name = '';
  let total = 0;
  let lastPrint = 0;
  return {
    phase: (phase, t, done) => {
      name = phase;
      total = t;
      lastPrint = Date.now();
      if (!tty) {
        out.write(`bulk ${name}: starting (${t})\n`);
        return;
      }
      bar = new SingleBar({ format: `bulk ${phase.padEnd(18)} |{bar}| {percentage}% | {value}/{total} | ETA {eta_formatted}`, stream: out, etaBuffer: 50, hideCursor: true });
      bar.start(t, done);
    },
    update: (done) => {
      if (bar) return bar.update(done);
      const now = Date.now();
      if (now - lastPrint < 10_000) return;
      lastPrint = now;
      out.write(`bulk ${name}: ${((done * 100) / Math.max(1, total)).toFixed(1)}%\n`);
    },
    stop: () => {
      bar?.stop();
      bar = null;
    },
  };
}

/** Connect like the service does (NEO4J_URI or the local Neo4j), migrate, build the services. */
export async function withServices<T>(fn: (services: Services, db: Database, cypher: CypherRegistry) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr);
  const { db, local } = await connect(config, log);
  try {
    const cypher = CypherRegistry.load();
    await migrate(db, cypher);
    const clock = config.today ? fixedClock(config.today) : systemClock(config.timeZone);
    return await fn(buildServices({ db, cypher, config, clock, log }), db, cypher);
  } finally {
    await db.close().catch(() => undefined);
    await local?.stop().catch(() => undefined);
  }
}

async function generate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      households: { type: 'string' },
      persons: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      'as-of': { type: 'string', default: DEFAULT_AS_OF },
    },
  });
  const households = positiveInt(values.households, 'households');
  const persons = positiveInt(values.persons, 'persons');
  if (!values.out || (households === undefined) === (persons === undefined)) throw new UsageError('generate needs --out and one of --households or --persons');
  const seed = values.seed === '0' ? 0 : positiveInt(values.seed, 'seed')!;
  const stats = await generateToFile({
    seed,
    households,
    persons,
    asOf: values['as-of'],
    out: values.out,
    onProgress: (n) => process.stderr.write(`generated ${n} households\n`),
  });
  process.stdout.write(
    `wrote ${stats.file} (${stats.lines} lines: ${Object.entries(stats.byKind).map(([k, n]) => `${n} ${k}`).join(', ')})\n` +
      `      ${stats.truthFile} (${stats.persons} persons in ${stats.households} households) in ${(stats.ms / 1000).toFixed(1)} s\n`,
  );
}

async function runImport(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { restart: { type: 'boolean', default: false }, batch: { type: 'string' }, bulk: { type: 'boolean', default: false } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('import needs exactly one FILE');
  if (values.bulk && values.batch) throw new UsageError('--batch is for the online import (a bulk import picks its own batches)');
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping after the current chunk (checkpoint kept; Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    if (values.bulk) {
      const bulk = await withServices((services, db) =>
        bulkImportFile({ file, services, db, restart: values.restart, progress: bulkProgressSink(Boolean(process.stderr.isTTY)), signal: controller.signal }),
      );
      process.stdout.write(`${formatBulkSummary(bulk)}\n`);
      if (bulk.records) process.stdout.write(`${formatSummary(bulk.records)}\n`);
      if (controller.signal.aborted) process.stdout.write('interrupted: run the same command to resume\n');
      return;
    }
    const summary = await withServices((services) =>
      importFile({
        file,
        services,
        restart: values.restart,
        batchSize: positiveInt(values.batch, 'batch'),
        progress: progressSink(Boolean(process.stderr.isTTY)),
        signal: controller.signal,
      }),
    );
    process.stdout.write(`${formatSummary(summary)}\n`);
    if (controller.signal.aborted) process.stdout.write('interrupted: run the same command to resume\n');
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function score(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (!file) throw new UsageError('score needs FILE (its FILE.truth.ndjson is read)');
  const result = await withServices((services, db, cypher) => {
    const repo = new CliRepository(db, cypher);
    return scoreResolution(truthFileOf(file), { keyOf: (raw) => services.identity.normalize(raw)?.key ?? null, resolveKeys: (keys) => repo.resolveKeys(keys) });
  });
  process.stdout.write(`${formatScore(result)}\n`);
}

/**
 * Re-wrap every data key with the newest master key of CONTACT_MASTER_KEYS (the older ids must
 * still be listed), online and in batches; interrupted, it resumes where it stopped (keys
 * already re-wrapped are skipped). Afterwards the old master keys can leave the configuration.
 */
async function rotateKeys(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { batch: { type: 'string' } } });
  const batch = positiveInt(values.batch, 'batch') ?? 500;
  const result = await withServices((services) => {
    const tty = Boolean(process.stderr.isTTY);
    const bar = new SingleBar({ format: 'rotate-keys |{bar}| {percentage}% | {value}/{total} data keys | ETA {eta_formatted}', stream: process.stderr, hideCursor: true, noTTYOutput: !tty, notTTYSchedule: 10_000 });
    return services.contact.keys.rotate(batch, {
      start: (total) => bar.start(total, 0),
      update: (done) => bar.update(done),
      stop: () => bar.stop(),
    });
  });
  process.stdout.write(`re-wrapped ${result.rewrapped} data key(s) with the newest master key; ${result.remaining} left`);
  process.stdout.write(result.unknown ? ` (${result.unknown} wrapped by master key ids not in CONTACT_MASTER_KEYS: add them and run again)\n` : '\n');
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'generate':
      return generate(rest);
    case 'import':
      return runImport(rest);
    case 'score':
      return score(rest);
    case 'rotate-keys':
      return rotateKeys(rest);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (e: unknown) => {
      if (e instanceof UsageError || e instanceof ConfigError || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
        process.stderr.write(`${(e as Error).message}\n${USAGE}`);
        process.exit(2);
      }
      if (e instanceof ImportBusyError || e instanceof BulkRefusedError) {
        process.stderr.write(`kingraph: ${e.message}\n`);
        process.exit(1);
      }
      process.stderr.write(`kingraph: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
