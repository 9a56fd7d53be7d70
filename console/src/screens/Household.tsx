/**
 * A household (the FamilyView operation): the family drawn as a graph (one node per member,
 * one edge per family link, roles and relations labelled, members with coverage gaps ringed
 * in red), then each member with masked identifiers, policies and gaps, the household's gaps,
 * and the suggestions within budget from the advisor's work-list (HouseholdSuggestions).
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useClient, useQuery, type OperationResult } from 'urql';
import { useI18n } from '../i18n';
import { OPS, REVEAL_AVAILABLE } from '../operations';
import { Link, navigate, paths } from '../router';
import { ErrorNote, Loading, Money, PersonName, type Suggestion } from './common';
import { Graph, type GraphEdge, type GraphNode } from './Graph';
import { RevealButton } from './Reveal';

interface PersonRef {
  oneId: string;
  displayName: string | null;
}
interface Policy {
  policyNo: string;
  productType: string;
  sumAssured: number;
  annualPremium: number;
  status: string;
  startDate: string;
  endDate: string | null;
  holder: PersonRef;
}
interface Member {
  role: string;
  person: PersonRef & {
    age: number | null;
    gender: string;
    identifiers: Array<{ type: string; namespace: string | null; masked: string }>;
    relatives: Array<{ person: PersonRef; kinship: string; degree: number; path: string[] }>;
    policies: Policy[];
  };
}
interface Gap {
  person: { oneId: string };
  productType: string;
  recommended: number;
  current: number;
  gap: number;
  priority: number;
  reason: string;
}
interface FamilyViewData {
  household: {
    id: string;
    name: string | null;
    advisor: { advisorId: string } | null;
    members: Member[];
    relationships: Array<{ from: { oneId: string }; to: { oneId: string }; relation: string }>;
    coverageGaps: Gap[];
    totalGap: number;
  } | null;
}

export function HouseholdPicker() {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) navigate(paths.household(value.trim()));
  };
  return (
    <section>
      <h1 tabIndex={-1}>{t('household')}</h1>
      <form className="inline" onSubmit={submit}>
        <label htmlFor={id}>{t('householdId')}</label>
        <input id={id} name="householdId" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" required />
        <button type="submit">{t('open')}</button>
      </form>
    </section>
  );
}

export function Household({ id }: { id: string }) {
  const { t, e, n } = useI18n();
  const [{ data, fetching, error }] = useQuery<FamilyViewData>({ query: OPS.familyView, variables: { id } });
  const household = data?.household ?? null;
  const gapsOf = useMemo(() => {
    const m = new Map<string, Gap[]>();
    for (const g of household?.coverageGaps ?? []) m.set(g.person.oneId, [...(m.get(g.person.oneId) ?? []), g]);
    return m;
  }, [household]);
  const graph = useMemo(() => (household ? familyGraph(household, gapsOf, e) : null), [household, gapsOf, e]);

  if (fetching && !data) return <Loading />;
  if (error) return <ErrorNote error={error} />;
  if (!household || !graph) {
    return (
      <section>
        <h1 tabIndex={-1}>{t('household')}</h1>
        <p role="alert">{t('notFound')}</p>
      </section>
    );
  }
  const nameOf = (oneId: string) => household.members.find((m) => m.person.oneId === oneId)?.person.displayName ?? oneId;
  return (
    <article className="household" data-household={household.id}>
      <h1 tabIndex={-1}>
        {household.name ?? t('household')} <span className="muted">· {household.id}</span>
      </h1>
      <dl className="facts">
        <dt>{t('advisor')}</dt>
        <dd>{household.advisor ? <Link to={paths.worklist(household.advisor.advisorId)}>{household.advisor.advisorId}</Link> : t('none')}</dd>
        <dt>{t('members')}</dt>
        <dd>{household.members.length}</dd>
        <dt>{t('totalGap')}</dt>
        <dd className={household.totalGap > 0 ? 'gap-text' : ''}>
          <Money value={household.totalGap} />
        </dd>
      </dl>

      <section aria-labelledby="graph-h">
        <h2 id="graph-h">{t('familyGraph')}</h2>
        <p className="hint">
          {t('graphHelp')} <span className="legend-gap">●</span> {t('gapMark')}
        </p>
        <Graph name="family" nodes={graph.nodes} edges={graph.edges} roots={graph.roots} label={`${t('familyGraph')}: ${household.members.length} ${t('members')}, ${household.relationships.length} ${t('relationships')}`} />
        <table className="compact" data-testid="links">
          <caption>{t('relationships')}</caption>
          <tbody>
            {household.relationships.map((r) => (
              <tr key={`${r.from.oneId}-${r.relation}-${r.to.oneId}`}>
                <td>{nameOf(r.from.oneId)}</td>
                <td>{e(r.relation)}</td>
                <td>{nameOf(r.to.oneId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="members-h">
        <h2 id="members-h">{t('members')}</h2>
        <div className="members">
          {household.members.map((m) => (
            <MemberCard key={m.person.oneId} member={m} gaps={gapsOf.get(m.person.oneId) ?? []} />
          ))}
        </div>
      </section>

      <section aria-labelledby="gaps-h">
        <h2 id="gaps-h">{t('gaps')}</h2>
        {household.coverageGaps.length === 0 ? (
          <p>{t('noGaps')}</p>
        ) : (
          <table data-testid="gaps">
            <thead>
              <tr>
                <th scope="col">{t('priority')}</th>
                <th scope="col">{t('person')}</th>
                <th scope="col">{t('product')}</th>
                <th scope="col">{t('recommended')}</th>
                <th scope="col">{t('current')}</th>
                <th scope="col">{t('gap')}</th>
                <th scope="col">{t('reason')}</th>
              </tr>
            </thead>
            <tbody>
              {household.coverageGaps.map((g) => (
                <tr key={`${g.person.oneId}-${g.productType}`} className="gap-row">
                  <td className="num">{n(g.priority)}</td>
                  <td>{nameOf(g.person.oneId)}</td>
                  <td>{e(g.productType)}</td>
                  <td><Money value={g.recommended} /></td>
                  <td><Money value={g.current} /></td>
                  <td className="gap-text"><Money value={g.gap} /></td>
                  <td>{g.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <HouseholdSuggestions householdId={household.id} advisorId={household.advisor?.advisorId ?? null} />
    </article>
  );
}

type Translate = (v: string | null | undefined) => string;

/** One node per member (role and name), one edge per family link (PARENT drawn parent to child). */
function familyGraph(household: NonNullable<FamilyViewData['household']>, gapsOf: Map<string, Gap[]>, e: Translate) {
  const nodes: GraphNode[] = household.members.map((m) => ({
    id: m.person.oneId,
    label: `${m.person.displayName ?? m.person.oneId}\n${e(m.role)}`,
    classes: [m.role, ...(gapsOf.has(m.person.oneId) ? ['gap'] : [])],
  }));
  const edges: GraphEdge[] = household.relationships.map((r, i) => ({
    id: `link-${i}`,
    source: r.from.oneId,
    target: r.to.oneId,
    label: e(r.relation),
    directed: r.relation === 'PARENT' || r.relation === 'CHILD',
    classes: [r.relation],
  }));
  const hasParent = new Set(household.relationships.flatMap((r) => (r.relation === 'PARENT' ? [r.to.oneId] : r.relation === 'CHILD' ? [r.from.oneId] : [])));
  const roots = household.members.map((m) => m.person.oneId).filter((id) => !hasParent.has(id));
  return { nodes, edges, roots };
}

function MemberCard({ member, gaps }: { member: Member; gaps: Gap[] }) {
  const { t, e } = useI18n();
  const p = member.person;
  const gapTypes = new Set(gaps.map((g) => g.productType));
  return (
    <section className={`member${gaps.length ? ' has-gap' : ''}`} aria-label={p.displayName ?? p.oneId} data-member={p.oneId}>
      <h3>
        <PersonName person={p} /> <span className="role">{e(member.role)}</span>
      </h3>
      <p className="muted">
        {t('oneId')} {p.oneId} · {p.age ?? '–'} · {e(p.gender)}
      </p>
      <h4>{t('identifiers')}</h4>
      <ul className="identifiers">
        {p.identifiers.map((i, k) => (
          <li key={k}>
            {e(i.type)}
            {i.namespace ? ` (${i.namespace})` : ''}: <code>{i.masked}</code>
          </li>
        ))}
      </ul>
      {REVEAL_AVAILABLE && <RevealButton person={p} />}
      <h4>{t('policies')}</h4>
      {p.policies.length === 0 ? (
        <p className="muted">{t('noPolicies')}</p>
      ) : (
        <ul className="policies">
          {p.policies.map((pol) => (
            <li key={pol.policyNo} className={pol.status === 'ACTIVE' ? 'active' : 'inactive'}>
              <strong>{e(pol.productType)}</strong> <Money value={pol.sumAssured} /> · {e(pol.status)} · {pol.startDate}–{pol.endDate ?? ''}
            </li>
          ))}
        </ul>
      )}
      {gaps.length > 0 && (
        <>
          <h4 className="gap-text">{t('gaps')}</h4>
          <ul className="gaps">
            {[...gapTypes].map((type) => {
              const g = gaps.find((x) => x.productType === type)!;
              return (
                <li key={type} className="gap-text">
                  {e(type)} <Money value={g.gap} />
                </li>
              );
            })}
          </ul>
        </>
      )}
      {p.relatives.length > 0 && (
        <details>
          <summary>{t('relatives')} ({p.relatives.length})</summary>
          <ul>
            {p.relatives.map((r) => (
              <li key={r.person.oneId}>
                <PersonName person={r.person} /> · {e(r.kinship)} ({r.path.map((x) => e(x)).join(' → ')})
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

interface SuggestionsData {
  advisorWorklist: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { id: string; household: { id: string }; suggestions: Array<Suggestion & { person: Suggestion['person'] & { premiumBudget: number | null } }> } }>;
  };
}

/** The household's COVERAGE_GAP work item (one per household), found by paging the advisor's (at most 10 pages of 100). */
function HouseholdSuggestions({ householdId, advisorId }: { householdId: string; advisorId: string | null }) {
  const { t, e } = useI18n();
  const client = useClient();
  const [state, setState] = useState<{ loading: boolean; suggestions: SuggestionsData['advisorWorklist']['edges'][number]['node']['suggestions']; failed: boolean }>({
    loading: advisorId !== null,
    suggestions: [],
    failed: false,
  });
  useEffect(() => {
    if (!advisorId) return;
    let cancelled = false;
    void (async () => {
      let after: string | null = null;
      for (let page = 0; page < 10 && !cancelled; page++) {
        const res: OperationResult<SuggestionsData> = await client.query<SuggestionsData>(OPS.householdSuggestions, { advisorId, after }, { requestPolicy: 'network-only' }).toPromise();
        if (cancelled) return;
        if (res.error || !res.data) return setState({ loading: false, suggestions: [], failed: true });
        const found = res.data.advisorWorklist.edges.find((edge) => edge.node.household.id === householdId);
        if (found) return setState({ loading: false, suggestions: found.node.suggestions, failed: false });
        const info: SuggestionsData['advisorWorklist']['pageInfo'] = res.data.advisorWorklist.pageInfo;
        if (!info.hasNextPage || !info.endCursor) break;
        after = info.endCursor;
      }
      if (!cancelled) setState({ loading: false, suggestions: [], failed: false });
    })();
    return () => {
      cancelled = true;
    };
  }, [client, advisorId, householdId]);

  return (
    <section aria-labelledby="sugg-h" data-testid="suggestions">
      <h2 id="sugg-h">{t('suggestionsWithinBudget')}</h2>
      <p className="hint">{t('suggestionsHelp')}</p>
      {state.loading ? (
        <Loading />
      ) : state.suggestions.length === 0 ? (
        <p>{state.failed ? t('notFound') : t('noSuggestions')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('person')}</th>
              <th scope="col">{t('budget')}</th>
              <th scope="col">{t('product')}</th>
              <th scope="col">{t('sumAssured')}</th>
              <th scope="col">{t('estimatedPremium')}</th>
            </tr>
          </thead>
          <tbody>
            {state.suggestions.map((s) => (
              <tr key={`${s.person.oneId}-${s.productType}`} className="suggestion">
                <td>
                  <PersonName person={s.person} />
                </td>
                <td>{s.person.premiumBudget == null ? <span className="muted">{t('noBudget')}</span> : <Money value={s.person.premiumBudget} />}</td>
                <td>{e(s.productType)}</td>
                <td>
                  <Money value={s.sumAssured} />
                </td>
                <td>
                  <Money value={s.estimatedAnnualPremium} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
