/**
 * Query cost (src/graphql/complexity.ts) priced against the served schema: the pages clients
 * really ask for fit under the default MAX_QUERY_COST, list fan-outs multiply, `first` counts
 * whether literal or variable, introspection is free.
 */
import 'reflect-metadata';
import { getIntrospectionQuery, getOperationAST, isObjectType, parse, print } from 'graphql';
import { loadConfig } from '../../../src/config/config';
import { DEFAULT_LIST_SIZE, EXTRA_COSTS, LIST_SIZES, operationCost } from '../../../src/graphql/complexity';
import { buildAppSchema } from '../../../src/server/schema';

const schema = buildAppSchema();
const MAX = loadConfig({}).limits.maxCost;

const cost = (query: string, variables: Record<string, unknown> = {}): number | null => {
  const doc = parse(query);
  return operationCost(schema, doc, getOperationAST(doc)!, variables);
};

const P = 'oneId displayName gender birthDate age annualIncome';
const ID = 'type namespace masked shared firstSeenAt lastSeenAt';
const GAP = 'person { oneId displayName } productType recommended current gap priority reason';
const POL = 'policyNo productType sumAssured annualPremium status startDate endDate holder { oneId displayName } insured { oneId displayName }';

const FAMILY_PAGE = `query($id: ID!) { household(id: $id) { id name advisor { advisorId }
  members { role person { ${P} identifiers { ${ID} } devices { ${ID} } policies { ${POL} } coverageGaps { ${GAP} } } }
  relationships { from { oneId displayName } to { oneId displayName } relation }
  policies { ${POL} } coverageGaps { ${GAP} } totalGap } }`;
const PERSON_PAGE = `query($id: ID!) { person(oneId: $id) { ${P} identifiers { ${ID} } devices { ${ID} } mergedOneIds
  household { id name members { role person { ${P} } } }
  relatives(maxDegree: 2) { kinship degree path person { ${P} } } policies { ${POL} } coverageGaps { ${GAP} }
  invitedBy { id channel inviter { oneId } } referralChain { depth root { oneId } links { id inviter { oneId } invitee { oneId } } }
  referralTree { size maxDepth converted premium levels { depth accepted converted premium } } } }`;
const crossSell = (first: string): string => `query($n: Int) { crossSellOpportunities(advisorId: "A1", first: ${first}) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { score totalGap
  household { id name members { role person { ${P} } } } gaps { ${GAP} } triggers { kind date daysAway person { oneId displayName } } } } } }`;

describe('query cost', () => {
  it('default MAX_QUERY_COST is 20000', () => {
    expect(MAX).toBe(20000);
  });

  it.each([
    ['a family page', FAMILY_PAGE],
    ['a person page', PERSON_PAGE],
    ['a cross-sell page of 20', crossSell('20')],
    ['a cross-sell page of 50', crossSell('50')],
    ['a referral dashboard', `{ topReferrers(first: 20) { person { ${P} } invited converted descendants treePremium } referralStats { invited accepted converted conversionRate kFactor premium } }`],
    ['30 aliased persons with identifiers', `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: person(oneId: "x") { ${P} identifiers { ${ID} } devices { ${ID} } }`).join(' ')} }`],
    ['an ingest batch', 'mutation($e: [IdentityEventInput!]!) { ingestIdentityEvents(events: $e) { accepted duplicates results { eventId oneId mergedOneIds duplicate } } }'],
  ])('lets %s through', (_label, query) => {
    const c = cost(query, { id: 'h1', e: [] });
    expect(c).toBeGreaterThan(10);
    expect(c).toBeLessThanOrEqual(MAX);
  });

  it('refuses nested fan-outs and oversized pages', () => {
    const nested = '{ person(oneId: "x") { relatives(maxDegree: 4) { person { relatives(maxDegree: 4) { person { relatives(maxDegree: 4) { person { oneId } } } } } } } }';
    expect(cost(nested)).toBeGreaterThan(MAX);
    expect(cost(`{ topReferrers(first: 1000) { person { ${P} policies { ${POL} } } invited } }`)).toBeGreaterThan(MAX);
    expect(cost(crossSell('200'))).toBeGreaterThan(MAX);
  });

  it('multiplies by first, whether a literal or a variable', () => {
    const small = cost(crossSell('$n'), { n: 5 })!;
    const big = cost(crossSell('$n'), { n: 100 })!;
    expect(big).toBeGreaterThan(15 * small);
    expect(cost(crossSell('$n'), { n: 100 })).toBe(cost(crossSell('100')));
    // The argument default (20) applies when the variable is omitted.
    expect(cost(crossSell('$n'), {})).toBe(cost(crossSell('20')));
  });

  it('prices relatives by degree and other lists by the default size', () => {
    const rel = (d: number): number => cost(`{ person(oneId: "x") { relatives(maxDegree: ${d}) { person { oneId } } } }`)!;
    expect(rel(1)).toBeLessThan(rel(2));
    expect(rel(2)).toBeLessThan(rel(4));
    const one = cost('{ person(oneId: "x") { oneId } }')!;
    const withPath = cost('{ explainIdentity(a: {type: PHONE, value: "1"}, b: {type: PHONE, value: "2"}) { path { eventId } } }')!;
    expect(withPath).toBeGreaterThan(one + DEFAULT_LIST_SIZE);
  });

  it('does not count introspection', () => {
    expect(cost(getIntrospectionQuery())).toBe(0);
    expect(cost('{ __typename }')).toBe(0);
  });

  it('prices one parsed document again for other numbers and booleans, and reuses the price for other ids', () => {
    // Apollo hands back the same DocumentNode for the same text: prices are kept per document.
    const doc = parse(`query Q($id: ID!, $n: Int, $deep: Boolean!) { household(id: $id) { id } crossSellOpportunities(advisorId: $id, first: $n) {
      edges { node { household { id members @include(if: $deep) { person { relatives(maxDegree: 4) { person { oneId } } } } } } } } }`);
    const op = getOperationAST(doc)!;
    const price = (v: Record<string, unknown>): number | null => operationCost(schema, doc, op, v);
    const base = price({ id: 'a', n: 5, deep: false })!;
    expect(price({ id: 'b', n: 5, deep: false })).toBe(base);
    expect(price({ id: 'a', n: 50, deep: false })).toBe(cost(print(doc), { id: 'z', n: 50, deep: false }));
    expect(price({ id: 'a', n: 50, deep: false })!).toBeGreaterThan(base);
    expect(price({ id: 'a', n: 5, deep: true })!).toBeGreaterThan(base);
    expect(price({ id: 'c', n: 5, deep: false })).toBe(base);
    expect(price({ id: 'a', n: 'many', deep: false })).toBeNull();
  });

  it('gives up (null) on variables that execution will refuse anyway', () => {
    expect(cost(crossSell('$n'), { n: 'many' })).toBeNull();
  });

  it('every priced field exists in the served schema (no typo silently prices nothing)', () => {
    for (const key of [...Object.keys(LIST_SIZES), ...Object.keys(EXTRA_COSTS)]) {
      const [typeName, fieldName] = key.split('.');
      const type = schema.getType(typeName);
      expect(type && isObjectType(type) ? Object.keys(type.getFields()) : []).toContain(fieldName);
    }
  });
});
