import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { ConsentEntity } from './consent.entity';

/** SQL for consents. */
export class ConsentStore {
  constructor(private readonly db: DataSource) {}

  async byClientIds(clientIds: readonly string[]): Promise<ConsentEntity[]> {
    return this.db.getRepository(ConsentEntity).find({
      where: { clientId: In([...clientIds]) },
      order: { grantedAt: 'ASC', id: 'ASC' },
    });
  }

  async insert(manager: EntityManager, values: Partial<ConsentEntity>): Promise<ConsentEntity> {
    const repo = manager.getRepository(ConsentEntity);
    return repo.save(repo.create(values));
  }

  async findOpen(manager: EntityManager, clientId: string, consentId: string) {
    return manager
      .getRepository(ConsentEntity)
      .findOneBy({ id: consentId, clientId, revokedAt: IsNull() });
  }

  async revoke(manager: EntityManager, consentId: string, by: string): Promise<void> {
    await manager
      .getRepository(ConsentEntity)
      .update({ id: consentId }, { revokedAt: new Date(), revokedBy: by });
  }

  /** Revokes every open consent of a team member who leaves the team. */
  async revokeAllOf(manager: EntityManager, teamMemberId: string, by: string): Promise<void> {
    await manager
      .getRepository(ConsentEntity)
      .update({ teamMemberId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedBy: by });
  }
}
