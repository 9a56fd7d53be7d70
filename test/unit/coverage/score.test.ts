import fc from 'fast-check';
import { computeGaps } from '../../../src/coverage/gaps';
import { validateRules } from '../../../src/coverage/rules';
import { DEFAULT_RULES } from '../../../src/coverage/rules.default';
import { scoreHousehold, TRIGGER_WEIGHTS } from '../../../src/coverage/score';
import { computeTriggers, TRIGGER_KINDS, type TriggerKind } from '../../../src/coverage/triggers';

type ScoredGap = { gap: number; priority: number };
const g = (gap: number, priority: number): ScoredGap => ({ gap, priority });
const t = (kind: TriggerKind): { kind: TriggerKind } => ({ kind });

const gapArb = fc.record({ gap: fc.integer({ min: 1, max: 50_000_000 }), priority: fc.integer({ min: 1, max: 5 }) });
const gapsArb = fc.array(gapArb, { maxLength: 20 });
const triggersArb = fc.array(fc.constantFrom(...TRIGGER_KINDS).map(t), { maxLength: 6 });

describe('scoreHousehold', () => {
  it.each([
    [[], [], 0],
    [[g(999_999, 1)], [], 65], // 10 * log10(1,000,000) + (6 - 1)
    [[g(99_999, 5)], [], 51],
    [[g(49_999, 2), g(50_000, 4)], [t('NEWBORN')], 50 + 4 + 2 + 10],
    [[], [t('BIRTHDAY'), t('MARRIAGE'), t('POLICY_EXPIRY')], 6 + 5 + 8],
    [[g(1, 3)], [], 6.0103], // rounded to 4 decimals
  ])('gaps %j and triggers %j score %d', (gaps, triggers, score) => {
    expect(scoreHousehold(gaps, triggers)).toBe(score);
  });

  it('weighs a newborn over an expiring policy over a birthday over a marriage', () => {
    const scores = (['NEWBORN', 'POLICY_EXPIRY', 'BIRTHDAY', 'MARRIAGE'] as const).map((k) => scoreHousehold([g(100_000, 1)], [t(k)]));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new Set(scores).size).toBe(4);
    expect(Object.keys(TRIGGER_WEIGHTS).sort()).toEqual([...TRIGGER_KINDS].sort());
  });

  it('is monotonic in the total gap', () => {
    fc.assert(
      fc.property(gapsArb, triggersArb, fc.integer({ min: 1, max: 10_000_000 }), (gaps, triggers, more) => {
        const first = gaps[0] ?? g(0, 1);
        const bigger = [{ ...first, gap: first.gap + more }, ...gaps.slice(1)];
        expect(scoreHousehold(bigger, triggers)).toBeGreaterThanOrEqual(scoreHousehold([first, ...gaps.slice(1)], triggers));
      }),
    );
    expect(scoreHousehold([g(2_000_000, 1)], [])).toBeGreaterThan(scoreHousehold([g(1_000_000, 1)], []));
  });

  it('rises with every extra trigger and every extra gap', () => {
    fc.assert(
      fc.property(gapsArb, triggersArb, fc.constantFrom(...TRIGGER_KINDS), gapArb, (gaps, triggers, kind, extra) => {
        const base = scoreHousehold(gaps, triggers);
        expect(scoreHousehold(gaps, [...triggers, t(kind)])).toBeGreaterThan(base);
        expect(scoreHousehold([...gaps, extra], triggers)).toBeGreaterThan(base);
      }),
    );
  });

  it('ranks urgent gaps above the same total in savings', () => {
    expect(scoreHousehold([g(500_000, 1), g(500_000, 1)], [])).toBeGreaterThan(scoreHousehold([g(1_000_000, 5)], []));
  });

  it('is deterministic and does not depend on the order of gaps or triggers', () => {
    fc.assert(
      fc.property(gapsArb, triggersArb, (gaps, triggers) => {
        const score = scoreHousehold(gaps, triggers);
        expect(Number.isFinite(score)).toBe(true);
        expect(scoreHousehold([...gaps].reverse(), [...triggers].reverse())).toBe(score);
      }),
    );
  });

  it('scores a real household from its gaps and triggers', () => {
    const rules = validateRules(DEFAULT_RULES);
    const baby = { oneId: 'baby', role: 'CHILD' as const, birthDate: '2026-03-01', annualIncome: null, displayName: null };
    const gaps = computeGaps(baby, [], rules, '2026-05-01');
    const triggers = computeTriggers({ members: [baby], policies: [], spouseLinks: [] }, '2026-05-01');
    expect(triggers.map((x) => x.kind)).toEqual(['NEWBORN']);
    // total 2,600,000; three priority-2 gaps; one newborn
    expect(scoreHousehold(gaps, triggers)).toBeCloseTo(10 * Math.log10(2_600_001) + 3 * 4 + 10, 4);
  });
});
