import { type ASTVisitor, GraphQLError, type ValidationContext } from 'graphql';

/**
 * Refuses an operation whose type the schema has no root for (`subscription`: the API has no
 * subscription type). graphql-js 16 validates no such thing: the operation reached execution,
 * which threw "Schema is not configured to execute subscription operation" without a code, so the
 * caller got INTERNAL_SERVER_ERROR and the log a server failure with its stack. As a validation
 * error it is the caller's (GRAPHQL_VALIDATION_FAILED), refused before anything runs.
 */
export function operationTypeRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      const kind =
        node.operation === 'subscription' ? 'Subscriptions are' : `${node.operation} operations are`;
      context.reportError(
        new GraphQLError(
          `${kind} not supported: this API answers queries and mutations over HTTP only (the schema has no ${node.operation} type).`,
          { nodes: [node] },
        ),
      );
    },
  };
}
