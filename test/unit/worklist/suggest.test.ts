import { DEFAULT_RULES } from '../../../src/coverage/rules.default';
import { estimatePremium, rateFor, suggestFor } from '../../../src/worklist/suggest';

const rates = DEFAULT_RULES.premiumRates;
const gap = (productType: 'LIFE' | 'CRITICAL_ILLNESS' | 'MEDICAL', amount: number) => ({ oneId: 'p', productType, gap: amount });

describe('rate table', () => {
  it('picks the band by age, the configured band when the age is unknown', () => {
    expect(rateFor(rates, 'LIFE', 29)).toBe(rates.rates.LIFE[0]);
    expect(rateFor(rates, 'LIFE', 30)).toBe(rates.rates.LIFE[1]);
    expect(rateFor(rates, 'LIFE', 60)).toBe(rates.rates.LIFE[4]);
    expect(rateFor(rates, 'LIFE', null)).toBe(rates.rates.LIFE[rates.unknownAgeBand]);
  });
  it('prices per 10,000 of sum assured, rounded to whole CNY', () => {
    expect(estimatePremium(12, 500_000)).toBe(600);
    expect(estimatePremium(1.5, 10_000)).toBe(2);
  });
});

describe('budget fitting', () => {
  it('fills gaps in order with the largest multiple of 10,000 that fits what remains', () => {
    // Age 35: LIFE 12 per 10k, CI 60 per 10k. Budget 3,000, 600 already spent: 2,400 remain.
    const out = suggestFor([gap('LIFE', 1_000_000), gap('CRITICAL_ILLNESS', 600_000)], 3000, 600, rates, 35);
    expect(out[0]).toEqual({ oneId: 'p', productType: 'LIFE', sumAssured: 1_000_000, estimatedAnnualPremium: 1200 });
    // 1,200 remain: 200,000 of CI costs exactly 1,200.
    expect(out[1]).toEqual({ oneId: 'p', productType: 'CRITICAL_ILLNESS', sumAssured: 200_000, estimatedAnnualPremium: 1200 });
  });
  it('caps the sum at the gap and leaves out gaps under 10,000', () => {
    const out = suggestFor([gap('LIFE', 25_000), gap('MEDICAL', 9_999)], null, 0, rates, 35);
    expect(out).toEqual([{ oneId: 'p', productType: 'LIFE', sumAssured: 20_000, estimatedAnnualPremium: 24 }]);
  });
  it('has no cap when the budget is unknown and suggests nothing when nothing remains', () => {
    expect(suggestFor([gap('LIFE', 2_000_000)], null, 10_000, rates, 35)[0]!.sumAssured).toBe(2_000_000);
    expect(suggestFor([gap('LIFE', 2_000_000)], 1000, 1000, rates, 35)).toEqual([]);
    expect(suggestFor([gap('LIFE', 2_000_000)], 1000, 5000, rates, 35)).toEqual([]);
  });
  it('skips a gap that cannot fit even 10,000 and goes on with the next', () => {
    // 50 CNY remain: CI (60 per 10k) does not fit, LIFE (12 per 10k) fits 40,000 (48 CNY).
    const out = suggestFor([gap('CRITICAL_ILLNESS', 300_000), gap('LIFE', 1_000_000)], 50, 0, rates, 35);
    expect(out).toEqual([{ oneId: 'p', productType: 'LIFE', sumAssured: 40_000, estimatedAnnualPremium: 48 }]);
  });
});
