/**
 * The person export's statements (cypher/views/person-export/*.cypher), each run in the
 * export's transaction: one per section the features other than contact hold.
 */
import type { CypherRegistry } from '../../db/cypher';
import type { Row, Tx } from '../../db/database';

export const EXPORT_STATEMENTS = ['person', 'devices', 'household', 'family-links', 'policies', 'invitations', 'life-events', 'interactions'] as const;
export type ExportStatement = (typeof EXPORT_STATEMENTS)[number];

export class PersonExportRepository {
  private readonly q: Record<ExportStatement, string>;

  constructor(cypher: CypherRegistry) {
    this.q = cypher.pick('views/person-export', EXPORT_STATEMENTS);
  }

  rows(tx: Tx, name: ExportStatement, oneId: string): Promise<Row[]> {
    return tx.run(this.q[name], { oneId });
  }
}
