/**
 * Start-up validation of the environment (README, Configuration): defaults apply when a
 * variable is unset, and a bad value stops the service with a message naming the variable.
 */
import { ConfigError, loadConfig } from '../../../src/config/config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(4000);
    expect(c.neo4j.uri).toBeNull();
    expect(c.neo4j.localPort).toBe(7687);
    expect(c.neo4j.timeoutMs).toBe(5000);
  });

  it('reads NEO4J_LOCAL_PORT, 0 meaning any free port', () => {
    expect(loadConfig({ NEO4J_LOCAL_PORT: '7701' }).neo4j.localPort).toBe(7701);
    expect(loadConfig({ NEO4J_LOCAL_PORT: '0' }).neo4j.localPort).toBe(0);
  });

  it.each([
    ['NEO4J_LOCAL_PORT', 'bolt'],
    ['NEO4J_LOCAL_PORT', '70000'],
    ['PORT', '-1'],
    ['NEO4J_TIMEOUT_MS', '100'],
    ['NEO4J_URI', 'http://localhost:7474'],
  ])('refuses %s=%s with an error naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
