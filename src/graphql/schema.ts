import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { authChecker } from '../auth/authChecker';
import { scopeGuard } from '../auth/guard';
import { resolvers } from './resolvers';

let cached: GraphQLSchema | undefined;

/** The served schema, built once from the decorated classes. */
export function buildAppSchema(): GraphQLSchema {
  cached ??= buildSchemaSync({
    resolvers,
    authChecker,
    authMode: 'error',
    // Read scope on every Person and Household, whatever path reached it (src/auth/guard.ts).
    globalMiddlewares: [scopeGuard],
    validate: { forbidUnknownValues: false },
  });
  return cached;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs stay readable). */
export function printAppSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildAppSchema()))}\n`;
}
