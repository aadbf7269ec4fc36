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

  /** Records a move of the process phase (also the first phase of a new client). */
  async recordPhase(
    manager: EntityManager,
    v: { clientId: string; from: string | null; to: string; actorId: string; actorRole: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO clients.process_phase_change (client_id, from_phase, to_phase, actor_id, actor_role)
       VALUES ($1, $2, $3, $4, $5)`,
      [v.clientId, v.from, v.to, v.actorId, v.actorRole],
    );
  }

  /** The phase history of the clients, newest first, with the actor's name where staff. */
  async phaseHistory(clientIds: readonly string[]): Promise<PhaseChangeRow[]> {
    const valid = clientIds.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.query(
      `SELECT h.id, h.client_id AS "clientId", h.from_phase AS "fromPhase", h.to_phase AS "toPhase",
              h.actor_id AS "actorId", h.actor_role AS "actorRole", s.name AS "actorName", h.at
         FROM clients.process_phase_change h
         LEFT JOIN clients.staff_member s ON s.id::text = h.actor_id
        WHERE h.client_id = ANY($1::uuid[])
        ORDER BY h.at DESC, h.id DESC`,
      [valid],
    );
  }

  async assignStaff(
    manager: EntityManager,
    id: string,
    v: { ownWorkerId: string | null; adviserId: string | null },
  ): Promise<void> {
    await manager.getRepository(ClientEntity).update({ id }, v);
  }

  /** Own workers and advisers of the municipalities, by name. */
  async staffOf(municipalities: readonly string[]): Promise<StaffMemberEntity[]> {
    return this.db.getRepository(StaffMemberEntity).find({
      where: { municipalityCode: In([...municipalities]), role: In(['OWN_WORKER', 'HB_ADVISER']) },
      order: { name: 'ASC' },
    });
  }
}

export interface PhaseChangeRow {
  id: string;
  clientId: string;
  fromPhase: string | null;
  toPhase: string;
  actorId: string;
  actorRole: string;
  actorName: string | null;
  at: Date;
}

/** Escapes LIKE wildcards so that a search for "50%" means the characters, not a pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
