import crypto from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { RequestContext } from './context';

/** The header in which the gateway presents `GATEWAY_CREDENTIAL` to the subgraphs. */
export const GATEWAY_CREDENTIAL_HEADER = 'x-gateway-credential';

/** Root fields that only the gateway needs: the subgraph's SDL and entity resolution. */
const FEDERATION_FIELDS = new Set(['_service', '_entities']);

/** Whether an operation of the document selects `_service` or `_entities` at its root. */
export function selectsFederationFields(document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): boolean =>
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return FEDERATION_FIELDS.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      return fragment ? visit(fragment.selectionSet) : false;
    });
  return document.definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && visit(d.selectionSet),
  );
}

/** Whether a header value is the configured gateway credential (compared in constant time). */
export function isGatewayCredential(
  header: string | undefined,
  credential: string | undefined,
): boolean {
  if (!header || !credential) return false;
  const given = crypto.createHash('sha256').update(header).digest();
  const expected = crypto.createHash('sha256').update(credential).digest();
  return crypto.timingSafeEqual(given, expected);
}

/** The refusal of `_service` / `_entities` to a caller who is neither signed in nor the gateway. */
export const FEDERATION_FIELDS_REFUSED = new GraphQLError(
  'Sign in: this service answers only signed-in callers and the gateway.',
  { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } },
);

/**
 * A subgraph answers `_service` (its SDL: the schema that introspection would show) and
 * `_entities` only to a caller with a valid token or the gateway's credential. The gateway
 * composes from the committed supergraph and forwards every caller's token, so nothing else
 * needs them; someone who reaches a subgraph directly without a token learns nothing.
 */
export function federationFieldsGuard<TContext extends RequestContext>(
  credential: string | undefined,
): ApolloServerPlugin<TContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ contextValue, request, document }) {
          if (contextValue.principal) return Promise.resolve();
          if (isGatewayCredential(request.http?.headers.get(GATEWAY_CREDENTIAL_HEADER), credential))
            return Promise.resolve();
          if (selectsFederationFields(document)) return Promise.reject(FEDERATION_FIELDS_REFUSED);
          return Promise.resolve();
        },
      });
    },
  };
}
