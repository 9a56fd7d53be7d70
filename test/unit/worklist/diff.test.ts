/** The write path's diff: only what changed is written, and count classes move with the items. */
import { validateRules } from '../../../src/coverage/rules';
import { DEFAULT_RULES } from '../../../src/coverage/rules.default';
import { diffStates, type StoredHashes } from '../../../src/worklist/diff';
import { computeHouseholdState, contentHash } from '../../../src/worklist/state';
import type { HouseholdState, StateInput } from '../../../src/worklist/worklist.model';

const rules = validateRules(DEFAULT_RULES);
const TODAY = '2026-06-01';

const input = (income: number): StateInput => ({
  householdId: 'h1',
  advisorId: 'a1',
  members: [
    { oneId: 'bw', role: 'BREADWINNER', birthDate: '1988-06-10', annualIncome: income, premiumBudget: 3000, displayName: 'Wang' },
    { oneId: 'kid', role: 'CHILD', birthDate: '2026-03-01', annualIncome: null, premiumBudget: null, displayName: null },
  ],
  policies: [{ policyNo: 'r', productType: 'LIFE', sumAssured: 100_000, annualPremium: 500, status: 'ACTIVE', endDate: '2026-07-01', lapsedOn: null, holder: 'bw', insured: 'bw' }],
  spouseLinks: [],
  marriages: [],
  followUps: [],
});

const state = (income: number): HouseholdState & { householdId: string; asOf: string } => ({
  ...computeHouseholdState(input(income), rules, TODAY, (i) => i.slice(0, 10)),
  householdId: 'h1',
  asOf: TODAY,
});

/** What stored-hashes.cypher would read after writing `s`. */
function storedAs(s: HouseholdState & { householdId: string; asOf: string }): StoredHashes {
  const summary = { totalGap: s.totalGap, gapScore: s.gapScore, crossSellScore: s.crossSellScore, crossSell: s.crossSell, activePremium: s.activePremium, stateAsOf: s.asOf, stateValidTo: s.validTo };
  return { householdId: s.householdId, hash: contentHash(summary), items: s.items.map((i) => [i.key, i.hash, i.countKey]) };
}

describe('diffStates', () => {
  it('writes everything for a household never computed, and counts every item in', () => {
    const s = state(200_000);
    expect(new Set(s.items.map((i) => i.key)).size).toBe(s.items.length); // keys are unique
    const diff = diffStates([{ householdId: 'h1', hash: null, items: [] }], [s]);
    expect(diff.writes).toHaveLength(1);
    expect(diff.writes[0]!.put).toEqual(s.items);
    expect(diff.writes[0]!.remove).toEqual([]);
    expect(diff.writes[0]!.summary).toMatchObject({ totalGap: s.totalGap, stateAsOf: TODAY, stateHash: expect.any(String) });
    expect(diff.removed).toEqual([]);
    expect(diff.added).toEqual(s.items.map((i) => i.countKey));
  });

  it('writes nothing when the stored state is the computed one', () => {
    const s = state(200_000);
    expect(diffStates([storedAs(s)], [s])).toEqual({ writes: [], removed: [], added: [] });
  });

  it('replaces changed items, deletes gone ones, creates new ones, and moves their count classes', () => {
    const before = state(200_000);
    const gone = { key: 'old-item-key-0001', hash: 'x', countKey: '["a1","MARRIAGE","2026-05-01","2026-07-30",""]' };
    const stored = storedAs(before);
    stored.items.push([gone.key, gone.hash, gone.countKey]);
    const after = state(400_000); // a larger income: larger gaps, other scores and suggestions
    const diff = diffStates([stored], [after]);
    const changed = after.items.filter((i) => before.items.find((b) => b.key === i.key)?.hash !== i.hash);
    expect(changed.length).toBeGreaterThan(0);
    expect(diff.writes).toHaveLength(1);
    expect(diff.writes[0]!.put.map((i) => i.key).sort()).toEqual(changed.map((i) => i.key).sort());
    expect(diff.writes[0]!.remove).toEqual([gone.key]);
    expect(diff.writes[0]!.summary).not.toBeNull();
    // each replaced item leaves its old class and joins its new one; the gone item leaves its class
    expect(diff.removed.sort()).toEqual([...changed.map((i) => before.items.find((b) => b.key === i.key)!.countKey), gone.countKey].sort());
    expect(diff.added.sort()).toEqual(changed.map((i) => i.countKey).sort());
  });
});
