import {
  decodeCursor,
  forbidden,
  isUuid,
  notFound,
  pageSize,
  requirePrincipal,
  toConnection,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { BudgetsLoaders } from '../shared/loaders';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import type { ChargeFact } from '../domain';
import { budgetAccess, type BudgetScope } from './budget-access.policy';
import type { BalanceRow, BudgetRow } from './budget.store';
import type { DecideBudgetInput } from './budget.type';
import type { CatalogService } from '../service-type/catalog.service';
import { AlertService } from '../alert/alert.service';
import { DecisionService } from '../decision/decision.service';
import { BudgetDecisionService } from './budget-decision.service';
import type { ClientFacts } from '../remote/remote-services';

/**
 * Budgets: reading under the access rules, their instalments, ledger and alerts. Deciding and
 * re-assessing: budget-decision.service.ts; paying instalments: instalment-payment.ts.
 */
export class BudgetService {
  private readonly consentCache = new Map<string, Promise<boolean>>();
  private readonly homes = new Map<string, Promise<string | null>>();
  private readonly alertChanges = new Map<string, 'ALERT_RAISED' | 'ALERT_RESOLVED'>();
  private readonly alertService: AlertService;
  /** Decisions as documents: every decision records one (decision/decision.service.ts). */
  readonly decisions: DecisionService;
  /** Deciding and re-assessing budgets (budget-decision.service.ts). */
  private readonly decider: BudgetDecisionService;

  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly loaders: BudgetsLoaders,
    private readonly options: ResolvedOptions,
  ) {
    this.alertService = new AlertService(stores, ctx, options);
    this.decisions = new DecisionService(stores, ctx, options, this);
    this.decider = new BudgetDecisionService(stores, ctx, options, this, this.decisions);
  }

  principal(): Principal {
    return requirePrincipal(this.ctx);
  }

  today(): string {
    return this.options.today();
  }

  /** Whether the calling team member has the client's BUDGET consent in force (asked once per request). */
  hasBudgetConsent(clientId: string): Promise<boolean> {
    let cached = this.consentCache.get(clientId);
    if (!cached) {
      cached = this.options.remote.consents.myConsentScopes(this.ctx, clientId).then(
        (scopes) => scopes.includes('BUDGET'),
        (err: unknown) => {
          this.ctx.logger.warn({ err }, 'consent check failed; denying');
          return false;
        },
      );
      this.consentCache.set(clientId, cached);
    }
    return cached;
  }

  /** Resolves a policy decision that may need the client's consent. */
  async decided(
    decision: 'ALLOW' | 'DENY' | 'NEEDS_BUDGET_CONSENT',
    scope: BudgetScope,
  ): Promise<boolean> {
    if (decision === 'ALLOW') return true;
    if (decision === 'DENY') return false;
    return this.hasBudgetConsent(scope.clientId);
  }

  /** True when the caller may read this budget; logs the read when so. */
  async mayRead(budget: BudgetRow): Promise<boolean> {
    const ok = await this.decided(budgetAccess.read(this.ctx.principal, budget), budget);
    if (ok) this.ctx.accessLog.read('Budget', [budget.clientId]);
    return ok;
  }

  /** A budget the caller may read, null when it does not exist, FORBIDDEN otherwise. Logged. */
  async get(id: string): Promise<BudgetRow | null> {
    this.principal();
    const budget = isUuid(id) ? await this.loaders.budget.load(id) : null;
    if (!budget) return null;
    if (!(await this.mayRead(budget))) throw forbidden('You may not see this budget.');
    return budget;
  }

  /** `Client.budgets(year)`: all of a client's budgets, or FORBIDDEN when any is not readable. */
  async forClient(clientId: string, year: number | null | undefined): Promise<BudgetRow[]> {
    const principal = this.principal();
    const could = budgetAccess.couldReadClient(principal, clientId);
    if (!(await this.decided(could, { clientId, municipalityCode: '' })))
      throw forbidden('You may not see the budgets of this client.');
    const all = isUuid(clientId) ? await this.loaders.budgetsOfClient.load(clientId) : [];
    const budgets = year === null || year === undefined ? all : all.filter((b) => b.year === year);
    if (budgets.length === 0 && principal.role !== 'CLIENT' && principal.role !== 'TEAM_MEMBER') {
      // No budget to judge by: where the client lives decides (any budget of hers says it, else
      // the clients subgraph does), so "no budgets" is told only to those who may read hers.
      const municipalityCode = all[0]?.municipalityCode ?? (await this.homeOf(clientId));
      if (
        municipalityCode === null ||
        budgetAccess.read(principal, { clientId, municipalityCode }) !== 'ALLOW'
      )
        throw forbidden('You may not see the budgets of this client.');
    }
    for (const budget of budgets) {
      if (!(await this.mayRead(budget)))
        throw forbidden('You may not see the budgets of this client.');
      this.loaders.budget.prime(budget.id, budget);
    }
    return budgets;
  }

  /** The client's municipality as the clients subgraph shows it to the caller (asked once). */
  private homeOf(clientId: string): Promise<string | null> {
    let home = this.homes.get(clientId);
    if (!home) {
      home = isUuid(clientId)
        ? this.clientFacts.load(clientId).then((c) => c?.municipalityCode ?? null)
        : Promise.resolve(null);
      this.homes.set(clientId, home);
    }
    return home;
  }

  /**
   * The clients of one tick in one remote request: `Client.budgets` of a page's clients without
   * budgets resolve side by side, and asked one by one (an HTTP request, a GraphQL execution and
   * an access-log write in the clients subgraph each) they were most of a client page's work.
   */
  private readonly clientFacts = new DataLoader<string, ClientFacts | null>(
    async (ids) => {
      const directory = this.options.remote.clients;
      if (directory.clients && ids.length > 1) return directory.clients(this.ctx, ids);
      return Promise.all(ids.map((id) => directory.client(this.ctx, id)));
    },
    { cache: false },
  );

  /**
   * Starts reading a budget's balance (and one of its transactions) alongside the budget
   * itself, for callers that know the fields asked next; the loaders keep the rows for them.
   * Nothing read here is answered unless a field asks, after `get` has authorized the budget;
   * a failed read fails that field, not this call.
   */
  prefetch(budgetId: string, transactionId: string | null): void {
    if (!isUuid(budgetId)) return;
    void this.loaders.balance.load(budgetId).catch(() => undefined);
    if (transactionId) void this.loaders.transaction.load(transactionId).catch(() => undefined);
  }

  async balance(budget: BudgetRow): Promise<BalanceRow> {
    const balance = await this.loaders.balance.load(budget.id);
    if (!balance) throw new Error(`budget ${budget.id} has no balance row`);
    return balance;
  }

  async instalments(budget: BudgetRow) {
    return (await this.loaders.instalments.load(budget.id)).map((i) => ({
      ...i,
      paid: i.paidTransactionId !== null,
    }));
  }

  async alerts(budget: BudgetRow, includeResolved = false) {
    const all = await this.loaders.alerts.load(budget.id);
    return includeResolved ? all : all.filter((a) => a.status !== 'RESOLVED');
  }

  /** The ledger, newest first; a provider sees only its own rows (it cannot read budgets now). */
  async transactions(
    budget: BudgetRow,
    first: number | null | undefined,
    after: string | null | undefined,
  ) {
    const principal = this.principal();
    const limit = pageSize(first);
    const cursor = decodeCursor(after);
    const before = cursor ? Number(cursor[0]) : null;
    if (before !== null && !Number.isSafeInteger(before)) throw notFound('Unknown cursor.');
    const providerOnly =
      principal.role === 'PROVIDER'
        ? (principal.providerId ?? '00000000-0000-0000-0000-000000000000')
        : null;
    this.ctx.accessLog.read('Budget.transactions', [budget.clientId]);
    const { rows, total } = await this.loaders.transactionPage.load(
      JSON.stringify([budget.id, limit, before, providerOnly]),
    );
    const visible = rows.filter((t) => budgetAccess.transactionVisible(principal, t));
    return toConnection(visible, limit, total, (t) => [t.position], !!after);
  }

  /** Forgets cached rows of a budget after a change. */
  forget(budgetId: string, clientId?: string): void {
    this.loaders.budget.clear(budgetId);
    this.loaders.balance.clear(budgetId);
    this.loaders.instalments.clear(budgetId);
    this.loaders.alerts.clear(budgetId);
    this.loaders.transactionPage.clearAll();
    if (clientId) this.loaders.budgetsOfClient.clear(clientId);
  }

  /** `decideBudget`: see budget-decision.service.ts. */
  decide(input: DecideBudgetInput, catalog: CatalogService) {
    return this.decider.decide(input, catalog);
  }

  /** Re-evaluates the budget's alerts (alert/alert.service.ts) and writes their event. */
  async raiseAlerts(m: EntityManager, budget: BudgetRow, newCharge?: ChargeFact): Promise<void> {
    const change = await this.alertService.reevaluate(m, budget, newCharge);
    if (change)
      await this.stores.budgets.insertEvent(m, {
        budgetId: budget.id,
        clientId: budget.clientId,
        change,
      });
  }

  /**
   * {@link raiseAlerts} without its event, for a change that writes its own events last: the
   * outbox lock is held from the first event to commit, so events go at the end of a
   * transaction. True when an alert was raised, reopened or resolved (the caller then writes
   * {@link alertEvent}); not when only open alerts' figures were refreshed (an under-use alert's
   * "used 500 €"): the caller's own event (the charge) already tells subscribers that the budget
   * changed, and they read its alerts with it — a second event, which was labelled
   * ALERT_RESOLVED with no alert resolved, told nothing more.
   * `current` is the balance the caller has just written under its lock, if it has it.
   */
  async storeNewAlerts(
    m: EntityManager,
    budget: BudgetRow,
    newCharge?: ChargeFact,
    current?: BalanceRow,
  ): Promise<boolean> {
    const change = await this.alertService.reevaluate(m, budget, newCharge, current);
    if (change !== 'ALERT_RAISED' && change !== 'ALERT_RESOLVED') return false;
    this.alertChanges.set(budget.id, change);
    return true;
  }

  /** The outbox event of the alerts' change: raised (or reopened), else resolved. */
  async alertEvent(m: EntityManager, budget: BudgetRow): Promise<void> {
    await this.stores.budgets.insertEvent(m, {
      budgetId: budget.id,
      clientId: budget.clientId,
      change: this.alertChanges.get(budget.id) ?? 'ALERT_RAISED',
    });
    this.alertChanges.delete(budget.id);
  }
}
