/** planLinks: a list of links decided in order, each as if the ones before it were stored. */
import fc from 'fast-check';
import type { StoredLink } from '../../../src/family/family.model';
import { LinkGraph, MAX_ANCESTRY_DEPTH, planLinks } from '../../../src/family/linkPlan';

const person = (birthDate: string | null = null, forgotten = false) => ({ forgotten, birthDate });
const graph = (ids: string[], extra: Partial<LinkGraph> = {}): LinkGraph => ({
  parents: [],
  symmetric: [],
  persons: new Map(ids.map((id) => [id, person()])),
  ...extra,
});
const parent = (a: string, b: string): StoredLink => ({ a, b, relation: 'PARENT' });
const kinds = (links: StoredLink[], g: LinkGraph): string[] => planLinks(links, g).map((d) => (d.kind === 'refused' ? `refused: ${d.reason}` : d.kind));

describe('planLinks', () => {
  it('creates new links and sees the earlier ones of the list as existing', () => {
    const g = graph(['a', 'b', 'c']);
    expect(kinds([parent('a', 'b'), parent('a', 'b'), { a: 'b', b: 'c', relation: 'SIBLING' }, { a: 'c', b: 'b', relation: 'SIBLING' }], g)).toEqual([
      'create',
      'exists',
      'create',
      'exists',
    ]);
  });

  it('treats stored links as existing, SPOUSE and SIBLING in either direction, PARENT only parent to child', () => {
    const g = graph(['a', 'b'], { symmetric: [{ relation: 'SPOUSE', a: 'a', b: 'b' }], parents: [{ parent: 'a', child: 'b' }] });
    expect(kinds([{ a: 'b', b: 'a', relation: 'SPOUSE' }, parent('a', 'b'), { a: 'a', b: 'b', relation: 'SIBLING' }], g)).toEqual(['exists', 'exists', 'create']);
  });

  it('refuses a cycle closed by stored links, by links earlier in the list, or by both', () => {
    const stored = graph(['a', 'b', 'c'], { parents: [{ parent: 'a', child: 'b' }, { parent: 'b', child: 'c' }] });
    expect(kinds([parent('c', 'a')], stored)[0]).toMatch(/a is already an ancestor of c/);
    expect(kinds([parent('x', 'y'), parent('y', 'x')], graph(['x', 'y']))[1]).toMatch(/x is already an ancestor of y/);
    const mixed = graph(['a', 'b', 'c', 'd'], { parents: [{ parent: 'a', child: 'b' }] });
    expect(kinds([parent('b', 'c'), parent('c', 'd'), parent('d', 'a')], mixed)).toEqual(['create', 'create', expect.stringMatching(/own ancestor/)]);
  });

  it(`walks at most ${MAX_ANCESTRY_DEPTH} generations up`, () => {
    const ids = Array.from({ length: MAX_ANCESTRY_DEPTH + 2 }, (_, i) => `p${i}`);
    const chain = ids.slice(1).map((child, i) => ({ parent: ids[i]!, child }));
    const g = graph(ids, { parents: chain });
    // p0 is MAX+1 generations above the last one: out of reach; p1 is MAX generations above.
    expect(kinds([parent(ids[ids.length - 1]!, 'p0')], g)).toEqual(['create']);
    expect(kinds([parent(ids[ids.length - 1]!, 'p1')], g)[0]).toMatch(/own ancestor/);
  });

  it('refuses a third parent, counting stored parents and earlier ones in the list, but not the same parent again', () => {
    const g = graph(['m', 'f', 's', 'k'], { parents: [{ parent: 'm', child: 'k' }] });
    expect(kinds([parent('f', 'k'), parent('m', 'k'), parent('s', 'k')], g)).toEqual(['create', 'exists', expect.stringMatching(/k already has two parents/)]);
  });

  it('refuses a parent not born before the child when both dates are known, and links to erased or missing people', () => {
    const g: LinkGraph = {
      parents: [],
      symmetric: [],
      persons: new Map([
        ['old', person('1960-01-01')],
        ['young', person('1990-05-05')],
        ['twin', person('1990-05-05')],
        ['unknown', person(null)],
        ['gone', person(null, true)],
      ]),
    };
    expect(kinds([parent('young', 'old'), parent('twin', 'young'), parent('unknown', 'old'), parent('old', 'young')], g)).toEqual([
      expect.stringMatching(/the parent young must be born before the child old/),
      expect.stringMatching(/born before/),
      'create',
      'create',
    ]);
    expect(kinds([{ a: 'old', b: 'gone', relation: 'SPOUSE' }, { a: 'old', b: 'nobody', relation: 'SPOUSE' }], g)).toEqual([
      'refused: Person gone was erased and cannot be linked',
      'missing',
    ]);
  });

  it('never leaves a cycle or a child with more than two parents, whatever the list (property)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)), { maxLength: 40 }), (pairs) => {
        const links = pairs.filter(([x, y]) => x !== y).map(([x, y]) => parent(x, y));
        const created = links.filter((_, i) => planLinks(links, graph(ids))[i]!.kind === 'create');
        const parentsOf = new Map<string, string[]>();
        for (const l of created) parentsOf.set(l.b, [...(parentsOf.get(l.b) ?? []), l.a]);
        for (const ps of parentsOf.values()) expect(ps.length).toBeLessThanOrEqual(2);
        const ancestors = (x: string, seen = new Set<string>()): Set<string> => {
          for (const p of parentsOf.get(x) ?? []) if (!seen.has(p)) ancestors(p, seen.add(p));
          return seen;
        };
        for (const id of ids) expect(ancestors(id).has(id)).toBe(false);
      }),
    );
  });
});
