import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { authChecker } from './authChecker';
import { applyScopeGuard } from './guard';
import { resolvers } from './features';

let cached: GraphQLSchema | undefined;

/** The served schema, built once from the decorated classes, with the read-scope guard on Person and Household fields. */
export function buildAppSchema(): GraphQLSchema {
  cached ??= applyScopeGuard(
    buildSchemaSync({
      resolvers,
      authChecker,
      authMode: 'error',
      validate: { forbidUnknownValues: false },
    }),
  );
  return cached;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs stay readable). */
export function printAppSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildAppSchema()))}\n`;
}
