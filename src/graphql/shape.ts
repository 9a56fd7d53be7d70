/**
 * A pre-validation guard against documents that are cheap to send and expensive to validate.
 *
 * graphql-js's OverlappingFieldsCanBeMerged rule compares every pair of fields that share a
 * response name, recursively through their sub-selections, and runs before any other check
 * can stop it (validation happens before authentication, so no token is needed):
 * `{ person(oneId: "x") { oneId } ... }` repeated 1000 times (a 30 KB request, under the token
 * limit) costs half a minute of CPU and blocks the event loop for every other caller
 * (graphql/graphql-js#2185, #3955). This guard parses the document with the same token limit
 * and refuses it before Apollo validates it when
 * - it selects more than `maxFields` fields once fragments are expanded (MAX_QUERY_FIELDS), or
 * - the field-merging comparisons it would cost exceed OVERLAP_BUDGET (repeated fields; clients
 *   that compose fragments repeat a few fields, far below it).
 * Counting stops at the budget, so the guard itself costs at most O(maxFields + OVERLAP_BUDGET).
 */
import { DocumentNode, FragmentDefinitionNode, Kind, parse, SelectionSetNode } from 'graphql';

/** Field-pair comparisons allowed for merging checks (well under 0.1 s of graphql-js validation). */
export const OVERLAP_BUDGET = 1000;

interface Flat {
  key: string;
  children: Flat[] | null;
}

export interface ShapeRefusal {
  limit: 'MAX_QUERY_FIELDS';
  message: string;
}

class Exhausted extends Error {}

function flatten(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  budget: { fields: number },
  stack: Set<string>,
  out: Flat[] = [],
): Flat[] {
  const spread = new Set<string>();
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (--budget.fields < 0) throw new Exhausted();
      out.push({
        key: sel.alias?.value ?? sel.name.value,
        children: sel.selectionSet ? flatten(sel.selectionSet, fragments, budget, stack) : null,
      });
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      flatten(sel.selectionSet, fragments, budget, stack, out);
    } else {
      const name = sel.name.value;
      const fragment = fragments.get(name);
      // Unknown and cyclic spreads are validation errors reported by graphql-js itself.
      if (!fragment || spread.has(name) || stack.has(name)) continue;
      spread.add(name);
      stack.add(name);
      flatten(fragment.selectionSet, fragments, budget, stack, out);
      stack.delete(name);
    }
  }
  return out;
}

function byKey(fields: Flat[]): Map<string, Flat[]> {
  const m = new Map<string, Flat[]>();
  for (const f of fields) {
    const list = m.get(f.key);
    if (list) list.push(f);
    else m.set(f.key, [f]);
  }
  return m;
}

function charge(budget: { pairs: number }): void {
  if (--budget.pairs < 0) throw new Exhausted();
}

function comparePair(a: Flat, b: Flat, budget: { pairs: number }): void {
  charge(budget);
  if (!a.children || !b.children) return;
  const left = byKey(a.children);
  for (const [key, bs] of byKey(b.children)) {
    for (const x of left.get(key) ?? []) for (const y of bs) comparePair(x, y, budget);
  }
}

function compareWithin(fields: Flat[], budget: { pairs: number }): void {
  for (const group of byKey(fields).values()) {
    for (let i = 0; i < group.length; i += 1) for (let j = i + 1; j < group.length; j += 1) comparePair(group[i], group[j], budget);
  }
  for (const f of fields) if (f.children) compareWithin(f.children, budget);
}

/** Why `document` must be refused before validation, or null when its shape is fine. */
export function checkDocumentShape(document: DocumentNode, maxFields: number): ShapeRefusal | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const fieldBudget = { fields: maxFields };
  const pairBudget = { pairs: OVERLAP_BUDGET };
  // Every operation and every fragment definition (used or not) goes through validation.
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION && def.kind !== Kind.FRAGMENT_DEFINITION) continue;
    let flat: Flat[];
    try {
      flat = flatten(def.selectionSet, fragments, fieldBudget, new Set(def.kind === Kind.FRAGMENT_DEFINITION ? [def.name.value] : []));
    } catch (e) {
      if (!(e instanceof Exhausted)) throw e;
      return { limit: 'MAX_QUERY_FIELDS', message: `Query selects more than ${maxFields} fields (fragments expanded)` };
    }
    try {
      compareWithin(flat, pairBudget);
    } catch (e) {
      if (!(e instanceof Exhausted)) throw e;
      return {
        limit: 'MAX_QUERY_FIELDS',
        message: 'Query repeats the same fields too often: select each field once per selection set',
      };
    }
  }
  return null;
}

/** Parse (with the token limit) and check; a document that does not parse is left to Apollo. */
export function checkQueryShape(query: unknown, opts: { maxTokens: number; maxFields: number }): ShapeRefusal | null {
  if (typeof query !== 'string') return null;
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true, maxTokens: opts.maxTokens });
  } catch {
    return null;
  }
  return checkDocumentShape(document, opts.maxFields);
}
