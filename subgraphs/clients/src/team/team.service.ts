import { isUuid, notFound, type RequestContext } from '@hb/kit';
import type { ClientsLoaders } from '../shared/loaders';
import type { ClientsStores } from '../shared/stores';
import { toUserErrors, type ClientService } from '../client/client.service';
import { clientAccess } from '../client/client-access.policy';
import { validateContact, validateName } from '../client/client.validation';
import type { TeamMemberInput } from '../client/client.type';

/** The client's own team ("minun tiimini"): who is in it, added and removed by the client or staff. */
export class TeamService {
  constructor(
    private readonly stores: ClientsStores,
    private readonly ctx: RequestContext,
    private readonly loaders: ClientsLoaders,
    private readonly clients: ClientService,
  ) {}

  async add(clientId: string, input: TeamMemberInput) {
    const client = await this.clients.getForChange(clientId, (p, c) =>
      clientAccess.canManageTeam(p, c),
    );
    const errors = [
      ...validateName(input.name, 'input.name', 'Name'),
      ...validateContact(input.email, input.phone, 'input'),
    ];
    if ((input.relation ?? '').length > 100) {
      errors.push({ field: 'input.relation', message: 'Relation must be at most 100 characters.' });
    }
    const current = await this.loaders.team.load(client.id);
    const name = input.name.trim().toLowerCase();
    if (current.some((m) => m.name.toLowerCase() === name && m.role === input.role)) {
      errors.push({
        field: 'input.name',
        message: 'This person is already in the team in this role.',
      });
    }
    if (errors.length > 0) {
      return {
        client,
        teamMember: null,
        errors: toUserErrors(errors),
      };
    }
    const member = await this.stores.db.transaction(async (manager) => {
      const created = await this.stores.team.insert(manager, {
        clientId: client.id,
        name: input.name.trim(),
        role: input.role,
        relation: input.relation?.trim() || null,
        email: input.email?.trim() || null,
        phone: input.phone?.trim() || null,
      });
      await this.ctx.accessLog.writeNow(manager, [
        { clientId: client.id, action: 'CHANGE', subject: 'Client.team.add' },
      ]);
      return created;
    });
    this.loaders.team.clear(client.id);
    return { client, teamMember: member, errors: [] };
  }

  /** Removing a member also revokes their consents: they no longer see anything. */
  async remove(clientId: string, memberId: string) {
    const client = await this.clients.getForChange(clientId, (p, c) =>
      clientAccess.canManageTeam(p, c),
    );
    const principal = this.clients.principal();
    const member = await this.stores.db.transaction(async (manager) => {
      const found = isUuid(memberId)
        ? await this.stores.team.findCurrent(manager, client.id, memberId)
        : null;
      if (!found) return null;
      await this.stores.team.markRemoved(manager, found.id);
      await this.stores.consents.revokeAllOf(manager, found.id, principal.sub);
      await this.ctx.accessLog.writeNow(manager, [
        { clientId: client.id, action: 'CHANGE', subject: 'Client.team.remove' },
      ]);
      return found;
    });
    if (!member) throw notFound("No such member in this client's team.");
    this.loaders.team.clear(client.id);
    this.loaders.consents.clear(client.id);
    return { client, teamMember: member, errors: [] };
  }
}
