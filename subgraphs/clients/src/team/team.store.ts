import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { TeamMemberEntity } from './team-member.entity';

/** SQL for the client's team. */
export class TeamStore {
  constructor(private readonly db: DataSource) {}

  /** Current (not removed) members of each client, oldest first. */
  async byClientIds(clientIds: readonly string[]): Promise<TeamMemberEntity[]> {
    return this.db.getRepository(TeamMemberEntity).find({
      where: { clientId: In([...clientIds]), removedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async findCurrent(manager: EntityManager, clientId: string, memberId: string) {
    return manager
      .getRepository(TeamMemberEntity)
      .findOneBy({ id: memberId, clientId, removedAt: IsNull() });
  }

  async insert(
    manager: EntityManager,
    values: Partial<TeamMemberEntity>,
  ): Promise<TeamMemberEntity> {
    const repo = manager.getRepository(TeamMemberEntity);
    return repo.save(repo.create(values));
  }

  async markRemoved(manager: EntityManager, memberId: string): Promise<void> {
    await manager
      .getRepository(TeamMemberEntity)
      .update({ id: memberId }, { removedAt: new Date() });
  }
}
