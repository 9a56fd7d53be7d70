/**
 * Default coverage-needs rules (version 2026-12.1).
 *
 * This file is the single place where the recommended amounts live. Each rule
 * names its `source`: a widely used industry rule of thumb, a published
 * statistic, or a planning assumption the business owns and should review.
 * To change them without a release, put the same shape in a JSON file and
 * point env COVERAGE_RULES_FILE at it (see `loadRules` in ./rules.ts); the
 * file replaces these defaults entirely and is validated at start-up.
 *
 * Segments (decided in code, see `segmentOf` in ./gaps.ts):
 * - EARNER: role BREADWINNER (always; an unknown or zero income falls back to
 *   `referenceIncome`), or role SPOUSE with annualIncome > 0;
 * - CHILD: role CHILD; ELDER: role ELDER (by role, not by age);
 * - DEPENDENT_ADULT: everyone else (role OTHER, a SPOUSE without known income).
 *
 * | id                | product          | who             | recommended                        | prio |
 * |-------------------|------------------|-----------------|------------------------------------|------|
 * | life-earner       | LIFE             | earners         | 10 x income                        | 1    |
 * | ci-earner         | CRITICAL_ILLNESS | earners         | 3 x income, at least 300,000       | 1    |
 * | medical-earner    | MEDICAL          | earners         | 2,000,000                          | 1    |
 * | accident-earner   | ACCIDENT         | earners         | 5 x income                         | 1    |
 * | medical-child     | MEDICAL          | children        | 2,000,000                          | 2    |
 * | ci-child          | CRITICAL_ILLNESS | children        | 300,000                            | 2    |
 * | education-child   | EDUCATION        | children < 18   | 300,000                            | 2    |
 * | accident-elder    | ACCIDENT         | elders          | 200,000                            | 3    |
 * | medical-elder     | MEDICAL          | elders          | 2,000,000                          | 3    |
 * | ci-elder          | CRITICAL_ILLNESS | elders          | 300,000                            | 3    |
 * | medical-dependent | MEDICAL          | dependent adult | 2,000,000                          | 3    |
 * | annuity-earner    | ANNUITY          | earners 40+     | 5 x income                         | 4    |
 * | savings-earner    | SAVINGS          | earners         | 1 x income                         | 5    |
 *
 * Reference income when an earner's income is unknown: 120,000 CNY a year.
 * Age limits use the birth date; when it is unknown the rule applies by role
 * (whenAgeUnknown APPLY) and the reason says so.
 */
import type { NeedsRules } from './rules.model';

const MEDICAL_LIMIT = 2_000_000;
const MEDICAL_SOURCE =
  'Typical base annual limit of "million medical" (百万医疗) policies sold in China: 2,000,000 CNY for ' +
  'general hospitalisation (often with a further limit for critical illness); the limit, not a multiple of income, is what protects.';
const CI_FLOOR = 300_000;
const CI_FLOOR_SOURCE =
  'Treatment of a major illness (cancer, heart disease, stroke) commonly costs around 300,000 CNY: the usual floor for critical illness cover.';

/** The built-in rules, used when COVERAGE_RULES_FILE is not set. */
export const DEFAULT_RULES: NeedsRules = {
  version: '2026-12.1',
  currency: 'CNY',
  referenceIncome: {
    amount: 120_000,
    source:
      'National Bureau of Statistics of China: 2023 average annual wage of employees in urban non-private units, 120,698 CNY, rounded down.',
  },
  rules: [
    {
      id: 'life-earner',
      productType: 'LIFE',
      segments: ['EARNER'],
      amount: { basis: 'INCOME_MULTIPLE', multiple: 10 },
      priority: 1,
      source: 'The "double ten" rule (双十原则): life cover about 10 x annual income, premiums at most 10% of income.',
    },
    {
      id: 'ci-earner',
      productType: 'CRITICAL_ILLNESS',
      segments: ['EARNER'],
      amount: { basis: 'INCOME_MULTIPLE', multiple: 3, minimum: CI_FLOOR },
      priority: 1,
      source:
        'Rule of thumb: critical illness cover 3-5 x annual income (treatment plus 3-5 years of lost income while recovering); ' +
        'the lower bound is used, never below the 300,000 typical treatment cost.',
    },
    {
      id: 'medical-earner',
      productType: 'MEDICAL',
      segments: ['EARNER'],
      amount: { basis: 'FIXED', amount: MEDICAL_LIMIT },
      priority: 1,
      source: `${MEDICAL_SOURCE} One medical policy for everyone; an earner's is part of the breadwinners' protection.`,
    },
    {
      id: 'accident-earner',
      productType: 'ACCIDENT',
      segments: ['EARNER'],
      amount: { basis: 'INCOME_MULTIPLE', multiple: 5 },
      priority: 1,
      source:
        'Rule of thumb: accident cover 5-10 x annual income (death or disability by accident ends the income); ' +
        'the lower bound is used because LIFE already pays on death from any cause.',
    },
    {
      id: 'medical-child',
      productType: 'MEDICAL',
      segments: ['CHILD'],
      amount: { basis: 'FIXED', amount: MEDICAL_LIMIT },
      priority: 2,
      source: MEDICAL_SOURCE,
    },
    {
      id: 'ci-child',
      productType: 'CRITICAL_ILLNESS',
      segments: ['CHILD'],
      amount: { basis: 'FIXED', amount: CI_FLOOR },
      priority: 2,
      source: CI_FLOOR_SOURCE,
    },
    {
      id: 'education-child',
      productType: 'EDUCATION',
      segments: ['CHILD'],
      amount: { basis: 'FIXED', amount: 300_000 },
      priority: 2,
      maxAge: 17,
      whenAgeUnknown: 'APPLY',
      source:
        'Planning assumption (to be reviewed by the business): an education fund of 300,000 CNY covers a domestic ' +
        'university degree with living costs and part of postgraduate study; built up before the child turns 18.',
    },
    {
      id: 'accident-elder',
      productType: 'ACCIDENT',
      segments: ['ELDER'],
      amount: { basis: 'FIXED', amount: 200_000 },
      priority: 3,
      source:
        'Planning assumption (to be reviewed by the business): mid-range of accident policies for the elderly ' +
        '(100,000-300,000 CNY, usually with fracture and accident-medical benefits); falls are the main risk.',
    },
    {
      id: 'medical-elder',
      productType: 'MEDICAL',
      segments: ['ELDER'],
      amount: { basis: 'FIXED', amount: MEDICAL_LIMIT },
      priority: 3,
      source: MEDICAL_SOURCE,
    },
    {
      id: 'ci-elder',
      productType: 'CRITICAL_ILLNESS',
      segments: ['ELDER'],
      amount: { basis: 'FIXED', amount: CI_FLOOR },
      priority: 3,
      source: CI_FLOOR_SOURCE,
    },
    {
      id: 'medical-dependent',
      productType: 'MEDICAL',
      segments: ['DEPENDENT_ADULT'],
      amount: { basis: 'FIXED', amount: MEDICAL_LIMIT },
      priority: 3,
      source: `${MEDICAL_SOURCE} Adults without (known) income are advised after children, with the elders.`,
    },
    {
      id: 'annuity-earner',
      productType: 'ANNUITY',
      segments: ['EARNER'],
      amount: { basis: 'INCOME_MULTIPLE', multiple: 5 },
      priority: 4,
      minAge: 40,
      whenAgeUnknown: 'APPLY',
      source:
        'Planning assumption (to be reviewed by the business): a private pension of about 5 x annual income tops up the ' +
        'basic state pension, which replaces well under half of final pay; advised from age 40.',
    },
    {
      id: 'savings-earner',
      productType: 'SAVINGS',
      segments: ['EARNER'],
      amount: { basis: 'INCOME_MULTIPLE', multiple: 1 },
      priority: 5,
      source: 'Rule of thumb: an emergency reserve of 6-12 months of income; the upper bound (1 x annual income) is used.',
    },
  ],
  premiumRates: {
    bands: [30, 40, 50, 60],
    unknownAgeBand: 1,
    rates: {
      LIFE: [8, 12, 25, 55, 120],
      CRITICAL_ILLNESS: [40, 60, 110, 200, 350],
      MEDICAL: [1, 1.5, 3, 6, 12],
      ACCIDENT: [1, 1, 1.5, 2, 3],
      ANNUITY: [600, 600, 600, 600, 600],
      EDUCATION: [800, 800, 800, 800, 800],
      SAVINGS: [1000, 1000, 1000, 1000, 1000],
    },
    source:
      'Round planning figures, not a tariff: term life, term critical illness, "million medical" and accident rates ' +
      'per 10,000 CNY of cover as seen on typical published online price sheets in China for a non-smoker by age band; ' +
      'annuity, education and savings are savings products, priced as a yearly contribution towards the sum. ' +
      'Replace with the insurer\'s own rate table through COVERAGE_RULES_FILE.',
  },
  worklistWeights: {
    NEWBORN: 30,
    LAPSED: 28,
    RENEWAL: 26,
    BIRTHDAY: 22,
    MARRIAGE: 20,
    REFERRAL_FOLLOW_UP: 15,
  },
};
