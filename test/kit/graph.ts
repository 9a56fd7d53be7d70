/**
 * Reading (and, for set-up the API cannot do, writing) the graph directly, for assertions on
 * what is stored. Tests hold no Cypher: every statement is a named file under
 * test/kit/cypher/ (name = path without `.cypher`, like the app's cypher/), planned by
 * test/integration/db/explain.test.ts like the production statements.
 *
 *   const g = graph(t);   // fine at file level with a useTestApp handle: the database is read at call time
 *   expect(await g.count('identity/identifiers-by-key', { keys })).toBe(3);
 */
import { join } from 'node:path';
import { CypherRegistry } from '../../src/db/cypher';
import type { Database, Params } from '../../src/db/database';
import { repoRoot } from '../../src/paths';

export const KIT_CYPHER_DIR = join(repoRoot(), 'test', 'kit', 'cypher');

let registry: CypherRegistry | undefined;

/** The kit's named statements (loaded once). */
export function kitCypher(): CypherRegistry {
  registry ??= CypherRegistry.load(KIT_CYPHER_DIR);
  return registry;
}

export type LinkType = 'PARENT_OF' | 'SPOUSE_OF' | 'SIBLING_OF';

export interface Graph {
  /** The rows of a named read statement. */
  rows<T = Record<string, unknown>>(name: string, params?: Params): Promise<T[]>;
  /** How many rows a named read statement returns. */
  count(name: string, params?: Params): Promise<number>;
  /** The one row of a named read statement (fails when there is not exactly one). */
  one<T = Record<string, unknown>>(name: string, params?: Params): Promise<T>;
  /** Run a named write statement (test set-up the API cannot make). */
  write(name: string, params?: Params): Promise<void>;
  /** How many stored family links of `type` go from a to b (either way when `anyDirection`). */
  countLinks(a: string, type: LinkType, b: string, anyDirection?: boolean): Promise<number>;
  /** The `since` of each such link (null: none). */
  linkSince(a: string, type: LinkType, b: string, anyDirection?: boolean): Promise<Array<string | null>>;
  /** Whether a Policy node with this policyNo is stored. */
  policyExists(policyNo: string): Promise<boolean>;
  /** The stored properties of the Person node (empty when there is none). */
  personProperties(oneId: string): Promise<Array<Record<string, unknown>>>;
  /** Every property of every node and relationship, as one JSON text (privacy scans). */
  dumpAllProperties(): Promise<string>;
}

/** Graph reads and writes through the app's database (a `useTestApp` handle, a TestApp, or anything with `db`). */
export function graph(t: { db: Database }): Graph {
  const rows = <T>(name: string, params: Params = {}): Promise<T[]> => t.db.read((tx) => tx.run<T>(kitCypher().get(name), params));
  const links = (a: string, type: LinkType, b: string, anyDirection = false): Promise<Array<{ since: string | null }>> =>
    rows<{ since: string | null }>('family/links-between', { a, type, b, anyDirection });
  const g: Graph = {
    rows,
    async count(name, params) {
      return (await rows(name, params)).length;
    },
    async one<T>(name: string, params?: Params): Promise<T> {
      const found = await rows<T>(name, params);
      if (found.length !== 1) throw new Error(`${name}: expected one row, got ${found.length}`);
      return found[0]!;
    },
    async write(name, params = {}) {
      await t.db.write((tx) => tx.run(kitCypher().get(name), params));
    },
    async countLinks(a, type, b, anyDirection) {
      return (await links(a, type, b, anyDirection)).length;
    },
    async linkSince(a, type, b, anyDirection) {
      return (await links(a, type, b, anyDirection)).map((r) => r.since);
    },
    async policyExists(policyNo) {
      return (await g.count('coverage/policies-by-no', { policyNo })) > 0;
    },
    async personProperties(oneId) {
      return (await rows<{ properties: Record<string, unknown> }>('identity/person-properties', { oneId })).map((r) => r.properties);
    },
    async dumpAllProperties() {
      return JSON.stringify((await rows<{ properties: unknown }>('privacy/all-properties')).map((r) => r.properties));
    },
  };
  return g;
}
