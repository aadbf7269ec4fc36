import type { DataSource } from 'typeorm';
import { ClientStore } from '../client/client.store';
import { TeamStore } from '../team/team.store';
import { ConsentStore } from '../consent/consent.store';
import { AccessLogStore } from '../access-log/access-log.store';
import { OrganiserStore } from '../organiser/organiser.store';

/** Stores are stateless and shared by all requests. */
export interface ClientsStores {
  db: DataSource;
  clients: ClientStore;
  team: TeamStore;
  consents: ConsentStore;
  accessLog: AccessLogStore;
  organisers: OrganiserStore;
}

export function createStores(db: DataSource): ClientsStores {
  return {
    db,
    clients: new ClientStore(db),
    team: new TeamStore(db),
    consents: new ConsentStore(db),
    accessLog: new AccessLogStore(db),
    organisers: new OrganiserStore(db),
  };
}
