/**
 * Household suggestions: people outside a household who probably belong in it, ranked by
 * the strength of the evidence. Pure: the repository finds the evidence, this ranks it.
 *
 * Weights (each piece of evidence counts; a person's score is the sum):
 * - FAMILY_LINK SPOUSE 5: spouses share property and finances (the core economic unit);
 * - SHARED_DEVICE 3: using the same home device (tv, fridge, speaker, car) means living
 *   under one roof; seen with several members it counts once per member;
 * - FAMILY_LINK PARENT or CHILD 3: parents and children are often, not always, one unit;
 * - FAMILY_LINK SIBLING 2: adult siblings usually run separate households.
 * Ties: more evidence first, then OneID, so the order is deterministic.
 */
import type { IdentifierRecord, PersonRecord } from '../identity/identity.model';
import type { SuggestionEvidenceRecord, SuggestionRecord } from './family.model';
import type { FamilyRelation } from './kinship';

export const SUGGESTION_WEIGHTS = {
  SHARED_DEVICE: 3,
  SPOUSE: 5,
  PARENT: 3,
  CHILD: 3,
  SIBLING: 2,
} as const;

/** One piece of evidence as found in the graph. */
export interface EvidenceRow {
  person: PersonRecord;
  member: PersonRecord;
  relation: FamilyRelation | null;
  device: IdentifierRecord | null;
}

function weightOf(row: EvidenceRow): number {
  return row.device ? SUGGESTION_WEIGHTS.SHARED_DEVICE : row.relation ? SUGGESTION_WEIGHTS[row.relation] : 0;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Group evidence by person (one entry each, all its evidence) and rank by score. */
export function rankSuggestions(rows: readonly EvidenceRow[]): SuggestionRecord[] {
  const byPerson = new Map<string, SuggestionRecord>();
  for (const row of rows) {
    const evidence: SuggestionEvidenceRecord = {
      kind: row.device ? 'SHARED_DEVICE' : 'FAMILY_LINK',
      member: row.member,
      relation: row.device ? null : row.relation,
      device: row.device,
      weight: weightOf(row),
    };
    const entry = byPerson.get(row.person.oneId) ?? { person: row.person, score: 0, evidence: [] };
    entry.evidence.push(evidence);
    entry.score += evidence.weight;
    byPerson.set(row.person.oneId, entry);
  }
  for (const entry of byPerson.values()) {
    entry.evidence.sort(
      (a, b) =>
        b.weight - a.weight ||
        cmp(a.member.oneId, b.member.oneId) ||
        cmp(a.kind, b.kind) ||
        cmp(a.relation ?? '', b.relation ?? '') ||
        cmp(a.device?.key ?? '', b.device?.key ?? ''),
    );
  }
  return [...byPerson.values()].sort(compareSuggestions);
}

/** Strongest first: score, then amount of evidence, then OneID. */
export function compareSuggestions(a: SuggestionRecord, b: SuggestionRecord): number {
  return b.score - a.score || b.evidence.length - a.evidence.length || cmp(a.person.oneId, b.person.oneId);
}
