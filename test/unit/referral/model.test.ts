/** Pure referral rules: rejection order, stats definitions, tree summaries, depth tiers. */
import { rankReferrers, REJECTION, rejectionReason, toInvitationRecord, toStats, toTree, treeTier } from '../../../src/referral/referral.model';
import { assertTreeDepth } from '../../../src/referral/referral.service';

const none = { selfReferral: false, cycle: false, alreadyCustomer: false, alreadyReferred: false, tooDeep: false };

describe('rejectionReason', () => {
  it('accepts when no rule applies', () => {
    expect(rejectionReason(none)).toBeNull();
  });

  it('names each rule and checks them in order: self, cycle, depth, customer, referred', () => {
    expect(rejectionReason({ ...none, alreadyReferred: true })).toBe(REJECTION.alreadyReferred);
    expect(rejectionReason({ ...none, alreadyReferred: true, alreadyCustomer: true })).toBe(REJECTION.alreadyCustomer);
    expect(rejectionReason({ ...none, alreadyCustomer: true, tooDeep: true })).toBe(REJECTION.tooDeep);
    expect(rejectionReason({ ...none, cycle: true, alreadyCustomer: true, alreadyReferred: true })).toBe(REJECTION.cycle);
    expect(rejectionReason({ selfReferral: true, cycle: true, alreadyCustomer: true, alreadyReferred: true, tooDeep: true })).toBe(
      REJECTION.selfReferral,
    );
  });

  it('reasons start with a stable keyword', () => {
    expect(REJECTION.selfReferral).toMatch(/^self-referral/);
    expect(REJECTION.cycle).toMatch(/^cycle/);
    expect(REJECTION.alreadyCustomer).toMatch(/^already a customer/);
    expect(REJECTION.alreadyReferred).toMatch(/^already referred/);
  });
});

describe('toStats', () => {
  it('follows the contract: conversionRate = converted / invited, kFactor = accepted / distinct inviters', () => {
    expect(toStats({ invited: 5, accepted: 3, converted: 2, premium: 1250, inviters: 2 })).toEqual({
      invited: 5,
      accepted: 3,
      converted: 2,
      conversionRate: 0.4,
      kFactor: 1.5,
      premium: 1250,
    });
  });

  it('answers 0 rather than NaN when nothing was invited', () => {
    expect(toStats({ invited: 0, accepted: 0, converted: 0, premium: 0, inviters: 0 })).toEqual({
      invited: 0,
      accepted: 0,
      converted: 0,
      conversionRate: 0,
      kFactor: 0,
      premium: 0,
    });
  });
});

describe('toTree', () => {
  it('sums the levels and reports the deepest one, levels sorted by depth', () => {
    const tree = toTree('r', [
      { depth: 2, accepted: 4, converted: 1, premium: 300 },
      { depth: 1, accepted: 2, converted: 2, premium: 1000 },
    ]);
    expect(tree).toEqual({
      rootOneId: 'r',
      size: 6,
      maxDepth: 2,
      converted: 3,
      premium: 1300,
      levels: [
        { depth: 1, accepted: 2, converted: 2, premium: 1000 },
        { depth: 2, accepted: 4, converted: 1, premium: 300 },
      ],
    });
  });

  it('is empty for a person who brought nobody in', () => {
    expect(toTree('r', [])).toEqual({ rootOneId: 'r', size: 0, maxDepth: 0, converted: 0, premium: 0, levels: [] });
  });
});

describe('depth bounds', () => {
  it('picks the smallest statement tier that covers maxDepth', () => {
    expect([1, 10, 11, 100, 101, 1000].map(treeTier)).toEqual([10, 10, 100, 100, 1000, 1000]);
  });

  it('accepts maxDepth 1..1000 only', () => {
    expect(() => assertTreeDepth(1)).not.toThrow();
    expect(() => assertTreeDepth(1000)).not.toThrow();
    for (const bad of [0, -3, 1001, 2.5]) expect(() => assertTreeDepth(bad)).toThrow(/maxDepth/);
  });
});

describe('toInvitationRecord', () => {
  it('maps absent properties to null and sameHousehold to a boolean', () => {
    expect(
      toInvitationRecord({ id: 'i', channel: 'qr', sentAt: '2026-03-01T00:00:00.000Z', status: 'SENT', inviterOneId: 'a', inviteeOneId: null }),
    ).toEqual({
      id: 'i',
      channel: 'qr',
      campaign: null,
      advisorId: null,
      sentAt: '2026-03-01T00:00:00.000Z',
      acceptedAt: null,
      convertedAt: null,
      status: 'SENT',
      rejectionReason: null,
      premium: null,
      sameHousehold: false,
      policyNo: null,
      inviterOneId: 'a',
      inviteeOneId: null,
    });
  });
});

describe('rankReferrers', () => {
  const cand = (oneId: string, invited = 1, converted = 0) => ({ oneId, invited, converted });

  it('adds nested regions up: a border candidate counts itself, its edge premium and its own tree', () => {
    // a -> (x, y*) ; y -> (z, w*) ; w -> (v)   (* = candidates); edge premiums: y 100, z 50, w 10, v 5
    const regions = [
      { oneId: 'a', regionSize: 1, regionPremium: 0, border: [{ oneId: 'y', premium: 100 }] },
      { oneId: 'y', regionSize: 1, regionPremium: 50, border: [{ oneId: 'w', premium: 10 }] },
      { oneId: 'w', regionSize: 1, regionPremium: 5, border: [] },
    ];
    expect(rankReferrers([cand('w'), cand('a', 2, 1), cand('y')], regions, 10)).toEqual([
      { oneId: 'a', invited: 2, converted: 1, descendants: 5, treePremium: 165 },
      { oneId: 'y', invited: 1, converted: 0, descendants: 3, treePremium: 65 },
      { oneId: 'w', invited: 1, converted: 0, descendants: 1, treePremium: 5 },
    ]);
  });

  it('ranks by treePremium, then descendants, then oneId, and keeps the first n', () => {
    const regions = [
      { oneId: 'b', regionSize: 3, regionPremium: 100, border: [] },
      { oneId: 'a', regionSize: 3, regionPremium: 100, border: [] },
      { oneId: 'c', regionSize: 9, regionPremium: 100, border: [] },
      { oneId: 'd', regionSize: 1, regionPremium: 500, border: [] },
    ];
    const ranked = rankReferrers(['a', 'b', 'c', 'd'].map((id) => cand(id)), regions, 3);
    expect(ranked.map((r) => r.oneId)).toEqual(['d', 'c', 'a']);
  });

  it('walks a chain of 100,000 nested candidates without recursion', () => {
    const n = 100_000;
    const regions = Array.from({ length: n }, (_, k) => ({
      oneId: `p${k}`,
      regionSize: 0,
      regionPremium: 0,
      border: k + 1 < n ? [{ oneId: `p${k + 1}`, premium: 1 }] : [],
    }));
    const [best] = rankReferrers(regions.map((r) => cand(r.oneId)), regions, 1);
    expect(best).toMatchObject({ oneId: 'p0', descendants: n - 1, treePremium: n - 1 });
  });
});
