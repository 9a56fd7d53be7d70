/**
 * A whole database as a canonical, comparable text: two loads of the same data that differ only
 * in random ids and wall-clock times give equal results. For a test's PRIVATE database (it
 * reads every node), e.g. the online and the bulk import of one file.
 *
 * - Nodes are named by what they are, not by their random ids: an identifier by its key, a
 *   person by its smallest identifier key, a household by its members, an alias or a data key
 *   by the person it belongs to, anything else by its natural id (id, advisorId, eventId,
 *   policyNo, key, name) or, lacking one, its properties.
 * - In property values, a OneID or household id becomes the name of its node, any other UUID
 *   `<uuid>`, a time within a day of now (when the load ran: the data compared must be older) `<now>`, and ciphertexts `<sealed>`
 *   (random by design). Lock counters (`*Lock`) are dropped: they count writes, not facts; so
 *   are digests of inputs that include OneIDs (`stateHash`, a work item's `hash` and `key`).
 * - Stored JSON (work-list and cross-sell state) is compared with its arrays sorted: entries
 *   that tie are ordered by OneID where they are built.
 * - Where the contract lets a tie be broken by OneID order, the choice is left out: a MARRIAGE
 *   item names "one of" the spouses (its suggestions, and the cross-sell MARRIAGE trigger's
 *   person, are not compared; its date, score and household are). Data keys are compared
 *   as "this person has a data key": an online merge keeps the keys of both parts, a bulk
 *   load seals each person under one key (reveal answers the same).
 * - Bookkeeping labels (Migration, Lock, BulkLoad) are left out.
 */
import type { Database } from '../../src/db/database';
import { graph } from './graph';

export interface CanonicalGraph {
  /** One line per node, sorted. */
  nodes: string[];
  /** One line per relationship (from, type, to, properties), sorted. */
  relationships: string[];
}

const SKIPPED_LABELS = new Set(['Migration', 'Lock', 'BulkLoad']);
const SEALED = new Set(['cipher', 'iv', 'tag', 'sealed']);
/** Digests over inputs that include random ids: left out (the inputs themselves are compared). */
const DIGESTS = new Set(['stateHash', 'hash']);
/** Labels whose `key` is such a digest (named by their properties instead). */
const DIGEST_KEYED = new Set(['WorkItem']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const DAY = 86_400_000;

interface Row {
  id: string;
  labels: string[];
  props: Record<string, unknown>;
}
interface Rel {
  from: string;
  type: string;
  to: string;
  props: Record<string, unknown>;
}

export async function canonicalGraph(db: Database): Promise<CanonicalGraph> {
  const g = graph({ db });
  const nodes = (await g.rows<Row>('graph/all-nodes')).filter((n) => !n.labels.some((l) => SKIPPED_LABELS.has(l)));
  const rels = await g.rows<Rel>('graph/all-relationships');
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const name = new Map<string, string>();
  const index = (end: (r: Rel) => string): Map<string, Rel[]> => {
    const by = new Map<string, Rel[]>();
    for (const r of rels) {
      const key = `${end(r)} ${r.type}`;
      const list = by.get(key);
      if (list) list.push(r);
      else by.set(key, [r]);
    }
    return by;
  };
  const [fromIndex, toIndex] = [index((r) => r.from), index((r) => r.to)];
  const out = (id: string, type: string): Rel[] => fromIndex.get(`${id} ${type}`) ?? [];
  const into = (id: string, type: string): Rel[] => toIndex.get(`${id} ${type}`) ?? [];
  const label = (n: Row): string => n.labels.join(':');

  for (const n of nodes) if (n.labels.includes('Identifier')) name.set(n.id, `Identifier ${String(n.props.key)}`);
  for (const n of nodes.filter((x) => x.labels.includes('Person'))) {
    const keys = into(n.id, 'IDENTIFIES').map((r) => String(byId.get(r.from)?.props.key)).sort();
    name.set(n.id, `Person ${keys[0] ?? '(no identifier)'}`);
  }
  for (const n of nodes.filter((x) => x.labels.includes('Household'))) {
    const members = into(n.id, 'MEMBER_OF').map((r) => name.get(r.from) ?? '?').sort();
    name.set(n.id, `Household [${members.join(', ')}]`);
  }
  for (const n of nodes) {
    if (name.has(n.id)) continue;
    if (n.labels.includes('Alias')) name.set(n.id, `Alias of ${name.get(out(n.id, 'ALIAS_OF')[0]?.to ?? '') ?? '?'}`);
    else if (n.labels.includes('DataKey')) name.set(n.id, `DataKey of ${out(n.id, 'KEY_OF').map((r) => name.get(r.to) ?? '?').sort().join(', ')}`);
    else {
      const p = withoutDigestKey(n);
      const natural = p.id ?? p.advisorId ?? p.eventId ?? p.policyNo ?? p.key ?? p.name;
      name.set(n.id, natural !== undefined ? `${label(n)} ${String(natural)}` : `${label(n)} ${JSON.stringify(clean(p, new Map(), Date.now()))}`);
    }
  }
  // Values that hold a OneID or a household id name its node instead.
  const byValue = new Map<string, string>();
  for (const n of nodes) {
    if ((n.labels.includes('Person') || n.labels.includes('Alias')) && typeof n.props.oneId === 'string') byValue.set(n.props.oneId, name.get(n.id)!);
    if (n.labels.includes('Household') && typeof n.props.id === 'string') byValue.set(n.props.id, name.get(n.id)!);
  }
  const now = Date.now();
  const nodeLines = nodes.map((n) => `${name.get(n.id)} ${JSON.stringify(clean(untied(n), byValue, now))}`).sort();
  const relLines = rels
    .filter((r) => byId.has(r.from) && byId.has(r.to))
    .map((r) => `${name.get(r.from)} -[${r.type} ${JSON.stringify(clean(r.props, byValue, now))}]-> ${name.get(r.to)}`)
    .sort();
  const isKey = (l: string): boolean => l.startsWith('DataKey of ');
  return { nodes: dedupe(nodeLines, isKey), relationships: dedupe(relLines, isKey) };
}

/** Lines `only` matches counted once (sorted input). */
function dedupe(lines: string[], only: (l: string) => boolean): string[] {
  return lines.filter((l, i) => !only(l) || lines[i - 1] !== l);
}

function withoutDigestKey(n: Row): Record<string, unknown> {
  return DIGEST_KEYED.has(n.labels[0]) ? Object.fromEntries(Object.entries(n.props).filter(([k]) => k !== 'key')) : { ...n.props };
}

/** A node's properties without the choices the contract leaves to OneID order (see the header). */
function untied(n: Row): Record<string, unknown> {
  const p = withoutDigestKey(n);
  if (n.labels.includes('WorkItem') && p.kind === 'MARRIAGE') delete p.suggestions;
  if (n.labels.includes('Household') && typeof p.crossSell === 'string') {
    const state = JSON.parse(p.crossSell) as { t?: unknown[][] };
    state.t = (state.t ?? []).map((t) => (t[0] === 'MARRIAGE' ? [t[0], '<a spouse>', ...t.slice(2)] : t));
    p.crossSell = JSON.stringify(state);
  }
  return p;
}

/**
 * A property that holds JSON (stored state): its arrays sorted, since entries that tie are
 * ordered by OneID (random) where they are built.
 */
function jsonText(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sorted(x)]));
    return v;
  };
  return JSON.stringify(sorted(parsed));
}

function clean(props: Record<string, unknown>, byValue: ReadonlyMap<string, string>, now: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(props).sort()) {
    if (key.endsWith('Lock') || key === 'oneId' || DIGESTS.has(key)) continue;
    if (SEALED.has(key)) out[key] = '<sealed>';
    else out[key] = value(props[key], byValue, now);
  }
  return out;
}

function value(v: unknown, byValue: ReadonlyMap<string, string>, now: number): unknown {
  if (typeof v === 'number' && Math.abs(v - now) < DAY) return '<now>';
  if (typeof v === 'string') {
    const t = /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) : NaN;
    if (!Number.isNaN(t) && Math.abs(t - now) < DAY) return '<now>';
    const named = v.replace(UUID, (u) => byValue.get(u) ?? '<uuid>');
    return /^[[{]/.test(named) ? jsonText(named) : named;
  }
  if (Array.isArray(v)) return v.map((x) => value(x, byValue, now));
  if (v !== null && typeof v === 'object') return clean(v as Record<string, unknown>, byValue, now);
  return v;
}
