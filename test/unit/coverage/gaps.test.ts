import { activeCover, computeGaps, householdGaps, segmentOf, sortGaps, totalGap } from '../../../src/coverage/gaps';
import type { CoverageMember, CoveragePolicy, Gap, ProductType } from '../../../src/coverage/model';
import type { HouseholdRole } from '../../../src/family/family.model';
import { DEFAULT_RULES } from '../../../src/coverage/rules.default';
import { validateRules } from '../../../src/coverage/rules';
import type { NeedsRules } from '../../../src/coverage/rules.model';

const TODAY = '2026-05-01';
const rules = validateRules(DEFAULT_RULES);

function member(role: HouseholdRole, birthDate: string | null, annualIncome: number | null, oneId = 'p1'): CoverageMember {
  return { oneId, role, birthDate, annualIncome, displayName: null };
}

function policy(productType: ProductType, sumAssured: number, status: CoveragePolicy['status'] = 'ACTIVE'): CoveragePolicy {
  return { productType, sumAssured, status };
}

/** [productType, recommended, current, priority] in output order. */
type Row = [ProductType, number, number, number];

function rows(gaps: Gap[]): Row[] {
  return gaps.map((g) => [g.productType, g.recommended, g.current, g.priority]);
}

describe('computeGaps (default rules, today 2026-05-01)', () => {
  const age45 = '1981-01-01';
  const age35 = '1991-01-01';
  const table: Array<[string, CoverageMember, CoveragePolicy[], Row[]]> = [
    [
      'breadwinner, 45, 200k, no cover',
      member('BREADWINNER', age45, 200_000),
      [],
      [
        ['LIFE', 2_000_000, 0, 1],
        ['MEDICAL', 2_000_000, 0, 1],
        ['ACCIDENT', 1_000_000, 0, 1],
        ['CRITICAL_ILLNESS', 600_000, 0, 1],
        ['ANNUITY', 1_000_000, 0, 4],
        ['SAVINGS', 200_000, 0, 5],
      ],
    ],
    [
      'breadwinner, 35, 80k: no annuity, critical illness raised to the 300k floor',
      member('BREADWINNER', age35, 80_000),
      [],
      [
        ['MEDICAL', 2_000_000, 0, 1],
        ['LIFE', 800_000, 0, 1],
        ['ACCIDENT', 400_000, 0, 1],
        ['CRITICAL_ILLNESS', 300_000, 0, 1],
        ['SAVINGS', 80_000, 0, 5],
      ],
    ],
    [
      'breadwinner, income and age unknown: reference income 120k, annuity by role',
      member('BREADWINNER', null, null),
      [],
      [
        ['MEDICAL', 2_000_000, 0, 1],
        ['LIFE', 1_200_000, 0, 1],
        ['ACCIDENT', 600_000, 0, 1],
        ['CRITICAL_ILLNESS', 360_000, 0, 1],
        ['ANNUITY', 600_000, 0, 4],
        ['SAVINGS', 120_000, 0, 5],
      ],
    ],
    [
      'breadwinner turning 40 today gets the annuity',
      member('BREADWINNER', '1986-05-01', 100_000),
      [],
      [
        ['MEDICAL', 2_000_000, 0, 1],
        ['LIFE', 1_000_000, 0, 1],
        ['ACCIDENT', 500_000, 0, 1],
        ['CRITICAL_ILLNESS', 300_000, 0, 1],
        ['ANNUITY', 500_000, 0, 4],
        ['SAVINGS', 100_000, 0, 5],
      ],
    ],
    [
      'earning spouse, 35, 150k',
      member('SPOUSE', age35, 150_000),
      [],
      [
        ['MEDICAL', 2_000_000, 0, 1],
        ['LIFE', 1_500_000, 0, 1],
        ['ACCIDENT', 750_000, 0, 1],
        ['CRITICAL_ILLNESS', 450_000, 0, 1],
        ['SAVINGS', 150_000, 0, 5],
      ],
    ],
    ['spouse with unknown income: medical only', member('SPOUSE', age35, null), [], [['MEDICAL', 2_000_000, 0, 3]]],
    ['spouse with no income: medical only', member('SPOUSE', age45, 0), [], [['MEDICAL', 2_000_000, 0, 3]]],
    [
      'child, 5',
      member('CHILD', '2021-03-01', null),
      [],
      [
        ['MEDICAL', 2_000_000, 0, 2],
        ['CRITICAL_ILLNESS', 300_000, 0, 2],
        ['EDUCATION', 300_000, 0, 2],
      ],
    ],
    [
      'child, 17 still gets education',
      member('CHILD', '2008-06-01', null),
      [],
      [
        ['MEDICAL', 2_000_000, 0, 2],
        ['CRITICAL_ILLNESS', 300_000, 0, 2],
        ['EDUCATION', 300_000, 0, 2],
      ],
    ],
    [
      'child, 20, earning: no education, still a child',
      member('CHILD', '2006-01-01', 50_000),
      [],
      [
        ['MEDICAL', 2_000_000, 0, 2],
        ['CRITICAL_ILLNESS', 300_000, 0, 2],
      ],
    ],
    [
      'child, age unknown: education by role',
      member('CHILD', null, null),
      [],
      [
        ['MEDICAL', 2_000_000, 0, 2],
        ['CRITICAL_ILLNESS', 300_000, 0, 2],
        ['EDUCATION', 300_000, 0, 2],
      ],
    ],
    [
      'elder, 70, with a pension income',
      member('ELDER', '1956-01-01', 60_000),
      [],
      [
        ['MEDICAL', 2_000_000, 0, 3],
        ['CRITICAL_ILLNESS', 300_000, 0, 3],
        ['ACCIDENT', 200_000, 0, 3],
      ],
    ],
    ['other member: medical only', member('OTHER', age35, 90_000), [], [['MEDICAL', 2_000_000, 0, 3]]],
    [
      'breadwinner, 45, 200k, partly covered; lapsed and over-covered policies',
      member('BREADWINNER', age45, 200_000),
      [
        policy('LIFE', 500_000),
        policy('LIFE', 1_000_000),
        policy('LIFE', 2_000_000, 'LAPSED'),
        policy('MEDICAL', 2_000_000),
        policy('CRITICAL_ILLNESS', 1_000_000),
        policy('ACCIDENT', 900_000, 'CANCELLED'),
        policy('ANNUITY', 1_000_000),
        policy('SAVINGS', 150_000, 'EXPIRED'),
      ],
      [
        ['ACCIDENT', 1_000_000, 0, 1],
        ['LIFE', 2_000_000, 1_500_000, 1],
        ['SAVINGS', 200_000, 0, 5],
      ],
    ],
    [
      'child fully covered',
      member('CHILD', '2021-03-01', null),
      [policy('MEDICAL', 2_000_000), policy('CRITICAL_ILLNESS', 300_000), policy('EDUCATION', 500_000)],
      [],
    ],
  ];

  it.each(table)('%s', (_name, m, policies, expected) => {
    const gaps = computeGaps(m, policies, rules, TODAY, 'en');
    expect(rows(gaps)).toEqual(expected);
    for (const g of gaps) {
      expect(g.gap).toBe(g.recommended - g.current);
      expect(g.gap).toBeGreaterThan(0);
      expect(g.oneId).toBe('p1');
    }
  });

  it('uses the age on the given day (a Date works too)', () => {
    const turning40 = member('BREADWINNER', '1986-05-02', 100_000);
    const products = (today: string | Date) => computeGaps(turning40, [], rules, today).map((g) => g.productType);
    expect(products('2026-05-01')).not.toContain('ANNUITY');
    expect(products(new Date('2026-05-02T00:00:00Z'))).toContain('ANNUITY');
  });

  it('skips an age-limited rule for an unknown birth date when the rules say SKIP', () => {
    const skipping: NeedsRules = {
      ...rules,
      rules: rules.rules.map((r) => (r.id === 'annuity-earner' ? { ...r, whenAgeUnknown: 'SKIP' as const } : r)),
    };
    const products = computeGaps(member('BREADWINNER', null, 100_000), [], skipping, TODAY).map((g) => g.productType);
    expect(products).not.toContain('ANNUITY');
  });
});

describe('reasons', () => {
  const wang: CoverageMember = { oneId: 'w', role: 'BREADWINNER', birthDate: '1981-01-01', annualIncome: 150_000, displayName: 'Wang Wei' };
  const reasonOf = (m: CoverageMember, product: ProductType, lang: 'en' | 'zh', policies: CoveragePolicy[] = []) =>
    computeGaps(m, policies, rules, TODAY, lang).find((g) => g.productType === product)?.reason;

  it('reads as one sentence with the numbers, in English', () => {
    expect(reasonOf(wang, 'LIFE', 'en', [policy('LIFE', 500_000)])).toBe(
      'We recommend life cover of 1,500,000 yuan for Wang Wei (10 times the annual income of 150,000 yuan); ' +
        'current active cover is 500,000 yuan, leaving a gap of 1,000,000 yuan.',
    );
    expect(reasonOf(wang, 'MEDICAL', 'en')).toBe(
      'We recommend medical cover of 2,000,000 yuan for Wang Wei (the standard amount for an earner); there is no active cover yet.',
    );
  });

  it('reads as one sentence with the numbers, in Chinese', () => {
    expect(reasonOf(wang, 'LIFE', 'zh', [policy('LIFE', 500_000)])).toBe(
      '建议为Wang Wei配置1,500,000元的寿险（年收入150,000元的10倍），目前有效保额500,000元，缺口1,000,000元。',
    );
    expect(reasonOf({ ...wang, displayName: null }, 'SAVINGS', 'zh')).toBe(
      '建议为家庭经济支柱配置150,000元的储蓄险（年收入150,000元的1倍），目前尚无有效保障，缺口150,000元。',
    );
  });

  it.each([
    ['en', { annualIncome: null }, 'LIFE', '10 times a reference income of 120,000 yuan, as the income is unknown'],
    ['zh', { annualIncome: null }, 'LIFE', '收入未知，按参考年收入120,000元的10倍'],
    ['en', { annualIncome: 50_000 }, 'CRITICAL_ILLNESS', '3 times the annual income of 50,000 yuan, raised to the minimum of 300,000 yuan'],
    ['zh', { annualIncome: 50_000 }, 'CRITICAL_ILLNESS', '年收入50,000元的3倍，且不低于300,000元'],
    ['en', { birthDate: null }, 'ANNUITY', 'the birth date is unknown, so this follows the family role'],
    ['zh', { birthDate: null }, 'ANNUITY', '出生日期未知，按家庭角色推荐'],
    ['en', { displayName: null }, 'LIFE', 'for the breadwinner ('],
    ['en', { displayName: '  ' }, 'LIFE', 'for the breadwinner ('],
  ] as const)('%s, %j, %s says "%s"', (lang, change, product, phrase) => {
    const reason = reasonOf({ ...wang, ...change }, product, lang) ?? '';
    expect(reason).toContain(phrase);
  });

  it('is a single sentence for every gap of a whole household, in both languages', () => {
    const members = [
      member('BREADWINNER', null, null, 'a'),
      member('SPOUSE', '1990-01-01', 30_000, 'b'),
      member('CHILD', null, null, 'c'),
      member('ELDER', '1950-01-01', null, 'd'),
      member('OTHER', null, null, 'e'),
    ];
    for (const lang of ['en', 'zh'] as const) {
      const reasons = householdGaps(members, new Map(), rules, TODAY, lang).map((g) => g.reason);
      expect(reasons.length).toBeGreaterThan(10);
      for (const reason of reasons) {
        expect(reason).toMatch(lang === 'en' ? /^We recommend [^.]+\.$/ : /^建议为[^。]+。$/);
      }
    }
  });

  it('names a non-CNY currency by its code', () => {
    const usd = { ...rules, currency: 'USD' };
    const life = computeGaps(wang, [], usd, TODAY).find((g) => g.productType === 'LIFE');
    expect(life?.reason).toContain('life cover of 1,500,000 USD');
  });
});

describe('household gaps', () => {
  const members = [
    { ...member('CHILD', '2020-01-01', null, 'kid'), displayName: 'Xiaoming' },
    member('ELDER', '1950-01-01', null, 'gran'),
    member('BREADWINNER', '1980-01-01', 300_000, 'dad'),
    member('SPOUSE', '1982-01-01', null, 'mum'),
  ];
  const policies = { dad: [policy('LIFE', 3_000_000), policy('MEDICAL', 2_000_000)], kid: [policy('MEDICAL', 1_000_000)] };

  it('lists all members, priority ascending then gap descending', () => {
    const gaps = householdGaps(members, policies, rules, TODAY, 'en');
    expect(gaps.map((g) => [g.priority, g.oneId, g.productType, g.gap])).toEqual([
      [1, 'dad', 'ACCIDENT', 1_500_000],
      [1, 'dad', 'CRITICAL_ILLNESS', 900_000],
      [2, 'kid', 'MEDICAL', 1_000_000],
      [2, 'kid', 'CRITICAL_ILLNESS', 300_000],
      [2, 'kid', 'EDUCATION', 300_000],
      [3, 'gran', 'MEDICAL', 2_000_000],
      [3, 'mum', 'MEDICAL', 2_000_000],
      [3, 'gran', 'CRITICAL_ILLNESS', 300_000],
      [3, 'gran', 'ACCIDENT', 200_000],
      [4, 'dad', 'ANNUITY', 1_500_000],
      [5, 'dad', 'SAVINGS', 300_000],
    ]);
    expect(totalGap(gaps)).toBe(10_300_000);
  });

  it('accepts the policies as a Map or a record, and ignores policies of non-members', () => {
    const asMap = householdGaps(members, new Map(Object.entries(policies)), rules, TODAY);
    const asRecord = householdGaps(members, { ...policies, stranger: [policy('LIFE', 1)] }, rules, TODAY);
    expect(asMap).toEqual(asRecord);
    expect(householdGaps(members, { toString: [] } as unknown as Record<string, CoveragePolicy[]>, rules, TODAY)).toHaveLength(13);
  });

  it('sorts deterministically whatever the input order', () => {
    const gaps = householdGaps(members, policies, rules, TODAY);
    const shuffled = [...gaps].reverse();
    expect(sortGaps(shuffled)).toEqual(gaps);
    expect(shuffled).toEqual([...gaps].reverse()); // sortGaps does not sort in place
  });

  it('totals nothing for no gaps', () => {
    expect(totalGap([])).toBe(0);
    expect(householdGaps([], {}, rules, TODAY)).toEqual([]);
  });
});

describe('building blocks', () => {
  it.each([
    ['BREADWINNER', null, 'EARNER'],
    ['BREADWINNER', 0, 'EARNER'],
    ['SPOUSE', 1, 'EARNER'],
    ['SPOUSE', 0, 'DEPENDENT_ADULT'],
    ['SPOUSE', null, 'DEPENDENT_ADULT'],
    ['CHILD', 80_000, 'CHILD'],
    ['ELDER', 80_000, 'ELDER'],
    ['OTHER', 80_000, 'DEPENDENT_ADULT'],
  ] as const)('a %s with income %p is in segment %s', (role, annualIncome, segment) => {
    expect(segmentOf({ role, annualIncome })).toBe(segment);
  });

  it('counts only ACTIVE cover of the product', () => {
    expect(activeCover([policy('LIFE', 1), policy('LIFE', 2), policy('LIFE', 4, 'LAPSED'), policy('MEDICAL', 8)], 'LIFE')).toBe(3);
  });
});
