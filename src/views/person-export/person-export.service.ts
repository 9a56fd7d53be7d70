/**
 * exportPerson: everything the service holds about a person as one JSON document (PIPL Art.
 * 45, the right to a copy), read in one write transaction that also appends the EXPORT entry
 * of the access log (GRANTED, or DENIED for a refused attempt).
 *
 * The document is a list of sections, each read by one function from the export's
 * transaction; a feature adds its data by adding a section (e.g. the customers feature's
 * interactions), without touching the others.
 */
import type { Principal } from '../../auth/principal';
import type { Clock } from '../../clock';
import { decideExport } from '../../contact/contact.model';
import type { ContactService } from '../../contact/contact.service';
import type { Row, Tx } from '../../db/database';
import type { ExportStatement, PersonExportRepository } from './person-export.repository';

/** Whose data a section reads: the live OneID, and every OneID merged into it. */
export interface ExportSubject {
  oneId: string;
  oneIds: string[];
}

export interface ExportSection {
  /** The section's key in the document. */
  name: string;
  read(tx: Tx, subject: ExportSubject): Promise<unknown>;
}

export const EXPORT_FORMAT = 'kingraph-person-export/1';

export class PersonExportService {
  readonly sections: ExportSection[];

  constructor(
    repo: PersonExportRepository,
    private readonly contact: ContactService,
    private readonly clock: Clock,
  ) {
    const rows = (name: ExportStatement) => (tx: Tx, s: ExportSubject): Promise<Row[]> => repo.rows(tx, name, s.oneId);
    const first = (name: ExportStatement) => async (tx: Tx, s: ExportSubject): Promise<Row | null> => (await repo.rows(tx, name, s.oneId))[0] ?? null;
    this.sections = [
      {
        name: 'person',
        read: async (tx, s) => {
          const row = (await first('person')(tx, s)) as { person: Row; mergedOneIds: string[] } | null;
          return row && { ...row.person, mergedOneIds: row.mergedOneIds };
        },
      },
      { name: 'identifiers', read: (tx, s) => contact.identifiersInClear(tx, s.oneId) },
      { name: 'devices', read: rows('devices') },
      { name: 'household', read: first('household') },
      { name: 'familyLinks', read: rows('family-links') },
      { name: 'policies', read: rows('policies') },
      { name: 'invitations', read: rows('invitations') },
      { name: 'lifeEvents', read: rows('life-events') },
      { name: 'interactions', read: rows('interactions') },
      { name: 'consents', read: (tx, s) => contact.consentHistory(tx, s.oneId) },
      { name: 'accessLog', read: (tx, s) => contact.logOf(tx, s.oneIds) },
    ];
  }

  /** Add a section (read after the others); its name must be new. */
  addSection(section: ExportSection): void {
    if (this.sections.some((s) => s.name === section.name)) throw new Error(`export section ${section.name} exists already`);
    this.sections.push(section);
  }

  async export(principal: Principal, oneId: string): Promise<string> {
    return this.contact.audited(principal, 'EXPORT', oneId, async (tx) => {
      const subject = await this.contact.subject(tx, principal, oneId);
      const entry = { oneId: subject?.oneId ?? oneId, types: subject?.types ?? [], purpose: null, justification: null };
      const refused = decideExport(principal.role, subject);
      if (refused) return { entry, outcome: { ok: false, error: refused } };
      const s: ExportSubject = { oneId: subject!.oneId, oneIds: await this.contact.oneIdsIn(tx, subject!.oneId) };
      const doc: Record<string, unknown> = { format: EXPORT_FORMAT, exportedAt: this.clock.now().toISOString(), oneId: s.oneId };
      for (const section of this.sections) doc[section.name] = await section.read(tx, s);
      return { entry, outcome: { ok: true, value: JSON.stringify(doc) } };
    });
  }
}
