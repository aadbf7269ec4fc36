import {
  Money,
  UserError,
  forbidden,
  isUuid,
  parseAmount,
  unauthenticated,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import { isIsoDate } from '@hb/kit';
import type { BudgetsLoaders, BudgetsStores, ResolvedOptions } from '../context';
import { checkYear } from '../domain';
import { budgetAccess } from '../budget/budget-access.policy';
import type { BudgetService } from '../budget/budget.service';
import type { BudgetRow } from '../budget/budget.store';
import type { RecordChargeInput } from '../budget/budget.type';
import { PG, pgCode } from '../shared/sql';
import type { TransactionRow } from './ledger.store';

const error = (code: string, message: string, field: string | null = null) =>
  UserError.of(code, message, field);

/**
 * What a ledger change returns. The budget is read only if the caller selects it (see
 * `TransactionPayloadResolver`): most callers, providers' systems above all, do not.
 */
export type TxResult = {
  transaction: TransactionRow | null;
  budgetId: string | null;
  errors: UserError[];
};

const fail = (...errors: UserError[]): TxResult => ({ transaction: null, budgetId: null, errors });

/** The ledger: providers' charges, the client's confirmation or rejection, and year end. */
export class LedgerService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly loaders: BudgetsLoaders,
    private readonly options: ResolvedOptions,
    private readonly budgets: BudgetService,
  ) {}

  principal(): Principal {
    if (!this.ctx.principal) throw unauthenticated();
    return this.ctx.principal;
  }

  /** The budget for a payload: only when the caller may read it (a provider gets null). */
  async visibleBudget(budgetId: string): Promise<BudgetRow | null> {
    this.budgets.forget(budgetId);
    const budget = await this.loaders.budget.load(budgetId);
    return budget && (await this.budgets.mayRead(budget)) ? budget : null;
  }

  private result(tx: TransactionRow, budgetId: string): TxResult {
    return { transaction: tx, budgetId, errors: [] };
  }

  /**
   * `recordCharge`: reserves money as pending until the client confirms. The balance row is
   * locked (`FOR UPDATE`), so concurrent charges queue per budget and exactly those that fit
   * succeed; the database CHECK is the last guard. A repeated idempotency key returns the first
   * result. The provider is checked in the providers subgraph before the transaction opens.
   */
  async recordCharge(input: RecordChargeInput): Promise<TxResult> {
    const principal = this.principal();
    const budget = isUuid(input.budgetId) ? await this.loaders.budget.load(input.budgetId) : null;
    if (!budget) return fail(error('NOT_FOUND', 'No such budget.', 'input.budgetId'));
    if (!budgetAccess.canRecordCharge(principal, budget, input.providerId)) {
      throw forbidden('You may not charge this budget for this provider.');
    }
    const key = input.idempotencyKey.trim();
    if (key.length < 1 || key.length > 200) {
      return fail(
        error('VALIDATION', 'idempotencyKey must be 1 to 200 characters.', 'input.idempotencyKey'),
      );
    }
    const first = await this.stores.ledger.byIdempotencyKey(this.stores.db, budget.id, key);
    if (first) return this.replay(first, input);

    const errors: UserError[] = [];
    const amount = parseAmount(input.amount);
    if (!amount.ok) errors.push(error('VALIDATION', amount.message, 'input.amount'));
    else if (amount.cents <= 0)
      errors.push(error('VALIDATION', 'Amount must be above zero.', 'input.amount'));
    if (!isIsoDate(input.serviceDate) || !input.serviceDate.startsWith(`${budget.year}-`)) {
      errors.push(
        error(
          'OUTSIDE_BUDGET_YEAR',
          `The service date must be within the budget year ${budget.year}.`,
          'input.serviceDate',
        ),
      );
    }
    const description = input.description?.trim() || null;
    if (description && description.length > 500)
      errors.push(
        error('VALIDATION', 'Description is at most 500 characters.', 'input.description'),
      );
    const reason = input.discretionaryReason?.trim() || null;
    if (reason && reason.length > 500)
      errors.push(
        error('VALIDATION', 'The reason is at most 500 characters.', 'input.discretionaryReason'),
      );
    if (!isUuid(input.providerId))
      errors.push(error('NOT_FOUND', 'No such provider.', 'input.providerId'));
    if (budget.status === 'CLOSED')
      errors.push(error('BUDGET_CLOSED', 'This budget year is closed.', 'input.budgetId'));
    if (errors.length > 0 || !amount.ok) return fail(...errors);

    const provider = await this.options.remote.providers.provider(this.ctx, input.providerId);
    if (!provider) return fail(error('NOT_FOUND', 'No such provider.', 'input.providerId'));
    if (provider.kind === 'ORGANISER_OWN') {
      return fail(
        error(
          'PROVIDER_NOT_ALLOWED',
          "A personal budget cannot buy the organiser's own services.",
          'input.providerId',
        ),
      );
    }
    if (provider.approvalStatus !== 'APPROVED' && !reason) {
      return fail(
        error(
          'DISCRETIONARY_REASON_REQUIRED',
          'This provider is not approved: record the reason for using it at discretion.',
          'input.discretionaryReason',
        ),
      );
    }

    let outcome:
      { tx: TransactionRow; replay: boolean } | { insufficient: number } | { closed: true };
    try {
      outcome = await this.stores.db.transaction(async (m) => {
        const balance = await this.stores.budgets.lockBalance(m, budget.id);
        const locked = await this.stores.budgets.byIds([budget.id], m);
        if (!balance || locked[0]?.status === 'CLOSED') return { closed: true as const };
        // A concurrent call with the same key got the lock first: return its result.
        const again = await this.stores.ledger.byIdempotencyKey(m, budget.id, key);
        if (again) return { tx: again, replay: true };
        if (balance.remainingCents < amount.cents) return { insufficient: balance.remainingCents };
        const tx = await this.stores.ledger.insert(m, {
          budgetId: budget.id,
          kind: 'CHARGE',
          amountCents: amount.cents,
          status: 'PENDING_CONFIRMATION',
          createdBy: principal.sub,
          providerId: input.providerId,
          serviceDate: input.serviceDate,
          description,
          idempotencyKey: key,
          discretionaryReason: provider.approvalStatus === 'APPROVED' ? null : reason,
        });
        const after = await this.stores.budgets.applyBalance(m, budget.id, {
          pending: amount.cents,
        });
        const alerted = await this.budgets.storeNewAlerts(
          m,
          budget,
          { id: tx.id, cents: tx.amountCents, serviceDate: input.serviceDate },
          after,
        );
        await this.ctx.accessLog.writeNow(m, [
          { clientId: budget.clientId, action: 'CHANGE', subject: 'Budget.charge' },
        ]);
        // Events last: the outbox lock they take serialises every budget's changes until commit.
        await this.stores.budgets.insertEvent(m, {
          budgetId: budget.id,
          clientId: budget.clientId,
          change: 'CHARGE_RECORDED',
          kind: 'CHARGE',
          transactionId: tx.id,
        });
        if (alerted) await this.budgets.alertEvent(m, budget);
        return { tx, replay: false };
      });
    } catch (err) {
      const code = pgCode(err);
      if (code === PG.checkViolation) outcome = { insufficient: -1 };
      else if (code === PG.uniqueViolation) {
        const again = await this.stores.ledger.byIdempotencyKey(this.stores.db, budget.id, key);
        if (!again) throw err;
        outcome = { tx: again, replay: true };
      } else throw err;
    }
    if ('closed' in outcome)
      return fail(error('BUDGET_CLOSED', 'This budget year is closed.', 'input.budgetId'));
    if ('insufficient' in outcome) {
      const left =
        outcome.insufficient >= 0
          ? ` Remaining: ${Money.fromCents(outcome.insufficient).amount} €.`
          : '';
      return fail(
        error(
          'INSUFFICIENT_BUDGET',
          `The budget does not cover this charge.${left}`,
          'input.amount',
        ),
      );
    }
    if (outcome.replay) return this.replay(outcome.tx, input);
    return this.result(outcome.tx, budget.id);
  }

  /** The first result of an idempotency key; a different charge under the same key is refused. */
  private async replay(first: TransactionRow, input: RecordChargeInput): Promise<TxResult> {
    const amount = parseAmount(input.amount);
    const same =
      amount.ok &&
      amount.cents === first.amountCents &&
      first.providerId === input.providerId &&
      first.serviceDate === input.serviceDate;
    if (!same) {
      return fail(
        error(
          'IDEMPOTENCY_KEY_REUSED',
          'This idempotency key was already used for a different charge.',
          'input.idempotencyKey',
        ),
      );
    }
    return this.result(first, first.budgetId);
  }

  async confirm(transactionId: string) {
    return this.resolve(transactionId, 'CONFIRMED', null);
  }

  async reject(transactionId: string, reason: string) {
    const text = reason.trim();
    if (text.length < 1 || text.length > 500) {
      return fail(error('VALIDATION', 'Give a reason of 1 to 500 characters.', 'reason'));
    }
    return this.resolve(transactionId, 'REJECTED', text);
  }

  /** Confirmation or rejection by the client, or a team member with the client's BUDGET consent. */
  private async resolve(
    transactionId: string,
    status: 'CONFIRMED' | 'REJECTED',
    reason: string | null,
  ): Promise<TxResult> {
    const principal = this.principal();
    const found = isUuid(transactionId) ? await this.loaders.transaction.load(transactionId) : null;
    const budget = found ? await this.loaders.budget.load(found.budgetId) : null;
    if (!found || !budget || found.kind !== 'CHARGE')
      return fail(error('NOT_FOUND', 'No such charge.', 'transactionId'));
    if (!(await this.budgets.decided(budgetAccess.confirm(principal, budget), budget))) {
      // An authorization failure, not a mistake in the input: a GraphQL error (CONTRACT.md).
      throw forbidden(
        "Only the client, or a team member with the client's budget consent, may confirm or reject charges.",
      );
    }
    const outcome = await this.stores.db.transaction(async (m) => {
      await this.stores.budgets.lockBalance(m, budget.id);
      const [tx] = await this.stores.ledger.byIds([found.id], m);
      if (!tx || tx.status !== 'PENDING_CONFIRMATION')
        return { notPending: tx?.status ?? 'UNKNOWN' };
      const resolved = await this.stores.ledger.resolve(m, tx.id, status, principal.sub, reason);
      const after = await this.stores.budgets.applyBalance(
        m,
        budget.id,
        status === 'CONFIRMED'
          ? { pending: -tx.amountCents, spent: tx.amountCents }
          : { pending: -tx.amountCents },
      );
      const alerted = await this.budgets.storeNewAlerts(m, budget, undefined, after);
      await this.ctx.accessLog.writeNow(m, [
        {
          clientId: budget.clientId,
          action: 'CHANGE',
          subject: status === 'CONFIRMED' ? 'Budget.charge.confirm' : 'Budget.charge.reject',
        },
      ]);
      // Events last: the outbox lock they take serialises every budget's changes until commit.
      await this.stores.budgets.insertEvent(m, {
        budgetId: budget.id,
        clientId: budget.clientId,
        change: status === 'CONFIRMED' ? 'CHARGE_CONFIRMED' : 'CHARGE_REJECTED',
        kind: 'CHARGE',
        transactionId: tx.id,
      });
      if (alerted) await this.budgets.alertEvent(m, budget);
      return { tx: resolved };
    });
    if ('notPending' in outcome || !outcome.tx) {
      return fail(
        error(
          'NOT_PENDING',
          `This charge is already ${(outcome.notPending ?? 'resolved').toLowerCase()}.`,
          'transactionId',
        ),
      );
    }
    this.loaders.transaction.clear(found.id);
    return this.result(outcome.tx, budget.id);
  }

  /**
   * `closeYear`: closes every open budget of the municipality's year and writes the unused
   * remainder off as a LAPSE returned to the organiser. Pending charges stay pending (the client
   * may still confirm them). Running it again finds nothing open and changes nothing.
   */
  async closeYear(municipalityCode: string, year: number) {
    const principal = this.principal();
    if (!budgetAccess.canManageMunicipality(principal, municipalityCode)) {
      throw forbidden('Only organiser staff of the municipality may close its year.');
    }
    const none = { municipalityCode, year, closedCount: 0, lapsed: Money.fromCents(0) };
    if (checkYear(year))
      return { ...none, errors: [error('VALIDATION', 'year must be from 2000 to 2100.', 'year')] };
    const today = this.options.today();
    if (today < `${year}-12-31`) {
      return {
        ...none,
        errors: [
          error(
            'YEAR_NOT_OVER',
            `The year ${year} can be closed on its last day at the earliest.`,
            'year',
          ),
        ],
      };
    }
    let closedCount = 0;
    let lapsedCents = 0;
    for (const id of await this.stores.budgets.openBudgetIds(municipalityCode, year)) {
      const lapsed = await this.stores.db.transaction(async (m) => {
        const budget = await this.stores.budgets.lockBudget(m, id);
        if (!budget || budget.status === 'CLOSED') return null;
        const balance = (await this.stores.budgets.lockBalance(m, id))!;
        let tx: TransactionRow | null = null;
        if (balance.remainingCents > 0) {
          tx = await this.stores.ledger.insert(m, {
            budgetId: id,
            kind: 'LAPSE',
            amountCents: balance.remainingCents,
            status: 'CONFIRMED',
            createdBy: principal.sub,
            description: `Käyttämätön osa raukeaa vuoden ${year} lopussa`,
          });
          await this.stores.budgets.applyBalance(m, id, { lapsed: balance.remainingCents });
          await this.stores.budgets.insertEvent(m, {
            budgetId: id,
            clientId: budget.clientId,
            change: 'LAPSED',
            kind: 'LAPSE',
            transactionId: tx.id,
          });
        }
        await this.stores.budgets.setStatus(m, id, 'CLOSED');
        await this.stores.budgets.insertEvent(m, {
          budgetId: id,
          clientId: budget.clientId,
          change: 'CLOSED',
        });
        await this.ctx.accessLog.writeNow(m, [
          { clientId: budget.clientId, action: 'CHANGE', subject: 'Budget.closed' },
        ]);
        return balance.remainingCents;
      });
      if (lapsed !== null) {
        closedCount += 1;
        lapsedCents += lapsed;
        this.budgets.forget(id);
      }
    }
    return {
      municipalityCode,
      year,
      closedCount,
      lapsed: Money.fromCents(lapsedCents),
      errors: [],
    };
  }
}
