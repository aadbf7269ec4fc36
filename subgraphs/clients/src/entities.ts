import { ClientEntity } from './client/client.entity';
import { MunicipalityEntity } from './municipality/municipality.entity';
import { StaffMemberEntity } from './staff/staff.entity';
import { TeamMemberEntity } from './team/team-member.entity';
import { ConsentEntity } from './consent/consent.entity';
import { InitClients1700000000100 } from './migrations/1700000000100-InitClients';
import { ClientsDatabaseRole1796040000100 } from './migrations/1796040000100-DatabaseRole';
import { ProcessPhaseHistory1796100000110 } from './migrations/1796100000110-ProcessPhaseHistory';
import { Organisers1796300000120 } from './migrations/1796300000120-Organisers';

/** What {@link openDatabase} needs to know about this subgraph's tables. */
export const clientsDatabase = {
  schema: 'clients',
  entities: [ClientEntity, MunicipalityEntity, StaffMemberEntity, TeamMemberEntity, ConsentEntity],
  migrations: [
    InitClients1700000000100,
    ClientsDatabaseRole1796040000100,
    ProcessPhaseHistory1796100000110,
    Organisers1796300000120,
  ],
};
