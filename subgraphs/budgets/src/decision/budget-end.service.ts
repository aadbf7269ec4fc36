import { UserError, forbidden, isUuid, requirePrincipal, type RequestContext } from '@hb/kit';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import type { BudgetRow } from '../budget/budget.store';
import { fromRule } from '../ledger/tx-result';
import { DecisionStore } from './decision.store';
import { decisionAccess } from './decision.policy';
import type { DecisionService } from './decision.service';
import { DECISION_LIMITS as LIMITS, checkDetails, endDateProblem } from './decision-rules';
import type { DecidedBudgets, EndBudgetArgs } from './decision.types';

/**
 * `endBudget`: ends a budget mid-year with a decision (päätetään asiakkuus). In one
 * transaction under the budget's row lock: running commitments are cancelled (what they
 * held returns to the budget), the remainder lapses to the organiser as one LAPSE entry,
 * unpaid instalments are dropped, the budget becomes ENDED, and the ENDING decision is
 * recorded. Pending charges stay pending: they are for services given before the end, so
 * the client still confirms or rejects them; their money stays reserved and, if rejected,
 * lapses then (as on a closed year). A second call finds the budget ENDED and changes
 * nothing (and the database allows one ENDING decision per budget).
 *
 * The client's process phase lives in the clients subgraph and is set by her staff there;
 * the ENDED status is what tells the budget side that she is back in ordinary services.
 */
export class BudgetEndService {
  private readonly store: DecisionStore;

  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly options: ResolvedOptions,
    private readonly budgets: DecidedBudgets,
    private readonly decisions: DecisionService,
  ) {
    this.store = new DecisionStore(stores.db);
  }

  async endBudget(budgetId: string, input: EndBudgetArgs) {
    const principal = requirePrincipal(this.ctx);
    const fail = (...errors: UserError[]) => ({
      budget: null,
      decision: null,
      lapsedCents: 0,
      cancelledCommitments: 0,
      errors,
    });
    const found = isUuid(budgetId) ? (await this.stores.budgets.byIds([budgetId]))[0] : null;
    // Unknown, and not one of the caller's municipality, answer alike.
    if (!found || !decisionAccess.endBudget(principal, found)) {
      if (principal.role !== 'ADVISER' && principal.role !== 'WORKER')
        throw forbidden('Only advisers and own workers end budgets.');
      return fail(UserError.of('NOT_FOUND', 'No such budget.', 'budgetId'));
    }
    const reason = input.reason.trim();
    const errors: UserError[] = checkDetails(input.details, 'input.details').map(fromRule);
    if (!reason || reason.length > LIMITS.text)
      errors.push(UserError.of('VALIDATION', `1–${LIMITS.text} characters.`, 'input.reason'));
    const endDate = endDateProblem(input.endDate, found.year, this.options.today());
    if (endDate) errors.push(UserError.of('VALIDATION', endDate, 'input.endDate'));
    if (errors.length > 0) return fail(...errors);

    const clientName =
      (await this.options.remote.clients.client(this.ctx, found.clientId).catch(() => null))
        ?.firstName ?? null;
    const outcome = await this.stores.db.transaction(async (m) => {
      // LOCK ORDER (ledger.service.ts): budget row, balance row, then commitments.
      const budget = await this.stores.budgets.lockBudget(m, found.id);
      if (!budget) return { error: UserError.of('NOT_FOUND', 'No such budget.', 'budgetId') };
      if (budget.status === 'ENDED')
        return {
          error: UserError.of(
            'ALREADY_ENDED',
            'This budget has already been ended; nothing was changed.',
            'budgetId',
          ),
        };
      if (budget.status === 'CLOSED')
        return {
          error: UserError.of(
            'BUDGET_CLOSED',
            'This budget year is closed; it cannot be ended.',
            'budgetId',
          ),
        };
      await this.stores.budgets.lockBalance(m, budget.id);
      const running = (await this.stores.commitments.lockOfBudgets(m, [budget.id])).filter(
        (c) => c.status === 'ACTIVE' || c.status === 'USED_UP',
      );
      const cancelled = await this.stores.commitments.end(
        m,
        running.map((c) => c.id),
        'CANCELLED',
        principal.sub,
        `HB päättyy ${input.endDate}`,
      );
      const balance = await this.stores.budgets.lockBalance(m, budget.id);
      if (!balance) throw new Error(`budget ${budget.id} has no balance row`);
      const lapsedCents = balance.remainingCents;
      const lapse =
        lapsedCents > 0
          ? await this.stores.ledger.insert(m, {
              budgetId: budget.id,
              kind: 'LAPSE',
              amountCents: lapsedCents,
              status: 'CONFIRMED',
              createdBy: principal.sub,
              description: `HB päättyy ${input.endDate}: käyttämätön osa raukeaa järjestäjälle`,
            })
          : null;
      if (lapse) await this.stores.budgets.applyBalance(m, budget.id, { lapsed: lapsedCents });
      await this.stores.budgets.deleteUnpaidInstalments(m, budget.id);
      await this.store.endBudget(m, budget.id, input.endDate, reason);
      const alertsResolved = await this.store.resolveAlerts(m, budget.id);
      const ended: BudgetRow = { ...budget, status: 'ENDED' };
      const decision = await this.decisions.record(m, ended, 'ENDING', {
        details: input.details,
        cls: null,
        clientName,
        ending: {
          endDate: input.endDate,
          reason,
          lapsedCents,
          cancelledCommitments: cancelled.length,
        },
      });
      await this.ctx.accessLog.writeNow(m, [
        { clientId: budget.clientId, action: 'CHANGE', subject: 'Budget.ended' },
      ]);
      // Events last: the outbox lock they take serialises every budget's changes until commit.
      if (lapse) {
        await this.stores.budgets.insertEvent(m, {
          budgetId: budget.id,
          clientId: budget.clientId,
          change: 'LAPSED',
          kind: 'LAPSE',
          transactionId: lapse.id,
        });
      }
      if (alertsResolved > 0) {
        await this.stores.budgets.insertEvent(m, {
          budgetId: budget.id,
          clientId: budget.clientId,
          change: 'ALERT_RESOLVED',
        });
      }
      await this.stores.budgets.insertEvent(m, {
        budgetId: budget.id,
        clientId: budget.clientId,
        change: 'ENDED',
      });
      return { budget: ended, decision, lapsedCents, cancelled: cancelled.length };
    });
    if ('error' in outcome && outcome.error) return fail(outcome.error);
    this.budgets.forget(found.id, found.clientId);
    return {
      budget: outcome.budget,
      decision: outcome.decision,
      lapsedCents: outcome.lapsedCents,
      cancelledCommitments: outcome.cancelled,
      errors: [],
    };
  }
}
