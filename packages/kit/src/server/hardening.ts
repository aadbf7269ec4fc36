import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ValidationRule } from 'graphql';

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
  /** Highest estimated cost (fields, with depth weighting). Default 20 000. */
  maxCost: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 5000,
  maxCost: 20_000,
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
    maxTokens: { n: limits.maxTokens, exposeLimits: !production },
    costLimit: { maxCost: limits.maxCost, exposeLimits: !production },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  return {
    plugins: protection.plugins as ApolloServerPlugin<T>[],
    validationRules: protection.validationRules as ValidationRule[],
  };
}
