import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import merge from 'lodash.merge';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { DateScalar, DateTimeScalar } from './scalars';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])';

/**
 * Builds a type-graphql schema and turns it into an Apollo Federation 2 subgraph: the schema
 * is printed with its directives, linked to the federation spec, and rebuilt by
 * `@apollo/subgraph` with type-graphql's resolvers plus the given reference resolvers.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: GraphQLResolverMap<unknown> = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }, ...(options.scalarsMap ?? [])],
    skipCheck: true,
  });
  return buildSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${printSchemaWithDirectives(schema)}
    `,
    resolvers: merge(createResolversMap(schema), referenceResolvers),
  });
}

export { DateScalar, DateTimeScalar };
