/**
 * Reaching a customer lawfully: revealing identifiers for a purpose within the role matrix
 * and consent, recording consent, the append-only access log, upstream accounts in clear.
 * Every reveal or export attempt that is not refused as bad input leaves a log entry written
 * in the transaction of the read it records; a refused attempt commits its DENIED entry and
 * then answers the refusal.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import type { Clock } from '../clock';
import type { Tx } from '../db/database';
import { AppError, badInput, forbidden, notFound, settle, unwrap, type Outcome } from '../errors';
import { IDENTIFIER_TYPES, type IdentifierType } from '../identity/identifier';
import type { IdentityService, PersonRef } from '../identity/identity.service';
import type { Logger } from '../logger';
import {
  AccessAction,
  AccessLogPage,
  AccessLogRecord,
  AccountRecord,
  checkRevealArgs,
  CONSENT_ID_MAX,
  CONSENT_SCOPES,
  CONSENT_SOURCE_MAX,
  ConsentRecord,
  consentsInForce,
  ContactPurpose,
  decideReveal,
  decodeLogCursor,
  encodeLogCursor,
  RevealedRecord,
  RevealSubject,
  typesInOrder,
} from './contact.model';
import type { ContactRepository, LogFilter, SealedIdentifier, SubjectRow } from './contact.repository';
import type { KeysService } from './keys.service';

export interface RevealArgs {
  oneId: string;
  types: IdentifierType[];
  namespace?: string | null;
  purpose: ContactPurpose;
  justification: string;
}

export interface ConsentInputDTO {
  id: string;
  person: PersonRef;
  scope: string;
  granted: boolean;
  at: string;
  source: string;
}

export interface AccessLogFilterDTO {
  oneId?: string | null;
  actor?: string | null;
  outcome?: string | null;
  from?: string | null;
  to?: string | null;
}

/** What an audited read decided: its answer, or the refusal to throw once its DENIED entry is committed. */
type Audited<T> = { ok: true; value: T } | { ok: false; error: AppError };

export class ContactService {
  constructor(
    private readonly repo: ContactRepository,
    readonly keys: KeysService,
    private readonly identity: IdentityService,
    private readonly opts: { clock: Clock; log: Logger },
  ) {}

  /** The subject of a reveal or an export as the matrix sees it (null: unknown OneID). */
  async subject(tx: Tx, principal: Principal, oneId: string): Promise<(RevealSubject & { types: IdentifierType[] }) | null> {
    const row = await this.repo.subject(tx, oneId, principal.role === 'CUSTOMER' ? principal.sub : null);
    return row ? toSubject(principal, row) : null;
  }

  /**
   * Run an audited read in one write transaction: `decide` reads and answers the entry's
   * outcome fields; the entry is appended in the same transaction; a refusal is thrown after
   * commit (its DENIED entry stays).
   */
  async audited<T>(principal: Principal, action: AccessAction, requested: string, work: (tx: Tx) => Promise<{ entry: Pick<AccessLogRecord, 'oneId' | 'types' | 'purpose' | 'justification'>; outcome: Audited<T> }>): Promise<T> {
    const outcome = await this.repo.write(async (tx) => {
      const { entry, outcome } = await work(tx);
      await this.repo.appendLog(tx, {
        id: randomUUID(),
        at: this.opts.clock.now().toISOString(),
        actor: principal.sub,
        actorRole: principal.role,
        action,
        ...entry,
        oneId: entry.oneId || requested,
        outcome: outcome.ok ? 'GRANTED' : 'DENIED',
      });
      return outcome;
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  async reveal(principal: Principal, args: RevealArgs): Promise<RevealedRecord[]> {
    checkRevealArgs(args.types, args.namespace, args.justification);
    const types = typesInOrder(args.types);
    return this.audited(principal, 'REVEAL', args.oneId, async (tx) => {
      const subject = await this.subject(tx, principal, args.oneId);
      const entry = { oneId: subject?.oneId ?? args.oneId, types, purpose: args.purpose, justification: args.justification };
      const refused = decideReveal(principal.role, subject, types, args.purpose);
      if (refused) return { entry, outcome: { ok: false, error: refused } };
      const [rows] = await this.repo.sealedOf(tx, [subject!.oneId], types, args.namespace ?? null);
      return { entry, outcome: { ok: true, value: this.revealed(rows!) } };
    });
  }

  /** Clear values of stored identifiers in contract type order; ones stored before encryption (no ciphertext) are left out. */
  revealed(rows: readonly SealedIdentifier[]): RevealedRecord[] {
    const rank = (r: SealedIdentifier): number => IDENTIFIER_TYPES.indexOf(r.identifier.type);
    return [...rows].sort((a, b) => rank(a) - rank(b)).flatMap((r) => {
      const value = this.keys.open(r);
      return value === null ? [] : [{ type: r.identifier.type, namespace: r.identifier.namespace, value, masked: r.identifier.masked }];
    });
  }

  /** ACCOUNT identifiers in clear of each person (hash-only ones left out), in input order. */
  async accounts(oneIds: readonly string[]): Promise<AccountRecord[][]> {
    const lists = await this.repo.read((tx) => this.repo.sealedOf(tx, oneIds, ['ACCOUNT']));
    return lists.map((rows) =>
      rows.flatMap((r) => {
        const accountId = this.keys.open(r);
        if (accountId === null || r.identifier.namespace === null) return [];
        return [{ namespace: r.identifier.namespace, accountId, firstSeenAt: r.identifier.firstSeenAt, lastSeenAt: r.identifier.lastSeenAt }];
      }),
    );
  }

  // ---------------------------------------------------------------- consent

  async recordConsent(principal: Principal, input: ConsentInputDTO): Promise<ConsentRecord> {
    if (principal.role !== 'CUSTOMER') return unwrap((await this.recordConsents(principal, [input]))[0]!);
    // A CUSTOMER states its own consent: its reference must resolve to itself (never created).
    const consent = this.checkConsent(input);
    const oneId = await this.identity.resolvePersonRef(input.person, { create: false }).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND') throw forbidden();
      throw e;
    });
    await this.assertCustomerSelf(principal, oneId);
    const stored = await this.repo.write(async (tx) => {
      const twin = (await this.repo.consentsById(tx, [consent.id])).get(consent.id);
      if (twin) return this.idempotent(twin, consent, oneId);
      return (await this.repo.recordConsents(tx, [{ oneId, consent }], this.opts.clock.now().toISOString(), `${principal.role}:${principal.sub}`)).get(consent.id);
    });
    if (!stored) throw notFound('Person');
    return stored;
  }

  /**
   * Consent statements of other callers than a CUSTOMER (an upstream system, an import), many
   * at once: each answers what recordConsent would answer had they been recorded one after
   * another in input order (the stored statement, or its AppError), with a fixed number of
   * statements: one look-up of the people, one of the ids, one of the people's states, one
   * ingest for the people of new identifiers, one write.
   */
  async recordConsents(principal: Principal, inputs: readonly ConsentInputDTO[]): Promise<Array<Outcome<ConsentRecord>>> {
    if (principal.role === 'CUSTOMER') throw forbidden();
    const checked = inputs.map((input) => settle(() => this.checkConsent(input)));
    const refs = await this.identity.lookupRefs(inputs.map((input, i) => (checked[i] instanceof AppError ? [] : [input.person])));
    const ids = checked.filter((c): c is ConsentRecord => !(c instanceof AppError)).map((c) => c.id);
    const stored = ids.length ? await this.repo.read((tx) => this.repo.consentsById(tx, ids)) : new Map<string, { consent: ConsentRecord; oneId: string | null }>();
    const persons = new Map<string, { oneId: string; forgotten: boolean } | null>();
    for (let round = 0; ; round++) {
      if (round > 10) throw new Error('recordConsents: the people of the batch keep changing');
      // Look up the live person behind every target this pass can meet first (one call): a dry
      // pass that creates nothing.
      const dry = refs.replay();
      const targets = inputs.map((_, i) => (checked[i] instanceof AppError ? null : dry.resolve(i, true)));
      const unknown = [...new Set(targets.filter((t): t is string => typeof t === 'string' && !dry.isPlaceholder(t) && !persons.has(t)))];
      if (unknown.length) (await this.identity.personsByOneId(unknown)).forEach((p, k) => persons.set(unknown[k]!, p));
      const pass = refs.replay();
      const seen = new Map(stored);
      const answers: Array<Outcome<ConsentRecord> | { oneId: string; consent: ConsentRecord }> = [];
      let later = false;
      inputs.forEach((input, i) => {
        const consent = checked[i]!;
        if (consent instanceof AppError) return answers.push(consent);
        const found = pass.resolve(i, false);
        if (found instanceof AppError && !(found.code === 'NOT_FOUND' && input.person.identifier)) return answers.push(found);
        const oneId = found instanceof AppError ? null : found;
        const existing = seen.get(consent.id);
        if (existing) return answers.push(settle(() => this.idempotent(existing, consent, oneId)));
        const target = oneId ?? pass.resolve(i, true);
        if (target instanceof AppError) return answers.push(target);
        let live = target;
        if (!pass.isPlaceholder(target)) {
          const person = persons.get(target);
          if (person === undefined) later = true; // created by an earlier item of this pass: known next pass
          if (!person) return answers.push(notFound('Person'));
          if (person.forgotten) return answers.push(badInput('The person was erased: no consent can be recorded for it', { field: 'person' }));
          live = person.oneId;
        }
        seen.set(consent.id, { consent, oneId: live });
        return answers.push({ oneId: live, consent });
      });
      if ((await pass.createPending()) || later) continue;
      return this.writeConsents(principal, answers);
    }
  }

  /** The write of recordConsents: statements a concurrent twin recorded meanwhile answer as recordConsent would. */
  private async writeConsents(principal: Principal, answers: Array<Outcome<ConsentRecord> | { oneId: string; consent: ConsentRecord }>): Promise<Array<Outcome<ConsentRecord>>> {
    const rows = answers.filter((a): a is { oneId: string; consent: ConsentRecord } => !(a instanceof AppError) && 'consent' in a);
    if (rows.length === 0) return answers as Array<Outcome<ConsentRecord>>;
    return this.repo.write(async (tx) => {
      const twins = await this.repo.consentsById(tx, rows.map((r) => r.consent.id));
      // Ids are unique among the rows: a later statement of an id was answered against the first.
      const fresh = rows.filter((r) => !twins.has(r.consent.id));
      const made = await this.repo.recordConsents(tx, fresh, this.opts.clock.now().toISOString(), `${principal.role}:${principal.sub}`);
      return answers.map((a) => {
        if (a instanceof AppError || !('consent' in a)) return a;
        const twin = twins.get(a.consent.id);
        if (twin) return settle(() => this.idempotent(twin, a.consent, a.oneId));
        return made.get(a.consent.id) ?? notFound('Person');
      });
    });
  }

  private async assertCustomerSelf(principal: Principal, oneId: string | null): Promise<void> {
    const [self] = await this.identity.personsByOneId([principal.sub]);
    if (!self || self.forgotten || oneId === null || self.oneId !== oneId) throw forbidden();
  }

  /** The same id again: the stored statement when the content is the same, BAD_USER_INPUT otherwise. */
  private idempotent(existing: { consent: ConsentRecord; oneId: string | null }, consent: ConsentRecord, oneId: string | null): ConsentRecord {
    const c = existing.consent;
    const same = c.scope === consent.scope && c.granted === consent.granted && Date.parse(c.at) === Date.parse(consent.at) && c.source === consent.source;
    if (!same || existing.oneId === null || existing.oneId !== oneId) {
      throw badInput('A consent statement with this id exists with other content', { field: 'id' });
    }
    return c;
  }

  private checkConsent(input: ConsentInputDTO): ConsentRecord {
    if (!input.id || input.id.length > CONSENT_ID_MAX) throw badInput(`id must be 1 to ${CONSENT_ID_MAX} characters`, { field: 'id' });
    if (!(CONSENT_SCOPES as readonly string[]).includes(input.scope)) throw badInput('scope is not a consent scope', { field: 'scope' });
    if (input.source.trim().length === 0 || input.source.length > CONSENT_SOURCE_MAX) {
      throw badInput(`source must be 1 to ${CONSENT_SOURCE_MAX} characters`, { field: 'source' });
    }
    const at = Date.parse(input.at);
    if (Number.isNaN(at)) throw badInput('at must be an ISO-8601 date-time', { field: 'at' });
    if (at > this.opts.clock.now().getTime()) throw badInput('at must not be in the future', { field: 'at' });
    return { id: input.id, scope: input.scope as ConsentRecord['scope'], granted: input.granted, at: new Date(at).toISOString(), source: input.source };
  }

  /** The statement in force per scope of each person, in ConsentScope order. */
  async consentsInForce(oneIds: readonly string[]): Promise<ConsentRecord[][]> {
    return (await this.repo.read((tx) => this.repo.consentsOf(tx, oneIds))).map(consentsInForce);
  }

  // ---------------------------------------------------------------- export sections (in the export's transaction)

  /** Every consent statement of a person (history), oldest first. */
  async consentHistory(tx: Tx, oneId: string): Promise<ConsentRecord[]> {
    const [all] = await this.repo.consentsOf(tx, [oneId]);
    return [...all!].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));
  }

  /** The person's identifiers with their values in clear (null: stored before encryption, hash-only). */
  async identifiersInClear(tx: Tx, oneId: string): Promise<Array<Record<string, unknown>>> {
    const [rows] = await this.repo.sealedOf(tx, [oneId], null);
    return rows!.map((r) => {
      const { key: _key, ...identifier } = r.identifier;
      void _key; // the look-up hash is the service's, not the customer's data
      return { ...identifier, value: this.keys.open(r) };
    });
  }

  /** Every access-log entry on these OneIDs (one person's), newest first. */
  logOf(tx: Tx, oneIds: readonly string[]): Promise<AccessLogRecord[]> {
    return this.repo.logOf(tx, oneIds);
  }

  /** The live OneID behind `oneId` and the OneIDs merged into it (just the one given when unknown). */
  async oneIdsIn(tx: Tx, oneId: string): Promise<string[]> {
    return (await this.repo.oneIdsOf(tx, oneId)) ?? [oneId];
  }

  // ---------------------------------------------------------------- access log

  async accessLog(filter: AccessLogFilterDTO | null | undefined, first: number, after: string | null | undefined, bounds: { min: number; max: number }): Promise<AccessLogPage> {
    if (!Number.isInteger(first) || first < bounds.min || first > bounds.max) throw badInput(`first must be from ${bounds.min} to ${bounds.max}`, { field: 'first' });
    const position = after ? decodeLogCursor(after) : null;
    const f: LogFilter = {
      oneIds: null,
      actor: filter?.actor ?? null,
      outcome: filter?.outcome ?? null,
      from: filter?.from ? new Date(filter.from).toISOString() : null,
      to: filter?.to ? new Date(filter.to).toISOString() : null,
    };
    const oneId = filter?.oneId;
    if (oneId) f.oneIds = await this.repo.read((tx) => this.oneIdsIn(tx, oneId));
    const { totalCount, page } = await this.repo.logPage(f, position, first + 1);
    const edges = page.slice(0, first).map((node) => ({ cursor: encodeLogCursor(node), node }));
    return { edges, pageInfo: { hasNextPage: page.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
  }
}

function toSubject(principal: Principal, row: SubjectRow): RevealSubject & { types: IdentifierType[] } {
  const advisor = principal.role === 'ADVISOR' && row.advisorId === principal.sub && !row.advisorLeft;
  return {
    oneId: row.oneId,
    forgotten: row.forgotten,
    relation: { self: principal.role === 'CUSTOMER' && row.isSelf && !row.forgotten, advisor },
    consents: row.consents,
    types: typesInOrder(row.types),
  };
}
