import type { RequestContext } from '@hb/kit';
import type { ClientService } from '../client/client.service';
import type { TeamService } from '../team/team.service';
import type { ConsentService } from '../consent/consent.service';
import type { ClientReportService } from '../report/report.service';
import type { OrganiserService } from '../organiser/organiser.service';
import type { ClientsLoaders } from './loaders';

/** The request context of the clients subgraph. */
export interface ClientsContext extends RequestContext {
  loaders: ClientsLoaders;
  clients: ClientService;
  team: TeamService;
  consents: ConsentService;
  reports: ClientReportService;
  organisers: OrganiserService;
}
