import { UserError, isUuid, notFound, todayInFinland, type RequestContext } from '@hb/kit';
import type { ClientsLoaders } from '../shared/loaders';
import type { ClientsStores } from '../shared/stores';
import type { ClientService } from '../client/client.service';
import { clientAccess } from '../client/client-access.policy';
import type { ConsentInput } from '../client/client.type';
import { consentInForce } from './consent-scope';
import type { ConsentEntity } from './consent.entity';

/** Consents: what a team member may see, granted and revoked by the client. */
export class ConsentService {
  constructor(
    private readonly stores: ClientsStores,
    private readonly ctx: RequestContext,
    private readonly loaders: ClientsLoaders,
    private readonly clients: ClientService,
  ) {}

  static isActive(consent: ConsentEntity): boolean {
    return consentInForce(consent, todayInFinland());
  }

  async grant(clientId: string, input: ConsentInput) {
    const client = await this.clients.getForChange(clientId, (p, c) =>
      clientAccess.canManageConsents(p, c),
    );
    const principal = this.clients.principal();
    const today = todayInFinland();
    const validFrom = input.validFrom ?? today;
    const errors: UserError[] = [];
    const team = await this.loaders.team.load(client.id);
    if (!isUuid(input.teamMemberId) || !team.some((m) => m.id === input.teamMemberId)) {
      errors.push(
        UserError.of('VALIDATION', "No such member in this client's team.", 'input.teamMemberId'),
      );
    }
    const scopes = [...new Set(input.scopes)];
    if (scopes.length === 0) {
      errors.push(
        UserError.of('VALIDATION', 'Choose at least one thing the member may see.', 'input.scopes'),
      );
    }
    if (input.validUntil && input.validUntil < validFrom) {
      errors.push(
        UserError.of('VALIDATION', 'Validity cannot end before it starts.', 'input.validUntil'),
      );
    }
    if (input.validUntil && input.validUntil < today) {
      errors.push(
        UserError.of('VALIDATION', 'Validity cannot end in the past.', 'input.validUntil'),
      );
    }
    if (errors.length > 0) return { client, errors };
    await this.stores.db.transaction(async (manager) => {
      await this.stores.consents.insert(manager, {
        clientId: client.id,
        teamMemberId: input.teamMemberId,
        scopes,
        validFrom,
        validUntil: input.validUntil ?? null,
        grantedBy: principal.sub,
      });
      await this.ctx.accessLog.writeNow(manager, [
        {
          clientId: client.id,
          action: 'CHANGE',
          subject: `Client.consents.grant:${scopes.join(',')}`,
        },
      ]);
    });
    this.loaders.consents.clear(client.id);
    return { client, errors: [] };
  }

  async revoke(clientId: string, consentId: string) {
    const client = await this.clients.getForChange(clientId, (p, c) =>
      clientAccess.canManageConsents(p, c),
    );
    const principal = this.clients.principal();
    const revoked = await this.stores.db.transaction(async (manager) => {
      const consent = isUuid(consentId)
        ? await this.stores.consents.findOpen(manager, client.id, consentId)
        : null;
      if (!consent) return false;
      await this.stores.consents.revoke(manager, consent.id, principal.sub);
      await this.ctx.accessLog.writeNow(manager, [
        { clientId: client.id, action: 'CHANGE', subject: 'Client.consents.revoke' },
      ]);
      return true;
    });
    if (!revoked) throw notFound('No such open consent for this client.');
    this.loaders.consents.clear(client.id);
    return { client, errors: [] };
  }
}
