/** Ranking of household suggestions (pure). */
import type { IdentifierRecord, PersonRecord } from '../../../src/identity/identity.model';
import { storedLink } from '../../../src/family/family.service';
import { EvidenceRow, rankSuggestions, SUGGESTION_WEIGHTS } from '../../../src/family/suggestions';

const person = (oneId: string): PersonRecord => ({ oneId, displayName: null, gender: 'UNKNOWN', birthDate: null, annualIncome: null, premiumBudget: null, createdAt: 0, forgotten: false });
const device = (key: string): IdentifierRecord => ({ key, type: 'IOT_DEVICE', namespace: 'tv', masked: 'tv-****', shared: true, firstSeenAt: '', lastSeenAt: '' });
const family = (who: string, member: string, relation: EvidenceRow['relation']): EvidenceRow => ({ person: person(who), member: person(member), relation, device: null });
const shared = (who: string, member: string, key: string): EvidenceRow => ({ person: person(who), member: person(member), relation: null, device: device(key) });

describe('rankSuggestions', () => {
  it('gives one entry per person with all its evidence, the score summing the weights', () => {
    const ranked = rankSuggestions([shared('x', 'm1', 'd1'), family('x', 'm2', 'CHILD'), shared('x', 'm2', 'd1')]);
    expect(ranked).toHaveLength(1);
    expect(ranked[0]!.score).toBe(2 * SUGGESTION_WEIGHTS.SHARED_DEVICE + SUGGESTION_WEIGHTS.CHILD);
    expect(ranked[0]!.evidence.map((e) => [e.kind, e.member.oneId])).toEqual([
      ['SHARED_DEVICE', 'm1'],
      ['FAMILY_LINK', 'm2'],
      ['SHARED_DEVICE', 'm2'],
    ]);
    expect(ranked[0]!.evidence[1]).toMatchObject({ relation: 'CHILD', device: null });
  });

  it('ranks by score, then amount of evidence, then OneID', () => {
    const ranked = rankSuggestions([
      family('sibling', 'm', 'SIBLING'),
      family('spouse', 'm', 'SPOUSE'),
      family('b-parent', 'm', 'PARENT'),
      shared('a-device', 'm', 'd'),
      family('two-siblings', 'm', 'SIBLING'),
      family('two-siblings', 'n', 'SIBLING'),
    ]);
    expect(ranked.map((s) => [s.person.oneId, s.score])).toEqual([
      ['spouse', 5],
      ['two-siblings', 4],
      ['a-device', 3],
      ['b-parent', 3],
      ['sibling', 2],
    ]);
  });

  it('is empty without evidence', () => {
    expect(rankSuggestions([])).toEqual([]);
  });
});

describe('storedLink', () => {
  it('stores CHILD as the other person PARENT_OF the asking one, the rest as asked', () => {
    expect(storedLink('CHILD', 'kid', 'mum')).toEqual({ a: 'mum', b: 'kid', relation: 'PARENT' });
    expect(storedLink('PARENT', 'mum', 'kid')).toEqual({ a: 'mum', b: 'kid', relation: 'PARENT' });
    expect(storedLink('SPOUSE', 'a', 'b')).toEqual({ a: 'a', b: 'b', relation: 'SPOUSE' });
  });
});
