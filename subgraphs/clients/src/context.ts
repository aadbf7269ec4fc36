import { byKeys, groupByKeys } from '@hb/kit';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '@hb/kit';
import { ClientStore } from './client/client.store';
import { TeamStore } from './team/team.store';
import { ConsentStore } from './consent/consent.store';
import { AccessLogStore } from './access-log/access-log.store';
import type { ClientEntity } from './client/client.entity';
import type { MunicipalityEntity } from './municipality/municipality.entity';
import type { StaffMemberEntity } from './staff/staff.entity';
import type { PhaseChangeRow } from './client/client.store';
import type { TeamMemberEntity } from './team/team-member.entity';
import type { ConsentEntity } from './consent/consent.entity';
import { ClientService } from './client/client.service';
import { TeamService } from './team/team.service';
import { ConsentService } from './consent/consent.service';
import { ClientReportService } from './report/report.service';
import { ClientReportStore } from './report/report.store';

/** Stores are stateless and shared by all requests. */
export interface ClientsStores {
  db: DataSource;
  clients: ClientStore;
  team: TeamStore;
  consents: ConsentStore;
  accessLog: AccessLogStore;
}

export function createStores(db: DataSource): ClientsStores {
  return {
    db,
    clients: new ClientStore(db),
    team: new TeamStore(db),
    consents: new ConsentStore(db),
    accessLog: new AccessLogStore(db),
  };
}

/** Per-request batching: every list field and reference resolver goes through these. */
export function createLoaders(stores: ClientsStores) {
  return {
    client: new DataLoader<string, ClientEntity | null>(async (ids) =>
      byKeys(await stores.clients.clientsByIds(ids), ids, (c) => c.id),
    ),
    municipality: new DataLoader<string, MunicipalityEntity | null>(async (codes) =>
      byKeys(await stores.clients.municipalitiesByCodes(codes), codes, (m) => m.code),
    ),
    staff: new DataLoader<string, StaffMemberEntity | null>(async (ids) =>
      byKeys(await stores.clients.staffByIds(ids), ids, (s) => s.id),
    ),
    phaseHistory: new DataLoader<string, PhaseChangeRow[]>(async (ids) =>
      groupByKeys(await stores.clients.phaseHistory(ids), ids, (h) => h.clientId),
    ),
    team: new DataLoader<string, TeamMemberEntity[]>(async (ids) =>
      groupByKeys(await stores.team.byClientIds(ids), ids, (t) => t.clientId),
    ),
    consents: new DataLoader<string, ConsentEntity[]>(async (ids) =>
      groupByKeys(await stores.consents.byClientIds(ids), ids, (c) => c.clientId),
    ),
  };
}

export type ClientsLoaders = ReturnType<typeof createLoaders>;

/** The request context of the clients subgraph. */
export interface ClientsContext extends RequestContext {
  loaders: ClientsLoaders;
  clients: ClientService;
  team: TeamService;
  consents: ConsentService;
  reports: ClientReportService;
}

export function extendContext(stores: ClientsStores) {
  return (base: RequestContext): ClientsContext => {
    const loaders = createLoaders(stores);
    const clients = new ClientService(stores, base, loaders);
    return {
      ...base,
      loaders,
      clients,
      team: new TeamService(stores, base, loaders, clients),
      consents: new ConsentService(stores, base, loaders, clients),
      reports: new ClientReportService(new ClientReportStore(stores.db), base),
    };
  };
}
