/**
 * A person's referral tree (ReferralView): the chain of accepted invitations that brought the
 * person in (root referrer first), then the people it brought in, level by level, drawn as a
 * tree with cytoscape (chain, the person, one node per level below it) and listed in tables.
 */
import { useId, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { useI18n } from '../i18n';
import { OPS } from '../operations';
import { Link, paths } from '../router';
import { ErrorNote, Loading, Money, PersonName } from './common';
import { Graph, type GraphEdge, type GraphNode } from './Graph';

interface PersonRef {
  oneId: string;
  displayName: string | null;
}
interface ReferralData {
  person: {
    oneId: string;
    displayName: string | null;
    household: { id: string; name: string | null } | null;
    referralChain: {
      depth: number;
      root: PersonRef;
      links: Array<{ id: string; channel: string; campaign: string | null; status: string; acceptedAt: string | null; premium: number | null; inviter: PersonRef; invitee: PersonRef | null }>;
    };
    referralTree: { size: number; converted: number; premium: number; maxDepth: number; levels: Array<{ depth: number; accepted: number; converted: number; premium: number }> };
  } | null;
}

export function Referral({ oneId }: { oneId: string }) {
  const { t, e, n } = useI18n();
  const [maxDepth, setMaxDepth] = useState(10);
  const depthId = useId();
  const [{ data, fetching, error }] = useQuery<ReferralData>({ query: OPS.referralView, variables: { oneId, maxDepth } });
  const person = data?.person ?? null;
  const graph = useMemo(() => (person ? referralGraph(person, t('level'), t('people')) : null), [person, t]);

  if (fetching && !data) return <Loading />;
  if (error) return <ErrorNote error={error} />;
  if (!person || !graph) {
    return (
      <section>
        <h1 tabIndex={-1}>{t('referralTree')}</h1>
        <p role="alert">{t('notFound')}</p>
      </section>
    );
  }
  const chain = person.referralChain;
  const tree = person.referralTree;
  return (
    <article>
      <h1 tabIndex={-1}>
        {t('referralTree')} · {person.displayName ?? person.oneId}
      </h1>
      <dl className="facts">
        <dt>{t('oneId')}</dt>
        <dd>{person.oneId}</dd>
        <dt>{t('household')}</dt>
        <dd>{person.household ? <Link to={paths.household(person.household.id)}>{person.household.name ?? person.household.id}</Link> : t('none')}</dd>
        <dt>{t('size')}</dt>
        <dd data-testid="tree-size">{n(tree.size)}</dd>
        <dt>{t('converted')}</dt>
        <dd>{n(tree.converted)}</dd>
        <dt>{t('premium')}</dt>
        <dd>
          <Money value={tree.premium} />
        </dd>
      </dl>
      <p className="hint">{t('referralHelp')}</p>
      <Graph name="referral" nodes={graph.nodes} edges={graph.edges} roots={graph.roots} label={`${t('referralTree')}: ${chain.depth} / ${tree.size}`} />

      <section aria-labelledby="chain-h">
        <h2 id="chain-h">{t('referralChain')}</h2>
        {chain.links.length === 0 ? (
          <p>{t('notInvited')}</p>
        ) : (
          <ol className="chain">
            {chain.links.map((l) => (
              <li key={l.id}>
                <PersonName person={l.inviter} /> → {l.invitee ? <PersonName person={l.invitee} /> : '–'} · {l.channel}
                {l.campaign ? ` · ${l.campaign}` : ''} · {e(l.status)}
                {l.premium != null && (
                  <>
                    {' '}
                    · <Money value={l.premium} />
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="levels-h">
        <h2 id="levels-h">{t('size')}</h2>
        <form className="inline" onSubmit={(ev) => ev.preventDefault()}>
          <label htmlFor={depthId}>{t('maxDepth')}</label>
          <select id={depthId} value={maxDepth} onChange={(ev) => setMaxDepth(Number(ev.target.value))}>
            {[1, 2, 3, 5, 10, 20].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </form>
        {tree.levels.length === 0 ? (
          <p>{t('nothing')}</p>
        ) : (
          <table data-testid="levels">
            <thead>
              <tr>
                <th scope="col">{t('level')}</th>
                <th scope="col">{t('accepted')}</th>
                <th scope="col">{t('converted')}</th>
                <th scope="col">{t('premium')}</th>
              </tr>
            </thead>
            <tbody>
              {tree.levels.map((l) => (
                <tr key={l.depth}>
                  <td className="num">{l.depth}</td>
                  <td className="num">{n(l.accepted)}</td>
                  <td className="num">{n(l.converted)}</td>
                  <td>
                    <Money value={l.premium} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}

/** The chain from the root down to the person, then one node per level of its tree. */
function referralGraph(person: NonNullable<ReferralData['person']>, levelLabel: string, peopleLabel: string) {
  const label = (p: PersonRef) => p.displayName ?? p.oneId;
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const chain = person.referralChain;
  nodes.set(chain.root.oneId, { id: chain.root.oneId, label: label(chain.root), classes: ['root'] });
  for (const l of chain.links) {
    if (!nodes.has(l.inviter.oneId)) nodes.set(l.inviter.oneId, { id: l.inviter.oneId, label: label(l.inviter) });
    if (l.invitee) {
      if (!nodes.has(l.invitee.oneId)) nodes.set(l.invitee.oneId, { id: l.invitee.oneId, label: label(l.invitee) });
      edges.push({ id: `inv-${l.id}`, source: l.inviter.oneId, target: l.invitee.oneId, label: l.channel, directed: true });
    }
  }
  nodes.set(person.oneId, { id: person.oneId, label: label(person), classes: ['focus'] });
  let previous = person.oneId;
  for (const level of person.referralTree.levels) {
    const id = `level-${level.depth}`;
    nodes.set(id, { id, label: `${levelLabel} ${level.depth}: ${level.accepted} ${peopleLabel}`, classes: ['level'] });
    edges.push({ id: `to-${id}`, source: previous, target: id, label: '', directed: true });
    previous = id;
  }
  return { nodes: [...nodes.values()], edges, roots: [chain.root.oneId] };
}
