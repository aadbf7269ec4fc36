import {
  decodeCursor,
  forbidden,
  notFound,
  pageSize,
  toConnection,
  unauthenticated,
  type RequestContext,
} from '@hb/kit';
import type { BudgetsStores } from '../shared/stores';
import type { InboxScope } from './inbox.store';

/**
 * The inbox (saapuneet) of the person asking. Staff read the items addressed to their role for
 * the clients of their municipalities (advisers: ADVISER, own workers: OWN_WORKER); a client
 * the items addressed to her, a team member those addressed to the team while the client's
 * budget consent is in force. Providers, organiser staff and systems have no inbox here.
 */
export class InboxService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly hasBudgetConsent: (clientId: string) => Promise<boolean>,
  ) {}

  private async scope(): Promise<InboxScope> {
    const p = this.ctx.principal;
    if (!p) throw unauthenticated();
    switch (p.role) {
      case 'ADVISER':
        return { kind: 'STAFF', audience: 'ADVISER', municipalities: p.municipalities };
      case 'WORKER':
        return { kind: 'STAFF', audience: 'OWN_WORKER', municipalities: p.municipalities };
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
    const person = `${this.ctx.principal!.role}:${this.ctx.principal!.sub}`;
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
        ? scope.municipalities.includes(item.municipalityCode)
        : scope.clientId === item.clientId);
    if (!mine) throw notFound('No such inbox item.');
    await this.stores.inbox.markRead(
      item.id,
      `${this.ctx.principal!.role}:${this.ctx.principal!.sub}`,
    );
    return true;
  }
}
