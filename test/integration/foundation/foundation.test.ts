/** The service runs on a real Neo4j: version, migrations, health endpoints, auth gate. */
import { CypherRegistry } from '../../../src/db/cypher';
import { migrate } from '../../../src/db/migrations';
import { graph, useTestApp } from '../../kit';

const t = useTestApp();

describe('foundation', () => {
  it('talks to a real Neo4j 5.26', async () => {
    const rows = await t.db.read((tx) => tx.run<{ name: string; version: string; edition: string }>(t.app.cypher.get('db/components')));
    expect(rows[0].name).toBe('Neo4j Kernel');
    expect(rows[0].version).toMatch(/^5\.26\./);
    expect(['community', 'enterprise']).toContain(rows[0].edition);
  });

  it('migrations are recorded and running them again changes nothing', async () => {
    const registry = CypherRegistry.load();
    const constraints = async (): Promise<string[]> => (await graph(t).one<{ names: string[] }>('db/constraint-names')).names;
    const schemaBefore = await constraints();
    const report = await migrate(t.db, registry);
    expect(report.applied).toEqual([]);
    expect(report.skipped.length).toBe(registry.names('migrations/').length);
    const schemaAfter = await constraints();
    expect([...schemaAfter].sort()).toEqual([...schemaBefore].sort());
    expect(schemaAfter).toEqual(expect.arrayContaining(['person_oneid', 'identifier_key']));
  });

  it('answers /healthz and /readyz', async () => {
    const base = t.app.server.url.replace(/\/graphql$/, '');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('answers { __typename } and refuses a bad token with UNAUTHENTICATED', async () => {
    const res = await t.gql('{ __typename }', {}, null);
    expect(res.data).toEqual({ __typename: 'Query' });
    const bad = await fetch(t.app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const body = (await bad.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('fails at start-up on a Cypher name that does not exist', () => {
    expect(() => CypherRegistry.load().pick('identity', ['no-such-query'])).toThrow(/No Cypher file named "identity\/no-such-query"/);
  });
});
