import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@hb/kit';
import { ClientResolver } from './client/client.resolver';
import { TeamResolver } from './team/team.resolver';
import { ConsentResolver } from './consent/consent.resolver';
import { MunicipalityResolver } from './municipality/municipality.resolver';
import { MunicipalityOrganiserResolver, OrganiserResolver } from './organiser/organiser.resolver';
import { clientsReferenceResolvers } from './client/client.reference';
import { ClientReportResolver } from './report/report.resolver';
import { clientReportReferenceResolvers } from './report/report.reference';
import { Report } from './report/report.type';

/** The clients subgraph schema; needs no database, so `pnpm compose` can print it. */
export function buildClientsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        ClientResolver,
        TeamResolver,
        ConsentResolver,
        MunicipalityResolver,
        OrganiserResolver,
        MunicipalityOrganiserResolver,
        ClientReportResolver,
      ],
      orphanedTypes: [Report],
      validate: false,
    },
    { ...clientsReferenceResolvers, ...clientReportReferenceResolvers },
  );
}
