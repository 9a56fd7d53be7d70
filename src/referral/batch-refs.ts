/**
 * Person references of a batch, answered as IdentityService.resolvePersonRef would answer each
 * one at its turn if the items ran one after another: a person created for an earlier item (an
 * unknown identifier resolved with `create`) is found by the later ones, and nobody is created
 * for an item that never gets that far (it failed a check first, or its id was answered or
 * recorded by an earlier item).
 *
 * Every reference is looked up once without creating anything (one resolvePersonRefs call).
 * The caller then replays its batch in input order (startPass, then resolve per item); an
 * unknown identifier that has to be created answers a placeholder and is remembered, and
 * createPending creates all of them in one more call. The caller replays until a pass leaves
 * nothing pending: one pass more in the common case, a further one only when creating
 * someone failed (an erased identifier) and that changes what later items do.
 */
import { AppError } from '../errors';
import type { IdentityService, PersonRef } from '../identity/identity.service';

const PLACEHOLDER = '\u0000to-create:';

export class BatchRefs {
  /** What resolving without creating answered at the start, per item (null: the item has no reference). */
  private readonly found: Array<string | AppError | null>;
  /** Normalized key of the identifier of an item whose look-up answered NOT_FOUND (a person to create). */
  private readonly keys: Array<string | null>;
  /** Outcome of creating the person of a key (resolvePersonRef with create). */
  private readonly creations = new Map<string, string | AppError>();
  /** Keys the current pass needs created, with a reference that creates each. */
  private readonly pending = new Map<string, PersonRef>();
  /** Keys whose person an earlier item of the current pass created (or will create: a placeholder). */
  private readonly created = new Map<string, string>();

  private constructor(
    private readonly identity: IdentityService,
    private readonly refs: ReadonlyArray<PersonRef | null>,
    found: Array<string | AppError | null>,
    keys: Array<string | null>,
  ) {
    this.found = found;
    this.keys = keys;
  }

  /** Look every reference up once (nothing is created); null entries are items without one. */
  static async lookUp(identity: IdentityService, refs: ReadonlyArray<PersonRef | null>): Promise<BatchRefs> {
    const idx = refs.flatMap((r, i) => (r ? [i] : []));
    const answers = idx.length ? await identity.resolvePersonRefs(idx.map((i) => refs[i]!), { create: false }) : [];
    const found: Array<string | AppError | null> = refs.map(() => null);
    const keys: Array<string | null> = refs.map(() => null);
    idx.forEach((i, k) => {
      const answer = answers[k]!;
      found[i] = answer;
      const ref = refs[i]!;
      // An identifier that is valid, not junk and not shared, but nobody's yet: creatable.
      if (answer instanceof AppError && answer.code === 'NOT_FOUND' && ref.identifier && ref.oneId == null) {
        keys[i] = identity.normalize(ref.identifier)?.key ?? null;
      }
    });
    return new BatchRefs(identity, refs, found, keys);
  }

  static isPlaceholder(oneId: string): boolean {
    return oneId.startsWith(PLACEHOLDER);
  }

  /** Start a replay of the batch from its first item. */
  startPass(): void {
    this.created.clear();
    this.pending.clear();
  }

  /**
   * What resolvePersonRef(ref of item i, { create }) answers at this item's turn of the pass:
   * the surviving OneID (a placeholder while the person is still to be created) or the AppError.
   */
  resolve(i: number, create: boolean): string | AppError {
    const answer = this.found[i];
    if (answer === null || answer === undefined) throw new Error(`Batch item ${i} has no person reference`);
    const key = this.keys[i];
    if (!key) return answer;
    const earlier = this.created.get(key);
    if (earlier !== undefined) return earlier;
    if (!create) return answer;
    const made = this.creations.get(key);
    if (made === undefined) {
      const placeholder = PLACEHOLDER + key;
      this.pending.set(key, this.refs[i]!);
      this.created.set(key, placeholder);
      return placeholder;
    }
    if (typeof made === 'string') this.created.set(key, made);
    return made;
  }

  /** Create the people the last pass needed (one call); false when it needed none, i.e. the pass was final. */
  async createPending(): Promise<boolean> {
    if (this.pending.size === 0) return false;
    const entries = [...this.pending];
    const answers = await this.identity.resolvePersonRefs(
      entries.map(([, ref]) => ref),
      { create: true },
    );
    entries.forEach(([key], k) => this.creations.set(key, answers[k]!));
    return true;
  }
}
