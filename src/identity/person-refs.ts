/**
 * Person references of a batch turned into people in two steps, so that nobody is created
 * for an item that turns out bad:
 *
 *   const refs = await identity.lookupRefs(lists);   // no writes: one look-up for everything
 *   ...checks of the caller, with reads only...
 *   const oneIds = await refs.materialize(stillWanted); // creates the new people of those items only
 *
 * An item is a list of references (empty: the item has none). Looking up answers each
 * reference as IdentityService.resolvePersonRef(ref, { create: false }) would (the surviving
 * OneID; BAD_USER_INPUT for a bad reference; NOT_FOUND for an unknown OneID), except that a
 * valid identifier nobody has yet is "new" (keyed by its hash): a person to create.
 * Materializing creates the people of the new identifiers of the given items in one
 * resolvePersonRefs call (each identifier once, however many items name it; one tried before
 * is not tried again), and answers per item its OneIDs or the first error among its
 * references (creating fails for an erased identifier: BAD_USER_INPUT).
 *
 * Callers that answer a batch as if its items ran one after another, each creating its
 * people at its turn, replay it in input order with `replay()` (see RefReplay).
 */
import { AppError } from '../errors';
import type { RawIdentifier } from './identifier';
import type { PersonRef } from './identity.service';

/** What PersonRefs needs of IdentityService. */
export interface RefResolver {
  resolvePersonRefs(refs: readonly PersonRef[], opts: { create: boolean }): Promise<Array<string | AppError>>;
  normalize(raw: RawIdentifier): { key: string } | null;
}

/** A reference looked up without creating anyone: a known person, or a new identifier (the hash key of the person to create). */
export type PersonLookup = { oneId: string } | { newKey: string };

/** One looked-up reference: its OneID, its error, or a new identifier (with the NOT_FOUND that not creating it answers). */
type Entry = string | AppError | { newKey: string; ref: PersonRef; notFound: AppError };

const isNew = (e: Entry): e is { newKey: string; ref: PersonRef; notFound: AppError } => typeof e === 'object' && !(e instanceof AppError);

export class PersonRefs {
  /** Outcome of creating the person of a new identifier, by key (once per key). */
  private readonly created = new Map<string, string | AppError>();

  private constructor(
    private readonly resolver: RefResolver,
    private readonly entries: ReadonlyArray<readonly Entry[]>,
  ) {}

  /** Look up every reference of every item (one resolvePersonRefs call without creating; none when there is no reference). */
  static async lookUp(resolver: RefResolver, lists: ReadonlyArray<readonly PersonRef[]>): Promise<PersonRefs> {
    const flat = lists.flat();
    const found = flat.length ? await resolver.resolvePersonRefs(flat, { create: false }) : [];
    let at = 0;
    const entries = lists.map((list) =>
      list.map((ref): Entry => {
        const r = found[at++]!;
        // NOT_FOUND for an identifier: valid, not junk, not shared, but nobody's yet.
        if (typeof r === 'string' || r.code !== 'NOT_FOUND' || ref.identifier == null || ref.oneId != null) return r;
        const id = resolver.normalize(ref.identifier);
        return id ? { newKey: id.key, ref, notFound: r } : r;
      }),
    );
    return new PersonRefs(resolver, entries);
  }

  /** Item i's references as looked up (one per reference), or the first error among them. */
  lookups(i: number): PersonLookup[] | AppError {
    const list = this.item(i);
    const bad = list.find((e): e is AppError => e instanceof AppError);
    if (bad) return bad;
    return list.map((e) => (isNew(e) ? { newKey: e.newKey } : { oneId: e as string }));
  }

  /**
   * The OneIDs of each of `items` (answers in the same order), creating the people of their
   * new identifiers first: one resolvePersonRefs call for all, none when nothing is new.
   * An item whose look-up failed answers that error and creates nobody; otherwise the first
   * error among its references (creating a person failed), else its OneIDs.
   */
  async materialize(items: readonly number[]): Promise<Array<string[] | AppError>> {
    const fresh = new Map<string, PersonRef>();
    for (const i of items) {
      const list = this.item(i);
      if (list.some((e) => e instanceof AppError)) continue;
      for (const e of list) if (isNew(e) && !this.created.has(e.newKey) && !fresh.has(e.newKey)) fresh.set(e.newKey, e.ref);
    }
    await this.create(fresh);
    return items.map((i) => {
      const ids = this.item(i).map((e) => (isNew(e) ? this.created.get(e.newKey)! : e));
      return ids.find((x): x is AppError => x instanceof AppError) ?? (ids as string[]);
    });
  }

  /** Start a replay of the batch from its first item (see RefReplay). */
  replay(): RefReplay {
    return new RefReplay({
      entry: (i, k) => {
        const e = this.item(i)[k];
        if (e === undefined) throw new Error(`Batch item ${i} has no person reference${k ? ` ${k}` : ''}`);
        return e;
      },
      creation: (key) => this.created.get(key),
      create: (fresh) => this.create(fresh),
    });
  }

  /** Create the people of these new identifiers (those not tried before) in one call. */
  private async create(fresh: ReadonlyMap<string, PersonRef>): Promise<void> {
    const entries = [...fresh].filter(([key]) => !this.created.has(key));
    if (entries.length === 0) return;
    const answers = await this.resolver.resolvePersonRefs(
      entries.map(([, ref]) => ref),
      { create: true },
    );
    entries.forEach(([key], k) => this.created.set(key, answers[k]!));
  }

  private item(i: number): readonly Entry[] {
    const list = this.entries[i];
    if (list === undefined) throw new Error(`No batch item ${i}`);
    return list;
  }
}

const PLACEHOLDER = '\u0000to-create:';

/**
 * One pass over a batch in input order, answering each reference as resolvePersonRef(ref,
 * { create }) would at its item's turn had the items run one after another: a person created
 * for an earlier item is found by the later ones (also by those that do not create), and
 * nobody is created for an item that never asks to create.
 *
 * A new identifier whose person is not created yet answers a placeholder (isPlaceholder) and
 * is remembered; createPending creates all of them in one call. The caller replays (a new
 * pass each time) until a pass leaves nothing pending: one pass more in the common case, a
 * further one only when creating someone failed (an erased identifier) and that changes
 * what later items do.
 */
export class RefReplay {
  /** New identifiers this pass needs created, with a reference that creates each. */
  private readonly pending = new Map<string, PersonRef>();
  /** Keys whose person an earlier item of this pass created (or will create: a placeholder). */
  private readonly made = new Map<string, string>();

  constructor(
    private readonly refs: {
      /** Item i's reference k as looked up; throws when it has none. */
      entry(i: number, k: number): Entry;
      /** Outcome of creating the person of a key; undefined when not created yet. */
      creation(key: string): string | AppError | undefined;
      create(fresh: ReadonlyMap<string, PersonRef>): Promise<void>;
    },
  ) {}

  /**
   * What resolvePersonRef(reference k of item i, { create }) answers at this item's turn of
   * the pass: the surviving OneID (a placeholder while the person is still to be created) or
   * the AppError.
   */
  resolve(i: number, create: boolean, k = 0): string | AppError {
    const e = this.refs.entry(i, k);
    if (!isNew(e)) return e;
    const earlier = this.made.get(e.newKey);
    if (earlier !== undefined) return earlier;
    if (!create) return e.notFound;
    const outcome = this.refs.creation(e.newKey);
    if (outcome === undefined) {
      const placeholder = PLACEHOLDER + e.newKey;
      this.pending.set(e.newKey, e.ref);
      this.made.set(e.newKey, placeholder);
      return placeholder;
    }
    if (typeof outcome === 'string') this.made.set(e.newKey, outcome);
    return outcome;
  }

  /** True for the stand-in OneID of a person this pass still has to create. */
  isPlaceholder(oneId: string): boolean {
    return oneId.startsWith(PLACEHOLDER);
  }

  /** Create the people this pass needed (one call); false when it needed none, i.e. the pass was final. */
  async createPending(): Promise<boolean> {
    if (this.pending.size === 0) return false;
    await this.refs.create(this.pending);
    return true;
  }
}
