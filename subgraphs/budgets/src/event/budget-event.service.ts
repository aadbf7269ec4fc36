import { badInput, forbidden, isUuid, notFound, type RequestContext } from '@hb/kit';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import type { BudgetService } from '../budget/budget.service';
import { budgetAccess } from '../budget/budget-access.policy';
import { isAfter, type BudgetEventRow, type EventFilter } from './budget-event.store';
import type { BudgetEventFeed } from './event-feed';

/** Arguments of `Subscription.budgetChanged`. */
export interface BudgetChangedArgs {
  clientId?: string | null;
  budgetId?: string | null;
  sinceSequence?: string | null;
}

const SEQUENCE_RE = /^\d{1,18}$/;
const REPLAY_BATCH = 500;

/** Live budget events: who may follow what, replay from a sequence, then live, in order. */
export class BudgetEventService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly options: ResolvedOptions & { feed: BudgetEventFeed | null },
    private readonly budgets: BudgetService,
  ) {}

  /** One event by its sequence, if the caller may read its budget (`Query.budgetChange`). */
  async get(sequence: string): Promise<BudgetEventRow | null> {
    this.budgets.principal();
    if (!SEQUENCE_RE.test(sequence)) throw badInput('sequence must be a number.');
    const event =
      this.options.feed?.recent(sequence) ?? (await this.stores.events.bySequence(sequence));
    if (!event) return null;
    // A follow-up asks for these next: read in the same round trip as the budget.
    this.budgets.prefetch(event.budgetId, event.transactionId);
    // Authorizes (FORBIDDEN otherwise) and access-logs the read of the budget.
    await this.budgets.get(event.budgetId);
    return event;
  }

  /**
   * Authorizes a subscription and returns its events: first those after `sinceSequence` from
   * the outbox, then live ones, in sequence order without duplicates. A team member's consent
   * is checked again before every event, so revoking it ends the subscription.
   */
  async subscribe(args: BudgetChangedArgs): Promise<AsyncIterable<BudgetEventRow>> {
    const principal = this.budgets.principal();
    const feed = this.options.feed;
    if (!feed) throw new Error('Live budget events are not running in this process.');
    if (args.sinceSequence != null && !SEQUENCE_RE.test(args.sinceSequence)) {
      throw badInput('sinceSequence must be a sequence this API gave out.');
    }
    const filter = await this.authorize(args);
    // Without a resume point, "from now": the newest committed event, read from the database.
    const since = args.sinceSequence ?? (await this.stores.events.latestSequence());
    const recheckConsent =
      principal.role === 'TEAM_MEMBER'
        ? () => this.stillHasConsent(principal.clientId ?? '')
        : null;
    return this.events(feed, filter, since, recheckConsent);
  }

  private async authorize(args: BudgetChangedArgs): Promise<EventFilter> {
    const { budgetId, clientId } = args;
    if (budgetId) {
      if (!isUuid(budgetId)) throw notFound('No such budget.');
      const budget = await this.budgets.get(budgetId);
      if (!budget) throw notFound('No such budget.');
      if (clientId && clientId !== budget.clientId)
        throw badInput("The budget is not this client's.");
      return { budgetId };
    }
    if (!clientId) throw badInput('Give clientId or budgetId to follow.');
    if (!isUuid(clientId)) throw notFound('No such client.');
    const principal = this.budgets.principal();
    let municipalityCode = '';
    if (principal.role !== 'CLIENT' && principal.role !== 'TEAM_MEMBER') {
      // Where the client lives decides a worker's rights; the clients subgraph knows.
      const client = await this.options.remote.clients.client(this.ctx, clientId);
      if (!client) throw notFound('No such client.');
      municipalityCode = client.municipalityCode;
    }
    const allowed = await this.budgets.decided(
      budgetAccess.read(principal, { clientId, municipalityCode }),
      { clientId, municipalityCode },
    );
    if (!allowed) throw forbidden("You may not follow this client's budgets.");
    this.ctx.accessLog.read('Budget.live', [clientId]);
    return { clientId };
  }

  private async stillHasConsent(clientId: string): Promise<boolean> {
    try {
      const scopes = await this.options.remote.consents.myConsentScopes(this.ctx, clientId);
      return scopes.includes('BUDGET');
    } catch {
      return false;
    }
  }

  private async *events(
    feed: BudgetEventFeed,
    filter: EventFilter,
    since: string,
    recheckConsent: (() => Promise<boolean>) | null,
  ): AsyncGenerator<BudgetEventRow> {
    const live: BudgetEventRow[] = [];
    let wakeUp: (() => void) | null = null;
    // Listen before replaying, so nothing that commits in between is missed.
    const unsubscribe = feed.subscribe(filter, (event) => {
      live.push(event);
      wakeUp?.();
    });
    let last = since;
    const deliver = async (event: BudgetEventRow) => {
      if (recheckConsent && !(await recheckConsent())) {
        throw forbidden("The client's consent to see the budget is no longer in force.");
      }
      last = event.sequence;
      return event;
    };
    try {
      for (;;) {
        const batch = await this.stores.events.after(last, filter, REPLAY_BATCH);
        for (const event of batch) yield await deliver(event);
        if (batch.length < REPLAY_BATCH) break;
      }
      for (;;) {
        const event = live.shift();
        if (!event) {
          await new Promise<void>((resolve) => {
            wakeUp = resolve;
          });
          wakeUp = null;
          continue;
        }
        if (isAfter(event.sequence, last)) yield await deliver(event);
      }
    } finally {
      unsubscribe();
    }
  }
}
