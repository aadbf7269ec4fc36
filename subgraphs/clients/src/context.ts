import type { RequestContext } from '@hb/kit';
import { ClientService } from './client/client.service';
import type { StaffChanged } from './client/staff-sync';
import { TeamService } from './team/team.service';
import { ConsentService } from './consent/consent.service';
import { ClientReportService } from './report/report.service';
import { ClientReportStore } from './report/report.store';
import { OrganiserService } from './organiser/organiser.service';
import type { ClientsStores } from './shared/stores';
import { createLoaders } from './shared/loaders';
import type { ClientsContext } from './shared/context.types';

/**
 * The composition root: builds each request's services from the shared stores. The types
 * services share live in shared/ (stores, loaders, context.types), so nothing here is imported
 * back by the code it wires.
 */
export function extendContext(stores: ClientsStores, staffChanged?: StaffChanged) {
  return (base: RequestContext): ClientsContext => {
    const loaders = createLoaders(stores);
    const clients = new ClientService(stores, base, loaders, staffChanged);
    return {
      ...base,
      loaders,
      clients,
      team: new TeamService(stores, base, loaders, clients),
      consents: new ConsentService(stores, base, loaders, clients),
      reports: new ClientReportService(new ClientReportStore(stores.db), base),
      organisers: new OrganiserService(stores, loaders),
    };
  };
}
