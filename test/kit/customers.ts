/** Customers (value.graphql) through the API: interactions, value and segment, tags, people lists and summaries. */
import type { Caller, GqlResponse, TestApp } from './app';
import { uid } from './app';

export interface InteractionSpec {
  id?: string;
  oneId?: string;
  identifier?: { type: string; value: string; namespace?: string | null };
  channel?: string;
  kind?: string;
  productType?: string | null;
  at: string;
  source?: string;
}

export const RECORD_INTERACTIONS = `mutation Record($interactions: [InteractionInput!]!) {
  recordInteractions(interactions: $interactions) { accepted duplicates }
}`;

/** The InteractionInput of a spec: a fresh id, APP, VIEW_PRODUCT, source test-kit, unless the spec says otherwise. */
export function interactionInput(spec: InteractionSpec): Record<string, unknown> {
  return {
    id: spec.id ?? uid('int'),
    person: spec.identifier ? { identifier: spec.identifier } : { oneId: spec.oneId },
    channel: spec.channel ?? 'APP',
    kind: spec.kind ?? 'VIEW_PRODUCT',
    productType: spec.productType ?? null,
    at: spec.at,
    source: spec.source ?? 'test-kit',
  };
}

/** recordInteractions as `caller` (ADMIN by default), answering the raw response. */
export function recordInteractions(t: TestApp, specs: InteractionSpec[], caller?: Caller): Promise<GqlResponse<{ recordInteractions: { accepted: number; duplicates: number } }>> {
  return t.gql(RECORD_INTERACTIONS, { interactions: specs.map(interactionInput) }, caller);
}

export interface CustomerOut {
  oneId: string;
  value: { revenue: number; influence: number; score: number; tier: string };
  segment: string;
  lastActivityAt: string | null;
  tags: Array<{ name: string; source: string; since: string }>;
}

export const CUSTOMER = `query Customer($oneId: ID!) {
  person(oneId: $oneId) { oneId value { revenue influence score tier } segment lastActivityAt tags { name source since } }
}`;

/** A person's customer fields, read as ADMIN. */
export async function customerOf(t: TestApp, oneId: string): Promise<CustomerOut> {
  return (await t.ok<{ person: CustomerOut }>(CUSTOMER, { oneId })).person;
}

export const PEOPLE = `query People($filter: PeopleFilter, $orderBy: PeopleOrder, $first: Int, $after: String) {
  people(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { oneId value { score tier } segment lastActivityAt } }
  }
}`;

export const SUMMARY = `query Summary($filter: PeopleFilter) {
  peopleSummary(filter: $filter) { total revenue bySegment { segment count } byTier { tier count } topTags { name count } }
}`;

export interface PeopleOut {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: { oneId: string; value: { score: number; tier: string }; segment: string; lastActivityAt: string | null } }>;
}

export interface SummaryOut {
  total: number;
  revenue: number;
  bySegment: Array<{ segment: string; count: number }>;
  byTier: Array<{ tier: string; count: number }>;
  topTags: Array<{ name: string; count: number }>;
}

/** Every person of people(filter, orderBy) walked page by page (pages of `first`), with the first page's totalCount. */
export async function walkPeople(t: TestApp, filter: Record<string, unknown>, orderBy = 'SCORE_DESC', first = 2, caller?: Caller): Promise<{ oneIds: string[]; totalCount: number }> {
  const oneIds: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const page: { people: PeopleOut } = await t.ok<{ people: PeopleOut }>(PEOPLE, { filter, orderBy, first, after }, caller);
    if (totalCount < 0) totalCount = page.people.totalCount;
    oneIds.push(...page.people.edges.map((e) => e.node.oneId));
    if (!page.people.pageInfo.hasNextPage) return { oneIds, totalCount };
    after = page.people.pageInfo.endCursor;
  }
}

export async function summaryOf(t: TestApp, filter: Record<string, unknown>, caller?: Caller): Promise<SummaryOut> {
  return (await t.ok<{ peopleSummary: SummaryOut }>(SUMMARY, { filter }, caller)).peopleSummary;
}

export const ADD_TAGS = `mutation Add($oneId: ID!, $tags: [String!]!) { addTags(oneId: $oneId, tags: $tags) { oneId tags { name source since } } }`;
export const REMOVE_TAGS = `mutation Remove($oneId: ID!, $tags: [String!]!) { removeTags(oneId: $oneId, tags: $tags) { oneId tags { name source since } } }`;
