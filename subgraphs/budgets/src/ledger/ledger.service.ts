import {
  forbidden,
  isIsoDate,
  isUuid,
  parseAmount,
  requirePrincipal,
  UserError,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import type { BudgetsLoaders } from '../shared/loaders';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import { NO_COMMITMENT, judgeCharge, pickCommitment } from '../domain';
import type { CommitmentRow } from '../commitment/commitment.store';
import { budgetAccess } from '../budget/budget-access.policy';
import type { BudgetService } from '../budget/budget.service';
import type { BudgetRow } from '../budget/budget.store';
import type { RecordChargeInput } from './ledger.type';
import { PG, pgCode } from '../shared/sql';
import type { TransactionRow } from './ledger.store';
import { fromRule, txFailure, txSuccess, type TxResult } from './tx-result';

/**
 * The ledger: providers' charges and the client's confirmation or rejection. Year end is
 * YearEndService's (year-end.service.ts), under the same lock order.
 *
 * LOCK ORDER — every transaction that changes a budget's money takes its locks in this order,
 * so that none can wait for another in a cycle (recordCharge against closeYear or decideBudget
 * used to deadlock: a charge held the balance row and its ledger insert then needed a key-share
 * lock on the budget row that closeYear held while it waited for the balance row):
 *   1. budget rows (`budgets.budget … FOR UPDATE`), in id order when there are several;
 *   2. their balance rows (`budget_balance … FOR UPDATE`), in the same order;
 *   3. commitment rows (`payment_commitment … FOR UPDATE`), in id order; the ledger's and the
 *      commitments' triggers only touch rows already locked this way;
 *   4. the outbox's advisory lock, taken by the first event and held to commit: events last.
 * Everything after step 1 is serialised per budget by the budget row, so a lock of a later step
 * is never contended by a transaction that skipped an earlier one.
 */
export class LedgerService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly loaders: BudgetsLoaders,
    private readonly options: ResolvedOptions,
    private readonly budgets: BudgetService,
  ) {}

  principal(): Principal {
    return requirePrincipal(this.ctx);
  }

  /** The budget for a payload: only when the caller may read it (a provider gets null). */
  async visibleBudget(budgetId: string): Promise<BudgetRow | null> {
    this.budgets.forget(budgetId);
    const budget = await this.loaders.budget.load(budgetId);
    return budget && (await this.budgets.mayRead(budget)) ? budget : null;
  }

  /**
   * `recordCharge`: a provider's charge, drawn on a payment commitment it holds, pending until
   * the client confirms. Refusals change nothing and tell a provider nothing about a budget it
   * holds no commitment on: every such miss is the same NO_COMMITMENT, decided before anything
   * of the budget is read. Under the locks (LOCK ORDER above) the budget must be active, the
   * service date within the commitment's validity and not in the future, and the amount within
   * what remains of the commitment; the database CHECKs are the last guard. Idempotency keys
   * belong to the provider: a key seen before returns its first charge, whatever budget it names.
   */
  async recordCharge(input: RecordChargeInput): Promise<TxResult> {
    const principal = this.principal();
    const isProvider = principal.role === 'PROVIDER';
    // A provider charges as itself: the provider the token names, checked here.
    let ownProviderId: string | null = null;
    if (isProvider) {
      if (!principal.providerId || (input.providerId && input.providerId !== principal.providerId))
        throw forbidden('You may charge only as your own provider.');
      ownProviderId = principal.providerId;
    } else if (principal.role !== 'WORKER' && principal.role !== 'ADVISER') {
      // Staff record on a provider's behalf (their municipality is checked below); no one else.
      throw forbidden('You may not record charges.');
    }
    const key = input.idempotencyKey.trim();
    const errors: UserError[] = [];
    if (key.length < 1 || key.length > 200)
      errors.push(
        UserError.of(
          'VALIDATION',
          'idempotencyKey must be 1 to 200 characters.',
          'input.idempotencyKey',
        ),
      );
    const amount = parseAmount(input.amount);
    if (!amount.ok) errors.push(UserError.of('VALIDATION', amount.message, 'input.amount'));
    else if (amount.cents <= 0)
      errors.push(UserError.of('VALIDATION', 'Amount must be above zero.', 'input.amount'));
    if (!isIsoDate(input.serviceDate))
      errors.push(UserError.of('VALIDATION', 'Not a date.', 'input.serviceDate'));
    const description = input.description?.trim() || null;
    if (description && description.length > 500)
      errors.push(
        UserError.of('VALIDATION', 'Description is at most 500 characters.', 'input.description'),
      );
    if (!input.commitmentId && !input.budgetId)
      errors.push(
        UserError.of('VALIDATION', 'Name the commitment to charge.', 'input.commitmentId'),
      );
    if (errors.length > 0 || !amount.ok) return txFailure(...errors);

    // The candidates: the named commitment, or the provider's commitments on the named budget.
    const commitmentId =
      input.commitmentId && isUuid(input.commitmentId) ? input.commitmentId : null;
    const budgetId = input.budgetId && isUuid(input.budgetId) ? input.budgetId : null;
    const named = commitmentId ? await this.stores.commitments.byIds([commitmentId]) : [];
    const providerId = ownProviderId ?? input.providerId ?? named[0]?.providerId ?? null;
    if (!providerId || !isUuid(providerId)) return txFailure(fromRule(NO_COMMITMENT));
    const first = await this.stores.ledger.byProviderKey(this.stores.db, providerId, key);
    if (first) return this.replay(first, input, amount.cents, providerId);
    const candidates = input.commitmentId
      ? named
      : budgetId
        ? await this.stores.commitments.ofProviderOnBudget(this.stores.db, providerId, budgetId)
        : [];
    const picked = pickCommitment(candidates, {
      providerId,
      commitmentId: input.commitmentId ?? null,
      budgetId: input.budgetId ?? null,
    });
    if ('error' in picked) return txFailure(fromRule(picked.error));
    const chosen = picked.commitment as CommitmentRow;
    if (!isProvider && !budgetAccess.canRecordCharge(principal, chosen, providerId))
      throw forbidden('You may not charge this budget.');
    const standing = await this.providerStanding(providerId);
    if (standing) return txFailure(standing);

    let outcome: { tx: TransactionRow; replay: boolean } | { refused: UserError };
    try {
      outcome = await this.stores.db.transaction(async (m) => {
        // LOCK ORDER: budget row, balance row, commitment row; the outbox last.
        const budget = await this.stores.budgets.lockBudget(m, chosen.budgetId);
        const balance = await this.stores.budgets.lockBalance(m, chosen.budgetId);
        const commitment = await this.stores.commitments.lock(m, chosen.id);
        if (!budget || !balance || !commitment) return { refused: fromRule(NO_COMMITMENT) };
        // A concurrent call with the same key got the locks first: return its result.
        const again = await this.stores.ledger.byProviderKey(m, providerId, key);
        if (again) return { tx: again, replay: true };
        const refusal = judgeCharge({
          commitment,
          budgetStatus: budget.status,
          amountCents: amount.cents,
          serviceDate: input.serviceDate,
          today: this.options.today(),
        });
        if (refusal) return { refused: fromRule(refusal) };
        const tx = await this.stores.ledger.insert(m, {
          budgetId: budget.id,
          kind: 'CHARGE',
          amountCents: amount.cents,
          status: 'PENDING_CONFIRMATION',
          createdBy: principal.sub,
          providerId,
          serviceDate: input.serviceDate,
          description,
          idempotencyKey: key,
          commitmentId: commitment.id,
          discretionaryReason: commitment.discretionaryReason,
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
      if (code === PG.checkViolation) {
        // Only reachable if a guard below the rules disagrees: tell no balance.
        outcome = {
          refused: UserError.of(
            'OVER_COMMITMENT',
            'The charge exceeds what remains of the payment commitment.',
            'input.amount',
          ),
        };
      } else if (code === PG.uniqueViolation) {
        const again = await this.stores.ledger.byProviderKey(this.stores.db, providerId, key);
        if (!again) throw err;
        outcome = { tx: again, replay: true };
      } else throw err;
    }
    if ('refused' in outcome) return txFailure(outcome.refused);
    if (outcome.replay) return this.replay(outcome.tx, input, amount.cents, providerId);
    this.loaders.commitment.clear(chosen.id);
    return txSuccess(outcome.tx, outcome.tx.budgetId);
  }

  /**
   * A provider that was suspended or rejected after its commitments were issued charges nothing
   * on them: its status is read from the providers subgraph at each charge. The commitments stay
   * (a suspension may be lifted; staff cancel them to free the money), so reinstatement needs no
   * re-issuing. Asked only once the provider holds the commitment, so it tells nothing of a
   * budget; when the providers subgraph cannot answer, the charge waits rather than slipping by.
   */
  private async providerStanding(providerId: string): Promise<UserError | null> {
    let status: string | null;
    try {
      status =
        (await this.options.remote.providers.provider(this.ctx, providerId))?.approvalStatus ??
        null;
    } catch (err) {
      this.ctx.logger.warn({ err }, 'provider status unavailable; charge refused for now');
      return UserError.of(
        'PROVIDER_STATUS_UNAVAILABLE',
        'The provider register cannot be reached just now; try again shortly.',
        'input.commitmentId',
      );
    }
    if (status === 'SUSPENDED' || status === 'REJECTED' || status === null) {
      return UserError.of(
        'PROVIDER_NOT_ACTIVE',
        'The provider is suspended or its registration was rejected: it cannot charge now.',
        'input.commitmentId',
      );
    }
    return null;
  }

  /**
   * The first result of a provider's idempotency key. The key names the request: the same
   * amount and service date return the first charge (also when another budget or commitment is
   * named); a different charge under the same key is refused.
   */
  private replay(
    first: TransactionRow,
    input: RecordChargeInput,
    cents: number,
    providerId: string,
  ): TxResult {
    const same =
      cents === first.amountCents &&
      first.providerId === providerId &&
      first.serviceDate === input.serviceDate;
    if (!same) {
      return txFailure(
        UserError.of(
          'IDEMPOTENCY_KEY_REUSED',
          'This idempotency key was already used for a different charge.',
          'input.idempotencyKey',
        ),
      );
    }
    return txSuccess(first, first.budgetId);
  }

  async confirm(transactionId: string) {
    return this.resolve(transactionId, 'CONFIRMED', null);
  }

  async reject(transactionId: string, reason: string) {
    const text = reason.trim();
    if (text.length < 1 || text.length > 500) {
      return txFailure(
        UserError.of('VALIDATION', 'Give a reason of 1 to 500 characters.', 'reason'),
      );
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
      return txFailure(UserError.of('NOT_FOUND', 'No such charge.', 'transactionId'));
    if (!(await this.budgets.decided(budgetAccess.confirm(principal, budget), budget))) {
      // An authorization failure, not a mistake in the input: a GraphQL error (CONTRACT.md).
      throw forbidden(
        "Only the client, or a team member with the client's budget consent, may confirm or reject charges.",
      );
    }
    type Outcome = { notPending: string } | { tx: TransactionRow };
    const outcome = await this.stores.db.transaction(async (m): Promise<Outcome> => {
      // LOCK ORDER: budget row, balance row; the ledger row's trigger then takes its commitment.
      const locked = await this.stores.budgets.lockBudget(m, budget.id);
      await this.stores.budgets.lockBalance(m, budget.id);
      const [tx] = await this.stores.ledger.byIds([found.id], m);
      if (!tx || tx.status !== 'PENDING_CONFIRMATION')
        return { notPending: tx?.status ?? 'UNKNOWN' };
      const resolved = await this.stores.ledger.resolve(m, tx.id, status, principal.sub, reason);
      // Money released on a closed or ended budget cannot stay there: it lapses to the organiser.
      const lapses =
        status === 'REJECTED' && (locked?.status === 'CLOSED' || locked?.status === 'ENDED');
      const after = await this.stores.budgets.applyBalance(
        m,
        budget.id,
        status === 'CONFIRMED'
          ? { pending: -tx.amountCents, spent: tx.amountCents }
          : { pending: -tx.amountCents, lapsed: lapses ? tx.amountCents : 0 },
      );
      const lapse = lapses
        ? await this.stores.ledger.insert(m, {
            budgetId: budget.id,
            kind: 'LAPSE',
            amountCents: tx.amountCents,
            status: 'CONFIRMED',
            createdBy: principal.sub,
            description: `Hylätty veloitus suljetulta vuodelta ${budget.year} raukeaa`,
          })
        : null;
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
      if (lapse) {
        await this.stores.budgets.insertEvent(m, {
          budgetId: budget.id,
          clientId: budget.clientId,
          change: 'LAPSED',
          kind: 'LAPSE',
          transactionId: lapse.id,
        });
      }
      if (alerted) await this.budgets.alertEvent(m, budget);
      return { tx: resolved };
    });
    if ('notPending' in outcome) {
      return txFailure(
        UserError.of(
          'NOT_PENDING',
          `This charge is already ${outcome.notPending.toLowerCase()}.`,
          'transactionId',
        ),
      );
    }
    this.loaders.transaction.clear(found.id);
    if (found.commitmentId) this.loaders.commitment.clear(found.commitmentId);
    return txSuccess(outcome.tx, budget.id);
  }
}
