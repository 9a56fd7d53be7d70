/**
 * The one-sentence `reason` of a coverage gap, in English or Chinese, written
 * to be read aloud by an advisor to the family, e.g.
 *   We recommend life cover of 1,500,000 yuan for Wang Wei (10 times the annual
 *   income of 150,000 yuan); current active cover is 500,000 yuan, leaving a gap
 *   of 1,000,000 yuan.
 *   建议为王伟配置1,500,000元的寿险（年收入150,000元的10倍），目前有效保额500,000元，缺口1,000,000元。
 */
import type { HouseholdRole } from '../family/family.model';
import type { Lang, ProductType } from './model';
import type { Segment } from './rules.model';

/** How the recommended amount was arrived at, as far as the sentence needs to say. */
export type AmountBasis =
  | { kind: 'INCOME'; multiple: number; income: number; incomeKnown: boolean; minimumApplied: number | null }
  | { kind: 'FIXED'; segment: Segment };

/** Everything a reason sentence mentions. */
export interface ReasonFacts {
  displayName: string | null;
  role: HouseholdRole;
  productType: ProductType;
  recommended: number;
  current: number;
  gap: number;
  basis: AmountBasis;
  /** The rule has an age limit and the birth date is unknown: it was applied by role. */
  ageUnknown: boolean;
  currency: string;
}

const PRODUCT: Record<Lang, Record<ProductType, string>> = {
  en: {
    LIFE: 'life cover',
    CRITICAL_ILLNESS: 'critical illness cover',
    MEDICAL: 'medical cover',
    ACCIDENT: 'accident cover',
    ANNUITY: 'a pension annuity',
    EDUCATION: 'an education fund',
    SAVINGS: 'savings',
  },
  zh: {
    LIFE: '寿险',
    CRITICAL_ILLNESS: '重疾险',
    MEDICAL: '医疗险',
    ACCIDENT: '意外险',
    ANNUITY: '养老年金',
    EDUCATION: '教育金',
    SAVINGS: '储蓄险',
  },
};

const ROLE: Record<Lang, Record<HouseholdRole, string>> = {
  en: { BREADWINNER: 'the breadwinner', SPOUSE: 'the spouse', CHILD: 'the child', ELDER: 'the elder', OTHER: 'this family member' },
  zh: { BREADWINNER: '家庭经济支柱', SPOUSE: '配偶', CHILD: '孩子', ELDER: '老人', OTHER: '这位家庭成员' },
};

const SEGMENT: Record<Lang, Record<Segment, string>> = {
  en: { EARNER: 'an earner', CHILD: 'a child', ELDER: 'an elder', DEPENDENT_ADULT: 'an adult family member' },
  zh: { EARNER: '有收入成员', CHILD: '孩子', ELDER: '老人', DEPENDENT_ADULT: '家庭成员' },
};

/** 1234567 -> "1,234,567" (fixed grouping, independent of the runtime's locale data). */
export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function money(n: number, currency: string, lang: Lang): string {
  if (currency === 'CNY') return lang === 'zh' ? `${groupDigits(n)}元` : `${groupDigits(n)} yuan`;
  return `${groupDigits(n)} ${currency}`;
}

function who(facts: ReasonFacts, lang: Lang): string {
  const name = facts.displayName?.trim();
  return name ? name : ROLE[lang][facts.role];
}

function basisEn(f: ReasonFacts): string {
  const m = (n: number): string => money(n, f.currency, 'en');
  const b = f.basis;
  let text =
    b.kind === 'FIXED'
      ? `the standard amount for ${SEGMENT.en[b.segment]}`
      : b.incomeKnown
        ? `${b.multiple} times the annual income of ${m(b.income)}`
        : `${b.multiple} times a reference income of ${m(b.income)}, as the income is unknown`;
  if (b.kind === 'INCOME' && b.minimumApplied !== null) text += `, raised to the minimum of ${m(b.minimumApplied)}`;
  if (f.ageUnknown) text += '; the birth date is unknown, so this follows the family role';
  return text;
}

function basisZh(f: ReasonFacts): string {
  const m = (n: number): string => money(n, f.currency, 'zh');
  const b = f.basis;
  let text =
    b.kind === 'FIXED'
      ? `${SEGMENT.zh[b.segment]}的标准保额`
      : b.incomeKnown
        ? `年收入${m(b.income)}的${b.multiple}倍`
        : `收入未知，按参考年收入${m(b.income)}的${b.multiple}倍`;
  if (b.kind === 'INCOME' && b.minimumApplied !== null) text += `，且不低于${m(b.minimumApplied)}`;
  if (f.ageUnknown) text += '；出生日期未知，按家庭角色推荐';
  return text;
}

function sentenceEn(f: ReasonFacts): string {
  const m = (n: number): string => money(n, f.currency, 'en');
  const cover =
    f.current > 0 ? `current active cover is ${m(f.current)}, leaving a gap of ${m(f.gap)}` : 'there is no active cover yet';
  return `We recommend ${PRODUCT.en[f.productType]} of ${m(f.recommended)} for ${who(f, 'en')} (${basisEn(f)}); ${cover}.`;
}

function sentenceZh(f: ReasonFacts): string {
  const m = (n: number): string => money(n, f.currency, 'zh');
  const cover = f.current > 0 ? `目前有效保额${m(f.current)}，缺口${m(f.gap)}` : `目前尚无有效保障，缺口${m(f.gap)}`;
  return `建议为${who(f, 'zh')}配置${m(f.recommended)}的${PRODUCT.zh[f.productType]}（${basisZh(f)}），${cover}。`;
}

/** The advisor-facing sentence for one gap. */
export function gapReason(facts: ReasonFacts, lang: Lang): string {
  return lang === 'zh' ? sentenceZh(facts) : sentenceEn(facts);
}
