/** The work item's `reason` sentence (REASON_LANG en or zh). */
import { groupDigits } from '../coverage/reasons';
import type { Lang } from '../coverage/model';
import type { WorkItemKind } from './worklist.model';

export interface ReasonFacts {
  kind: WorkItemKind;
  name: string | null;
  date: string;
  daysAway: number;
  totalGap: number;
  policyNo: string | null;
}

const when = (days: number, lang: Lang): string => {
  if (lang === 'zh') return days === 0 ? '今天' : days > 0 ? `${days}天后` : `${-days}天前`;
  return days === 0 ? 'today' : days > 0 ? `in ${days} day${days === 1 ? '' : 's'}` : `${-days} day${days === -1 ? '' : 's'} ago`;
};

export function workItemReason(f: ReasonFacts, lang: Lang): string {
  const who = f.name ?? (lang === 'zh' ? '家庭成员' : 'A member');
  const gap = groupDigits(f.totalGap);
  const t = when(f.daysAway, lang);
  if (lang === 'zh') {
    switch (f.kind) {
      case 'BIRTHDAY': return `${who}的生日在${t}（${f.date}）：生日后保费随年龄上涨，建议在此之前完成投保。`;
      case 'NEWBORN': return `${who}出生于${f.date}，尚无有效医疗险：新生儿是家庭投保的关键时机。`;
      case 'MARRIAGE': return `${who}于${f.date}结婚：新家庭需要重新规划保障。`;
      case 'RENEWAL': return `保单${f.policyNo ?? ''}将于${t}（${f.date}）到期：请联系续保。`;
      case 'LAPSED': return `保单${f.policyNo ?? ''}于${f.date}失效：请联系恢复保障。`;
      case 'COVERAGE_GAP': return `家庭保障缺口共${gap}元：请按优先级补足保障。`;
      case 'REFERRAL_FOLLOW_UP': return `${who}推荐的客户已接受邀请${-f.daysAway + 15}天仍未成交：请通过${who}跟进。`;
    }
  }
  switch (f.kind) {
    case 'BIRTHDAY': return `${who}'s birthday is ${t} (${f.date}): premiums rise with age, so close cover before then.`;
    case 'NEWBORN': return `${who} was born on ${f.date} and has no active medical cover: families insure newborns now.`;
    case 'MARRIAGE': return `${who} married on ${f.date}: a new family needs its cover reviewed.`;
    case 'RENEWAL': return `Policy ${f.policyNo ?? ''} ends ${t} (${f.date}): call about renewing it.`;
    case 'LAPSED': return `Policy ${f.policyNo ?? ''} lapsed on ${f.date}: call to restore the cover.`;
    case 'COVERAGE_GAP': return `The family's cover falls ${gap} CNY short: fill the gaps in priority order.`;
    case 'REFERRAL_FOLLOW_UP': return `A friend ${who} invited accepted ${-f.daysAway + 15} days ago and has not bought yet: follow up through ${who}.`;
  }
}
