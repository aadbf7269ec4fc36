import {
  Money,
  forbidden,
  municipalityCodesOf,
  organiserById,
  parseAmount,
  present,
  requirePrincipal,
  UserError,
  type RequestContext,
} from '@hb/kit';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import { checkYear } from '../domain';
import { budgetAccess } from '../budget/budget-access.policy';
import type { BudgetService } from '../budget/budget.service';
import type { TransactionRow } from './ledger.store';

/**
 * Year end: closing a municipality's year, or the whole organiser's, the unused money lapsing
 * to the organiser. Takes its locks in the ledger's LOCK ORDER (see LedgerService): budget row,
 * balance row, commitment rows, the outbox last.
 */
export class YearEndService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly options: ResolvedOptions,
    private readonly budgets: BudgetService,
  ) {}

  /**
   * `closeOrganiserYear`: year end is the organiser's (issue 18 item 3) — closes the year in
   * every municipality of the organiser, each as `closeYear` does, by staff acting for the
   * whole organiser (FORBIDDEN alike for another organiser and an unknown one). Running it
   * again closes nothing more.
   */
  async closeOrganiserYear(organiserId: string | null | undefined, year: number) {
    const principal = requirePrincipal(this.ctx);
    const id = organiserId ?? principal.organiserId ?? null;
    if (!id || !organiserById(id) || !budgetAccess.canManageOrganiser(principal, id)) {
      throw forbidden('Only the organiser’s staff may close its year.');
    }
    const municipalities = [];
    for (const code of municipalityCodesOf(id)) {
      const closed = await this.closeYear(code, year);
      if (closed.errors.length > 0) {
        return {
          organiserId: id,
          year,
          closedCount: 0,
          lapsed: Money.fromCents(0),
          municipalities: [],
          errors: closed.errors,
        };
      }
      municipalities.push(closed);
    }
    return {
      organiserId: id,
      year,
      closedCount: municipalities.reduce((n, m) => n + m.closedCount, 0),
      lapsed: Money.fromCents(
        municipalities.reduce((sum, m) => {
          const parsed = parseAmount(m.lapsed.amount);
          return sum + (parsed.ok ? parsed.cents : 0);
        }, 0),
      ),
      municipalities,
      errors: [],
    };
  }

  /**
   * `closeYear`: closes every open budget of the municipality's year and writes the unused
   * remainder off as a LAPSE returned to the organiser. Pending charges stay pending (the client
   * may still confirm them). Running it again finds nothing open and changes nothing.
   */
  async closeYear(municipalityCode: string, year: number) {
    const principal = requirePrincipal(this.ctx);
    if (!budgetAccess.canManageMunicipality(principal, municipalityCode)) {
      throw forbidden('Only organiser staff of the municipality may close its year.');
    }
    const none = { municipalityCode, year, closedCount: 0, lapsed: Money.fromCents(0) };
    if (checkYear(year))
      return {
        ...none,
        errors: [UserError.of('VALIDATION', 'year must be from 2000 to 2100.', 'year')],
      };
    const today = this.options.today();
    if (today < `${year}-12-31`) {
      return {
        ...none,
        errors: [
          UserError.of(
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
        await this.stores.budgets.lockBalance(m, id);
        // Commitments end first: what they held beyond their charges returns to the budget,
        // so that everything not charged can lapse (committed ≤ granted − lapsed holds).
        const running = (await this.stores.commitments.lockOfBudgets(m, [id])).filter(
          (c) => c.status === 'ACTIVE' || c.status === 'USED_UP',
        );
        await this.stores.commitments.end(
          m,
          running.map((c) => c.id),
          'EXPIRED',
          principal.sub,
          `Vuosi ${year} suljettu`,
        );
        // Locked above in this transaction: its absence is a bug, not a refusal.
        const balance = present(
          await this.stores.budgets.lockBalance(m, id),
          `the balance row of budget ${id}`,
        );
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
