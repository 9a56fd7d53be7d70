import { AppError, badInput, notFound } from '../../../src/errors';
import type { RawIdentifier } from '../../../src/identity/identifier';
import type { PersonRef } from '../../../src/identity/identity.service';
import { PersonRefs, type RefResolver } from '../../../src/identity/person-refs';

/**
 * A stand-in for IdentityService.resolvePersonRefs over an in-memory world: phone values
 * 'known-*' belong to person 'P-*', 'bad-*' are invalid, 'erased-*' cannot be created, any
 * other value is unknown (created as 'N-<value>' with create). OneIDs 'P-*' exist.
 */
function world(): RefResolver & { calls: Array<{ create: boolean; values: string[] }>; createdCount: () => number } {
  const created = new Map<string, string>();
  const calls: Array<{ create: boolean; values: string[] }> = [];
  const answer = (ref: PersonRef, create: boolean): string | AppError => {
    if ((ref.oneId == null) === (ref.identifier == null)) return badInput('A person reference needs exactly one of oneId or identifier');
    if (ref.oneId != null) return ref.oneId.startsWith('P-') ? ref.oneId : notFound('Person');
    const v = ref.identifier!.value;
    if (v.startsWith('bad-')) return badInput('Invalid PHONE identifier: bad');
    if (v.startsWith('known-')) return `P-${v}`;
    if (created.has(v)) return created.get(v)!;
    if (!create) return notFound('Person');
    if (v.startsWith('erased-')) return badInput('The PHONE identifier cannot refer to a person (erased or shared)');
    created.set(v, `N-${v}`);
    return `N-${v}`;
  };
  return {
    calls,
    createdCount: () => created.size,
    async resolvePersonRefs(refs, { create }) {
      calls.push({ create, values: refs.map((r) => r.identifier?.value ?? r.oneId ?? '?') });
      return refs.map((r) => answer(r, create));
    },
    normalize(raw: RawIdentifier) {
      if (raw.value.startsWith('bad-')) throw badInput('Invalid PHONE identifier: bad');
      return { key: `key:${raw.value}` };
    },
  };
}

const id = (value: string): PersonRef => ({ identifier: { type: 'PHONE', value } });
const code = (x: unknown): string | undefined => (x instanceof AppError ? x.code : undefined);

describe('PersonRefs.lookUp', () => {
  it('looks everything up in one call without creating: OneIDs, errors (first of each item), new identifiers by key', async () => {
    const w = world();
    const refs = await PersonRefs.lookUp(w, [
      [{ oneId: 'P-1' }, id('known-a')],
      [id('new-b'), { oneId: 'gone' }],
      [id('bad-c'), id('new-d')],
      [],
      [id('new-b'), id('new-b')],
      [{}],
    ]);
    expect(w.calls).toEqual([{ create: false, values: ['P-1', 'known-a', 'new-b', 'gone', 'bad-c', 'new-d', 'new-b', 'new-b', '?'] }]);
    expect(refs.lookups(0)).toEqual([{ oneId: 'P-1' }, { oneId: 'P-known-a' }]);
    expect(code(refs.lookups(1))).toBe('NOT_FOUND');
    expect(code(refs.lookups(2))).toBe('BAD_USER_INPUT');
    expect(refs.lookups(3)).toEqual([]);
    expect(refs.lookups(4)).toEqual([{ newKey: 'key:new-b' }, { newKey: 'key:new-b' }]);
    expect((refs.lookups(5) as AppError).message).toMatch(/exactly one of oneId or identifier/);
    expect(w.createdCount()).toBe(0);
  });

  it('sends nothing for a batch without references', async () => {
    const w = world();
    await PersonRefs.lookUp(w, [[], []]);
    await PersonRefs.lookUp(w, []);
    expect(w.calls).toEqual([]);
  });
});

describe('PersonRefs.materialize', () => {
  it('creates the new people of the wanted items only, each identifier once, in one call', async () => {
    const w = world();
    const refs = await PersonRefs.lookUp(w, [
      [id('new-a'), { oneId: 'P-1' }],
      [id('new-b'), id('new-a')],
      [id('new-c')], // not wanted: nobody is created for it
      [id('bad-x'), id('new-d')], // failed its look-up: nobody is created for it
    ]);
    const answers = await refs.materialize([1, 0, 3]);
    expect(w.calls.slice(1)).toEqual([{ create: true, values: ['new-b', 'new-a'] }]);
    expect(answers[0]).toEqual(['N-new-b', 'N-new-a']);
    expect(answers[1]).toEqual(['N-new-a', 'P-1']);
    expect(code(answers[2])).toBe('BAD_USER_INPUT');
    expect(w.createdCount()).toBe(2);
  });

  it('answers the first error of an item whose person could not be created', async () => {
    const w = world();
    const refs = await PersonRefs.lookUp(w, [[{ oneId: 'P-1' }, id('erased-a')], [id('erased-a'), id('new-b')]]);
    expect(refs.lookups(0)).toEqual([{ oneId: 'P-1' }, { newKey: 'key:erased-a' }]);
    const [first, second] = await refs.materialize([0, 1]);
    expect((first as AppError).message).toMatch(/erased or shared/);
    expect(second).toBe(first);
    expect(w.calls.slice(1)).toEqual([{ create: true, values: ['erased-a', 'new-b'] }]);
  });

  it('sends nothing when no wanted item has a new identifier, and never tries an identifier twice', async () => {
    const w = world();
    const refs = await PersonRefs.lookUp(w, [[{ oneId: 'P-1' }, id('known-a')], [id('new-b')]]);
    expect(await refs.materialize([0])).toEqual([['P-1', 'P-known-a']]);
    expect(await refs.materialize([])).toEqual([]);
    expect(w.calls).toHaveLength(1);
    expect(await refs.materialize([1])).toEqual([['N-new-b']]);
    expect(await refs.materialize([1, 0])).toEqual([['N-new-b'], ['P-1', 'P-known-a']]);
    expect(w.calls).toHaveLength(2);
  });
});

describe('RefReplay', () => {
  it('answers as items run in turn: a placeholder until created, found by later items, created once per pass', async () => {
    const w = world();
    const refs = await PersonRefs.lookUp(w, [[id('new-a')], [id('new-a')], [id('new-a')], [id('known-k')], []]);
    const pass = refs.replay();
    expect(code(pass.resolve(0, false))).toBe('NOT_FOUND'); // not created yet, and this item does not create
    const placeholder = pass.resolve(1, true) as string;
    expect(pass.isPlaceholder(placeholder)).toBe(true);
    expect(pass.resolve(2, false)).toBe(placeholder); // an earlier item created it
    expect(pass.resolve(3, true)).toBe('P-known-k');
    expect(pass.isPlaceholder('P-known-k')).toBe(false);
    expect(() => pass.resolve(4, true)).toThrow(/no person reference/);
    expect(w.calls).toHaveLength(1);
    expect(await pass.createPending()).toBe(true);
    expect(w.calls[1]).toEqual({ create: true, values: ['new-a'] });

    const again = refs.replay();
    expect(code(again.resolve(0, false))).toBe('NOT_FOUND');
    expect(again.resolve(1, true)).toBe('N-new-a');
    expect(again.resolve(2, false)).toBe('N-new-a');
    expect(await again.createPending()).toBe(false);
    expect(w.calls).toHaveLength(2);
  });

  it('keeps a failed creation: every later item that creates gets the error, later ones that do not get NOT_FOUND', async () => {
    const w = world();
    const refs = await PersonRefs.lookUp(w, [[id('erased-a')], [id('erased-a')], [id('new-b')]]);
    const pass = refs.replay();
    pass.resolve(0, true);
    expect(await pass.createPending()).toBe(true);
    const second = refs.replay();
    expect((second.resolve(0, true) as AppError).message).toMatch(/erased or shared/);
    expect(code(second.resolve(1, false))).toBe('NOT_FOUND');
    expect(code(second.resolve(1, true))).toBe('BAD_USER_INPUT');
    // An item reached only now (earlier ones failed) still needs its person: one more pass.
    expect(pass.isPlaceholder(second.resolve(2, true) as string)).toBe(true);
    expect(await second.createPending()).toBe(true);
    expect(w.calls.slice(1)).toEqual([
      { create: true, values: ['erased-a'] },
      { create: true, values: ['new-b'] },
    ]);
    const third = refs.replay();
    expect(third.resolve(2, true)).toBe('N-new-b');
    expect(await third.createPending()).toBe(false);
  });

  it('shares creations with materialize', async () => {
    const w = world();
    const refs = await PersonRefs.lookUp(w, [[id('new-a')], [id('new-a')]]);
    await refs.materialize([0]);
    expect(refs.replay().resolve(1, true)).toBe('N-new-a');
    expect(w.calls).toHaveLength(2);
  });
});
