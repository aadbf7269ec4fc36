import { isUuid } from '@hb/kit';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { ClientEntity } from './client.entity';
import { MunicipalityEntity } from '../municipality/municipality.entity';
import { StaffMemberEntity } from '../staff/staff.entity';

/** A page request on the client list, ordered by last name, first name and id. */
export interface ClientListQuery {
  municipalityCodes: string[];
  search: string | null;
  limit: number;
  after: [string, string, string] | null;
}

/** SQL for clients, municipalities and staff. */
export class ClientStore {
  constructor(private readonly db: DataSource) {}

  async clientsByIds(ids: readonly string[]): Promise<ClientEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.getRepository(ClientEntity).findBy({ id: In(valid) });
  }

  async municipalitiesByCodes(codes: readonly string[]): Promise<MunicipalityEntity[]> {
    return this.db.getRepository(MunicipalityEntity).findBy({ code: In([...codes]) });
  }

  async allMunicipalities(): Promise<MunicipalityEntity[]> {
    return this.db.getRepository(MunicipalityEntity).find({ order: { name: 'ASC' } });
  }

  async staffByIds(ids: readonly string[]): Promise<StaffMemberEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.getRepository(StaffMemberEntity).findBy({ id: In(valid) });
  }

  /** One page (plus one row to tell whether more follow) and the total count. */
  async list(query: ClientListQuery): Promise<{ rows: ClientEntity[]; total: number }> {
    const base = this.db
      .getRepository(ClientEntity)
      .createQueryBuilder('c')
      .where('c.municipality_code IN (:...codes)', { codes: query.municipalityCodes });
    if (query.search) {
      base.andWhere(`lower(c.first_name || ' ' || c.last_name) LIKE :pattern`, {
        pattern: `%${escapeLike(query.search.toLowerCase())}%`,
      });
    }
    const total = await base.clone().getCount();
    const page = base
      .clone()
      .orderBy('c.last_name', 'ASC')
      .addOrderBy('c.first_name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(query.limit + 1);
    if (query.after) {
      page.andWhere('(c.last_name, c.first_name, c.id) > (:ln, :fn, :id)', {
        ln: query.after[0],
        fn: query.after[1],
        id: query.after[2],
      });
    }
    return { rows: await page.getMany(), total };
  }

  async insertClient(manager: EntityManager, values: Partial<ClientEntity>): Promise<ClientEntity> {
    const repo = manager.getRepository(ClientEntity);
    return repo.save(repo.create(values));
  }

  async setPhase(
    manager: EntityManager,
    id: string,
    phase: ClientEntity['processPhase'],
  ): Promise<void> {
    await manager.getRepository(ClientEntity).update({ id }, { processPhase: phase });
  }
}

/** Escapes LIKE wildcards so that a search for "50%" means the characters, not a pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
