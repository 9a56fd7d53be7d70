/** English and Chinese labels: one dictionary, a language switch, enum values translated. */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'en' | 'zh';

const en = {
  appTitle: 'kingraph advisor console',
  skipToContent: 'Skip to content',
  language: 'Language',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signInIntro: 'Paste a bearer token (JWT). In development the service prints an ADMIN token when it starts.',
  tokenLabel: 'Token',
  tokenKept: 'The token is kept in this tab only (sessionStorage) and is forgotten when the tab closes.',
  tokenInvalid: 'This is not a token (expected three dot-separated parts with a role and a sub).',
  tokenExpired: 'This token has expired.',
  sessionEnded: 'The service refused the token: sign in again.',
  signedInAs: 'Signed in as',
  navWorklist: 'Work-list',
  navHousehold: 'Household',
  navPerson: 'Person',
  worklist: 'Work-list',
  advisorId: 'Advisor id',
  open: 'Open',
  pickAdvisor: 'Enter the advisor whose work-list to open.',
  kinds: 'Kinds',
  allKinds: 'All kinds',
  kind: 'Kind',
  date: 'Date',
  daysAway: 'In days',
  score: 'Score',
  reason: 'Reason',
  suggestions: 'Suggestions',
  person: 'Person',
  household: 'Household',
  policy: 'Policy',
  items: 'items',
  loadMore: 'Load more',
  loading: 'Loading…',
  nothing: 'Nothing to show.',
  error: 'Error',
  notFound: 'Not found, or not yours to see.',
  householdId: 'Household id',
  oneId: 'OneID',
  members: 'Members',
  familyGraph: 'Family graph',
  graphHelp: 'One node per member (role and name), one edge per family link. The table below has the same information.',
  gapMark: 'has coverage gaps',
  role: 'Role',
  name: 'Name',
  age: 'Age',
  gender: 'Gender',
  identifiers: 'Identifiers (masked)',
  policies: 'Policies',
  noPolicies: 'No policies',
  gaps: 'Coverage gaps',
  noGaps: 'No coverage gaps.',
  totalGap: 'Total gap',
  priority: 'Priority',
  product: 'Product',
  recommended: 'Recommended',
  current: 'Current',
  gap: 'Gap',
  sumAssured: 'Sum assured',
  annualPremium: 'Annual premium',
  estimatedPremium: 'Estimated premium / year',
  perYear: '/yr',
  status: 'Status',
  period: 'Period',
  holder: 'Holder',
  advisor: 'Advisor',
  none: 'none',
  relationships: 'Family links',
  relatives: 'Relatives',
  suggestionsWithinBudget: 'Suggestions within budget',
  suggestionsHelp: 'From the advisor work-list: each gap filled in steps of 10,000 within what remains of the person\u2019s premium budget.',
  noSuggestions: 'No suggestion (no advisor, no gap, or no budget left).',
  budget: 'Premium budget',
  noBudget: 'not set (no cap)',
  referralTree: 'Referral tree',
  referralChain: 'Brought in by',
  referralHelp: 'The chain of accepted invitations from the root referrer down to this person, then the people it brought in, level by level.',
  notInvited: 'Nobody invited this person.',
  depth: 'Depth',
  accepted: 'Accepted',
  converted: 'Converted',
  premium: 'Premium',
  size: 'People brought in',
  channel: 'Channel',
  campaign: 'Campaign',
  level: 'Level',
  people: 'people',
  maxDepth: 'Levels to show',
  show: 'Show',
  revealContact: 'Reveal contact',
  revealTitle: 'Reveal contact details',
  revealIntro: 'Every reveal is recorded in the access log with your purpose and justification.',
  types: 'Identifier types',
  purpose: 'Purpose',
  justification: 'Justification',
  justificationHelp: '1 to 500 characters, stored in the access log.',
  reveal: 'Reveal',
  cancel: 'Cancel',
  close: 'Close',
  revealed: 'Revealed values (shown once, not stored)',
  nothingRevealed: 'The person has no identifiers of these types.',
  revealUnavailable: 'Revealing contact details is not available on this service yet.',
  consentRequired: 'The customer has not consented to marketing on this channel.',
  forbidden: 'Not allowed for your role.',
  badInput: 'Check the form',
  pickType: 'Pick at least one type.',
} as const;

export type Key = keyof typeof en;

const zh: Record<Key, string> = {
  appTitle: 'kingraph 顾问工作台',
  skipToContent: '跳到正文',
  language: '语言',
  signIn: '登录',
  signOut: '退出',
  signInIntro: '粘贴一个访问令牌（JWT）。开发环境下服务启动时会打印一个 ADMIN 令牌。',
  tokenLabel: '令牌',
  tokenKept: '令牌只保存在当前标签页（sessionStorage），关闭标签页即清除。',
  tokenInvalid: '这不是有效的令牌（应为三段，含角色和 sub）。',
  tokenExpired: '令牌已过期。',
  sessionEnded: '服务拒绝了该令牌，请重新登录。',
  signedInAs: '当前身份',
  navWorklist: '工作清单',
  navHousehold: '家庭',
  navPerson: '客户',
  worklist: '工作清单',
  advisorId: '顾问编号',
  open: '打开',
  pickAdvisor: '输入要查看其工作清单的顾问编号。',
  kinds: '类型',
  allKinds: '全部类型',
  kind: '类型',
  date: '日期',
  daysAway: '相距天数',
  score: '分数',
  reason: '原因',
  suggestions: '推荐',
  person: '客户',
  household: '家庭',
  policy: '保单',
  items: '条',
  loadMore: '加载更多',
  loading: '加载中…',
  nothing: '暂无内容。',
  error: '错误',
  notFound: '不存在，或无权查看。',
  householdId: '家庭编号',
  oneId: 'OneID',
  members: '成员',
  familyGraph: '家庭关系图',
  graphHelp: '每位成员一个节点（角色和姓名），每条家庭关系一条连线。下表包含相同信息。',
  gapMark: '存在保障缺口',
  role: '角色',
  name: '姓名',
  age: '年龄',
  gender: '性别',
  identifiers: '标识（已脱敏）',
  policies: '保单',
  noPolicies: '无保单',
  gaps: '保障缺口',
  noGaps: '没有保障缺口。',
  totalGap: '缺口合计',
  priority: '优先级',
  product: '产品',
  recommended: '建议保额',
  current: '现有保额',
  gap: '缺口',
  sumAssured: '保额',
  annualPremium: '年缴保费',
  estimatedPremium: '预估年保费',
  perYear: '/年',
  status: '状态',
  period: '保障期间',
  holder: '投保人',
  advisor: '顾问',
  none: '无',
  relationships: '家庭关系',
  relatives: '亲属',
  suggestionsWithinBudget: '预算内的推荐',
  suggestionsHelp: '来自顾问工作清单：在客户剩余保费预算内，按 1 万元为单位补足每项缺口。',
  noSuggestions: '暂无推荐（无顾问、无缺口或预算已用完）。',
  budget: '保费预算',
  noBudget: '未设置（不设上限）',
  referralTree: '转介绍树',
  referralChain: '推荐链',
  referralHelp: '从最初推荐人到该客户的已接受邀请链，以及该客户逐层带来的客户。',
  notInvited: '该客户不是被邀请来的。',
  depth: '层级',
  accepted: '已接受',
  converted: '已成交',
  premium: '保费',
  size: '带来的客户数',
  channel: '渠道',
  campaign: '活动',
  level: '第几层',
  people: '人',
  maxDepth: '显示层数',
  show: '显示',
  revealContact: '查看联系方式',
  revealTitle: '查看联系方式明文',
  revealIntro: '每次查看都会连同目的和理由记入访问日志。',
  types: '标识类型',
  purpose: '目的',
  justification: '理由',
  justificationHelp: '1 到 500 个字，记入访问日志。',
  reveal: '查看',
  cancel: '取消',
  close: '关闭',
  revealed: '明文（仅显示一次，不保存）',
  nothingRevealed: '该客户没有这些类型的标识。',
  revealUnavailable: '本服务暂不支持查看联系方式。',
  consentRequired: '客户未同意通过该渠道接收营销。',
  forbidden: '您的角色无权执行此操作。',
  badInput: '请检查表单',
  pickType: '请至少选择一种类型。',
};

/** Enum values by language (falls back to the value itself). */
const ENUMS: Record<Lang, Record<string, string>> = {
  en: {
    BREADWINNER: 'Breadwinner', SPOUSE: 'Spouse', CHILD: 'Child', ELDER: 'Elder', OTHER: 'Other',
    PARENT: 'Parent', SIBLING: 'Sibling',
    MALE: 'Male', FEMALE: 'Female', UNKNOWN: 'Unknown',
    LIFE: 'Life', CRITICAL_ILLNESS: 'Critical illness', MEDICAL: 'Medical', ACCIDENT: 'Accident', EDUCATION: 'Education', ANNUITY: 'Annuity', SAVINGS: 'Savings',
    ACTIVE: 'Active', LAPSED: 'Lapsed', EXPIRED: 'Expired', CANCELLED: 'Cancelled',
    BIRTHDAY: 'Birthday', NEWBORN: 'Newborn', MARRIAGE: 'Marriage', RENEWAL: 'Renewal', COVERAGE_GAP: 'Coverage gap', REFERRAL_FOLLOW_UP: 'Referral follow-up',
    SERVICE: 'Service', MARKETING: 'Marketing', COMPLIANCE: 'Compliance',
    PHONE: 'Phone', EMAIL: 'E-mail', WECHAT_OPENID: 'WeChat OpenID', WECHAT_UNIONID: 'WeChat UnionID', NATIONAL_ID: 'National ID', ACCOUNT: 'Account', DEVICE_ID: 'Device', IOT_DEVICE: 'Home device',
    SENT: 'Sent', ACCEPTED: 'Accepted', CONVERTED: 'Converted', REJECTED: 'Rejected',
    GRANDPARENT: 'Grandparent', GRANDCHILD: 'Grandchild', PARENT_IN_LAW: 'Parent-in-law', CHILD_IN_LAW: 'Child-in-law', SIBLING_IN_LAW: 'Sibling-in-law', AUNT_OR_UNCLE: 'Aunt or uncle', NIECE_OR_NEPHEW: 'Niece or nephew', COUSIN: 'Cousin',
  },
  zh: {
    BREADWINNER: '经济支柱', SPOUSE: '配偶', CHILD: '子女', ELDER: '长辈', OTHER: '其他',
    PARENT: '父母', SIBLING: '兄弟姐妹',
    MALE: '男', FEMALE: '女', UNKNOWN: '未知',
    LIFE: '寿险', CRITICAL_ILLNESS: '重疾险', MEDICAL: '医疗险', ACCIDENT: '意外险', EDUCATION: '教育金', ANNUITY: '养老年金', SAVINGS: '储蓄险',
    ACTIVE: '有效', LAPSED: '失效', EXPIRED: '满期', CANCELLED: '已退保',
    BIRTHDAY: '生日', NEWBORN: '新生儿', MARRIAGE: '新婚', RENEWAL: '续保', COVERAGE_GAP: '保障缺口', REFERRAL_FOLLOW_UP: '转介绍跟进',
    SERVICE: '服务', MARKETING: '营销', COMPLIANCE: '合规',
    PHONE: '手机', EMAIL: '邮箱', WECHAT_OPENID: '微信 OpenID', WECHAT_UNIONID: '微信 UnionID', NATIONAL_ID: '身份证', ACCOUNT: '账户', DEVICE_ID: '设备', IOT_DEVICE: '家庭设备',
    SENT: '已发送', ACCEPTED: '已接受', CONVERTED: '已成交', REJECTED: '已拒绝',
    GRANDPARENT: '祖父母', GRANDCHILD: '孙辈', PARENT_IN_LAW: '公婆/岳父母', CHILD_IN_LAW: '女婿/儿媳', SIBLING_IN_LAW: '姻亲兄弟姐妹', AUNT_OR_UNCLE: '叔伯姑姨', NIECE_OR_NEPHEW: '侄甥', COUSIN: '堂表亲',
  },
};

const DICTS: Record<Lang, Record<Key, string>> = { en, zh };
const LANG_KEY = 'kingraph.lang';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: Key): string;
  /** An enum value's label. */
  e(value: string | null | undefined): string;
  /** A whole number with grouping, in the language's format. */
  n(value: number | null | undefined): string;
}

const Ctx = createContext<I18n | null>(null);

function initialLang(): Lang {
  // The language preference is the only thing the console keeps in localStorage.
  const saved = localStorage.getItem(LANG_KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = DICTS[lang].appTitle;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US');
    return {
      lang,
      setLang(next) {
        localStorage.setItem(LANG_KEY, next);
        setLangState(next);
      },
      t: (key) => DICTS[lang][key],
      e: (v) => (v == null ? '' : (ENUMS[lang][v] ?? v)),
      n: (v) => (v == null ? '' : format.format(v)),
    };
  }, [lang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Ctx);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
