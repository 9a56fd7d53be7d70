/**
 * Every statement under cypher/ (but the migrations' DDL), and every named statement of the
 * test kit under test/kit/cypher/, is planned with EXPLAIN against the test Neo4j, so a
 * statement that no longer parses or plans fails here instead of at the first request (or
 * test) that uses it. EXPLAIN needs each $param present, but does not execute: the values
 * come from a table keyed on the parameter's name and only need plausible types. Then, for
 * every statement that reads, the plan must not scan all nodes (unless allowed below).
 */
import neo4j, { type Plan, type ResultSummary } from 'neo4j-driver';
import { CypherRegistry } from '../../../src/db/cypher';
import type { Database } from '../../../src/db/database';
import { splitStatements } from '../../../src/db/migrations';
import { TREE_TIERS } from '../../../src/referral/referral.model';
import { treeLevelsStatement } from '../../../src/referral/referral.repository';
import { kitCypher, testDatabase } from '../../kit';

const registry = CypherRegistry.load();
const NAMES = registry.names().filter((n) => !n.startsWith('migrations/'));
/** The test kit's statements, named `test/kit/cypher/<name>` below. */
const KIT = 'test/kit/cypher/';
const KIT_NAMES = kitCypher().names();

/** Files that are templates: the statements built from them, as the code builds them. */
const TEMPLATES: Record<string, (text: string) => string[]> = {
  'referral/tree-levels': (text) => TREE_TIERS.map((tier) => treeLevelsStatement(text, tier)),
};

/**
 * Statements whose plan may hold an AllNodesScan, with why. None of cypher/: even the bench/
 * and db/ statements scan by label (bench/cli-plain-cleanup: UnionNodeByLabelsScan).
 */
const SCAN_ALLOWED: Record<string, string> = {
  [`${KIT}privacy/all-properties`]: 'a privacy scan reads every node and relationship of the database on purpose',
  [`${KIT}graph/all-nodes`]: 'a canonical dump of a test\'s private database reads every node on purpose',
  [`${KIT}graph/all-relationships`]: 'a canonical dump of a test\'s private database reads every relationship on purpose',
};

/** Parameters whose name-based value does not plan (a type EXPLAIN checks), with why. */
const PARAM_OVERRIDES: Record<string, unknown> = {
  // identity/update-person: `SET p += $props` needs a map
  props: { displayName: 'x' },
  // views/household-bundle: `$needs.identifiers`, `$needs.relativesDegree` read a map
  needs: { identifiers: true, policies: true, relationships: true, relativesDegree: neo4j.int(2) },
  // worklist/page: `$birthdays[w.monthDay]` looks a month-day up in a map
  birthdays: {},
  // a cursor: an id in worklist/all-households, a map ($after.premium) in advisors/orphan-households; null (from the start) plans for both
  after: null,
  // test/kit/cypher/family/links-between: `$anyDirection AND ...` needs a boolean
  anyDirection: true,
  // worklist/state-inputs: `WHERE $lock` (the write path locks what it reads) needs a boolean
  lock: true,
  // customers/people, people-summary: the filter map ($f.start, $f.tags[0], ...), planned with every bound on
  f: { start: 'all', advisorId: 'x', tiers: ['GOLD'], segments: ['NEW'], tags: ['x'], minScore: 0, bornOnOrBefore: '2000-01-01', bornAfter: '1900-01-01' },
  // customers/add-tags, remove-tags: tag names
  names: ['x'],
  // contact/append-log and contact/record-consent read maps ($entry.id, $consent.id)
  entry: { id: 'x' },
  consent: { id: 'x' },
  // contact/sealed-of-persons: `i.type IN $types` needs a list
  types: ['x'],
};

function valueFor(name: string): unknown {
  if (name in PARAM_OVERRIDES) return PARAM_OVERRIDES[name];
  if (/(Ids|ids|keys|Keys|candidates|kinds|Days)$/.test(name)) return ['x'];
  if (/^(rows|batch|items|events|households|starts|pieces|roots|states|deltas)$/.test(name)) return [];
  if (/^(is|has|set)[A-Z]/.test(name)) return true;
  if (/^(limit|first|skip|depth|maxDepth)$/.test(name)) return neo4j.int(10);
  if (/Ms$/.test(name)) return neo4j.int(0);
  if (/(Date|date|From|from|To|Since|since|At)$|^(at|to|now|today)$/.test(name)) return '2026-01-01';
  return 'x';
}

/** Every $param the statement references (none from comments), with a value. */
function paramsFor(statement: string): Record<string, unknown> {
  const code = statement.replace(/\/\/.*$/gm, '');
  const params: Record<string, unknown> = {};
  for (const [, name] of code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) params[name] = valueFor(name);
  return params;
}

function operators(plan: Plan): string[] {
  return [plan.operatorType.split('@')[0], ...plan.children.flatMap(operators)];
}

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(async () => {
  await db.close();
});

async function explain(statement: string): Promise<ResultSummary> {
  const session = db.driver.session({ defaultAccessMode: neo4j.session.WRITE });
  try {
    return (await session.run(`EXPLAIN ${statement}`, paramsFor(statement))).summary;
  } finally {
    await session.close();
  }
}

/** EXPLAIN each statement of a file (`name` as listed in SCAN_ALLOWED): it plans, and a read scans no more than allowed. */
async function planned(name: string, texts: string[]): Promise<void> {
  const statements = texts.flatMap(splitStatements);
  expect(statements.length).toBeGreaterThan(0);
  for (const statement of statements) {
    const summary = await explain(statement);
    const plan = summary.plan;
    if (!plan) throw new Error(`${name}: EXPLAIN returned no plan`);
    // 'w': writes only, 's': schema (neo4j-driver's queryType values)
    const writeOnly = summary.queryType === 'w' || summary.queryType === 's';
    if (!writeOnly && !(name in SCAN_ALLOWED)) expect(operators(plan)).not.toContain('AllNodesScan');
  }
}

test('the registries hold the statements', () => {
  expect(NAMES.length).toBeGreaterThan(80);
  expect(KIT_NAMES.length).toBeGreaterThan(20);
});

test('the scan check sees an AllNodesScan', async () => {
  const plan = (await explain(kitCypher().get('privacy/all-properties'))).plan;
  expect(plan && operators(plan)).toContain('AllNodesScan');
});

test.each(NAMES)('EXPLAIN %s', async (name) => {
  await planned(name, (TEMPLATES[name] ?? ((text: string) => [text]))(registry.get(name)));
});

test.each(KIT_NAMES)(`EXPLAIN ${KIT}%s`, async (name) => {
  await planned(`${KIT}${name}`, [kitCypher().get(name)]);
});
