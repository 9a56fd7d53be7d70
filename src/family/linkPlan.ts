/**
 * Deciding a list of family links in order, as if each were stored before the next is
 * checked: pure, so one read of the graph around the people involved serves a whole batch.
 *
 * For each link, in input order:
 * - it exists already (stored, or decided earlier in the list): nothing to check; with a
 *   `since` other than the current one it is an update (the new `since` replaces the stored
 *   one), else nothing to write (without `since` the stored one is kept);
 * - either person was erased: refused (also a `since` update);
 * - PARENT (a parent of b): refused when b is already an ancestor of a within
 *   MAX_ANCESTRY_DEPTH generations (the link would make someone their own ancestor), when
 *   both birth dates are known and the parent is not born first, or when b already has two
 *   other parents;
 * - otherwise it is created, and the links after it see it.
 *
 * The graph must hold every stored PARENT link among the ancestors (to that depth) of each
 * person involved, and every stored SPOUSE / SIBLING link touching one of them.
 */
import type { StoredLink } from './family.model';

/** Longest ancestor chain the cycle check walks (generations). */
export const MAX_ANCESTRY_DEPTH = 20;

export interface LinkGraph {
  /** Stored PARENT links, parent -> child, with their `since` (absent or null: none). */
  parents: ReadonlyArray<{ parent: string; child: string; since?: string | null }>;
  /** Stored SPOUSE / SIBLING links (either direction), with their `since`. */
  symmetric: ReadonlyArray<{ relation: 'SPOUSE' | 'SIBLING'; a: string; b: string; since?: string | null }>;
  /** Birth date (YYYY-MM-DD) and erasure of each person involved; a person missing here does not exist. */
  persons: ReadonlyMap<string, { forgotten: boolean; birthDate: string | null }>;
}

/**
 * exists: nothing to write; create: a new link; update: an existing link whose `since` changes.
 * `since` is the link's `since` once this one is applied (null: none).
 */
export type LinkDecision =
  | { kind: 'exists'; since: string | null }
  | { kind: 'create'; since: string | null }
  | { kind: 'update'; since: string | null }
  | { kind: 'missing' }
  | { kind: 'refused'; reason: string };

/** One key per stored link: PARENT by parent and child, SPOUSE and SIBLING whatever the direction. */
export const pairKey = (relation: string, a: string, b: string): string => (relation === 'PARENT' || a < b ? `${relation}|${a}|${b}` : `${relation}|${b}|${a}`);

export function planLinks(links: readonly StoredLink[], graph: LinkGraph): LinkDecision[] {
  /** Existing links (stored, or created earlier in the list) with their current `since`. */
  const existing = new Map<string, string | null>();
  const parentsOf = new Map<string, Set<string>>();
  const addParent = (parent: string, child: string, since: string | null): void => {
    const set = parentsOf.get(child) ?? new Set<string>();
    set.add(parent);
    parentsOf.set(child, set);
    existing.set(pairKey('PARENT', parent, child), since);
  };
  for (const e of graph.parents) addParent(e.parent, e.child, e.since ?? null);
  for (const e of graph.symmetric) existing.set(pairKey(e.relation, e.a, e.b), e.since ?? null);

  /** Is `ancestor` among the ancestors of `of`, at most MAX_ANCESTRY_DEPTH generations up? */
  const isAncestor = (ancestor: string, of: string): boolean => {
    let layer = [of];
    const seen = new Set(layer);
    for (let depth = 0; depth < MAX_ANCESTRY_DEPTH && layer.length > 0; depth += 1) {
      const next: string[] = [];
      for (const x of layer) {
        for (const p of parentsOf.get(x) ?? []) {
          if (p === ancestor) return true;
          if (!seen.has(p)) {
            seen.add(p);
            next.push(p);
          }
        }
      }
      layer = next;
    }
    return false;
  };

  return links.map((link): LinkDecision => {
    const [a, b] = [graph.persons.get(link.a), graph.persons.get(link.b)];
    if (!a || !b) return { kind: 'missing' };
    const key = pairKey(link.relation, link.a, link.b);
    const since = link.since ?? null;
    const current = existing.has(key) ? (existing.get(key) ?? null) : undefined;
    if (current !== undefined && (since === null || since === current)) return { kind: 'exists', since: current };
    for (const [id, p] of [[link.a, a], [link.b, b]] as const) {
      if (p.forgotten) return { kind: 'refused', reason: `Person ${id} was erased and cannot be linked` };
    }
    if (current !== undefined) {
      existing.set(key, since);
      return { kind: 'update', since };
    }
    if (link.relation === 'PARENT') {
      const problems: string[] = [];
      if (isAncestor(link.b, link.a)) problems.push(`${link.b} is already an ancestor of ${link.a}: the link would make someone their own ancestor`);
      if (a.birthDate && b.birthDate && a.birthDate >= b.birthDate) problems.push(`the parent ${link.a} must be born before the child ${link.b}`);
      const others = [...(parentsOf.get(link.b) ?? [])].filter((p) => p !== link.a).length;
      if (others >= 2) problems.push(`${link.b} already has two parents`);
      if (problems.length) return { kind: 'refused', reason: `Invalid PARENT link: ${problems.join('; ')}` };
      addParent(link.a, link.b, since);
    } else {
      existing.set(key, since);
    }
    return { kind: 'create', since };
  });
}
