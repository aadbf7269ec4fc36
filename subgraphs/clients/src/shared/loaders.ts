import { byKeys, groupByKeys } from '@hb/kit';
import DataLoader from 'dataloader';
import type { ClientEntity } from '../client/client.entity';
import type { MunicipalityEntity } from '../municipality/municipality.entity';
import type { StaffMemberEntity } from '../staff/staff.entity';
import type { PhaseChangeRow } from '../client/client.store';
import type { TeamMemberEntity } from '../team/team-member.entity';
import type { ConsentEntity } from '../consent/consent.entity';
import type { OrganiserMunicipalityRow, OrganiserRow } from '../organiser/organiser.store';
import type { ClientsStores } from './stores';

/** Per-request batching: every list field and reference resolver goes through these. */
export function createLoaders(stores: ClientsStores) {
  return {
    client: new DataLoader<string, ClientEntity | null>(async (ids) =>
      byKeys(await stores.clients.clientsByIds(ids), ids, (c) => c.id),
    ),
    municipality: new DataLoader<string, MunicipalityEntity | null>(async (codes) =>
      byKeys(await stores.clients.municipalitiesByCodes(codes), codes, (m) => m.code),
    ),
    organiser: new DataLoader<string, OrganiserRow | null>(async (ids) =>
      byKeys(await stores.organisers.byIds(ids), ids, (o) => o.id),
    ),
    organiserMunicipalities: new DataLoader<string, OrganiserMunicipalityRow[]>(async (ids) =>
      groupByKeys(await stores.organisers.municipalitiesOf(ids), ids, (m) => m.organiserId),
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
