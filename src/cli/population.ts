/**
 * A deterministic synthetic population for imports, tests and benchmarks: households of 1 to
 * 7 people with roles, ages, incomes, premium budgets and genders; the identity events upstream
 * systems would send about them (messy phone spellings, e-mails, national IDs,
 * app/crm/policy-admin accounts, WeChat OpenIDs and UnionIDs, personal devices, shared home
 * devices, a few recycled numbers and junk values); advisors (a few of whom have LEFT),
 * households, family links (SPOUSE links with their wedding day, a few within the last 90
 * days), life events (births, recent marriages, retirements, home purchases, job changes),
 * policies (some ACTIVE then LAPSED: a second record of the same policyNo) and referral
 * invitations whose trees have a heavy-tailed fan-out.
 *
 * Pure: no I/O, no clock, no Math.random. Everything follows from (seed, options); each
 * household draws from its own random streams, so output is generated one household at a
 * time (a 1M-person file never sits in memory). What came later (advisor records, budgets,
 * wedding days, life events, lapses) draws from streams of its own, so the records that
 * existed before are unchanged for a seed. Person references in households, links, life
 * events, policies and invitations use accounts (crm, policy-admin), which identify exactly
 * one person, never a phone that might be recycled.
 */
import type { AdvisorStatus } from '../advisors/advisors.model';
import type { HouseholdRole, LifeEventKind } from '../family/family.model';
import type { RawIdentifier } from '../identity/identifier';
import { isJunk } from '../identity/junk';
import { luhnValid, nationalIdCheckChar } from '../identity/normalize';
import { decimalMultiplier, hash32, permute, Rng } from './rng';

export type Gender = 'MALE' | 'FEMALE';
export type ProductType = 'LIFE' | 'CRITICAL_ILLNESS' | 'MEDICAL' | 'ACCIDENT' | 'ANNUITY' | 'EDUCATION' | 'SAVINGS';
export type PolicyStatus = 'ACTIVE' | 'LAPSED' | 'EXPIRED' | 'CANCELLED';
export type Relation = 'SPOUSE' | 'PARENT' | 'CHILD' | 'SIBLING';

export interface PersonRefRecord {
  identifier: RawIdentifier;
}

export interface EventRecord {
  kind: 'event';
  eventId: string;
  source: string;
  observedAt: string;
  identifiers: RawIdentifier[];
  attributes?: { displayName?: string; gender?: Gender | 'UNKNOWN'; birthDate?: string; annualIncome?: number; premiumBudget?: number };
}

/** An advisor (upsertAdvisor): written before the first household that names it. */
export interface AdvisorRecord {
  kind: 'advisor';
  advisorId: string;
  /** Absent: keep the stored value; null: clear it (as in AdvisorInput). */
  name?: string | null;
  team?: string | null;
  /** Absent or null: keep the current status (ACTIVE for a new advisor). */
  status?: AdvisorStatus | null;
}

export interface HouseholdRecord {
  kind: 'household';
  id: string;
  name: string;
  advisorId: string | null;
  members: Array<{ person: PersonRefRecord; role: HouseholdRole }>;
}

export interface LinkRecord {
  kind: 'link';
  from: PersonRefRecord;
  to: PersonRefRecord;
  relation: Relation;
  /** When the relationship began (YYYY-MM-DD; SPOUSE: the wedding day); absent when unknown. */
  since?: string;
}

/** A life event (recordLifeEvent). `lifeEventKind`, since `kind` names the record kind. */
export interface LifeEventRecord {
  kind: 'lifeEvent';
  id: string;
  person: PersonRefRecord;
  lifeEventKind: LifeEventKind;
  /** When it happened (YYYY-MM-DD), not after asOf. */
  date: string;
  /** MARRIAGE and DIVORCE only: the spouse. */
  partner?: PersonRefRecord;
  source: string;
}

export interface PolicyRecord {
  kind: 'policy';
  policyNo: string;
  productType: ProductType;
  sumAssured: number;
  annualPremium: number;
  status: PolicyStatus;
  startDate: string;
  endDate: string | null;
  holder: PersonRefRecord;
  insured: PersonRefRecord;
}

export interface InvitationRecord {
  kind: 'invitation';
  id: string;
  inviter: PersonRefRecord;
  channel: string;
  campaign: string | null;
  advisorId: string | null;
  sentAt: string;
  /** The invitee accepted (acceptInvitation) at `at`. */
  accept?: { invitee: RawIdentifier; at: string };
  /** The invitee bought (convertInvitation) at `at` with this first-year premium. */
  convert?: { premium: number; at: string };
}

/** A referral campaign (upsertCampaign): the code invitations carry, written before anything else. */
export interface CampaignRecord {
  kind: 'campaign';
  id: string;
  name: string;
  startsAt: string | null;
  endsAt: string | null;
}

/** Spend of a campaign (recordCampaignCost), on one channel or (channel null) on none in particular. */
export interface CampaignCostRecord {
  kind: 'campaignCost';
  id: string;
  campaign: string;
  channel: string | null;
  amount: number;
  spentAt: string;
}

/** An advisor's target in a campaign (setReferralTarget); absent or null figures are not targets. */
export interface ReferralTargetRecord {
  kind: 'referralTarget';
  campaign: string;
  advisorId: string;
  participants?: number | null;
  newPeople?: number | null;
  converted?: number | null;
  premium?: number | null;
}

/** An interaction (recordInteractions). `interactionKind`, since `kind` names the record kind. */
export interface InteractionRecord {
  kind: 'interaction';
  id: string;
  person: PersonRefRecord;
  channel: string;
  interactionKind: string;
  productType?: ProductType | null;
  at: string;
  source: string;
}

/** A consent statement (recordConsent): `granted: false` withdraws; the latest `at` per scope is in force. */
export interface ConsentRecord {
  kind: 'consent';
  id: string;
  person: PersonRefRecord;
  scope: 'MARKETING_CALL' | 'MARKETING_SMS' | 'MARKETING_EMAIL' | 'MARKETING_WECHAT' | 'SENSITIVE_PROCESSING';
  granted: boolean;
  at: string;
  source: string;
}

export type PopulationRecord =
  | AdvisorRecord
  | EventRecord
  | HouseholdRecord
  | LinkRecord
  | LifeEventRecord
  | PolicyRecord
  | InvitationRecord
  | CampaignRecord
  | CampaignCostRecord
  | ReferralTargetRecord
  | InteractionRecord
  | ConsentRecord;

/** Ground truth: every real identifier of one person (canonical values; junk is not listed). */
export interface TruthRecord {
  personKey: string;
  householdId: string;
  identifiers: Array<{ type: RawIdentifier['type']; namespace: string | null; value: string }>;
}

export interface HouseholdBlock {
  index: number;
  /**
   * In dependency order: the advisor (first household naming it), events, household, links,
   * life events, policies (then the LAPSED second records), invitations, interactions.
   */
  records: PopulationRecord[];
  truth: TruthRecord[];
}

export interface PopulationOptions {
  seed: number;
  /** Number of households to generate. */
  households?: number;
  /** Alternatively: generate households until this many people. */
  persons?: number;
  /** The population's "today" (YYYY-MM-DD): birth dates, policy dates and events are on or before it. */
  asOf?: string;
}

export const DEFAULT_AS_OF = '2026-06-01';
/** The deliberate junk values some events carry (ignored by identity, never in the truth). */
export const JUNK_VALUES: readonly RawIdentifier[] = [
  { type: 'PHONE', value: '13800138000' },
  { type: 'EMAIL', value: 'test@test.com' },
  { type: 'DEVICE_ID', namespace: 'idfa', value: '00000000-0000-0000-0000-000000000000' },
];
export const WECHAT_APP_IDS = ['wx8a1c2e3f4b5d6a7c', 'wx1f2e3d4c5b6a7980'] as const;

// ------------------------------------------------------------------ reference data

const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['高', 'gao'], ['罗', 'luo'],
];
const GIVEN_MALE: ReadonlyArray<readonly [string, string]> = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['勇', 'yong'], ['杰', 'jie'], ['涛', 'tao'],
  ['明', 'ming'], ['超', 'chao'], ['浩', 'hao'], ['宇', 'yu'], ['鹏', 'peng'], ['建国', 'jianguo'], ['志强', 'zhiqiang'],
];
const GIVEN_FEMALE: ReadonlyArray<readonly [string, string]> = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['燕', 'yan'], ['婷', 'ting'],
  ['雪', 'xue'], ['琳', 'lin'], ['欣', 'xin'], ['怡', 'yi'], ['慧', 'hui'], ['秀英', 'xiuying'], ['桂兰', 'guilan'],
];
/** Real county-level division codes (GB/T 2260): the first six digits of a national ID. */
const REGIONS = [
  '110101', '110105', '110108', '120101', '310104', '310115', '320102', '320506', '330106', '330110', '340104',
  '350203', '360102', '370202', '410105', '420111', '430104', '440106', '440305', '440306', '450103', '500103',
  '510107', '520102', '530102', '610113', '620102', '210102', '220102', '230102',
] as const;
/** Primary and secondary phones use disjoint prefixes, so their number spaces never overlap. */
const PRIMARY_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159',
  '180', '181', '182', '183', '185', '186', '187', '188', '189',
] as const;
const SECONDARY_PREFIXES = ['166', '173', '175', '176', '177', '178', '191', '198', '199'] as const;
/** Type allocation codes of common handsets: the first eight digits of an IMEI. */
const TACS = [
  '35332011', '35391110', '35407115', '35882611', '86012304', '86103704', '86292105', '86489903', '86726104',
  '86891205', '35688909', '35260711', '35917612', '86420505', '86155306', '35803108',
] as const;
const EMAIL_DOMAINS = ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com', 'outlook.com', 'gmail.com'] as const;
/** Channels of invitations nobody accepts. */
const CHANNELS: ReadonlyArray<readonly [string, number]> = [
  ['wechat_share', 45], ['qr', 20], ['poster', 12], ['sms', 10], ['agent', 13],
];
/**
 * Channels of the invitations that brought a household in: an agent's personal invitation
 * converts far better than a poster or an SMS, so channels differ in acceptance and conversion.
 */
const ACCEPTED_CHANNELS: ReadonlyArray<readonly [string, number]> = [
  ['wechat_share', 45], ['qr', 12], ['poster', 3], ['sms', 2], ['agent', 38],
];
/** Yearly spend of one campaign on a channel, in CNY per 100 planned households (the programme scales with the population). */
const CHANNEL_SPEND: ReadonlyArray<readonly [string | null, number]> = [
  ['wechat_share', 300], ['qr', 120], ['poster', 400], ['sms', 250], ['agent', 500], [null, 200],
];
const CAMPAIGN_NAMES: Record<(typeof CAMPAIGNS)[number], string> = {
  'family-care': '家庭保障季',
  'new-year': '新春老带新',
  summer: '夏日分享',
  'double-11': '双十一邀请',
};
/** Advisors of the latest year's campaigns that get targets. */
const TARGET_ADVISORS = 8;
/** One household in this many is a heavy spreader: its breadwinner sends many invitations. */
const HEAVY_SPREADER_EVERY = 250;
const CAMPAIGNS = ['family-care', 'new-year', 'summer', 'double-11'] as const;
const HOUSEHOLD_SIZES: ReadonlyArray<readonly [number, number]> = [
  [1, 14], [2, 26], [3, 27], [4, 17], [5, 9], [6, 5], [7, 2],
];
/** Years of history before asOf over which households join. */
const HISTORY_DAYS = 8 * 365;
/** Households per advisor, on average. */
const HOUSEHOLDS_PER_ADVISOR = 100;
/** Person indexes stay below this so fall-back phone numbers (index + CAP) never collide. */
const MAX_PERSONS = 50_000_000;
/** Share of advisors who have LEFT (at least one when there are two or more): their households are orphans. */
const ADVISORS_LEFT_SHARE = 0.02;
/** Advisors per team. */
const ADVISORS_PER_TEAM = 8;
const BRANCHES = ['北京分公司', '上海分公司', '广州分公司', '深圳分公司', '杭州分公司', '成都分公司', '南京分公司', '武汉分公司'] as const;
/** One couple in this many (in file order) married within the last 90 days of asOf. */
const RECENT_WEDDING_EVERY = 12;
/** One ACTIVE policy in this many (in file order) lapses later: a second record of its policyNo, LAPSED. */
const LAPSE_EVERY = 25;
/** Days before asOf a recent wedding falls on: 1 to this many. */
const RECENT_DAYS = 89;

/** Daily rhythms: local hour ranges [from, to) a person usually interacts in, with their weights. */
const HABITS: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[19, 23], 40], [[12, 14], 30], [[7, 9], 15], [[22, 24], 10], [[9, 11], 5],
];
const INTERACTION_CHANNELS: ReadonlyArray<readonly [string, number]> = [
  ['APP', 35], ['WECHAT', 30], ['PHONE', 10], ['WEB', 10], ['SMS', 5], ['EMAIL', 5], ['BRANCH', 5],
];
const INTERACTION_KINDS: ReadonlyArray<readonly [string, number]> = [
  ['VIEW_PRODUCT', 35], ['CAMPAIGN_OPEN', 20], ['CONSULT', 12], ['SERVICE', 12], ['QUOTE', 10], ['VISIT', 5], ['PURCHASE', 3], ['CLAIM', 3],
];
const SOURCE_OF_CHANNEL: Record<string, string> = { APP: 'app', WECHAT: 'wechat', PHONE: 'call-centre', WEB: 'web', SMS: 'sms', EMAIL: 'email', BRANCH: 'branch' };
const PRODUCT_TYPES_LIST: readonly ProductType[] = ['LIFE', 'CRITICAL_ILLNESS', 'MEDICAL', 'ACCIDENT', 'ANNUITY', 'EDUCATION', 'SAVINGS'];
/** Asia/Shanghai (no daylight saving time): UTC+8. */
const BEIJING_OFFSET_MINUTES = 480;

// ------------------------------------------------------------------ dates

const DAY_MS = 86_400_000;

export function dayOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function instant(day: number, minuteOfDay: number): string {
  return new Date(day * DAY_MS + minuteOfDay * 60_000).toISOString().replace('.000Z', 'Z');
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCDate() !== d) t.setUTCDate(0); // 29 Feb -> 28 Feb
  return t.toISOString().slice(0, 10);
}

/** Whole years from birthDate to date. */
export function ageAt(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

// ------------------------------------------------------------------ identifiers

/** An 18-character national ID: region, birth date, sequence (odd = male), check character. */
export function nationalId(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + nationalIdCheckChar(first17);
}

/** A valid IMEI: 14 digits and their Luhn check digit. */
export function imeiWithCheck(first14: string): string {
  for (let d = 0; d <= 9; d += 1) {
    if (luhnValid(first14 + d)) return first14 + d;
  }
  throw new Error('unreachable: one Luhn digit always fits');
}

function repDigits(text: string): boolean {
  return /^(\d)\1*$/.test(text);
}

/** The ways people and systems spell one CN mobile number. */
export function messyPhone(national: string, rng: Rng): string {
  const [a, b, c] = [national.slice(0, 3), national.slice(3, 7), national.slice(7)];
  switch (rng.int(0, 8)) {
    case 0:
      return `+86 ${a}-${b}-${c}`;
    case 1:
      return `86${national}`;
    case 2:
      return `${a} ${b} ${c}`;
    case 3:
      return `+86${national}`;
    case 4:
      return `(+86) ${national}`;
    case 5:
      return `0086-${national}`;
    case 6:
      return national.replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit))); // full-width
    default:
      return national;
  }
}

// ------------------------------------------------------------------ the generator

interface Member {
  x: number;
  key: string;
  role: HouseholdRole;
  gender: Gender;
  age: number;
  birthDate: string;
  income: number;
  name: string;
  pinyin: string;
  nid: string;
  crm: string;
  pa: string;
  phone: string | null;
  phone2: string | null;
  recycledPhone: string | null;
  email: string | null;
  app: string | null;
  openIds: Array<readonly [string, string]>;
  unionId: string | null;
  device: RawIdentifier | null;
  /** Shared home devices this person was seen using. */
  iot: RawIdentifier[];
  /** Premium budget (whole CNY a year) in the CRM profile; null when unknown. */
  budget: number | null;
}

/** Typed per-household facts later households need (inviter, advisor, first policy), O(households) numbers. */
class Column {
  private data = new Int32Array(1024);
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const bigger = new Int32Array(Math.max(this.data.length * 2, i + 1));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[i] = v;
  }
  get(i: number): number {
    return this.data[i];
  }
}

export class PopulationGenerator {
  readonly seed: number;
  readonly tag: string;
  readonly asOf: string;
  private readonly asOfDay: number;
  private readonly planned: number;
  private readonly advisors: number;
  private readonly phoneA: number;
  private readonly phoneB: number;
  private readonly phone2A: number;
  private readonly phone2B: number;
  private readonly imeiA: number;
  private readonly imeiB: number;
  private readonly nationalIds = new Set<string>();
  private nextPerson = 0;
  private readonly hhBreadwinner = new Column();
  private readonly hhAdvisor = new Column();
  private readonly hhFirstPolicyDay = new Column();
  /** Streams of what was added later (advisor records, budgets, wedding days, life events). */
  private readonly extraSeed: number;
  private readonly advisorSeed: number;
  private readonly interactionSeed: number;
  /** Stream of consent statements (added with the contact feature; the other streams are unchanged). */
  private readonly consentSeed: number;
  /** 1 once advisor k's record was written. */
  private readonly advisorWritten: Uint8Array;
  private readonly advisorsLeft: Set<number>;
  private couples = 0;
  private activePolicies = 0;
  private readonly weddingOffset: number;
  private readonly lapseOffset: number;

  constructor(private readonly opts: PopulationOptions) {
    if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) throw new Error('seed must be an integer from 0 to 4294967295');
    if (opts.households === undefined && opts.persons === undefined) throw new Error('give households or persons');
    this.seed = opts.seed;
    this.tag = opts.seed.toString(36);
    this.asOf = opts.asOf ?? DEFAULT_AS_OF;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.asOf)) throw new Error('asOf must be YYYY-MM-DD');
    this.asOfDay = dayOf(this.asOf);
    this.planned = Math.max(1, opts.households ?? Math.ceil((opts.persons ?? 1) / 3));
    this.advisors = Math.max(1, Math.round(this.planned / HOUSEHOLDS_PER_ADVISOR));
    this.phoneA = decimalMultiplier(hash32(`phone:${opts.seed}`));
    this.phoneB = hash32(`phone-offset:${opts.seed}`) % 100_000_000;
    this.phone2A = decimalMultiplier(hash32(`phone2:${opts.seed}`));
    this.phone2B = hash32(`phone2-offset:${opts.seed}`) % 100_000_000;
    this.imeiA = decimalMultiplier(hash32(`imei:${opts.seed}`));
    this.imeiB = hash32(`imei-offset:${opts.seed}`) % (TACS.length * 1_000_000);
    this.extraSeed = hash32(`extra:${opts.seed}`);
    this.advisorSeed = hash32(`advisor:${opts.seed}`);
    this.interactionSeed = hash32(`interaction:${opts.seed}`);
    this.consentSeed = hash32(`consent:${opts.seed}`);
    this.advisorWritten = new Uint8Array(this.advisors);
    // Exactly round(2%) of the advisors (at least one of two or more) have LEFT, spread evenly from a seeded start.
    const left = this.advisors >= 2 ? Math.max(1, Math.round(this.advisors * ADVISORS_LEFT_SHARE)) : 0;
    const start = hash32(`advisor-left:${opts.seed}`) % this.advisors;
    this.advisorsLeft = new Set(Array.from({ length: left }, (_, j) => (start + Math.floor((j * this.advisors) / left)) % this.advisors));
    this.weddingOffset = hash32(`wedding:${opts.seed}`) % RECENT_WEDDING_EVERY;
    this.lapseOffset = hash32(`lapse:${opts.seed}`) % LAPSE_EVERY;
  }

  /** Households one at a time, in file order. */
  *households(): Generator<HouseholdBlock> {
    for (let i = 0; ; i += 1) {
      if (this.opts.households !== undefined && i >= this.opts.households) return;
      if (this.opts.households === undefined && this.nextPerson >= (this.opts.persons ?? 0)) return;
      yield this.household(i);
    }
  }

  /** The primary phone (11-digit national number) of person x: unique per person and seed. */
  primaryPhone(x: number): string {
    return this.phoneNumber(x, PRIMARY_PREFIXES, this.phoneA, this.phoneB);
  }

  private phoneNumber(x: number, prefixes: readonly string[], a: number, b: number): string {
    // The subscriber part is a bijection of the person index, so no two people share a number;
    // the rare junk-looking result (repeated digits, the 13800138000 placeholder) moves to a
    // spare index above every real person's.
    for (let k = x; ; k += MAX_PERSONS) {
      const subscriber = String(permute(k, 100_000_000, a, b)).padStart(8, '0');
      const national = prefixes[(x + b) % prefixes.length] + subscriber;
      if (!repDigits(subscriber) && !isJunk('PHONE', null, `+86${national}`)) return national;
    }
  }

  private imei(x: number): string {
    const v = permute(x, TACS.length * 1_000_000, this.imeiA, this.imeiB);
    return imeiWithCheck(TACS[Math.floor(v / 1_000_000)] + String(v % 1_000_000).padStart(6, '0'));
  }

  private joinDay(i: number): number {
    const start = this.asOfDay - 30 - HISTORY_DAYS;
    return Math.min(start + Math.floor((i * HISTORY_DAYS) / this.planned), this.asOfDay - 30);
  }

  private advisorId(k: number): string | null {
    return k < 0 ? null : `adv-${this.tag}-${k}`;
  }

  householdId(i: number): string {
    return `hh-${this.tag}-${i}`;
  }

  /** Advisor k: a name, a team of about eight advisors under a branch, and ACTIVE or LEFT. */
  private advisorRecord(k: number): AdvisorRecord {
    const rng = new Rng(this.advisorSeed, k + 1);
    const [surname] = rng.pick(SURNAMES);
    const [given] = rng.pick(rng.chance(0.5) ? GIVEN_MALE : GIVEN_FEMALE);
    const team = Math.floor(k / ADVISORS_PER_TEAM);
    return {
      kind: 'advisor',
      advisorId: this.advisorId(k)!,
      name: surname + given,
      team: `${BRANCHES[team % BRANCHES.length]}${Math.floor(team / BRANCHES.length) + 1}组`,
      status: this.advisorsLeft.has(k) ? 'LEFT' : 'ACTIVE',
    };
  }

  private household(i: number): HouseholdBlock {
    const rng = new Rng(this.seed, i + 1);
    const joinDay = this.joinDay(i);
    const members = this.compose(rng);
    const hhId = this.householdId(i);
    const advisor = rng.chance(0.03) ? -1 : rng.int(0, this.advisors - 1);
    this.hhBreadwinner.set(i, members[0].x);
    this.hhAdvisor.set(i, advisor);

    // A few numbers were recycled by the operator: this breadwinner now has the number an
    // earlier household's breadwinner had.
    if (i >= 10 && rng.chance(0.005)) {
      members[0].recycledPhone = this.primaryPhone(this.hhBreadwinner.get(rng.int(0, i - 1)));
    }

    // Later additions draw from their own stream: the main stream's records stay as they were.
    const extra = new Rng(this.extraSeed, i + 1);
    for (const m of members) m.budget = this.budget(extra, m);

    const records: PopulationRecord[] = i === 0 ? this.programme() : [];
    if (advisor >= 0 && this.advisorWritten[advisor] === 0) {
      this.advisorWritten[advisor] = 1;
      records.push(this.advisorRecord(advisor));
    }
    for (const m of members) records.push(...this.personEvents(rng, m, joinDay));
    records.push(...this.householdEvents(rng, i, members, joinDay));
    const surname = members[0].name.slice(0, 1);
    records.push({
      kind: 'household',
      id: hhId,
      name: `${surname}家`,
      advisorId: this.advisorId(advisor),
      members: members.map((m) => ({ person: crmRef(m), role: m.role })),
    });
    const weddings = this.weddings(extra, members);
    records.push(...this.links(rng, members, weddings));
    records.push(...this.lifeEvents(extra, i, members, weddings));
    const policies = this.policies(rng, i, members, joinDay);
    records.push(...policies, ...this.lapses(policies));
    records.push(...this.invitations(rng, i, members, joinDay, policies));
    records.push(...this.spreading(extra, i, members, joinDay));
    records.push(...this.interactions(new Rng(this.interactionSeed, i + 1), i, members));
    records.push(...this.consents(new Rng(this.consentSeed, i + 1), i, members, joinDay));
    const firstStart = policies.reduce((min, p) => Math.min(min, dayOf(p.startDate)), Number.MAX_SAFE_INTEGER);
    this.hhFirstPolicyDay.set(i, policies.length ? firstStart : -1);

    return { index: i, records, truth: members.map((m) => this.truthOf(m, hhId)) };
  }

  // -------------------------------------------------------------- people

  private compose(rng: Rng): Member[] {
    const size = rng.weighted(HOUSEHOLD_SIZES);
    const bwAge = size === 1 ? rng.int(22, 65) : rng.int(25, 58);
    const bwGender: Gender = rng.chance(0.55) ? 'MALE' : 'FEMALE';
    const [surname, surnamePinyin] = rng.pick(SURNAMES);
    const members: Member[] = [this.person(rng, 'BREADWINNER', bwGender, bwAge, [surname, surnamePinyin])];
    let remaining = size - 1;
    let spouse: Member | null = null;
    if (remaining > 0 && rng.chance(0.92)) {
      const age = Math.max(21, bwAge + rng.int(-5, 5));
      spouse = this.person(rng, 'SPOUSE', bwGender === 'MALE' ? 'FEMALE' : 'MALE', age, rng.pick(SURNAMES));
      members.push(spouse);
      remaining -= 1;
    }
    const father = bwGender === 'MALE' ? members[0] : (spouse ?? members[0]);
    const childSurname = father.name.slice(0, 1) === surname ? [surname, surnamePinyin] as const : rng.pick(SURNAMES);
    let children = 0;
    let elders = 0;
    const youngest = Math.min(bwAge, spouse?.age ?? bwAge);
    while (remaining > 0) {
      if (children < 3 && youngest >= 24 && (rng.chance(0.65) || elders >= 2)) {
        const age = rng.chance(0.08) ? 0 : rng.int(0, Math.min(youngest - 22, 30));
        members.push(this.person(rng, 'CHILD', rng.chance(0.5) ? 'MALE' : 'FEMALE', age, childSurname));
        children += 1;
      } else if (elders < 2) {
        const age = Math.min(96, bwAge + rng.int(22, 34));
        const elderSurname = elders === 0 ? [surname, surnamePinyin] as const : rng.pick(SURNAMES);
        members.push(this.person(rng, 'ELDER', elders === 0 ? 'MALE' : 'FEMALE', age, elderSurname));
        elders += 1;
      } else {
        members.push(this.person(rng, 'OTHER', rng.chance(0.5) ? 'MALE' : 'FEMALE', Math.max(18, bwAge + rng.int(-8, 8)), [surname, surnamePinyin]));
      }
      remaining -= 1;
    }
    return members;
  }

  private person(rng: Rng, role: HouseholdRole, gender: Gender, age: number, surname: readonly [string, string]): Member {
    const x = this.nextPerson;
    this.nextPerson += 1;
    if (x >= MAX_PERSONS) throw new Error(`at most ${MAX_PERSONS} persons`);
    const birthDay = age === 0 ? this.asOfDay - rng.int(1, 330) : dayOf(addYears(this.asOf, -age)) - rng.int(0, 364);
    const birthDate = dateOf(birthDay);
    const [given, givenPinyin] = rng.pick(gender === 'MALE' ? GIVEN_MALE : GIVEN_FEMALE);
    const id36 = x.toString(36);
    const adult = age >= 18;
    const teen = age >= 12;
    const m: Member = {
      x,
      key: `p-${this.tag}-${x}`,
      role,
      gender,
      age,
      birthDate,
      income: this.income(rng, role, age),
      name: surname[0] + given,
      pinyin: surname[1] + givenPinyin,
      nid: this.uniqueNationalId(rng, birthDate, gender),
      crm: `C${this.tag.toUpperCase()}${String(x).padStart(8, '0')}`,
      pa: `PA-${this.tag}-${id36}`,
      phone: teen && (adult || rng.chance(0.7)) && !(role === 'ELDER' && rng.chance(0.15)) ? this.primaryPhone(x) : null,
      phone2: adult && rng.chance(0.1) ? this.phoneNumber(x, SECONDARY_PREFIXES, this.phone2A, this.phone2B) : null,
      recycledPhone: null,
      email: adult && rng.chance(0.5) ? `${surname[1] + givenPinyin}.${id36}.${this.tag}@${rng.pick(EMAIL_DOMAINS)}` : null,
      app: teen && rng.chance(0.65) ? `u${this.tag}-${id36}` : null,
      openIds: [],
      unionId: null,
      device: null,
      iot: [],
      budget: null,
    };
    if (teen && rng.chance(role === 'ELDER' ? 0.3 : 0.6)) {
      m.unionId = `o${rng.base64url(27)}`;
      m.openIds.push([WECHAT_APP_IDS[0], `o${rng.base64url(27)}`]);
      if (rng.chance(0.4)) m.openIds.push([WECHAT_APP_IDS[1], `o${rng.base64url(27)}`]);
    }
    if (m.app !== null) {
      m.device = rng.chance(0.6)
        ? { type: 'DEVICE_ID', namespace: 'imei', value: this.imei(x) }
        : { type: 'DEVICE_ID', namespace: 'idfa', value: `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${rng.hex(3)}-${rng.hex(12)}`.toUpperCase() };
    }
    return m;
  }

  private income(rng: Rng, role: HouseholdRole, age: number): number {
    const round = (v: number): number => Math.round(v / 1000) * 1000;
    switch (role) {
      case 'BREADWINNER':
        return Math.min(3_000_000, Math.max(36_000, round(rng.logNormal(130_000, 0.6))));
      case 'SPOUSE':
        return rng.chance(0.7) ? Math.max(24_000, round(rng.logNormal(90_000, 0.6))) : 0;
      case 'CHILD':
        return age >= 22 && rng.chance(0.6) ? round(rng.logNormal(60_000, 0.4)) : 0;
      case 'ELDER':
        return rng.chance(0.5) ? round(rng.logNormal(36_000, 0.3)) : 0;
      case 'OTHER':
        return round(rng.logNormal(70_000, 0.5));
    }
  }

  /** Breadwinners and spouses with an income: 5 to 15% of it (whole hundreds) in four cases of five; unknown otherwise. */
  private budget(rng: Rng, m: Member): number | null {
    if ((m.role !== 'BREADWINNER' && m.role !== 'SPOUSE') || m.income === 0 || !rng.chance(0.8)) return null;
    return Math.round((m.income * (0.05 + 0.1 * rng.next())) / 100) * 100;
  }

  /** A national ID no one else in this population has (sequence bumped on a clash). */
  private uniqueNationalId(rng: Rng, birthDate: string, gender: Gender): string {
    let region = rng.pick(REGIONS);
    let seq = rng.int(0, 499) * 2 + (gender === 'MALE' ? 1 : 0);
    for (let tries = 0; ; tries += 1) {
      const id = nationalId(region, birthDate, seq);
      if (!this.nationalIds.has(id)) {
        this.nationalIds.add(id);
        return id;
      }
      seq = (seq + 2) % 1000;
      if (tries % 500 === 499) region = REGIONS[(REGIONS.indexOf(region) + 1) % REGIONS.length];
    }
  }

  // -------------------------------------------------------------- events

  private personEvents(rng: Rng, m: Member, joinDay: number): EventRecord[] {
    const events: EventRecord[] = [];
    let n = 0;
    const id = (): string => `ev-${this.tag}-${m.x}-${n++}`;
    const later = (maxDays: number): number => Math.min(this.asOfDay, joinDay + rng.int(0, maxDays));
    const at = (day: number): string => instant(day, rng.int(7 * 60, 23 * 60));
    const nid: RawIdentifier = { type: 'NATIONAL_ID', value: rng.chance(0.1) ? m.nid.toLowerCase() : m.nid };
    const crm: RawIdentifier = { type: 'ACCOUNT', namespace: 'crm', value: m.crm };
    const phone = (national: string): RawIdentifier => ({ type: 'PHONE', value: messyPhone(national, rng) });

    // The CRM profile: who the person is.
    const profile: RawIdentifier[] = [nid, crm];
    if (m.phone) profile.push(phone(m.phone));
    const attributes: EventRecord['attributes'] = { displayName: m.name, gender: m.gender, birthDate: m.birthDate };
    if (m.income > 0) attributes.annualIncome = m.income;
    if (m.budget !== null) attributes.premiumBudget = m.budget;
    events.push({ kind: 'event', eventId: id(), source: 'crm', observedAt: at(joinDay), identifiers: profile, attributes });

    // The policy administration system knows the person by its own account.
    const application: RawIdentifier[] = [{ type: 'NATIONAL_ID', value: m.nid }, { type: 'ACCOUNT', namespace: 'policy-admin', value: m.pa }];
    if (m.phone && rng.chance(0.8)) application.push(phone(m.phone));
    events.push({ kind: 'event', eventId: id(), source: 'policy-admin', observedAt: at(joinDay), identifiers: application });

    if (m.app && m.phone) {
      const logins = rng.int(1, 3);
      for (let k = 0; k < logins; k += 1) {
        const ids: RawIdentifier[] = [{ type: 'ACCOUNT', namespace: 'app', value: m.app }, phone(m.phone)];
        if (m.device) ids.push(m.device);
        if (rng.chance(0.03)) ids.push(rng.pick(JUNK_VALUES));
        events.push({ kind: 'event', eventId: id(), source: 'app', observedAt: at(later(400)), identifiers: ids });
      }
    } else if (m.app) {
      const ids: RawIdentifier[] = [{ type: 'ACCOUNT', namespace: 'app', value: m.app }, nid];
      if (m.device) ids.push(m.device);
      events.push({ kind: 'event', eventId: id(), source: 'app', observedAt: at(later(400)), identifiers: ids });
    }
    if (m.unionId) {
      for (const [appId, openId] of m.openIds) {
        events.push({
          kind: 'event', eventId: id(), source: 'wechat', observedAt: at(later(600)),
          identifiers: [{ type: 'WECHAT_OPENID', namespace: appId, value: openId }, { type: 'WECHAT_UNIONID', value: m.unionId }],
        });
      }
      // Mini-program phone authorisation ties WeChat to the person; without a phone, the CRM binds it.
      const anchor = m.phone && rng.chance(0.85) ? phone(m.phone) : crm;
      events.push({ kind: 'event', eventId: id(), source: 'wechat', observedAt: at(later(600)), identifiers: [{ type: 'WECHAT_UNIONID', value: m.unionId }, anchor] });
    }
    if (m.email) {
      const email = rng.chance(0.2) ? ` ${m.email.toUpperCase()} ` : m.email;
      const ids: RawIdentifier[] = [{ type: 'EMAIL', value: email }, rng.chance(0.5) || !m.phone ? crm : phone(m.phone)];
      events.push({ kind: 'event', eventId: id(), source: 'crm', observedAt: at(later(700)), identifiers: ids });
    }
    if (m.phone2) {
      events.push({ kind: 'event', eventId: id(), source: 'call-centre', observedAt: at(later(700)), identifiers: [{ type: 'NATIONAL_ID', value: m.nid }, phone(m.phone2)] });
    }
    if (m.recycledPhone) {
      events.push({ kind: 'event', eventId: id(), source: 'call-centre', observedAt: at(later(30)), identifiers: [{ type: 'NATIONAL_ID', value: m.nid }, phone(m.recycledPhone)] });
    }
    return events;
  }

  /** Shared home devices (seen with several members) and the odd junk-only web form. */
  private householdEvents(rng: Rng, i: number, members: Member[], joinDay: number): EventRecord[] {
    const events: EventRecord[] = [];
    let n = 0;
    const users = members.filter((m) => m.phone !== null);
    const kinds: Array<readonly [string, number]> = [['tv', 0.45], ['fridge', 0.25], ['car', 0.35], ['speaker', 0.15]];
    if (users.length >= 1) {
      for (const [kind, p] of kinds) {
        if (!rng.chance(p)) continue;
        const value = kind === 'car' ? `L${rng.hex(16)}` : `${kind}-${this.tag}${i.toString(36)}-${rng.hex(6)}`;
        const device: RawIdentifier = { type: 'IOT_DEVICE', namespace: kind, value: value.toUpperCase() };
        for (const user of users.slice(0, rng.int(1, Math.min(3, users.length)))) {
          user.iot.push(device);
          events.push({
            kind: 'event', eventId: `ev-${this.tag}-h${i}-${n++}`, source: 'iot',
            observedAt: instant(Math.min(this.asOfDay, joinDay + rng.int(0, 500)), rng.int(0, 1439)),
            identifiers: [{ type: 'PHONE', value: messyPhone(user.phone!, rng) }, device],
          });
        }
      }
    }
    if (rng.chance(0.005)) {
      events.push({
        kind: 'event', eventId: `ev-${this.tag}-h${i}-${n++}`, source: 'web-form', observedAt: instant(joinDay, 600),
        identifiers: [JUNK_VALUES[0], JUNK_VALUES[1]],
      });
    }
    return events;
  }

  // -------------------------------------------------------------- family

  /**
   * Wedding days of the couple (breadwinner and spouse) and of two elders. One couple in
   * RECENT_WEDDING_EVERY married 1 to 89 days before asOf; the others between the younger
   * one's 20th birthday and a year before asOf (and before their oldest child's birth).
   */
  private weddings(rng: Rng, members: Member[]): Weddings {
    const spouse = members.find((m) => m.role === 'SPOUSE');
    const elders = members.filter((m) => m.role === 'ELDER');
    const twentieth = (a: Member, b: Member): number => dayOf(addYears(a.birthDate > b.birthDate ? a.birthDate : b.birthDate, 20));
    const out: Weddings = { couple: null, elders: null };
    if (spouse) {
      const recent = (this.couples + this.weddingOffset) % RECENT_WEDDING_EVERY === 0;
      this.couples += 1;
      if (recent) {
        out.couple = { day: this.asOfDay - rng.int(1, RECENT_DAYS), recent };
      } else {
        const earliest = twentieth(members[0], spouse);
        const births = members.filter((m) => m.role === 'CHILD').map((m) => dayOf(m.birthDate) - 200);
        const latest = Math.max(earliest, Math.min(this.asOfDay - 365, ...births));
        out.couple = { day: Math.min(rng.int(earliest, latest), this.asOfDay - 365), recent };
      }
    }
    if (elders.length === 2) {
      const earliest = twentieth(elders[0], elders[1]);
      out.elders = Math.min(earliest + rng.int(0, 6 * 365), this.asOfDay - 365);
    }
    return out;
  }

  private links(rng: Rng, members: Member[], weddings: Weddings): LinkRecord[] {
    const links: LinkRecord[] = [];
    const link = (from: Member, to: Member, relation: Relation, sinceDay: number | null = null): void => {
      const record: LinkRecord = { kind: 'link', from: crmRef(from), to: crmRef(to), relation };
      if (sinceDay !== null) record.since = dateOf(sinceDay);
      links.push(record);
    };
    const [bw] = members;
    const spouse = members.find((m) => m.role === 'SPOUSE');
    const children = members.filter((m) => m.role === 'CHILD');
    const elders = members.filter((m) => m.role === 'ELDER');
    if (spouse) link(bw, spouse, 'SPOUSE', weddings.couple?.day ?? null);
    for (const child of children) {
      link(bw, child, 'PARENT');
      // Upstream systems record the other parent link either way round.
      if (spouse) {
        if (rng.chance(0.5)) link(spouse, child, 'PARENT');
        else link(child, spouse, 'CHILD');
      }
    }
    for (let a = 0; a < children.length; a += 1) {
      for (let b = a + 1; b < children.length; b += 1) if (rng.chance(0.5)) link(children[a], children[b], 'SIBLING');
    }
    const eldersOf = spouse && rng.chance(0.3) ? spouse : bw;
    for (const elder of elders) link(elder, eldersOf, 'PARENT');
    if (elders.length === 2) link(elders[0], elders[1], 'SPOUSE', weddings.elders);
    for (const other of members.filter((m) => m.role === 'OTHER')) link(bw, other, 'SIBLING');
    return links;
  }

  /**
   * What upstream systems report as life events: three recent weddings in four (MARRIAGE,
   * partner = the spouse; the others are known from the SPOUSE link's `since` only), the
   * birth of every child under one and of some under three (BIRTH, person = the child), and a
   * few RETIREMENTs (at 60, or 55 for women, reported in the first ten years), HOME_PURCHASEs
   * and JOB_CHANGEs. Every date is on or before asOf.
   */
  private lifeEvents(rng: Rng, i: number, members: Member[], weddings: Weddings): LifeEventRecord[] {
    const out: LifeEventRecord[] = [];
    const event = (m: Member, kind: LifeEventKind, day: number | string, partner?: Member): void => {
      const record: LifeEventRecord = {
        kind: 'lifeEvent', id: `le-${this.tag}-${i}-${out.length}`, person: crmRef(m), lifeEventKind: kind,
        date: typeof day === 'string' ? day : dateOf(day), source: kind === 'BIRTH' ? 'policy-admin' : 'crm',
      };
      if (partner) record.partner = crmRef(partner);
      out.push(record);
    };
    const [bw] = members;
    const spouse = members.find((m) => m.role === 'SPOUSE');
    if (spouse && weddings.couple?.recent && rng.chance(0.75)) event(bw, 'MARRIAGE', weddings.couple.day, spouse);
    for (const m of members) {
      if (m.role === 'CHILD' && (m.age === 0 || (m.age <= 2 && rng.chance(0.6)))) event(m, 'BIRTH', m.birthDate);
    }
    for (const m of members) {
      if (m.role === 'CHILD') continue;
      const retirementAge = m.gender === 'FEMALE' ? 55 : 60;
      const age = ageAt(m.birthDate, this.asOf);
      if (age >= retirementAge && age < retirementAge + 10 && rng.chance(0.15)) event(m, 'RETIREMENT', addYears(m.birthDate, retirementAge));
      else if (m.income > 0 && age < 55 && rng.chance(0.03)) event(m, 'JOB_CHANGE', this.asOfDay - rng.int(1, 700));
    }
    if (bw.income > 0 && rng.chance(0.03)) event(bw, 'HOME_PURCHASE', this.asOfDay - rng.int(1, 3 * 365));
    return out;
  }

  /**
   * What the app, WeChat, the call centre and branches report of each adult over the year
   * before asOf: 0 to 24 interactions, four in five in the person's habit hours (evenings,
   * lunch breaks, the morning commute or late nights, Beijing time), the rest at any hour
   * from 8:00 to 22:00; more for policyholders' breadwinners, fewer for elders.
   */
  private interactions(rng: Rng, i: number, members: Member[]): InteractionRecord[] {
    const out: InteractionRecord[] = [];
    for (const m of members) {
      if (m.role === 'CHILD' || m.age < 18) continue;
      const habit = rng.weighted(HABITS);
      const count = rng.int(0, m.role === 'ELDER' ? 6 : m.role === 'BREADWINNER' ? 24 : 14);
      for (let n = 0; n < count; n++) {
        const localMinute = rng.chance(0.8) ? rng.int(habit[0] * 60, habit[1] * 60 - 1) : rng.int(8 * 60, 22 * 60 - 1);
        const day = this.asOfDay - rng.int(1, 365);
        const channel = rng.weighted(INTERACTION_CHANNELS);
        const kind = rng.weighted(INTERACTION_KINDS);
        const record: InteractionRecord = {
          kind: 'interaction', id: `ia-${this.tag}-${i}-${out.length}`, person: crmRef(m), channel, interactionKind: kind,
          at: instant(day, localMinute - BEIJING_OFFSET_MINUTES), source: SOURCE_OF_CHANNEL[channel] ?? 'crm',
        };
        if (kind === 'VIEW_PRODUCT' || kind === 'QUOTE' || kind === 'PURCHASE') record.productType = rng.pick(PRODUCT_TYPES_LIST);
        out.push(record);
      }
    }
    return out;
  }

  /**
   * What the app and the call centre record as consent, for adults: about 40 % allow marketing
   * calls, 25 % WeChat, 10 % e-mail, 15 % SMS, when they joined; one call consent in six is
   * withdrawn later (a newer statement), so "the latest per scope" matters.
   */
  private consents(rng: Rng, i: number, members: Member[], joinDay: number): ConsentRecord[] {
    const out: ConsentRecord[] = [];
    const state = (m: Member, scope: ConsentRecord['scope'], granted: boolean, day: number, source: string): void => {
      out.push({ kind: 'consent', id: `cs-${this.tag}-${i}-${out.length}`, person: crmRef(m), scope, granted, at: instant(Math.min(day, this.asOfDay - 1), 600 + out.length), source });
    };
    for (const m of members) {
      if (m.role === 'CHILD') continue;
      if (rng.chance(0.4)) {
        state(m, 'MARKETING_CALL', true, joinDay, 'app');
        if (rng.chance(1 / 6)) state(m, 'MARKETING_CALL', false, joinDay + rng.int(1, 365), 'call-centre');
      }
      if (rng.chance(0.25)) state(m, 'MARKETING_WECHAT', true, joinDay, 'wechat');
      if (rng.chance(0.1)) state(m, 'MARKETING_EMAIL', true, joinDay, 'app');
      if (rng.chance(0.15)) state(m, 'MARKETING_SMS', true, joinDay, 'app');
    }
    return out;
  }

  // -------------------------------------------------------------- coverage

  private policies(rng: Rng, i: number, members: Member[], joinDay: number): PolicyRecord[] {
    const out: PolicyRecord[] = [];
    const [bw] = members;
    const spouse = members.find((m) => m.role === 'SPOUSE');
    const wants: Record<HouseholdRole, Array<readonly [ProductType, number]>> = {
      BREADWINNER: [['LIFE', 0.45], ['CRITICAL_ILLNESS', 0.4], ['MEDICAL', 0.6], ['ACCIDENT', 0.45], ['ANNUITY', 0.25], ['SAVINGS', 0.12]],
      SPOUSE: [['LIFE', 0.25], ['CRITICAL_ILLNESS', 0.35], ['MEDICAL', 0.55], ['ACCIDENT', 0.35], ['ANNUITY', 0.15], ['SAVINGS', 0.08]],
      CHILD: [['MEDICAL', 0.55], ['CRITICAL_ILLNESS', 0.25], ['EDUCATION', 0.3], ['ACCIDENT', 0.2]],
      ELDER: [['MEDICAL', 0.35], ['ACCIDENT', 0.3], ['CRITICAL_ILLNESS', 0.08]],
      OTHER: [['MEDICAL', 0.4], ['ACCIDENT', 0.25], ['CRITICAL_ILLNESS', 0.2]],
    };
    // A third of households buy nothing (yet): prospects.
    if (rng.chance(0.3)) return out;
    for (const m of members) {
      for (const [product, p] of wants[m.role]) {
        if (product === 'ANNUITY' && m.age < 40) continue;
        if (product === 'EDUCATION' && m.age > 17) continue;
        if (product === 'LIFE' && m.income === 0) continue;
        if (!rng.chance(p)) continue;
        const holder = m.age >= 18 && m.role !== 'ELDER' ? m : m.role === 'ELDER' && rng.chance(0.4) ? m : rng.chance(0.7) || !spouse ? bw : spouse;
        out.push(this.policy(rng, `PL${this.tag.toUpperCase()}${String(i).padStart(7, '0')}${String(out.length).padStart(2, '0')}`, product, holder, m, joinDay));
      }
    }
    return out;
  }

  /** One ACTIVE policy in LAPSE_EVERY (counted in file order) later lapses: the same policy again, LAPSED. */
  private lapses(policies: readonly PolicyRecord[]): PolicyRecord[] {
    const out: PolicyRecord[] = [];
    for (const p of policies) {
      if (p.status !== 'ACTIVE') continue;
      if ((this.activePolicies + this.lapseOffset) % LAPSE_EVERY === 0) out.push({ ...p, status: 'LAPSED' });
      this.activePolicies += 1;
    }
    return out;
  }

  private policy(rng: Rng, policyNo: string, product: ProductType, holder: Member, insured: Member, joinDay: number): PolicyRecord {
    const oneYear = product === 'MEDICAL' || product === 'ACCIDENT';
    const earliest = oneYear ? Math.max(joinDay, this.asOfDay - 420) : joinDay;
    const startDay = rng.int(earliest, this.asOfDay - 1);
    const startDate = dateOf(startDay);
    const age = insured.age;
    const step = (v: number, unit: number): number => Math.max(unit, Math.round(v / unit) * unit);
    let sumAssured: number;
    let premium: number;
    let endDate: string | null;
    switch (product) {
      case 'LIFE':
        sumAssured = step(insured.income * rng.int(3, 10), 10_000);
        premium = (sumAssured * (0.5 + age * 0.05)) / 1000;
        endDate = rng.chance(0.25) ? null : addYears(startDate, rng.pick([20, 30]));
        break;
      case 'CRITICAL_ILLNESS':
        sumAssured = rng.int(2, 10) * 50_000;
        premium = (sumAssured * (5 + age * 0.4)) / 1000;
        endDate = rng.chance(0.6) ? null : addYears(insured.birthDate, Math.max(70, age + 10));
        break;
      case 'MEDICAL':
        sumAssured = rng.pick([2_000_000, 4_000_000, 6_000_000]);
        premium = 300 + age * 15;
        endDate = dateOf(dayOf(addYears(startDate, 1)) - 1);
        break;
      case 'ACCIDENT':
        sumAssured = rng.int(1, 10) * 100_000;
        premium = sumAssured * 0.001 + 100;
        endDate = dateOf(dayOf(addYears(startDate, 1)) - 1);
        break;
      case 'ANNUITY':
        sumAssured = rng.int(2, 20) * 100_000;
        premium = sumAssured / 10;
        endDate = null;
        break;
      case 'EDUCATION':
        sumAssured = rng.int(2, 6) * 50_000;
        premium = sumAssured / 15;
        endDate = addYears(insured.birthDate, 22);
        break;
      case 'SAVINGS':
        sumAssured = rng.int(1, 10) * 50_000;
        premium = sumAssured / 10;
        endDate = addYears(startDate, 10);
        break;
    }
    const status: PolicyStatus = endDate !== null && endDate < this.asOf
      ? 'EXPIRED'
      : rng.weighted<PolicyStatus>([['ACTIVE', 88], ['LAPSED', 9], ['CANCELLED', 3]]);
    return {
      kind: 'policy',
      policyNo,
      productType: product,
      sumAssured,
      annualPremium: Math.max(50, Math.round(premium)),
      status,
      startDate,
      endDate,
      holder: paRef(holder),
      insured: paRef(insured),
    };
  }

  // -------------------------------------------------------------- referral

  /**
   * How this household came in. 45% were referred: the inviter is an earlier household's
   * breadwinner, picked as floor(i * u^3), which favours early households (a random recursive
   * tree with a Zipf-like, heavy-tailed fan-out: the j-th household is picked about
   * (n/j)^(2/3) times). Others send invitations nobody accepts (a Pareto count), a few invite
   * someone who was already a customer, or themselves (both rejected on acceptance).
   */
  private invitations(rng: Rng, i: number, members: Member[], joinDay: number, policies: PolicyRecord[]): InvitationRecord[] {
    const out: InvitationRecord[] = [];
    let n = 0;
    const id = (): string => `inv-${this.tag}-${i}-${n++}`;
    const [bw] = members;
    const inviterRef = (j: number): PersonRefRecord => ({ identifier: { type: 'ACCOUNT', namespace: 'crm', value: this.crmOf(this.hhBreadwinner.get(j)) } });
    const campaign = (day: number): string | null => (rng.chance(0.3) ? null : `${rng.pick(CAMPAIGNS)}-${dateOf(day).slice(0, 4)}`);

    if (i > 0 && rng.chance(0.45)) {
      const j = Math.floor(i * Math.pow(rng.next(), 3));
      const sentDay = joinDay - rng.int(2, 20);
      const record: InvitationRecord = {
        kind: 'invitation',
        id: id(),
        inviter: inviterRef(j),
        channel: rng.weighted(ACCEPTED_CHANNELS),
        campaign: campaign(sentDay),
        advisorId: this.advisorId(this.hhAdvisor.get(j)),
        sentAt: instant(sentDay, rng.int(8 * 60, 22 * 60)),
        accept: { invitee: { type: 'ACCOUNT', namespace: 'crm', value: bw.crm }, at: instant(sentDay + 1, rng.int(8 * 60, 22 * 60)) },
      };
      const bought = policies.filter((p) => p.holder.identifier.value === bw.pa).sort((a, b) => a.startDate.localeCompare(b.startDate));
      if (bought.length > 0) record.convert = { premium: bought[0].annualPremium, at: `${bought[0].startDate}T12:00:00Z` };
      out.push(record);
    }
    if (rng.chance(0.2)) {
      const unanswered = Math.min(30, Math.floor(rng.pareto(1, 1.3)));
      for (let k = 0; k < unanswered; k += 1) {
        const sentDay = Math.min(this.asOfDay, joinDay + rng.int(10, 700));
        out.push({
          kind: 'invitation', id: id(), inviter: crmRef(bw), channel: rng.weighted(CHANNELS), campaign: campaign(sentDay),
          advisorId: this.advisorId(this.hhAdvisor.get(i)), sentAt: instant(sentDay, rng.int(8 * 60, 22 * 60)),
        });
      }
    }
    if (i > 20 && rng.chance(0.01)) {
      // Invites someone who already held a policy: rejected on acceptance.
      const k = rng.int(0, i - 1);
      const first = this.hhFirstPolicyDay.get(k);
      if (first >= 0 && first < joinDay - 1) {
        const sentDay = joinDay;
        out.push({
          kind: 'invitation', id: id(), inviter: crmRef(bw), channel: rng.weighted(CHANNELS), campaign: campaign(sentDay),
          advisorId: this.advisorId(this.hhAdvisor.get(i)), sentAt: instant(sentDay, 600),
          accept: { invitee: { type: 'ACCOUNT', namespace: 'crm', value: this.crmOf(this.hhBreadwinner.get(k)) }, at: instant(sentDay, 900) },
        });
      }
    }
    if (rng.chance(0.002)) {
      out.push({
        kind: 'invitation', id: id(), inviter: crmRef(bw), channel: 'qr', campaign: null, advisorId: null,
        sentAt: instant(joinDay, 700), accept: { invitee: { type: 'ACCOUNT', namespace: 'crm', value: bw.crm }, at: instant(joinDay, 720) },
      });
    }
    return out;
  }

  /**
   * The referral programme, written before the first household: every campaign code
   * invitations can carry (each of CAMPAIGNS in each year of the history, named like the
   * invitations' `${campaign}-${year}`), its yearly spend per channel and not tied to one,
   * and targets of the first advisors in the latest year's campaigns. From its own stream.
   */
  private programme(): PopulationRecord[] {
    const rng = new Rng(hash32(`programme:${this.seed}`), 1);
    const firstYear = Number(dateOf(this.joinDay(0) - 20).slice(0, 4));
    const lastYear = Number(this.asOf.slice(0, 4));
    const scale = this.planned / 100;
    const out: PopulationRecord[] = [];
    for (let year = firstYear; year <= lastYear; year += 1) {
      const yearStart = dayOf(`${year}-01-01`);
      for (const c of CAMPAIGNS) {
        const id = `${c}-${year}`;
        // a year in Asia/Shanghai: from 00:00 +08:00 on 1 January
        out.push({ kind: 'campaign', id, name: `${CAMPAIGN_NAMES[c]} ${year}`, startsAt: instant(yearStart - 1, 16 * 60), endsAt: instant(dayOf(`${year + 1}-01-01`) - 1, 16 * 60) });
        for (const [channel, perHundred] of CHANNEL_SPEND) {
          const day = Math.min(this.asOfDay, yearStart + rng.int(0, 364));
          const amount = Math.max(1, Math.round(perHundred * scale * (0.5 + rng.next())));
          out.push({ kind: 'campaignCost', id: `cost-${this.tag}-${id}-${channel ?? 'general'}`, campaign: id, channel, amount, spentAt: instant(day, rng.int(9 * 60, 18 * 60)) });
        }
        if (year === lastYear) {
          for (let k = 0; k < Math.min(TARGET_ADVISORS, this.advisors); k += 1) {
            out.push({
              kind: 'referralTarget',
              campaign: id,
              advisorId: this.advisorId(k)!,
              participants: rng.int(2, 10),
              newPeople: rng.int(1, 8),
              converted: rng.chance(0.7) ? rng.int(1, 4) : null,
              premium: rng.chance(0.5) ? rng.int(5, 50) * 1000 : null,
            });
          }
        }
      }
    }
    return out;
  }

  /** A few heavy spreaders (one household in HEAVY_SPREADER_EVERY): 40 to 120 more invitations over two years, mostly unanswered. */
  private spreading(extra: Rng, i: number, members: Member[], joinDay: number): InvitationRecord[] {
    if (!extra.chance(1 / HEAVY_SPREADER_EVERY)) return [];
    const [bw] = members;
    const count = extra.int(40, 120);
    return Array.from({ length: count }, (_, k): InvitationRecord => {
      const sentDay = Math.min(this.asOfDay, joinDay + extra.int(1, 730));
      return {
        kind: 'invitation',
        id: `inv-${this.tag}-${i}-s${k}`,
        inviter: crmRef(bw),
        channel: extra.weighted(CHANNELS),
        campaign: extra.chance(0.2) ? null : `${extra.pick(CAMPAIGNS)}-${dateOf(sentDay).slice(0, 4)}`,
        advisorId: this.advisorId(this.hhAdvisor.get(i)),
        sentAt: instant(sentDay, extra.int(8 * 60, 22 * 60)),
      };
    });
  }

  private crmOf(x: number): string {
    return `C${this.tag.toUpperCase()}${String(x).padStart(8, '0')}`;
  }

  // -------------------------------------------------------------- truth

  private truthOf(m: Member, householdId: string): TruthRecord {
    const ids: TruthRecord['identifiers'] = [
      { type: 'NATIONAL_ID', namespace: null, value: m.nid },
      { type: 'ACCOUNT', namespace: 'crm', value: m.crm },
      { type: 'ACCOUNT', namespace: 'policy-admin', value: m.pa },
    ];
    for (const phone of [m.phone, m.phone2, m.recycledPhone]) if (phone) ids.push({ type: 'PHONE', namespace: null, value: `+86${phone}` });
    if (m.email) ids.push({ type: 'EMAIL', namespace: null, value: m.email });
    if (m.app) ids.push({ type: 'ACCOUNT', namespace: 'app', value: m.app });
    if (m.device) ids.push({ type: m.device.type, namespace: m.device.namespace ?? null, value: m.device.value });
    if (m.unionId) {
      ids.push({ type: 'WECHAT_UNIONID', namespace: null, value: m.unionId });
      for (const [appId, openId] of m.openIds) ids.push({ type: 'WECHAT_OPENID', namespace: appId, value: openId });
    }
    for (const device of m.iot) ids.push({ type: 'IOT_DEVICE', namespace: device.namespace ?? null, value: device.value });
    return { personKey: m.key, householdId, identifiers: ids };
  }
}

interface Weddings {
  /** The breadwinner's and spouse's wedding day; recent: within RECENT_DAYS of asOf. */
  couple: { day: number; recent: boolean } | null;
  /** The two elders' wedding day. */
  elders: number | null;
}

function crmRef(m: Member): PersonRefRecord {
  return { identifier: { type: 'ACCOUNT', namespace: 'crm', value: m.crm } };
}

function paRef(m: Member): PersonRefRecord {
  return { identifier: { type: 'ACCOUNT', namespace: 'policy-admin', value: m.pa } };
}
