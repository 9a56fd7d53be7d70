/**
 * Query cost: the one place that prices an operation before it runs (graphql-query-complexity
 * over the served schema, with the request's variables, so `first: $n` counts).
 *
 * A field costs 1 plus its own extra cost (aggregates below) plus `size x` the cost of its
 * selection, where `size` is the expected number of items of a list field:
 * - the value of a `first` argument when the field has one (connections, top lists);
 * - the entry of LIST_SIZES for known fan-outs (members of a household, relatives by degree...);
 * - DEFAULT_LIST_SIZE for any other list of objects (so a new list field is priced at once);
 * - 1 for single objects; scalar and enum fields cost 1, lists of scalars too.
 * Introspection (`__schema`, `__type`, `__typename`) is free: it is disabled in production.
 * An operation over MAX_QUERY_COST is refused before any resolver runs (GRAPHQL_VALIDATION_FAILED,
 * HTTP 400). A typical family page costs a few thousand; see README, Security.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, getNullableType, GraphQLError, GraphQLSchema, isLeafType, isListType, Kind, OperationDefinitionNode } from 'graphql';
import type { DocumentNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

type Args = Record<string, unknown>;

export const DEFAULT_LIST_SIZE = 10;

/** Kin within n links, as priced: a large family has about this many at each reach. */
const RELATIVES_BY_DEGREE = [1, 6, 20, 40, 80];

const int = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : fallback);
const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/** Expected number of items of list fields, by `Type.field` (overrides `first` and the default). */
export const LIST_SIZES: Record<string, number | ((args: Args) => number)> = {
  // The connection's `first` already multiplies its whole selection; edges are not counted twice.
  'CrossSellConnection.edges': 1,
  'WorkItemConnection.edges': 1,
  'HouseholdConnection.edges': 1,
  'ReferralDrillDownConnection.edges': 1,
  'AccessLogConnection.edges': 1,
  'Person.consents': 5,
  'Person.accounts': 5,
  'WorkItem.suggestions': 10,
  'Person.lifeEvents': 10,
  'Person.identifiers': 10,
  'Person.devices': 5,
  'Person.relatives': (a) => RELATIVES_BY_DEGREE[clamp(int(a.maxDegree, 2), 1, 4)],
  'Person.policies': 10,
  'Person.coverageGaps': 7,
  'Household.members': 10,
  'Household.relationships': 20,
  'Household.policies': 30,
  'Household.coverageGaps': 20,
  'CrossSellOpportunity.gaps': 20,
  'CrossSellOpportunity.triggers': 5,
  'ReferralChain.links': 10,
  'ReferralTree.levels': 10,
  'IdentityExplanation.path': 10,
};

/** Extra cost of fields whose resolver does more than a keyed look-up (traversals, rankings, aggregates). */
export const EXTRA_COSTS: Record<string, (args: Args) => number> = {
  'Person.relatives': (a) => 5 * clamp(int(a.maxDegree, 2), 1, 4),
  'Person.referralTree': (a) => 2 * clamp(int(a.maxDepth, 10), 1, 1000),
  'Person.referralChain': () => 5,
  'Query.explainIdentity': () => 10,
  'Query.crossSellOpportunities': () => 50,
  'Query.advisorWorklist': () => 50,
  'Query.orphanHouseholds': () => 20,
  'Query.referralStats': () => 20,
  'Query.topReferrers': () => 50,
  'Query.referralBreakdown': () => 50,
  'Query.referralDrillDown': () => 50,
  'Query.referralTargets': () => 50,
};

function listSize(key: string, field: { type: Parameters<typeof getNullableType>[0] }, args: Args): number {
  const known = LIST_SIZES[key];
  if (known !== undefined) return typeof known === 'function' ? known(args) : known;
  if ('first' in args && args.first !== null && args.first !== undefined) return Math.max(1, int(args.first, 1));
  const type = getNullableType(field.type);
  if (isListType(type) && !isLeafType(getNamedType(type))) return DEFAULT_LIST_SIZE;
  return 1;
}

export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  const key = `${type.name}.${field.name}`;
  const extra = EXTRA_COSTS[key]?.(args) ?? 0;
  return 1 + extra + listSize(key, field, args) * childComplexity;
};

/**
 * Costs already computed, per parsed document (Apollo hands back the same DocumentNode for the
 * same query text) and per pricing key: the operation and the values of its Int, Float and
 * Boolean variables, the only ones a cost can depend on (list sizes and extra costs read
 * numeric arguments; @skip and @include read booleans). A look-up with other ids or inputs is
 * the same price, so the traversal runs once per shape, not once per request.
 */
const priced = new WeakMap<DocumentNode, Map<string, number>>();
const PRICES_PER_DOCUMENT = 64;
const PRICING_TYPES = new Set(['Int', 'Float', 'Boolean']);

function pricingKey(operation: OperationDefinitionNode, variables: Record<string, unknown>): string {
  const values: unknown[] = [];
  for (const def of operation.variableDefinitions ?? []) {
    let type = def.type;
    while (type.kind !== Kind.NAMED_TYPE) type = type.type;
    if (PRICING_TYPES.has(type.name.value)) values.push(variables[def.variable.name.value] ?? null);
  }
  return `${operation.name?.value ?? ''}:${JSON.stringify(values)}`;
}

/** The cost of one operation of `document` with these (raw, uncoerced) variables. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
): number | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  // Bad variables: execution refuses them with BAD_USER_INPUT before any resolver runs.
  if (coerced.errors) return null;
  let prices = priced.get(document);
  const key = pricingKey(operation, coerced.coerced);
  const known = prices?.get(key);
  if (known !== undefined) return known;
  const cost = getComplexity({
    schema,
    query: document,
    operationName: operation.name?.value,
    variables: coerced.coerced,
    estimators: [costEstimator],
  });
  if (!prices) priced.set(document, (prices = new Map()));
  if (prices.size < PRICES_PER_DOCUMENT) prices.set(key, cost);
  return cost;
}

export function costLimitError(cost: number | 'unknown', maxCost: number): GraphQLError {
  return new GraphQLError(
    `Query cost ${cost} exceeds the limit of ${maxCost}: ask for fewer items (first) or fewer nested lists`,
    { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_QUERY_COST', http: { status: 400 } } },
  );
}

/** Refuses an operation whose cost is over `maxCost`, after validation and before execution. */
export function costLimitPlugin<TContext extends object>(maxCost: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          let cost: number | null;
          try {
            cost = operationCost(schema, document, operation, request.variables);
          } catch {
            // The cost cannot be computed: refuse rather than run an unpriced operation.
            throw costLimitError('unknown', maxCost);
          }
          if (cost !== null && cost > maxCost) throw costLimitError(cost, maxCost);
        },
      };
    },
  };
}
