/**
 * The advisor's work-list (advisorWorklist): every dated reason to contact a household, highest
 * score first, with kind, date, reason, member, policy and the suggestions within budget. An
 * ADVISOR sees its own; an ADMIN (or INGEST) enters the advisor id. Kinds filter the list;
 * "Load more" follows the cursor.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from 'urql';
import type { Session } from '../auth';
import { useI18n } from '../i18n';
import { OPS } from '../operations';
import { Link, navigate, paths } from '../router';
import { ErrorNote, Loading, PersonName, SuggestionList, type Suggestion } from './common';

const KINDS = ['BIRTHDAY', 'NEWBORN', 'MARRIAGE', 'RENEWAL', 'LAPSED', 'COVERAGE_GAP', 'REFERRAL_FOLLOW_UP'] as const;

interface WorkItem {
  id: string;
  kind: string;
  date: string;
  daysAway: number;
  score: number;
  reason: string;
  household: { id: string; name: string | null };
  person: { oneId: string; displayName: string | null } | null;
  policy: { policyNo: string; productType: string; endDate: string | null } | null;
  invitation: { id: string; channel: string } | null;
  suggestions: Suggestion[];
}
interface WorklistData {
  advisorWorklist: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: WorkItem }>;
  };
}

export function Worklist({ session, advisorId }: { session: Session; advisorId: string | null }) {
  const { t } = useI18n();
  // An ADVISOR's work-list is its own: the advisorId is the token's sub.
  const effective = session.role === 'ADVISOR' ? session.sub : advisorId;
  return (
    <section>
      <h1 tabIndex={-1}>
        {t('worklist')}
        {effective ? ` · ${effective}` : ''}
      </h1>
      {session.role !== 'ADVISOR' && <AdvisorPicker current={advisorId} />}
      {effective && <WorklistPages key={effective} advisorId={effective} />}
    </section>
  );
}

function AdvisorPicker({ current }: { current: string | null }) {
  const { t } = useI18n();
  const [value, setValue] = useState(current ?? '');
  const id = useId();
  useEffect(() => setValue(current ?? ''), [current]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = value.trim();
    if (v) navigate(paths.worklist(v));
  };
  return (
    <form className="inline" onSubmit={submit} aria-describedby={`${id}-help`}>
      <label htmlFor={id}>{t('advisorId')}</label>
      <input id={id} name="advisorId" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" required />
      <button type="submit">{t('open')}</button>
      <span id={`${id}-help`} className="hint">
        {t('pickAdvisor')}
      </span>
    </form>
  );
}

function WorklistPages({ advisorId }: { advisorId: string }) {
  const { t, e } = useI18n();
  const [kinds, setKinds] = useState<string[]>([]);
  const [pages, setPages] = useState<Array<string | null>>([null]);
  const toggle = (kind: string) => {
    setKinds((k) => (k.includes(kind) ? k.filter((x) => x !== kind) : [...k, kind]));
    setPages([null]);
  };
  return (
    <>
      <fieldset className="kinds">
        <legend>{t('kinds')}</legend>
        {KINDS.map((kind) => (
          <label key={kind}>
            <input type="checkbox" checked={kinds.includes(kind)} onChange={() => toggle(kind)} /> {e(kind)}
          </label>
        ))}
        <span className="hint">{kinds.length === 0 ? t('allKinds') : ''}</span>
      </fieldset>
      <table className="worklist" data-testid="worklist">
        <caption className="sr-only">{t('worklist')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('kind')}</th>
            <th scope="col">{t('date')}</th>
            <th scope="col">{t('household')}</th>
            <th scope="col">{t('person')}</th>
            <th scope="col">{t('reason')}</th>
            <th scope="col">{t('suggestions')}</th>
            <th scope="col">{t('score')}</th>
          </tr>
        </thead>
        {pages.map((after, i) => (
          <WorklistPage
            key={after ?? 'first'}
            advisorId={advisorId}
            kinds={kinds.length ? kinds : null}
            after={after}
            last={i === pages.length - 1}
            onMore={(cursor) => setPages((p) => [...p, cursor])}
          />
        ))}
      </table>
    </>
  );
}

function WorklistPage({ advisorId, kinds, after, last, onMore }: { advisorId: string; kinds: string[] | null; after: string | null; last: boolean; onMore: (cursor: string) => void }) {
  const { t, e, n } = useI18n();
  const [{ data, fetching, error }] = useQuery<WorklistData>({ query: OPS.worklist, variables: { advisorId, kinds, first: 20, after } });
  if (fetching && !data) return <StatusRow><Loading /></StatusRow>;
  if (error) return <StatusRow><ErrorNote error={error} /></StatusRow>;
  const page = data!.advisorWorklist;
  return (
    <tbody>
      {page.edges.length === 0 && after === null && (
        <tr>
          <td colSpan={7}>{t('nothing')}</td>
        </tr>
      )}
      {page.edges.map(({ node }) => (
        <tr key={node.id} data-kind={node.kind} className="work-item">
          <td>
            <span className={`kind kind-${node.kind.toLowerCase()}`}>{e(node.kind)}</span>
          </td>
          <td>
            <time dateTime={node.date}>{node.date}</time>
            <div className="muted">{node.daysAway === 0 ? '0' : node.daysAway > 0 ? `+${node.daysAway}` : node.daysAway} d</div>
          </td>
          <td>
            <Link to={paths.household(node.household.id)}>{node.household.name ?? node.household.id}</Link>
          </td>
          <td>
            {node.person ? <PersonName person={node.person} /> : <span className="muted">–</span>}
            {node.policy && (
              <div className="muted">
                {t('policy')} {node.policy.policyNo} · {e(node.policy.productType)}
              </div>
            )}
          </td>
          <td>{node.reason}</td>
          <td>
            <SuggestionList suggestions={node.suggestions} />
          </td>
          <td className="num">{n(Math.round(node.score * 10) / 10)}</td>
        </tr>
      ))}
      {last && (
        <tr>
          <td colSpan={7} className="pager">
            <span>
              {page.totalCount} {t('items')}
            </span>{' '}
            {page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
              <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>
                {t('loadMore')}
              </button>
            )}
          </td>
        </tr>
      )}
    </tbody>
  );
}

function StatusRow({ children }: { children: ReactNode }) {
  return (
    <tbody>
      <tr>
        <td colSpan={7}>{children}</td>
      </tr>
    </tbody>
  );
}
