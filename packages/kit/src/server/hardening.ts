import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, TokenKind, type ValidationRule } from 'graphql';

/**
 * Limits on what one GraphQL document may ask for. The defaults fit every operation of the
 * admin UI and the contract with room to spare; a document beyond them is refused before it
 * runs, with a message that does not reveal the limit.
 */
export interface DocumentLimits {
  /** Deepest selection nesting. Default 15. */
  maxDepth: number;
  /** Most aliases in one document. Default 30. */
  maxAliases: number;
  /** Most directives in one document. Default 50. */
  maxDirectives: number;
  /** Most lexical tokens in one document. Default 5000. */
  maxTokens: number;
  /**
   * Highest estimated cost (fields, weighted by depth). Default 100 000: the admin UI's client
   * page with budgets, ledgers and plans went over 20 000; depth and tokens bound the rest.
   */
  maxCost: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 5000,
  maxCost: 100_000,
};

/** Apollo Server options that apply the {@link DocumentLimits} (graphql-armor). */
export function documentLimits<T extends BaseContext>(
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
  production = false,
): { plugins: ApolloServerPlugin<T>[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: !production, flattenFragments: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: !production },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: !production },
    // graphql-armor's own token plugin turns every syntax error into an HTTP 500: see maxTokens().
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, exposeLimits: !production },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  return {
    plugins: protection.plugins as ApolloServerPlugin<T>[],
    validationRules: [
      maxTokens(limits.maxTokens, production),
      ...(protection.validationRules as ValidationRule[]),
    ],
  };
}

/**
 * The token limit, as a validation rule: it counts the parsed document's lexical tokens (the
 * 1 MB body limit bounds the parse itself) and refuses a document over the limit with 400
 * GRAPHQL_VALIDATION_FAILED. graphql-armor's own token plugin is not used: it re-parses in
 * `parsingDidStart`, where any thrown error, also a plain syntax error, becomes an HTTP 500.
 */
function maxTokens(n: number, production: boolean): ValidationRule {
  return (context) => {
    let count = 0;
    for (
      let t = context.getDocument().loc?.startToken.next;
      t && t.kind !== TokenKind.EOF;
      t = t.next
    ) {
      if (t.kind === TokenKind.COMMENT) continue;
      if (++count > n) {
        context.reportError(
          new GraphQLError(
            production ? 'The document is too large.' : `The document has more than ${n} tokens.`,
          ),
        );
        break;
      }
    }
    return {};
  };
}
