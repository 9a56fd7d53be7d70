/**
 * The README's first request is what a new user pastes: it must be a valid operation of the
 * served schema, and every identifier in it must be one the service keeps (not dropped by the
 * junk list as an example or placeholder value, nor refused as invalid), so that the answer
 * the README describes (one OneID holding both identifiers) is the answer the user gets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, Kind, parse, validate, visit, type ObjectValueNode } from 'graphql';
import { classifyIdentifier } from '../../../src/identity/junk';
import type { IdentifierType } from '../../../src/identity/identifier';
import { repoRoot } from '../../../src/paths';

const README = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
const served = buildSchema(readFileSync(join(repoRoot(), 'schema', 'schema.graphql'), 'utf8'));

/** The JSON bodies of the README's curl examples (`-d '{...}'`). */
const bodies = [...README.matchAll(/-d '(\{.*\})'/g)].map((m) => JSON.parse(m[1]!) as { query: string });

/** The identifier literals ({type, value, namespace}) of an operation. */
function identifiersIn(query: string): Array<{ type: IdentifierType; value: string; namespace?: string }> {
  const found: Array<{ type: IdentifierType; value: string; namespace?: string }> = [];
  visit(parse(query), {
    ObjectValue(node: ObjectValueNode) {
      const field = (name: string) => node.fields.find((f) => f.name.value === name)?.value;
      const type = field('type');
      const value = field('value');
      if (type?.kind === Kind.ENUM && value?.kind === Kind.STRING) {
        const ns = field('namespace');
        found.push({ type: type.value as IdentifierType, value: value.value, ...(ns?.kind === Kind.STRING ? { namespace: ns.value } : {}) });
      }
    },
  });
  return found;
}

describe('README: a first request', () => {
  it('has at least one example request', () => {
    expect(bodies.length).toBeGreaterThan(0);
  });

  it.each(bodies.map((b, i) => [i, b.query] as const))('example %i is a valid operation of the served schema', (_i, query) => {
    expect(validate(served, parse(query)).map((e) => e.message)).toEqual([]);
  });

  it('ingests identifiers the service keeps: none is junk or invalid', () => {
    const ids = bodies.flatMap((b) => identifiersIn(b.query));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids.map((id) => classifyIdentifier(id).kind)).toEqual(ids.map(() => 'valid'));
  });
});
