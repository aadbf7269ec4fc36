import {
  UserError,
  decodeCursor,
  forbidden,
  isUuid,
  notFound,
  pageSize,
  toConnection,
  unauthenticated,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { BudgetsLoaders } from '../shared/loaders';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import {
  ageJudgedOn,
  checkIntegerInRange,
  checkYear,
  outsideAgeBand,
  scheduleUnpaid,
  type ChargeFact,
} from '../domain';
import { PG, pgCode } from '../shared/sql';
import { budgetAccess, type BudgetScope } from './budget-access.policy';
import type { BalanceRow, BudgetRow } from './budget.store';
import type { TransactionRow } from '../ledger/ledger.store';
import type { DecideBudgetInput } from './budget.type';
import type { CatalogService } from '../service-type/catalog.service';
import { AlertService } from '../alert/alert.service';
import { DecisionService, checkDetails } from '../decision/decision.service';
import type { DecisionRow } from '../decision/decision.store';
import type { ClientFacts } from '../remote/remote-services';

const error = (code: string, message: string, field: string | null = null) =>
  UserError.of(code, message, field);

/** Budgets: reading under the access rules, decisions and re-assessments, instalments, alerts. */
export class BudgetService {
  private readonly consentCache = new Map<string, Promise<boolean>>();
  private readonly homes = new Map<string, Promise<string | null>>();
  private readonly alertChanges = new Map<string, 'ALERT_RAISED' | 'ALERT_RESOLVED'>();
  private readonly alertService: AlertService;
  /** Decisions as documents: every decision below records one (decision/decision.service.ts). */
  readonly decisions: DecisionService;

  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly loaders: BudgetsLoaders,
    private readonly options: ResolvedOptions,
  ) {
    this.alertService = new AlertService(stores, ctx, options);
    this.decisions = new DecisionService(stores, ctx, options, this);
  }

  principal(): Principal {
    if (!this.ctx.principal) throw unauthenticated();
    return this.ctx.principal;
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

  /**
   * `decideBudget`: the first decision of a client's year and service grants the budget; a later
   * one is a re-assessment that writes an ADJUSTMENT of the difference (never a silent overwrite)
   * and re-plans the unpaid instalments. The class value is copied onto the budget, so a later
   * price change of the class does not touch it.
   */
  async decide(input: DecideBudgetInput, catalog: CatalogService) {
    const principal = this.principal();
    const fail = (...errors: UserError[]) => ({
      budget: null,
      transaction: null,
      decision: null,
      errors,
    });
    if (checkYear(input.year))
      return fail(error('VALIDATION', 'year must be from 2000 to 2100.', 'input.year'));
    const cls = await catalog.hbClass(input.hbClassId, input.year);
    if (!cls) return fail(error('NOT_FOUND', 'No such HB class.', 'input.hbClassId'));
    if (!budgetAccess.canDecide(principal, cls.municipalityCode)) {
      throw forbidden('Only HB advisers and own workers of the municipality decide budgets.');
    }
    const errors: UserError[] = [...checkDetails(input.decision)];
    if (cls.serviceTypeCode !== input.serviceType) {
      errors.push(
        error(
          'VALIDATION',
          `This HB class belongs to ${cls.serviceTypeCode}, not ${input.serviceType}.`,
          'input.hbClassId',
        ),
      );
    }
    if (input.instrument === 'CARD' && input.serviceType !== 'TRANSPORT') {
      errors.push(
        error(
          'VALIDATION',
          'The HB card is only for transport services; use the HB voucher.',
          'input.instrument',
        ),
      );
    }
    const interval = checkIntegerInRange(
      'paymentIntervalMonths',
      input.paymentIntervalMonths,
      1,
      12,
    );
    if (interval) errors.push(error('VALIDATION', interval.message, 'input.paymentIntervalMonths'));
    if (!isUuid(input.clientId))
      errors.push(error('NOT_FOUND', 'No such client.', 'input.clientId'));
    const calculated = catalog.calculateFor(cls, input);
    if (!calculated.ok) errors.push(...calculated.errors);
    if (errors.length > 0 || !calculated.ok) return fail(...errors);

    const client = await this.options.remote.clients.client(this.ctx, input.clientId);
    if (!client) return fail(error('NOT_FOUND', 'No such client.', 'input.clientId'));
    if (client.municipalityCode !== cls.municipalityCode) {
      return fail(
        error(
          'VALIDATION',
          `The client lives in municipality ${client.municipalityCode}; use that municipality's HB classes.`,
          'input.hbClassId',
        ),
      );
    }
    const today = this.today();
    // A decision (and a re-assessment) looks ahead: a year that is over is closed, not decided.
    if (input.year < Number(today.slice(0, 4)))
      return fail(
        error(
          'YEAR_PAST',
          `The year ${input.year} is over: decide for the current year or a coming one.`,
          'input.year',
        ),
      );
    const tooOldOrYoung = outsideAgeBand(cls, client.dateOfBirth, ageJudgedOn(input.year, today));
    if (tooOldOrYoung) return fail(error('OUTSIDE_AGE_BAND', tooOldOrYoung, 'input.hbClassId'));
    const { calc, schedule, unitPriceCents } = calculated;
    const currentYear = Number(today.slice(0, 4));
    const decision = {
      hbClassId: cls.id,
      instrument: input.instrument,
      paymentIntervalMonths: input.paymentIntervalMonths,
      grantedCents: calc.totalCents,
      unitPriceCents,
      schedule,
      explanation: calc.explanation,
      decidedBy: principal.sub,
    };
    const monthCents = calc.months.map((m) => m.cents);

    try {
      const result = await this.stores.db.transaction(async (m) => {
        const existing = await this.stores.budgets.findForUpdate(
          m,
          client.id,
          input.year,
          input.serviceType,
        );
        let budget: BudgetRow;
        let tx: TransactionRow | null = null;
        if (!existing) {
          budget = await this.stores.budgets.insert(m, {
            ...decision,
            clientId: client.id,
            municipalityCode: cls.municipalityCode,
            year: input.year,
            serviceTypeCode: input.serviceType,
            status: input.year > currentYear ? 'DECIDED' : 'ACTIVE',
          });
          await this.stores.budgets.insertBalance(m, budget.id);
          tx = await this.stores.ledger.insert(m, {
            budgetId: budget.id,
            kind: 'GRANT',
            amountCents: calc.totalCents,
            status: 'CONFIRMED',
            createdBy: principal.sub,
            description: calc.explanation,
          });
          await this.stores.budgets.applyBalance(m, budget.id, { granted: calc.totalCents });
          await this.stores.budgets.insertInstalments(
            m,
            budget.id,
            scheduleUnpaid({
              year: input.year,
              monthCents,
              intervalMonths: input.paymentIntervalMonths,
              paidThroughMonth: 0,
              remainingCents: calc.totalCents,
            }),
          );
          await this.stores.budgets.insertEvent(m, {
            budgetId: budget.id,
            clientId: budget.clientId,
            change: 'DECIDED',
            kind: 'GRANT',
            transactionId: tx.id,
          });
        } else {
          if (existing.status === 'ENDED') {
            return {
              errors: [
                error(
                  'BUDGET_ENDED',
                  'This budget has been ended; a new service needs a new budget year or service.',
                  'input.year',
                ),
              ],
            };
          }
          if (existing.status === 'CLOSED') {
            return {
              errors: [
                error(
                  'BUDGET_CLOSED',
                  'This budget year is closed; it cannot be re-assessed.',
                  'input.year',
                ),
              ],
            };
          }
          // LOCK ORDER (ledger.service.ts): the budget row is locked above, the balance next.
          const balance = (await this.stores.budgets.lockBalance(m, existing.id))!;
          if (calc.totalCents < balance.committedCents + balance.lapsedCents) {
            return {
              errors: [
                error(
                  'BELOW_COMMITTED',
                  `The new amount is below what payment commitments hold (${(balance.committedCents / 100).toFixed(2)} €); cancel or lower them first.`,
                  'input',
                ),
              ],
            };
          }
          const used = balance.spentCents + balance.pendingCents + balance.lapsedCents;
          if (calc.totalCents < used || calc.totalCents < balance.paidOutCents) {
            const floor = Math.max(used, balance.paidOutCents);
            return {
              errors: [
                error(
                  'BELOW_USED',
                  `The new amount is below what is already used or paid out (${(floor / 100).toFixed(2)} €).`,
                  'input',
                ),
              ],
            };
          }
          budget = await this.stores.budgets.updateDecision(m, existing.id, decision);
          const delta = calc.totalCents - balance.grantedCents;
          if (delta !== 0) {
            tx = await this.stores.ledger.insert(m, {
              budgetId: budget.id,
              kind: 'ADJUSTMENT',
              amountCents: delta,
              status: 'CONFIRMED',
              createdBy: principal.sub,
              description: `Uudelleenarviointi: ${calc.explanation}`,
            });
            await this.stores.budgets.applyBalance(m, budget.id, { granted: delta });
          }
          const instalments = await this.stores.budgets.instalments([budget.id], m);
          const paidThroughMonth = Math.max(
            0,
            ...instalments.filter((i) => i.paidTransactionId).map((i) => i.lastMonth),
          );
          await this.stores.budgets.deleteUnpaidInstalments(m, budget.id);
          await this.stores.budgets.insertInstalments(
            m,
            budget.id,
            scheduleUnpaid({
              year: input.year,
              monthCents,
              intervalMonths: input.paymentIntervalMonths,
              paidThroughMonth,
              remainingCents: calc.totalCents - balance.paidOutCents,
            }),
          );
          await this.stores.budgets.insertEvent(m, {
            budgetId: budget.id,
            clientId: budget.clientId,
            change: 'REASSESSED',
            kind: tx ? 'ADJUSTMENT' : null,
            transactionId: tx?.id ?? null,
          });
        }
        await this.payDueInstalments(m, budget, today, principal.sub);
        const decided: DecisionRow = await this.decisions.record(
          m,
          budget,
          existing ? 'REASSESSMENT' : 'GRANT',
          { details: input.decision, cls, clientName: client.firstName ?? null },
        );
        await this.raiseAlerts(m, budget);
        await this.ctx.accessLog.writeNow(m, [
          {
            clientId: budget.clientId,
            action: 'CHANGE',
            subject: existing ? 'Budget.reassessed' : 'Budget.decided',
          },
        ]);
        return { budget, tx, decided };
      });
      if ('errors' in result && result.errors) return fail(...result.errors);
      if (!('budget' in result) || !result.budget) throw new Error('decision returned nothing');
      this.forget(result.budget.id, result.budget.clientId);
      this.ctx.accessLog.read('Budget', [result.budget.clientId]);
      return {
        budget: result.budget,
        transaction: result.tx ?? null,
        decision: result.decided ?? null,
        errors: [],
      };
    } catch (err) {
      if (pgCode(err) === PG.uniqueViolation) {
        return fail(
          error(
            'CONFLICT',
            'Another decision for this budget was saved at the same time; try again.',
            'input',
          ),
        );
      }
      throw err;
    }
  }

  /** Pays every unpaid instalment due by `today`: an INSTALMENT transaction each. */
  async payDueInstalments(
    m: EntityManager,
    budget: BudgetRow,
    today: string,
    by: string,
  ): Promise<number> {
    const due = (await this.stores.budgets.instalments([budget.id], m)).filter(
      (i) => !i.paidTransactionId && i.dueDate <= today && i.amountCents > 0,
    );
    for (const instalment of due) {
      const tx = await this.stores.ledger.insert(m, {
        budgetId: budget.id,
        kind: 'INSTALMENT',
        amountCents: instalment.amountCents,
        status: 'CONFIRMED',
        createdBy: by,
        description: `Erä ${instalment.firstMonth}–${instalment.lastMonth}/${budget.year}`,
      });
      await this.stores.budgets.applyBalance(m, budget.id, { paidOut: instalment.amountCents });
      await this.stores.budgets.markInstalmentPaid(m, instalment.id, tx.id);
      await this.stores.budgets.insertEvent(m, {
        budgetId: budget.id,
        clientId: budget.clientId,
        change: 'INSTALMENT_PAID',
        kind: 'INSTALMENT',
        transactionId: tx.id,
      });
    }
    return due.length;
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
