import {
  decodeCursor,
  forbidden,
  isUuid,
  notFound,
  pageSize,
  requirePrincipal,
  toConnection,
  type RequestContext,
} from '@hb/kit';
import type { BudgetsStores } from '../shared/stores';
import type { ClientDirectory } from '../remote/remote-services';
import type { InboxScope } from './inbox.store';

/**
 * The inbox (saapuneet) of the person asking. Staff read the items addressed to them by name
 * (the client's own worker or HB adviser when the item was made), and those of their role in
 * their municipalities that nobody was named for (advisers: ADVISER, own workers: OWN_WORKER); a client
 * the items addressed to her, a team member those addressed to the team while the client's
 * budget consent is in force. Providers, organiser staff and systems have no inbox here.
 */
export class InboxService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly hasBudgetConsent: (clientId: string) => Promise<boolean>,
    /** The clients subgraph, which owns who the named staff are; absent in some unit tests. */
    private readonly clients?: ClientDirectory,
  ) {}

  /** The signed-in person as the inbox records who read what: `ROLE:sub`. */
  private person(): string {
    const p = requirePrincipal(this.ctx);
    return `${p.role}:${p.sub}`;
  }

  private async scope(): Promise<InboxScope> {
    const p = requirePrincipal(this.ctx);
    switch (p.role) {
      case 'ADVISER':
        return {
          kind: 'STAFF',
          audience: 'ADVISER',
          municipalities: p.municipalities,
          staffId: p.sub,
        };
      case 'WORKER':
        return {
          kind: 'STAFF',
          audience: 'OWN_WORKER',
          municipalities: p.municipalities,
          staffId: p.sub,
        };
      case 'CLIENT':
        if (p.clientId) return { kind: 'CLIENT', audience: 'CLIENT', clientId: p.clientId };
        break;
      case 'TEAM_MEMBER':
        if (p.clientId && (await this.hasBudgetConsent(p.clientId)))
          return { kind: 'CLIENT', audience: 'TEAM', clientId: p.clientId };
        break;
      default:
        break;
    }
    throw forbidden('You have no inbox here.');
  }

  async inbox(first: number | null | undefined, after: string | null | undefined) {
    const scope = await this.scope();
    const limit = pageSize(first);
    const cursor = decodeCursor(after);
    const before = cursor ? cursor[0] : null;
    if (before !== null && (typeof before !== 'string' || !/^[0-9]{1,18}$/.test(before)))
      throw notFound('Unknown cursor.');
    const person = this.person();
    const { rows, total } = await this.stores.inbox.page(scope, person, limit + 1, before);
    this.ctx.accessLog.read(
      'Inbox',
      rows.slice(0, limit).map((r) => r.clientId),
    );
    return toConnection(rows, limit, total, (r) => [r.position], !!after);
  }

  /** Marks an item of the person's own inbox read; anything else answers as unknown. */
  async markRead(itemId: string): Promise<boolean> {
    const scope = await this.scope();
    const item = await this.stores.inbox.byId(itemId);
    const mine =
      item !== null &&
      item.audience === scope.audience &&
      (scope.kind === 'STAFF'
        ? scope.municipalities.includes(item.municipalityCode) &&
          (item.recipient === null || item.recipient === scope.staffId)
        : scope.clientId === item.clientId);
    if (!mine) throw notFound('No such inbox item.');
    await this.stores.inbox.markRead(item.id, this.person());
    return true;
  }

  /**
   * `syncClientStaff`: reads who the client's named own worker and HB adviser are from the
   * clients subgraph (under the caller's own rights) and keeps them here, so the items raised
   * from now on go to them. The clients subgraph calls it after each assignment; any adviser or
   * own worker of her municipality may call it again. Nothing the caller says is trusted: only
   * what the clients subgraph answers.
   */
  async syncClientStaff(clientId: string): Promise<boolean> {
    const p = requirePrincipal(this.ctx);
    if (p.role !== 'ADVISER' && p.role !== 'WORKER')
      throw forbidden('Only HB advisers and own workers assign staff.');
    if (!this.clients?.namedStaff) throw new Error('The clients subgraph is not configured.');
    // A client the clients subgraph does not show this caller answers as an unknown one.
    const client = isUuid(clientId)
      ? await this.clients.namedStaff(this.ctx, clientId).catch((err: unknown) => {
          const code = (err as { extensions?: { code?: unknown } }).extensions?.code;
          if (code === 'FORBIDDEN' || code === 'NOT_FOUND') return null;
          throw err;
        })
      : null;
    if (!client || !p.municipalities.includes(client.municipalityCode))
      throw notFound('No such client.');
    await this.stores.inbox.setClientStaff({
      clientId: client.id,
      municipalityCode: client.municipalityCode,
      ownWorkerId: client.ownWorkerId,
      adviserId: client.adviserId,
    });
    return true;
  }
}
