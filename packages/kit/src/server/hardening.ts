import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  TokenKind,
  type ValidationRule,
} from 'graphql';

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
    plugins: protection.plugins,
    validationRules: [maxTokens(limits.maxTokens, production), ...protection.validationRules],
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

/**
 * Deepest bracket nesting (`{`, `(`, `[`) a document's text may have. Checked on the text
 * before anything parses it: graphql-js parses (and graphql-armor measures depth)
 * recursively, so a document nested thousands deep ran out of stack ("Maximum call stack size
 * exceeded") before the depth limit could refuse it. 60 leaves room for the selection depth
 * limit (15) plus nested input values.
 */
export const MAX_DOCUMENT_NESTING = 60;

/** The message of a document refused by {@link MAX_DOCUMENT_NESTING}. */
export const TOO_DEEPLY_NESTED = 'The document is nested too deeply.';

/**
 * Whether a GraphQL document's text nests brackets deeper than `max`, read in one pass that
 * skips strings, block strings and comments. Not a parser: a malformed document that passes
 * is left to the parser, which then cannot recurse deeper than `max`.
 */
export function nestingExceeds(text: string, max: number = MAX_DOCUMENT_NESTING): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '"') {
      if (text.startsWith('"""', i)) {
        // A block string ends at the first """ not escaped as \""".
        let end = text.indexOf('"""', i + 3);
        while (end !== -1 && text[end - 1] === '\\') end = text.indexOf('"""', end + 3);
        i = end === -1 ? text.length : end + 2;
      } else {
        for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) {
          if (text[i] === '\\') i++;
        }
      }
    } else if (c === '{' || c === '(' || c === '[') {
      if (++depth > max) return true;
    } else if ((c === '}' || c === ')' || c === ']') && depth > 0) {
      depth--;
    }
  }
  return false;
}

export const SUBSCRIPTION_OVER_HTTP =
  'Subscriptions are served over WebSocket (the graphql-ws protocol) at this address, not over HTTP.';

/**
 * Whether a document asks for a subscription. HTTP never serves one, and refusing it before
 * Apollo Server's pipeline matters: graphql-js's single-root-field rule evaluates `@skip` and
 * `@include` while validating, and throws on an argument of the wrong type (`@skip(if: "x")`)
 * instead of reporting it, which Apollo Server answers with a 500. Only a text that names the
 * keyword is parsed, so other requests pay for one regular-expression scan.
 */
export function asksForSubscription(text: string): boolean {
  if (!/\bsubscription\b/.test(text)) return false;
  try {
    return parse(text, { noLocation: true }).definitions.some(
      (d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.SUBSCRIPTION,
    );
  } catch {
    // Not a document: the parser's own error, from Apollo Server, says what is wrong.
    return false;
  }
}
