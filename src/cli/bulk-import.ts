/**
 * `kingraph import --bulk FILE`: a first load of a large base. Identities are resolved in
 * memory (the online rules, one stream: src/identity/identity.bulk.ts) and written as final
 * rows in large batches, instead of 1,000 events a transaction that each read the graph.
 *
 * 1. plan (memory): every event line of FILE, in file order. An event the online ingest would
 *    refuse goes to FILE.rejects.ndjson (masked, as the online import writes it). Evidence
 *    and event rows spill to FILE.bulk/ as they come, then the final people, aliases,
 *    identifiers, sealed values and device uses; FILE.bulk/plan.json then records the row
 *    counts. The file's identifiers and events must all be new to the database (checked as
 *    the plan goes, at once for a database without identities): else the load stops before
 *    writing anything (use the online import). Interrupted, this phase starts over: nothing
 *    is written to the database before it ends.
 * 2. write: each step (BULK_STEPS) from its spill file, BATCH rows a transaction together with
 *    a checkpoint in the database; interrupted, it resumes after the last committed batch.
 * 3. records: every other line (advisors, households, links, policies, invitations...)
 *    through the online import (`importFile`, events skipped), with its own checkpoint, and
 *    the derived-state hooks deferred (Database.deferHooks): what the writes touched is kept.
 * 4. state: the work-list state of every household and the customer state of every person the
 *    load touched, STATE_BATCH a transaction (online, every write transaction recomputes what
 *    it touched: a household's state is computed once here instead of at each of its writes).
 *    Interrupted during 3 or 4, run again: 3 resumes, 4 recomputes everything the file touches.
 * Then the spill files are deleted; plan.json stays, so running the command again says the
 * file is imported. Identities must not be written by anything else during phases 1 and 2.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { appendFile, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyTouched, type Database, type Touched } from '../db/database';
import { CUSTOMERS_HOOK } from '../customers/customers.module';
import type { Services } from '../server/features';
import { WORKLIST_HOOK } from '../worklist/worklist.module';
import { BULK_STEPS, type BulkStep } from '../identity/identity.bulk';
import { importFile, lockImport, progressFileOf, readLines, redactLine, rejectsFileOf, type ImportSummary } from './import';
import { parseLine } from './records';
import type { EventRecord } from './population';

/** Rows per write transaction (seals: people, about 6 values each). */
const BATCH: Record<BulkStep, number> = { persons: 10_000, aliases: 10_000, identifiers: 10_000, seals: 2_000, evidence: 10_000, deviceUses: 10_000, events: 10_000 };
/** Events planned between two spills of evidence and event rows (and two overlap checks). */
const SPILL_EVERY = 20_000;
/** Households or people a derived-state transaction recomputes. */
const STATE_BATCH = 1_000;

export const bulkDirOf = (file: string): string => `${file}.bulk`;

export interface BulkProgress {
  /** A phase starts: `total` units (bytes for plan and records, rows for a write step). */
  phase(name: string, total: number, done: number): void;
  update(done: number): void;
  stop(): void;
}

export interface BulkSummary {
  file: string;
  alreadyDone: boolean;
  events: { lines: number; accepted: number; duplicates: number; rejected: number };
  /** Rows written per step. */
  rows: Record<BulkStep, number>;
  /** Time per phase (ms) of this run: plan, write, records, state. */
  ms: Record<'plan' | 'write' | 'records' | 'state', number>;
  /** Peak heap of the plan phase (bytes), to size a larger load. */
  planHeapBytes: number;
  records: ImportSummary | null;
  totalMs: number;
}

interface PlanFile {
  version: 1;
  loadId: string;
  fileSize: number;
  rows: Record<BulkStep, number>;
  events: BulkSummary['events'];
  planMs: number;
  planHeapBytes: number;
  stateDone: boolean;
}

export class BulkRefusedError extends Error {}

function toEventDTO(e: EventRecord): Parameters<Services['identity']['validateEvent']>[0] {
  return { eventId: e.eventId, source: e.source, observedAt: e.observedAt, identifiers: e.identifiers, attributes: e.attributes ?? null };
}

/** Appends JSON lines to a spill file. */
class Spill {
  private readonly fd: number;
  count = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(rows: readonly unknown[]): void {
    if (rows.length === 0) return;
    this.count += rows.length;
    for (let i = 0; i < rows.length; i += 10_000) {
      writeSync(this.fd, rows.slice(i, i + 10_000).map((r) => `${JSON.stringify(r)}\n`).join(''));
    }
  }

  close(): number {
    closeSync(this.fd);
    return this.count;
  }
}

async function readPlan(dir: string): Promise<PlanFile | null> {
  try {
    const plan = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as PlanFile;
    return plan.version === 1 ? plan : null;
  } catch {
    return null;
  }
}

async function savePlan(dir: string, plan: PlanFile): Promise<void> {
  await writeFile(join(dir, 'plan.json.tmp'), JSON.stringify(plan));
  await rename(join(dir, 'plan.json.tmp'), join(dir, 'plan.json'));
}

/** Phase 1: plan every event in memory and spill the final rows. */
async function planPhase(file: string, dir: string, services: Services, progress?: BulkProgress): Promise<PlanFile> {
  const { identity } = services;
  const started = Date.now();
  const size = (await stat(file)).size;
  const checkOverlap = !(await identity.bulkIdentityEmpty());
  const bulk = identity.bulkPlan();
  const spills = Object.fromEntries(BULK_STEPS.map((s) => [s, new Spill(join(dir, `${s}.ndjson`))])) as Record<BulkStep, Spill>;
  const events: PlanFile['events'] = { lines: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const rejects: string[] = [];
  let pendingKeys = new Set<string>();
  let pendingEventIds: string[] = [];
  let heap = 0;

  const spillAppended = async (): Promise<void> => {
    const { evidence, events: rows } = bulk.takeAppended();
    spills.evidence.write(evidence);
    spills.events.write(rows);
    if (rejects.length) await appendFile(rejectsFileOf(file), rejects.splice(0).join(''));
    if (checkOverlap && (pendingKeys.size || pendingEventIds.length)) {
      const found = await identity.bulkOverlap([...pendingKeys], pendingEventIds);
      if (found.keys || found.events) {
        throw new BulkRefusedError(
          `the database already holds ${found.keys} identifier(s) and ${found.events} event(s) of this file: a bulk load only adds identities that are new; use the online import (without --bulk)`,
        );
      }
    }
    pendingKeys = new Set();
    pendingEventIds = [];
    heap = Math.max(heap, process.memoryUsage().heapUsed);
  };

  progress?.phase('plan', size, 0);
  try {
    for await (const line of readLines(file, 0, 0)) {
      if (!line.text.includes('"kind":"event"')) continue;
      const parsed = parseLine(line.text);
      // A line that does not parse as an event is the records phase's to reject.
      if (!parsed.ok || parsed.record.kind !== 'event') continue;
      events.lines += 1;
      const dto = toEventDTO(parsed.record);
      const added = bulk.add(dto);
      if (!added.ok) {
        events.rejected += 1;
        rejects.push(`${JSON.stringify({ line: line.no, reason: `BAD_USER_INPUT: ${added.reasons.join('; ')}`, text: redactLine(line.text) })}\n`);
      } else if (added.duplicate) events.duplicates += 1;
      else {
        events.accepted += 1;
        if (checkOverlap) {
          pendingEventIds.push(dto.eventId);
          for (const key of added.keys) pendingKeys.add(key);
        }
      }
      if (events.lines % SPILL_EVERY === 0) {
        await spillAppended();
        progress?.update(line.end);
      }
    }
    await spillAppended();
    const graph = bulk.finish();
    heap = Math.max(heap, process.memoryUsage().heapUsed);
    spills.persons.write(graph.persons);
    spills.aliases.write(graph.aliases);
    spills.identifiers.write(graph.identifiers);
    spills.seals.write(graph.seals);
    spills.evidence.write(graph.appended.evidence);
    spills.deviceUses.write(graph.deviceUses);
    spills.events.write(graph.appended.events);
    progress?.update(size);
  } finally {
    for (const s of BULK_STEPS) spills[s].close();
    progress?.stop();
  }
  const rows = Object.fromEntries(BULK_STEPS.map((s) => [s, spills[s].count])) as Record<BulkStep, number>;
  const plan: PlanFile = { version: 1, loadId: randomUUID(), fileSize: size, rows, events, planMs: Date.now() - started, planHeapBytes: heap, stateDone: false };
  await savePlan(dir, plan);
  return plan;
}

/** Phase 2: every step's rows, BATCH a transaction, from where the database checkpoint says. */
async function writePhase(dir: string, plan: PlanFile, services: Services, batchRows: number | undefined, progress?: BulkProgress): Promise<void> {
  const { identity } = services;
  const at = await identity.bulkProgress(plan.loadId);
  const from = at ? BULK_STEPS.indexOf(at.step) : 0;
  for (let s = from; s < BULK_STEPS.length; s++) {
    const step = BULK_STEPS[s];
    let done = at && s === from ? at.done : 0;
    if (done >= plan.rows[step]) continue;
    progress?.phase(`write ${step}`, plan.rows[step], done);
    try {
      let batch: unknown[] = [];
      let skipped = 0;
      const start = done; // rows committed by an earlier run
      const flush = async (): Promise<void> => {
        await identity.bulkWrite(step, batch, { id: plan.loadId, done: done + batch.length });
        done += batch.length;
        batch = [];
        progress?.update(done);
      };
      for await (const line of readLines(join(dir, `${step}.ndjson`), 0, 0)) {
        if (skipped < start) {
          skipped += 1;
          continue;
        }
        batch.push(JSON.parse(line.text));
        if (batch.length >= (batchRows ?? BATCH[step])) await flush();
      }
      if (batch.length) await flush();
    } finally {
      progress?.stop();
    }
  }
}

export interface BulkImportOptions {
  file: string;
  services: Services;
  /** The services' database (derived-state hooks are deferred through it). */
  db: Database;
  /** Forget an unfinished bulk load of this file (its plan and checkpoints) and start over. */
  restart?: boolean;
  /** Rows per write transaction instead of each step's default (tests of resuming use small ones). */
  batchRows?: number;
  progress?: BulkProgress;
  signal?: AbortSignal;
}

export async function bulkImportFile(opts: BulkImportOptions): Promise<BulkSummary> {
  const unlock = await lockImport(opts.file);
  try {
    return await bulkImportLocked(opts);
  } finally {
    await unlock();
  }
}

async function bulkImportLocked(opts: BulkImportOptions): Promise<BulkSummary> {
  const { file, services, progress } = opts;
  const started = Date.now();
  const dir = bulkDirOf(file);
  if (opts.restart) await rm(dir, { recursive: true, force: true });
  let plan = await readPlan(dir);
  const size = (await stat(file)).size;
  if (plan && plan.fileSize !== size) throw new BulkRefusedError(`${file} changed since its bulk load was planned: run with --restart`);
  const ms = { plan: 0, write: 0, records: 0, state: 0 };
  if (plan?.stateDone) {
    return { file, alreadyDone: true, events: plan.events, rows: plan.rows, ms, planHeapBytes: plan.planHeapBytes, records: null, totalMs: Date.now() - started };
  }
  if (!plan) {
    mkdirSync(dir, { recursive: true });
    // A new plan: the records phase starts over too, and so does the rejects file.
    for (const f of [rejectsFileOf(file), progressFileOf(file)]) if (existsSync(f)) await unlink(f);
    plan = await planPhase(file, dir, services, progress);
    ms.plan = plan.planMs;
  }
  let t = Date.now();
  await writePhase(dir, plan, services, opts.batchRows, progress);
  ms.write = Date.now() - t;

  t = Date.now();
  const { result: records, touched } = await opts.db.deferHooks(() =>
    importFile({
      file,
      services,
      skipKinds: ['event'],
      keepRejects: true,
      locked: true,
      signal: opts.signal,
      progress: progress && {
        start: (total, at) => progress.phase('records', total, at),
        update: (bytes) => progress.update(bytes),
        stop: () => progress.stop(),
      },
    }),
  );
  ms.records = Date.now() - t;
  const interrupted = opts.signal?.aborted === true;
  if (!interrupted) {
    t = Date.now();
    await derivedState(dir, opts.db, touched, records.resumedFromLine > 0 || records.alreadyDone, progress);
    ms.state = Date.now() - t;
    plan.stateDone = true;
    await savePlan(dir, plan);
    for (const s of BULK_STEPS) await rm(join(dir, `${s}.ndjson`), { force: true });
  }
  return { file, alreadyDone: false, events: plan.events, rows: plan.rows, ms, planHeapBytes: plan.planHeapBytes, records, totalMs: Date.now() - started };
}

/**
 * Phase 4: the work-list state of the households and the customer state of the people the load
 * touched (every person it created included), STATE_BATCH a transaction. A run whose records
 * phase resumed knows only what it touched itself: then the households of every person are
 * recomputed through their members as well.
 */
async function derivedState(
  dir: string,
  db: Database,
  touched: Touched,
  resumed: boolean,
  progress?: BulkProgress,
): Promise<void> {
  const persons = new Set([...touched.persons, ...touched.customers]);
  for await (const line of readLines(join(dir, 'persons.ndjson'), 0, 0)) persons.add((JSON.parse(line.text) as { oneId: string }).oneId);
  const households = [...touched.households];
  const people = [...persons];
  progress?.phase('state', households.length + people.length, 0);
  try {
    for (let i = 0; i < households.length; i += STATE_BATCH) {
      await db.runHook(WORKLIST_HOOK, { ...emptyTouched(), households: new Set(households.slice(i, i + STATE_BATCH)) });
      progress?.update(Math.min(i + STATE_BATCH, households.length));
    }
    for (let i = 0; i < people.length; i += STATE_BATCH) {
      const page = new Set(people.slice(i, i + STATE_BATCH));
      await db.runHook(CUSTOMERS_HOOK, { ...emptyTouched(), persons: page });
      if (resumed) await db.runHook(WORKLIST_HOOK, { ...emptyTouched(), persons: page });
      progress?.update(households.length + Math.min(i + STATE_BATCH, people.length));
    }
  } finally {
    progress?.stop();
  }
}

/** The report printed at the end of a bulk import. */
export function formatBulkSummary(s: BulkSummary): string {
  if (s.alreadyDone) return `${s.file}: already imported in bulk (delete ${bulkDirOf(s.file)} or pass --restart to plan it again)`;
  const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const e = s.events;
  return [
    `bulk-imported ${s.file} in ${sec(s.totalMs)}`,
    `  events        ${e.lines}: ${e.accepted} accepted, ${e.duplicates} duplicates, ${e.rejected} rejected`,
    `  written       ${BULK_STEPS.map((k) => `${s.rows[k]} ${k}`).join(', ')}`,
    `  phases        plan ${sec(s.ms.plan)} (heap ${Math.round(s.planHeapBytes / 2 ** 20)} MiB), write ${sec(s.ms.write)}, records ${sec(s.ms.records)}, state ${sec(s.ms.state)}`,
  ].join('\n');
}
