/**
 * Kinship derived from chains of asserted family links.
 *
 * A path lists the steps from the asking person outwards; each step names
 * what the next person is to the one before. [PARENT, PARENT] is a parent's
 * parent: a GRANDPARENT. Stored links are PARENT (from = parent, to = child),
 * SPOUSE and SIBLING (symmetric, stored once either way).
 *
 * `kinshipOf` first simplifies the path with six equivalences, applied to the
 * leftmost matching pair until none applies, then looks the result up in a
 * table of named kinships; anything not in the table is OTHER.
 *
 * Equivalences (family data is often incomplete, so a missing direct link
 * should not hide a close relative):
 * - PARENT, CHILD   -> SIBLING  a parent's child (full or half sibling without a SIBLING link)
 * - SIBLING, SIBLING -> SIBLING a sibling's sibling
 * - SIBLING, PARENT -> PARENT   a sibling's parent
 * - PARENT, SPOUSE  -> PARENT   a parent's spouse (step-parent)
 * - SPOUSE, CHILD   -> CHILD    a spouse's child (step-child)
 * - CHILD, SIBLING  -> CHILD    a child's sibling
 * Step-relations count as parent and child: under the PRC Civil Code
 * (art. 1072) step-parents and step-children who live as a family have the
 * rights and duties of parents and children, and for an insurance household
 * they are one economic unit. The path returned with the kinship still shows
 * the step (e.g. degree 2 for a step-parent).
 *
 * Named kinships (after simplification):
 * | path                     | kinship          |
 * |--------------------------|------------------|
 * | SPOUSE                   | SPOUSE           |
 * | PARENT / CHILD / SIBLING | same             |
 * | PARENT, PARENT           | GRANDPARENT      |
 * | CHILD, CHILD             | GRANDCHILD       |
 * | SPOUSE, PARENT           | PARENT_IN_LAW    |
 * | CHILD, SPOUSE            | CHILD_IN_LAW     |
 * | SPOUSE, SIBLING          | SIBLING_IN_LAW   |
 * | SIBLING, SPOUSE          | SIBLING_IN_LAW   |
 * | PARENT, SIBLING          | AUNT_OR_UNCLE    |
 * | PARENT, SIBLING, SPOUSE  | AUNT_OR_UNCLE (by marriage) |
 * | SIBLING, CHILD           | NIECE_OR_NEPHEW  |
 * | SPOUSE, SIBLING, CHILD   | NIECE_OR_NEPHEW (by marriage; the inverse of the row above) |
 * | PARENT, SIBLING, CHILD   | COUSIN           |
 * So e.g. [PARENT, PARENT, CHILD] (a grandparent's other child) is an
 * AUNT_OR_UNCLE, [PARENT, PARENT, CHILD, CHILD] a COUSIN. Deliberately OTHER:
 * [CHILD, PARENT] (my child's other parent: not necessarily a spouse),
 * great-grandparents and great-grandchildren (no such kinship in the contract),
 * a spouse's grandparents, aunts and cousins, co-parents-in-law.
 * The table is symmetric: if B is X to A, A is the inverse of X to B.
 */

/** Asserted family links (contract enum FamilyRelation). */
export type FamilyRelation = 'SPOUSE' | 'PARENT' | 'CHILD' | 'SIBLING';

/** Contract enum Kinship. */
export type Kinship =
  | 'SPOUSE'
  | 'PARENT'
  | 'CHILD'
  | 'SIBLING'
  | 'GRANDPARENT'
  | 'GRANDCHILD'
  | 'PARENT_IN_LAW'
  | 'CHILD_IN_LAW'
  | 'SIBLING_IN_LAW'
  | 'AUNT_OR_UNCLE'
  | 'NIECE_OR_NEPHEW'
  | 'COUSIN'
  | 'OTHER';

/** A stored link. PARENT: `from` is a parent of `to` (CHILD, the inverse, is accepted too). */
export interface FamilyLink {
  from: string;
  to: string;
  relation: FamilyRelation;
}

/** A relative found by `deriveRelatives` (contract type Relative, person as a OneID). */
export interface DerivedRelative {
  oneId: string;
  kinship: Kinship;
  /** Number of links on the shortest path. */
  degree: number;
  /** What each next person is to the one before, from the asking person outwards. */
  path: FamilyRelation[];
}

/** Largest maxDegree accepted by `deriveRelatives` (contract: 1 to 4). */
export const MAX_DEGREE = 4;

const EQUIVALENCES: ReadonlyArray<readonly [FamilyRelation, FamilyRelation, FamilyRelation]> = [
  ['PARENT', 'CHILD', 'SIBLING'],
  ['SIBLING', 'SIBLING', 'SIBLING'],
  ['SIBLING', 'PARENT', 'PARENT'],
  ['PARENT', 'SPOUSE', 'PARENT'],
  ['SPOUSE', 'CHILD', 'CHILD'],
  ['CHILD', 'SIBLING', 'CHILD'],
];

const NAMED: Readonly<Record<string, Kinship>> = {
  SPOUSE: 'SPOUSE',
  PARENT: 'PARENT',
  CHILD: 'CHILD',
  SIBLING: 'SIBLING',
  'PARENT,PARENT': 'GRANDPARENT',
  'CHILD,CHILD': 'GRANDCHILD',
  'SPOUSE,PARENT': 'PARENT_IN_LAW',
  'CHILD,SPOUSE': 'CHILD_IN_LAW',
  'SPOUSE,SIBLING': 'SIBLING_IN_LAW',
  'SIBLING,SPOUSE': 'SIBLING_IN_LAW',
  'PARENT,SIBLING': 'AUNT_OR_UNCLE',
  'PARENT,SIBLING,SPOUSE': 'AUNT_OR_UNCLE',
  'SIBLING,CHILD': 'NIECE_OR_NEPHEW',
  'SPOUSE,SIBLING,CHILD': 'NIECE_OR_NEPHEW',
  'PARENT,SIBLING,CHILD': 'COUSIN',
};

/** Applies the leftmost equivalence once; null when none applies. */
function simplifyOnce(path: readonly FamilyRelation[]): FamilyRelation[] | null {
  for (let i = 0; i + 1 < path.length; i++) {
    const rule = EQUIVALENCES.find(([a, b]) => a === path[i] && b === path[i + 1]);
    if (rule !== undefined) return [...path.slice(0, i), rule[2], ...path.slice(i + 2)];
  }
  return null;
}

/** The path reduced by the equivalences (see the module comment). */
export function simplifyPath(path: readonly FamilyRelation[]): FamilyRelation[] {
  let current = [...path];
  for (let next = simplifyOnce(current); next !== null; next = simplifyOnce(current)) {
    current = next;
  }
  return current;
}

/** The kinship a path of family relations describes (table in the module comment); OTHER when unnamed. */
export function kinshipOf(path: readonly FamilyRelation[]): Kinship {
  return NAMED[simplifyPath(path).join(',')] ?? 'OTHER';
}

/** The relation seen from the other end: PARENT <-> CHILD; SPOUSE and SIBLING are symmetric. */
export function inverseRelation(relation: FamilyRelation): FamilyRelation {
  return relation === 'PARENT' ? 'CHILD' : relation === 'CHILD' ? 'PARENT' : relation;
}

/**
 * The step from X across `link`, naming what the other end Y is to X; null
 * when the link does not touch X or links a person to itself.
 * A link says what `from` is to `to` (PARENT: from is to's parent), so seen
 * from `to` the step is the link's relation, and seen from `from` its inverse.
 */
function stepFrom(x: string, link: FamilyLink): { to: string; relation: FamilyRelation } | null {
  if (link.from === link.to) return null;
  if (link.to === x) return { to: link.from, relation: link.relation };
  if (link.from === x) return { to: link.to, relation: inverseRelation(link.relation) };
  return null;
}

type Adjacency = Map<string, Array<{ to: string; relation: FamilyRelation }>>;

function adjacency(links: readonly FamilyLink[]): Adjacency {
  const adj: Adjacency = new Map();
  for (const link of links) {
    for (const end of [link.from, link.to]) {
      const step = stepFrom(end, link);
      if (step === null) continue;
      const list = adj.get(end) ?? [];
      list.push(step);
      adj.set(end, list);
    }
  }
  return adj;
}

function comparePaths(a: readonly FamilyRelation[], b: readonly FamilyRelation[]): number {
  const aOther = kinshipOf(a) === 'OTHER' ? 1 : 0;
  const bOther = kinshipOf(b) === 'OTHER' ? 1 : 0;
  if (aOther !== bOther) return aOther - bOther;
  const ka = a.join(',');
  const kb = b.join(',');
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** One breadth-first layer: every distinct relation path to each person first reached at this depth. */
function nextLayer(frontier: Map<string, Set<string>>, adj: Adjacency, visited: Set<string>): Map<string, Set<string>> {
  const layer = new Map<string, Set<string>>();
  for (const [person, paths] of frontier) {
    for (const step of adj.get(person) ?? []) {
      if (visited.has(step.to)) continue;
      const found = layer.get(step.to) ?? new Set<string>();
      for (const path of paths) found.add(path === '' ? step.relation : `${path},${step.relation}`);
      layer.set(step.to, found);
    }
  }
  return layer;
}

function bestRelative(oneId: string, paths: Set<string>, degree: number): DerivedRelative {
  const candidates = [...paths].map((p) => p.split(',') as FamilyRelation[]).sort(comparePaths);
  const path = candidates[0] ?? [];
  return { oneId, kinship: kinshipOf(path), degree, path };
}

/**
 * Relatives of `start` within `maxDegree` links (1..4, else RangeError), each
 * once at its shortest distance. Links are walked in both directions; among
 * the shortest paths to a person, one whose kinship is not OTHER wins, then
 * the lexicographically smallest. Sorted by degree, then OneID.
 */
export function deriveRelatives(start: string, links: readonly FamilyLink[], maxDegree: number): DerivedRelative[] {
  if (!Number.isInteger(maxDegree) || maxDegree < 1 || maxDegree > MAX_DEGREE) {
    throw new RangeError(`maxDegree must be an integer from 1 to ${MAX_DEGREE}, got ${maxDegree}`);
  }
  const adj = adjacency(links);
  const visited = new Set<string>([start]);
  const relatives: DerivedRelative[] = [];
  let frontier = new Map<string, Set<string>>([[start, new Set([''])]]);
  for (let degree = 1; degree <= maxDegree && frontier.size > 0; degree++) {
    frontier = nextLayer(frontier, adj, visited);
    for (const [oneId, paths] of frontier) {
      visited.add(oneId);
      relatives.push(bestRelative(oneId, paths, degree));
    }
  }
  return relatives.sort((a, b) => a.degree - b.degree || (a.oneId < b.oneId ? -1 : a.oneId > b.oneId ? 1 : 0));
}
