/**
 * Operation types the service answers: queries and mutations. The schema has no Subscription
 * type, so a subscription operation is refused at validation (400, GRAPHQL_VALIDATION_FAILED)
 * like any other invalid document, instead of failing inside execution as an unexpected error.
 */
import { GraphQLError, type ValidationRule } from 'graphql';

export const noSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription') {
      context.reportError(new GraphQLError('Subscriptions are not supported: this service answers queries and mutations over HTTP.', { nodes: [node] }));
    }
  },
});
