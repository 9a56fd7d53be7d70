/**
 * The comparison server for `npm run bench`: the same graph served by @neo4j/graphql (the
 * auto-generated GraphQL layer, one Cypher statement per request by design), in-process on
 * 127.0.0.1 with @apollo/server, over kingraph's own labels and relationship types (the
 * graph model in DESIGN.md), and the queries equivalent to kingraph's.
 *
 * "Equivalent" means the same data read from the graph. What @neo4j/graphql cannot do is
 * left to its client and not timed: normalizing and hashing an identifier (the bench sends
 * the lookup key), deriving kinship and ages, ranking the cross-sell book (the whole book
 * is fetched, as kingraph reads it), and aggregating the referral tree per level (the tree
 * is fetched 10 levels deep with each edge's premium).
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { Driver } from 'neo4j-driver';

export const TYPE_DEFS = /* GraphQL */ `
  type Person @node {
    oneId: ID!
    displayName: String
    gender: String
    birthDate: String
    annualIncome: Int
    identifiers: [Identifier!]! @relationship(type: "IDENTIFIES", direction: IN)
    households: [Household!]! @relationship(type: "MEMBER_OF", direction: OUT, properties: "Membership")
    parents: [Person!]! @relationship(type: "PARENT_OF", direction: IN)
    children: [Person!]! @relationship(type: "PARENT_OF", direction: OUT)
    spouses: [Person!]! @relationship(type: "SPOUSE_OF", direction: OUT, queryDirection: UNDIRECTED, properties: "FamilyLink")
    siblings: [Person!]! @relationship(type: "SIBLING_OF", direction: OUT, queryDirection: UNDIRECTED)
    insuredBy: [Policy!]! @relationship(type: "INSURES", direction: IN)
    referred: [Person!]! @relationship(type: "REFERRED", direction: OUT, properties: "Referral")
  }

  type Identifier @node {
    key: String!
    type: String!
    namespace: String
    masked: String
    shared: Boolean
    persons: [Person!]! @relationship(type: "IDENTIFIES", direction: OUT)
  }

  type Household @node {
    id: ID!
    name: String
    advisorId: String
    members: [Person!]! @relationship(type: "MEMBER_OF", direction: IN, properties: "Membership")
  }

  type Policy @node {
    policyNo: ID!
    productType: String!
    sumAssured: Int!
    annualPremium: Int!
    status: String!
    startDate: String!
    endDate: String
  }

  type Membership @relationshipProperties {
    role: String
  }

  type FamilyLink @relationshipProperties {
    createdAt: String
  }

  type Referral @relationshipProperties {
    invitationId: String
    premium: Int
  }
`;

/** resolveIdentity: the person behind a (non-shared) identifier key. */
export const NG_RESOLVE = /* GraphQL */ `
  query NgResolve($key: String!) {
    identifiers(where: { key: { eq: $key }, shared: { eq: false } }) {
      persons { oneId displayName gender birthDate annualIncome }
    }
  }
`;

/** The family view: household, members with role and identifiers, relatives within 2 links. */
export const NG_FAMILY_VIEW = /* GraphQL */ `
  fragment Hop on Person { oneId displayName }
  fragment Kin on Person {
    oneId displayName
    parents { ...Hop } children { ...Hop } spouses { ...Hop } siblings { ...Hop }
  }
  query NgFamilyView($id: ID!) {
    households(where: { id: { eq: $id } }) {
      id name advisorId
      membersConnection {
        edges {
          properties { role }
          node {
            oneId displayName birthDate gender
            identifiers { type namespace masked }
            parents { ...Kin } children { ...Kin } spouses { ...Kin } siblings { ...Kin }
          }
        }
      }
    }
  }
`;

/** Cross-sell inputs: the advisor's whole book (members, roles, incomes, cover, marriages). */
export const NG_CROSS_SELL = /* GraphQL */ `
  query NgCrossSell($advisorId: String!) {
    households(where: { advisorId: { eq: $advisorId } }) {
      id name
      membersConnection {
        edges {
          properties { role }
          node {
            oneId displayName birthDate annualIncome
            insuredBy(where: { status: { eq: "ACTIVE" } }) { productType sumAssured endDate }
            spousesConnection { edges { properties { createdAt } node { oneId } } }
          }
        }
      }
    }
  }
`;

/** The referral tree 10 levels deep, each edge with its premium. */
export function ngReferralTree(depth = 10): string {
  let level = 'oneId';
  for (let d = 0; d < depth; d += 1) level = `oneId referredConnection { edges { properties { premium } node { ${level} } } }`;
  return `query NgReferralTree($oneId: ID!) { people(where: { oneId: { eq: $oneId } }) { ${level} } }`;
}

export interface RunningNeo4jGraphql {
  url: string;
  stop(): Promise<void>;
}

/** @neo4j/graphql with Apollo Server on 127.0.0.1 and a free port. */
export async function startNeo4jGraphql(driver: Driver): Promise<RunningNeo4jGraphql> {
  const neoSchema = new Neo4jGraphQL({ typeDefs: TYPE_DEFS, driver });
  const server = new ApolloServer({ schema: await neoSchema.getSchema(), introspection: false });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, stop: () => server.stop() };
}
