/**
 * Every committed operation in schema/operations (what the advisor console, the benches and
 * client apps send) validates against the served schema (schema/schema.graphql, which the
 * schema test keeps equal to what the code emits). An operation whose first line says
 * `# pending: <extension>.graphql` waits for a contract extension another issue is building:
 * until the served schema has it, it validates against the served schema plus that extension.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { repoRoot } from '../../../src/paths';

const OPERATIONS = join(repoRoot(), 'schema', 'operations');
const CONTRACT_DIR = join(repoRoot(), '..', 'shared', 'contract');
const SERVED = readFileSync(join(repoRoot(), 'schema', 'schema.graphql'), 'utf8');

const files = readdirSync(OPERATIONS).filter((f) => f.endsWith('.graphql')).sort();
const served = buildSchema(SERVED);

/** The extension a pending operation names (`# pending: contact.graphql` on its first line), if any. */
function pendingExtension(text: string): string | null {
  const m = /^#\s*pending:\s*([\w.-]+\.graphql)\s*$/m.exec(text.split('\n')[0] ?? '');
  return m ? m[1]! : null;
}

const errorsAgainst = (schema: GraphQLSchema, text: string): string[] => validate(schema, parse(text)).map((e) => e.message);

describe('schema/operations', () => {
  it('holds the operations the console runs', () => {
    expect(files).toEqual(expect.arrayContaining(['familyView.graphql', 'worklist.graphql', 'householdSuggestions.graphql', 'referralView.graphql', 'revealIdentifiers.graphql']));
  });

  it.each(files)('%s is one named operation with a header comment', (file) => {
    const text = readFileSync(join(OPERATIONS, file), 'utf8');
    expect(text.startsWith('#')).toBe(true);
    const doc = parse(text);
    expect(doc.definitions).toHaveLength(1);
    const [def] = doc.definitions;
    expect(def?.kind === 'OperationDefinition' && def.name?.value).toBeTruthy();
  });

  it.each(files)('%s validates against the served schema (or, pending, with its contract extension)', (file) => {
    const text = readFileSync(join(OPERATIONS, file), 'utf8');
    const againstServed = errorsAgainst(served, text);
    const extension = pendingExtension(text);
    if (againstServed.length === 0 || extension === null) {
      expect(againstServed).toEqual([]);
      return;
    }
    const path = join(CONTRACT_DIR, extension);
    if (!existsSync(path)) throw new Error(`${file} is pending on ${extension}, which is absent from ../shared/contract`);
    expect(errorsAgainst(buildSchema(`${SERVED}\n${readFileSync(path, 'utf8')}`), text)).toEqual([]);
  });

  it('refuses an operation that does not match the served schema', () => {
    expect(errorsAgainst(served, 'query Bad { household(id: "h") { noSuchField } }')).not.toEqual([]);
  });
});
