/** The few reads the CLI needs beyond the services (scoring an import against its truth file). */
import type { CypherRegistry } from '../db/cypher';
import type { Database } from '../db/database';

export class CliRepository {
  private readonly q: Record<'resolve-keys', string>;

  constructor(
    private readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('cli', ['resolve-keys'] as const);
  }

  /** key -> OneID for the keys that resolve (unknown and shared keys are absent). */
  async resolveKeys(keys: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.read((tx) => tx.run<{ key: string; oneId: string }>(this.q['resolve-keys'], { keys }));
    return new Map(rows.map((r) => [r.key, r.oneId]));
  }
}
