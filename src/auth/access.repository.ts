import type { CypherRegistry } from '../db/cypher';
import type { Database } from '../db/database';

export interface CustomerView {
  self: string;
  households: string[];
  members: string[];
  relatives: string[];
}

export class AccessRepository {
  private readonly q;

  constructor(
    private readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.q = cypher.pick('auth', ['customer-view', 'advisor-persons', 'advisor-households', 'advisor-active']);
  }

  async customerView(oneId: string): Promise<CustomerView | null> {
    const rows = await this.db.read((tx) => tx.run<CustomerView>(this.q['customer-view'], { oneId }));
    return rows[0] ?? null;
  }

  async advisorPersons(advisorId: string, oneIds: string[]): Promise<Set<string>> {
    const rows = await this.db.read((tx) => tx.run<{ oneId: string }>(this.q['advisor-persons'], { advisorId, oneIds }));
    return new Set(rows.map((r) => r.oneId));
  }

  /** False when the advisor's record says LEFT (such an advisor reads nothing); true otherwise, unknown included. */
  async advisorActive(advisorId: string): Promise<boolean> {
    const rows = await this.db.read((tx) => tx.run<{ active: boolean }>(this.q['advisor-active'], { advisorId }));
    return rows[0]?.active ?? true;
  }

  async advisorHouseholds(advisorId: string, ids: string[]): Promise<Set<string>> {
    const rows = await this.db.read((tx) => tx.run<{ id: string }>(this.q['advisor-households'], { advisorId, ids }));
    return new Set(rows.map((r) => r.id));
  }
}
