/**
 * `kingraph import FILE`: stream an NDJSON population file through the same services the
 * API uses, in chunks, with a progress bar, a resume checkpoint and a rejects file.
 *
 * - A chunk is read until it holds `batchSize` (1000) identity events or 4 x that many lines,
 *   then applied in dependency order, each kind through the services' batch entry points
 *   (the same code the API's single mutations run, one item per call): advisors
 *   (advisors.upsert, one call per record in file order: there is no batch entry point),
 *   the referral programme (campaigns.upsertCampaign, recordCost, setTarget: one call each),
 *   events (one ingest per batch), households (family.createHouseholds), family links with
 *   their `since` (family.linkMany), life events (family.recordLifeEvent, one call per record,
 *   8 side by side, two of one id in file order), policies (coverage.upsertPolicies: two records of one policyNo are applied
 *   in file order, so ACTIVE then LAPSED is a status change), invitations
 *   (referral.recordMany, acceptMany, convertMany), interactions (customers.recordInteractions,
 *   atomic: a batch refused as a whole is split in halves like an identity batch), consents
 *   (contact.recordConsents). Each batch
 *   answers per item, as if the
 *   items had been applied one by one in file order, so a chunk costs a fixed number of
 *   statements whatever its size (plus one per advisor and life event). Records of one
 *   household come together in the file and refer only to earlier ones, so this order within
 *   a chunk is safe.
 * - After a chunk is fully applied, FILE.progress records the byte offset, the line number,
 *   the size of the rejects file and the running totals (written to a temporary file and
 *   renamed). A resumed import starts at that offset; the chunk that was interrupted is
 *   applied again, which changes nothing: events are idempotent by eventId, upsertPolicy
 *   and invitations by id, family links by pair, advisors by advisorId, life events and
 *   interactions by id, campaigns by id (upsert), cost entries by id, targets by campaign and
 *   advisor (replaced),
 *   and a household whose members already form that household is counted as existing
 *   (createHousehold gives random ids).
 * - A line that cannot be applied (not JSON, bad shape, or a BAD_USER_INPUT/NOT_FOUND from a
 *   service) goes to FILE.rejects.ndjson with its line number, reason and text, identifier
 *   values masked (`redactLine`). An identity batch
 *   rejected as a whole is split in halves until the bad events are isolated. Any other error
 *   (database unavailable...) stops the import; run the same command again to resume.
 * - FILE.lock (the pid) keeps two imports of one file from running at once.
 */
import { createReadStream, existsSync } from 'node:fs';
import { appendFile, readFile, rename, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import type { Services } from '../server/features';
import { AppError, type Outcome } from '../errors';
import type { AdvisorInputDTO } from '../advisors/advisors.service';
import type { PolicyInputDTO } from '../coverage/coverage.service';
import type { LifeEventDTO } from '../family/family.service';
import type { IdentityEventDTO } from '../identity/identity.service';
import type { InvitationRecord as StoredInvitation } from '../referral/referral.model';
import type { InteractionInputDTO } from '../customers/customers.service';
import type { AdvisorRecord, EventRecord, HouseholdRecord, InteractionRecord, InvitationRecord, LifeEventRecord, PolicyRecord, PopulationRecord } from './population';
import { parseLine } from './records';
import { isIdentifierType } from '../identity/identifier';
import { maskIdentifier } from '../identity/mask';

export interface ImportTotals {
  lines: number;
  advisors: number;
  events: number;
  eventsAccepted: number;
  eventsDuplicate: number;
  households: number;
  householdsExisting: number;
  links: number;
  /** Of `links`: those that carried a `since`. */
  linksWithSince: number;
  lifeEvents: number;
  consents: number;
  policies: number;
  invitations: number;
  invitationsAccepted: number;
  invitationsConverted: number;
  invitationsRejected: number;
  campaigns: number;
  campaignCosts: number;
  referralTargets: number;
  interactions: number;
  interactionsDuplicate: number;
  rejects: number;
  /** Time spent applying each kind of record (ms), to see where an import spends its time. */
  ms: Record<PopulationRecord['kind'], number>;
}

export interface ImportSummary {
  file: string;
  totals: ImportTotals;
  /** Line the run started after (0: from the beginning). */
  resumedFromLine: number;
  /** Lines applied by this run. */
  linesThisRun: number;
  ms: number;
  linesPerSecond: number;
  eventsPerSecond: number;
  alreadyDone: boolean;
}

export interface ProgressSink {
  start(totalBytes: number, startBytes: number): void;
  update(bytes: number, totals: ImportTotals, linesPerSecond: number): void;
  stop(): void;
}

export interface ImportOptions {
  file: string;
  services: Services;
  /** Identity events per ingest call (at most 1000, the API's limit). */
  batchSize?: number;
  /** Ignore an existing checkpoint and start from the first line. */
  restart?: boolean;
  /** Stop after about this many lines (at a chunk boundary): for tests of resuming. */
  maxLines?: number;
  progress?: ProgressSink;
  /** When aborted, the import stops after the chunk in progress (checkpoint saved). */
  signal?: AbortSignal;
  /** Kinds of record left out (the bulk load writes the events itself). */
  skipKinds?: ReadonlyArray<PopulationRecord['kind']>;
  /** A first run appends to the rejects file an earlier phase wrote instead of starting it over. */
  keepRejects?: boolean;
  /** The caller holds the file's lock (lockImport). */
  locked?: boolean;
}

interface Checkpoint {
  version: 1;
  offset: number;
  line: number;
  rejectsBytes: number;
  done: boolean;
  totals: ImportTotals;
}

interface Line {
  no: number;
  text: string;
  /** Byte offset just after this line (and its newline). */
  end: number;
}

interface Reject {
  line: number;
  reason: string;
  /** The line with every identifier value masked; null for a line that is not JSON (it could hold anything). */
  text: string | null;
}

/**
 * A rejected line as the rejects file keeps it: no raw identifier value (PIPL: not stored in
 * clear, not in a rejects file either). In a JSON line, the `value` of every object that names
 * a `type` (an identifier) is replaced by its masked display form; a line that is not JSON is
 * left out (null), its line number says where it is.
 */
export function redactLine(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = walk(x);
    if ('type' in o && 'value' in o) {
      const type = isIdentifierType(o.type) ? o.type : 'ACCOUNT';
      out.value = typeof o.value === 'string' ? maskIdentifier(type, null, o.value) : '****';
    }
    return out;
  };
  return JSON.stringify(walk(parsed));
}

/** Life events recorded side by side (see ChunkApplier.inLanes). */
const ONE_BY_ONE_LANES = 8;

/** A stable lane for a key (FNV-1a). */
function laneOf(key: string, lanes: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % lanes;
}

/** Who the import's consent statements are recorded by (the access rules of an upstream system). */
const IMPORT_PRINCIPAL = { role: 'INGEST', sub: 'kingraph-import' } as const;

export const progressFileOf = (file: string): string => `${file}.progress`;
const lockFileOf = (file: string): string => `${file}.lock`;
export const rejectsFileOf = (file: string): string => `${file}.rejects.ndjson`;

export function emptyTotals(): ImportTotals {
  return {
    lines: 0, advisors: 0, events: 0, eventsAccepted: 0, eventsDuplicate: 0, households: 0, householdsExisting: 0, links: 0,
    linksWithSince: 0, lifeEvents: 0, consents: 0, policies: 0, invitations: 0, invitationsAccepted: 0, invitationsConverted: 0,
    invitationsRejected: 0, campaigns: 0, campaignCosts: 0, referralTargets: 0, interactions: 0, interactionsDuplicate: 0, rejects: 0,
    ms: { advisor: 0, event: 0, household: 0, link: 0, lifeEvent: 0, policy: 0, invitation: 0, campaign: 0, campaignCost: 0, referralTarget: 0, interaction: 0, consent: 0 },
  };
}

/** Totals of a checkpoint written before some counters existed: the missing ones start at 0. */
function withAllCounters(totals: ImportTotals): ImportTotals {
  const empty = emptyTotals();
  return { ...empty, ...totals, ms: { ...empty.ms, ...totals.ms } };
}

/** Lines of a file from a byte offset, with the exact byte offset after each line. */
export async function* readLines(file: string, startOffset: number, firstLineNo: number): AsyncGenerator<Line> {
  let rest: Buffer = Buffer.alloc(0);
  let base = startOffset; // file offset of rest[0]
  let no = firstLineNo;
  for await (const chunk of createReadStream(file, { start: startOffset, highWaterMark: 1 << 20 })) {
    const buf = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let from = 0;
    for (let nl = buf.indexOf(10, from); nl >= 0; nl = buf.indexOf(10, from)) {
      const end = nl > from && buf[nl - 1] === 13 ? nl - 1 : nl;
      no += 1;
      yield { no, text: buf.toString('utf8', from, end), end: base + nl + 1 };
      from = nl + 1;
    }
    rest = buf.subarray(from);
    base += from;
  }
  if (rest.length > 0) yield { no: no + 1, text: rest.toString('utf8'), end: base + rest.length };
}

/** Errors that mean "this line is wrong", as the API would answer them; anything else stops the import. */
function isLineError(e: unknown): e is AppError {
  return e instanceof AppError && (e.code === 'BAD_USER_INPUT' || e.code === 'NOT_FOUND');
}

export class ImportBusyError extends Error {}

/** One import per file at a time: FILE.lock holds the pid; a lock of a dead process is taken over. Returns the release. */
export async function lockImport(file: string): Promise<() => Promise<void>> {
  const path = lockFileOf(file);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
      return () => unlink(path).catch(() => undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(await readFile(path, 'utf8').catch(() => ''));
      let alive = false;
      try {
        alive = Number.isInteger(pid) && pid > 0 && process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (alive) throw new ImportBusyError(`another import of ${file} is running (pid ${pid}); remove ${path} if it is not`);
      await unlink(path).catch(() => undefined);
    }
  }
  throw new Error(`cannot lock ${lockFileOf(file)}`);
}

async function readCheckpoint(file: string): Promise<Checkpoint | null> {
  try {
    const cp = JSON.parse(await readFile(progressFileOf(file), 'utf8')) as Checkpoint;
    return cp.version === 1 ? { ...cp, totals: withAllCounters(cp.totals) } : null;
  } catch {
    return null;
  }
}

async function saveCheckpoint(file: string, cp: Checkpoint): Promise<void> {
  const tmp = `${progressFileOf(file)}.tmp`;
  await writeFile(tmp, JSON.stringify(cp));
  await rename(tmp, progressFileOf(file));
}

/** Applies one chunk's records through the services. */
class ChunkApplier {
  readonly rejects: Reject[] = [];

  constructor(
    private readonly services: Services,
    private readonly totals: ImportTotals,
    private readonly batchSize: number,
    private readonly skip: ReadonlySet<PopulationRecord['kind']> = new Set(),
  ) {}

  reject(line: Line, reason: string): void {
    this.rejects.push({ line: line.no, reason, text: redactLine(line.text) });
  }

  async apply(lines: Line[]): Promise<void> {
    const byKind = { advisor: [], campaign: [], campaignCost: [], referralTarget: [], event: [], household: [], link: [], lifeEvent: [], policy: [], invitation: [], interaction: [], consent: [] } as {
      [K in PopulationRecord['kind']]: Array<{ line: Line; record: Extract<PopulationRecord, { kind: K }> }>;
    };
    for (const line of lines) {
      if (line.text.trim() === '') continue;
      const parsed = parseLine(line.text);
      if (!parsed.ok) this.reject(line, parsed.reason);
      else if (!this.skip.has(parsed.record.kind)) (byKind[parsed.record.kind] as Array<{ line: Line; record: PopulationRecord }>).push({ line, record: parsed.record });
    }
    const { advisors, family, coverage, campaigns } = this.services;
    await this.timed('advisor', () => this.oneByOne(byKind.advisor, (a) => advisors.upsert(toAdvisorDTO(a)), 'advisors'));
    await this.timed('campaign', () => this.oneByOne(byKind.campaign, (c) => campaigns.upsertCampaign(c), 'campaigns'));
    await this.timed('campaignCost', () => this.oneByOne(byKind.campaignCost, (c) => campaigns.recordCost(c), 'campaignCosts'));
    await this.timed('referralTarget', () => this.oneByOne(byKind.referralTarget, (c) => campaigns.setTarget(c), 'referralTargets'));
    await this.timed('event', async () => {
      for (let i = 0; i < byKind.event.length; i += this.batchSize) await this.ingest(byKind.event.slice(i, i + this.batchSize));
    });
    await this.timed('household', () => this.households(byKind.household));
    await this.timed('link', () =>
      this.batched(byKind.link, (rs) => family.linkMany(rs.map((l) => ({ from: l.from, to: l.to, relation: l.relation, since: l.since ?? null }))), (l) => {
        this.totals.links += 1;
        if (l.since != null) this.totals.linksWithSince += 1;
      }),
    );
    // Life events are records by id (a person's and a partner's are locked while one is written):
    // their order matters only between two of one id, kept in one lane.
    await this.timed('lifeEvent', () =>
      this.inLanes(byKind.lifeEvent, ONE_BY_ONE_LANES, (e) => e.id, (items) => this.oneByOne(items, (e) => family.recordLifeEvent(toLifeEventDTO(e)), 'lifeEvents')),
    );
    await this.timed('policy', () => this.batched(byKind.policy, (rs) => coverage.upsertPolicies(rs.map(toPolicyDTO)), () => (this.totals.policies += 1)));
    await this.timed('invitation', () => this.invitations(byKind.invitation));
    await this.timed('interaction', async () => {
      for (let i = 0; i < byKind.interaction.length; i += this.batchSize) await this.recordInteractions(byKind.interaction.slice(i, i + this.batchSize));
    });
    await this.timed('consent', () => this.batched(byKind.consent, (rs) => this.services.contact.recordConsents(IMPORT_PRINCIPAL, rs), () => (this.totals.consents += 1)));
  }

  private async timed(kind: PopulationRecord['kind'], fn: () => Promise<void>): Promise<void> {
    const started = Date.now();
    await fn();
    this.totals.ms[kind] += Date.now() - started;
  }

  /** One ingest call; a batch refused as a whole is split until only the bad events are left out. */
  private ingest(batch: Array<{ line: Line; record: EventRecord }>): Promise<void> {
    return this.halving(batch, async (records) => {
      const res = await this.services.identity.ingest(records.map(toEventDTO));
      this.totals.events += records.length;
      this.totals.eventsAccepted += res.accepted;
      this.totals.eventsDuplicate += res.duplicates;
    });
  }

  /** One recordInteractions call (atomic); a batch refused as a whole is split until only the bad interactions are left out. */
  private recordInteractions(batch: Array<{ line: Line; record: InteractionRecord }>): Promise<void> {
    return this.halving(batch, async (records) => {
      const res = await this.services.customers.recordInteractions(records.map(toInteractionDTO));
      this.totals.interactions += res.accepted;
      this.totals.interactionsDuplicate += res.duplicates;
    });
  }

  /** Apply an all-or-nothing batch; refused as a whole, it is split in halves until the bad lines are isolated and rejected. */
  private async halving<R>(batch: Array<{ line: Line; record: R }>, call: (records: R[]) => Promise<void>): Promise<void> {
    try {
      await call(batch.map((b) => b.record));
    } catch (e) {
      if (!isLineError(e)) throw e;
      if (batch.length === 1) {
        this.reject(batch[0]!.line, `${e.code}: ${e.message}`);
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await this.halving(batch.slice(0, half), call);
      await this.halving(batch.slice(half), call);
    }
  }

  /** One batch call for a kind of record; an item the service refuses goes to the rejects, `applied` counts the others. */
  private async batched<R>(
    items: Array<{ line: Line; record: R }>,
    call: (records: R[]) => Promise<Array<Outcome<unknown>>>,
    applied: (record: R) => void,
  ): Promise<void> {
    for (let i = 0; i < items.length; i += this.batchSize) {
      const slice = items.slice(i, i + this.batchSize);
      const outcomes = await call(slice.map((x) => x.record));
      outcomes.forEach((o, k) => {
        if (o instanceof AppError) this.rejectError(slice[k]!.line, o);
        else applied(slice[k]!.record);
      });
    }
  }

  /** For a kind without a batch entry point: one service call per record, in file order; a refused record goes to the rejects. */
  private async oneByOne<R>(
    items: Array<{ line: Line; record: R }>,
    call: (record: R) => Promise<unknown>,
    counter: 'advisors' | 'lifeEvents' | 'campaigns' | 'campaignCosts' | 'referralTargets',
  ): Promise<void> {
    for (const { line, record } of items) {
      try {
        await call(record);
        this.totals[counter] += 1;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        this.rejectError(line, e);
      }
    }
  }

  /**
   * Items split into `lanes` by key (one key always in one lane, in file order), the lanes run
   * side by side: for a kind recorded one call per item whose effect does not depend on the
   * order of items of different keys. Rejects are put back in file order.
   */
  private async inLanes<R>(
    items: Array<{ line: Line; record: R }>,
    lanes: number,
    keyOf: (record: R) => string,
    run: (items: Array<{ line: Line; record: R }>) => Promise<void>,
  ): Promise<void> {
    const split: Array<Array<{ line: Line; record: R }>> = Array.from({ length: lanes }, () => []);
    for (const item of items) split[laneOf(keyOf(item.record), lanes)]!.push(item);
    const before = this.rejects.length;
    await Promise.all(split.filter((l) => l.length > 0).map((l) => run(l)));
    const added = this.rejects.splice(before).sort((a, b) => a.line - b.line);
    this.rejects.push(...added);
  }

  private async households(items: Array<{ line: Line; record: HouseholdRecord }>): Promise<void> {
    for (let i = 0; i < items.length; i += this.batchSize) {
      const slice = items.slice(i, i + this.batchSize);
      const outcomes = await this.services.family.createHouseholds(
        slice.map(({ record: h }) => ({ name: h.name || null, advisorId: h.advisorId, members: h.members.map((m) => ({ person: m.person, role: m.role })) })),
      );
      outcomes.forEach((o, k) => {
        if (!(o instanceof AppError)) this.totals.households += 1;
        // Created by an earlier (interrupted) run: every member is already in one same household.
        else if (isExistingHousehold(o, slice[k]!.record)) this.totals.householdsExisting += 1;
        else this.rejectError(slice[k]!.line, o);
      });
    }
  }

  private rejectError(line: Line, e: AppError): void {
    if (!isLineError(e)) throw e;
    this.reject(line, `${e.code}: ${e.message}`);
  }

  /**
   * Invitations in file order: all recorded (recordMany), then the accepted ones answered
   * (acceptMany: the first invitation a person accepts wins, as one by one), then the
   * converted ones (convertMany). A line is rejected at its first step that fails.
   */
  private async invitations(items: Array<{ line: Line; record: InvitationRecord }>): Promise<void> {
    const { referral } = this.services;
    for (let i = 0; i < items.length; i += this.batchSize) {
      const slice = items.slice(i, i + this.batchSize);
      const recorded = await referral.recordMany(
        slice.map(({ record: r }) => ({ id: r.id, inviter: r.inviter, channel: r.channel, campaign: r.campaign, advisorId: r.advisorId, sentAt: r.sentAt })),
        { createInviter: true },
      );
      const toAccept = slice.filter((x, k) => this.passed(x.line, recorded[k]!) && x.record.accept);
      this.totals.invitations += slice.length - this.failedIn(recorded);
      const accepted = await referral.acceptMany(toAccept.map(({ record: r }) => ({ id: r.id, invitee: r.accept!.invitee, at: r.accept!.at })));
      const toConvert = toAccept.filter((x, k) => {
        const o = accepted[k]!;
        if (!this.passed(x.line, o)) return false;
        if ((o as StoredInvitation).status === 'REJECTED') {
          this.totals.invitationsRejected += 1;
          return false;
        }
        this.totals.invitationsAccepted += 1;
        return Boolean(x.record.convert);
      });
      const converted = await referral.convertMany(toConvert.map(({ record: r }) => ({ id: r.id, premium: r.convert!.premium, at: r.convert!.at })));
      toConvert.forEach((x, k) => this.passed(x.line, converted[k]!) && (this.totals.invitationsConverted += 1));
    }
  }

  /** True for a value; an AppError rejects the line (or stops the import when it is not the line's fault). */
  private passed(line: Line, outcome: Outcome<unknown>): boolean {
    if (!(outcome instanceof AppError)) return true;
    this.rejectError(line, outcome);
    return false;
  }

  private failedIn(outcomes: ReadonlyArray<Outcome<unknown>>): number {
    return outcomes.filter((o) => o instanceof AppError).length;
  }
}

function isExistingHousehold(e: AppError, h: HouseholdRecord): boolean {
  const ids = e.details?.householdIds as string[] | undefined;
  return !!ids && ids.length === h.members.length && new Set(ids).size === 1;
}

function toAdvisorDTO(a: AdvisorRecord): AdvisorInputDTO {
  return { advisorId: a.advisorId, name: a.name, team: a.team, status: a.status ?? null };
}

function toInteractionDTO(r: InteractionRecord): InteractionInputDTO {
  return { id: r.id, person: r.person, channel: r.channel, kind: r.interactionKind, productType: r.productType ?? null, at: r.at, source: r.source };
}

function toLifeEventDTO(e: LifeEventRecord): LifeEventDTO {
  return { id: e.id, person: e.person, kind: e.lifeEventKind, date: e.date, partner: e.partner ?? null, source: e.source };
}

function toPolicyDTO(p: PolicyRecord): PolicyInputDTO {
  return {
    policyNo: p.policyNo,
    productType: p.productType,
    sumAssured: p.sumAssured,
    annualPremium: p.annualPremium,
    status: p.status,
    startDate: p.startDate,
    endDate: p.endDate,
    holder: p.holder,
    insured: p.insured,
  };
}

function toEventDTO(e: EventRecord): IdentityEventDTO {
  return { eventId: e.eventId, source: e.source, observedAt: e.observedAt, identifiers: e.identifiers, attributes: e.attributes ?? null };
}

export async function importFile(opts: ImportOptions): Promise<ImportSummary> {
  const unlock = opts.locked ? () => Promise.resolve() : await lockImport(opts.file);
  try {
    return await importLocked(opts);
  } finally {
    await unlock();
  }
}

async function importLocked(opts: ImportOptions): Promise<ImportSummary> {
  const { file, services } = opts;
  const batchSize = Math.min(1000, Math.max(1, opts.batchSize ?? 1000));
  const started = Date.now();
  const size = (await stat(file)).size;

  let cp = opts.restart ? null : await readCheckpoint(file);
  if (cp && cp.offset > size) cp = null; // the file changed under the checkpoint: start over
  if (!cp) {
    const kept = opts.keepRejects && existsSync(rejectsFileOf(file)) ? (await stat(rejectsFileOf(file))).size : 0;
    if (!kept && existsSync(rejectsFileOf(file))) await unlink(rejectsFileOf(file));
    cp = { version: 1, offset: 0, line: 0, rejectsBytes: kept, done: false, totals: emptyTotals() };
  } else if (existsSync(rejectsFileOf(file)) && (await stat(rejectsFileOf(file))).size > cp.rejectsBytes) {
    await truncate(rejectsFileOf(file), cp.rejectsBytes); // drop rejects of the interrupted chunk
  }
  const resumedFromLine = cp.line;
  const summary = (alreadyDone: boolean): ImportSummary => {
    const ms = Date.now() - started;
    const linesThisRun = cp!.line - resumedFromLine;
    return {
      file, totals: cp!.totals, resumedFromLine, linesThisRun, ms, alreadyDone,
      linesPerSecond: ms > 0 ? (linesThisRun * 1000) / ms : 0,
      eventsPerSecond: ms > 0 ? (eventsThisRun * 1000) / ms : 0,
    };
  };
  const eventsAtStart = cp.totals.events;
  let eventsThisRun = 0;
  if (cp.done && cp.offset >= size) return summary(true);

  let rejectsBytes = cp.rejectsBytes;
  opts.progress?.start(size, cp.offset);
  const batchLines = batchSize * 4;
  const skip = new Set(opts.skipKinds ?? []);
  const countEvents = !skip.has('event');
  let chunk: Line[] = [];
  let chunkEvents = 0;
  let chunkApplied = 0;

  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const applier = new ChunkApplier(services, cp!.totals, batchSize, skip);
    await applier.apply(chunk);
    if (applier.rejects.length > 0) {
      // Appended (and handed to the OS) before the checkpoint that counts them is saved.
      const text = applier.rejects.map((r) => `${JSON.stringify(r)}\n`).join('');
      await appendFile(rejectsFileOf(file), text);
      rejectsBytes += Buffer.byteLength(text);
    }
    cp!.totals.rejects += applier.rejects.length;
    cp!.totals.lines += chunk.length;
    const last = chunk[chunk.length - 1];
    cp = { ...cp!, offset: last.end, line: last.no, rejectsBytes, done: last.end >= size };
    await saveCheckpoint(file, cp);
    eventsThisRun = cp.totals.events - eventsAtStart;
    const ms = Date.now() - started;
    opts.progress?.update(cp.offset, cp.totals, ms > 0 ? ((cp.line - resumedFromLine) * 1000) / ms : 0);
    chunk = [];
    chunkEvents = 0;
    chunkApplied = 0;
  };

  try {
    for await (const line of readLines(file, cp.offset, cp.line)) {
      chunk.push(line);
      // Skipped events do not fill a chunk: it holds batchLines lines that are applied.
      if (line.text.includes('"kind":"event"')) chunkEvents += countEvents ? 1 : 0;
      else chunkApplied += 1;
      if (chunkEvents >= batchSize || (countEvents ? chunk.length : chunkApplied) >= batchLines) {
        await flush();
        if (opts.signal?.aborted) break;
        if (opts.maxLines !== undefined && cp.line - resumedFromLine >= opts.maxLines) break;
      }
    }
    if (chunk.length > 0 && !opts.signal?.aborted && (opts.maxLines === undefined || cp.line - resumedFromLine < opts.maxLines)) await flush();
  } finally {
    opts.progress?.stop();
  }
  return summary(false);
}

/** The one-paragraph report printed at the end of an import. */
export function formatSummary(s: ImportSummary): string {
  const t = s.totals;
  if (s.alreadyDone) {
    return `${s.file}: already imported (${t.lines} lines; delete ${progressFileOf(s.file)} or pass --restart to import again)`;
  }
  const secs = (s.ms / 1000).toFixed(1);
  return [
    `imported ${s.file}${s.resumedFromLine ? ` (resumed after line ${s.resumedFromLine})` : ''}`,
    `  lines         ${t.lines} (${s.linesThisRun} this run, ${Math.round(s.linesPerSecond)} lines/s)`,
    `  events        ${t.events}: ${t.eventsAccepted} accepted, ${t.eventsDuplicate} duplicates (${Math.round(s.eventsPerSecond)} events/s)`,
    `  advisors      ${t.advisors}`,
    `  campaigns     ${t.campaigns} (${t.campaignCosts} cost entries, ${t.referralTargets} targets)`,
    `  households    ${t.households} created, ${t.householdsExisting} already there`,
    `  family links  ${t.links} (${t.linksWithSince} with since)`,
    `  life events   ${t.lifeEvents}`,
    `  consents      ${t.consents}`,
    `  policies      ${t.policies}`,
    `  invitations   ${t.invitations}: ${t.invitationsAccepted} accepted (${t.invitationsConverted} converted), ${t.invitationsRejected} rejected by the referral rules`,
    `  interactions  ${t.interactions} recorded, ${t.interactionsDuplicate} duplicates`,
    `  rejects       ${t.rejects}${t.rejects ? ` -> ${rejectsFileOf(s.file)}` : ''}`,
    `  duration      ${secs} s (applying: ${Object.entries(t.ms).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`).join(', ')})`,
  ].join('\n');
}
