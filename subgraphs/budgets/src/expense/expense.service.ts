import {
  UserError,
  forbidden,
  isIsoDate,
  isUuid,
  parseAmount,
  requirePrincipal,
  type RequestContext,
} from '@hb/kit';
import type { BudgetsLoaders } from '../shared/loaders';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import { judgeCharge, type RuleError } from '../domain';
import type { BudgetService } from '../budget/budget.service';
import type { BudgetRow } from '../budget/budget.store';
import { PG, pgCode } from '../shared/sql';
import { expenseAccess } from './expense.policy';
import { ExpenseStore, type ExpenseRow } from './expense.store';
import type { SubmitExpenseInput } from './expense.type';
import { sepaIban } from './iban';
import { checkReceipt, receiptFileName } from './receipt';

/** A charge rule's refusal in the words of an expense. */
const FIELDS: Record<string, string> = {
  'input.serviceDate': 'input.expenseDate',
  'input.amount': 'input.amount',
  'input.commitmentId': 'input.commitmentId',
};
const fromRule = (e: RuleError) => UserError.of(e.code, e.message, FIELDS[e.field] ?? e.field);

const NO_EXPENSE = () => UserError.of('NOT_FOUND', 'No such expense.', 'expenseId');

/**
 * Financial support to the client (taloudellinen tuki): the client, or her team member with
 * budget consent, submits an expense with a receipt on a commitment payable to her; her own
 * worker or HB adviser approves or rejects it. An approved expense is a confirmed EXPENSE row
 * of the ledger, drawn on the commitment under the same rules and locks as a charge (LOCK ORDER
 * in ledger.service.ts), and settled to the client's account like a charge to a provider.
 */
export class ExpenseService {
  private readonly store: ExpenseStore;

  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly loaders: BudgetsLoaders,
    private readonly options: ResolvedOptions,
    private readonly budgets: BudgetService,
  ) {
    this.store = new ExpenseStore(stores.db);
  }

  /** `submitExpense`. Refusals change nothing; an unknown and a foreign commitment look alike. */
  async submit(input: SubmitExpenseInput) {
    const principal = requirePrincipal(this.ctx);
    const fail = (...errors: UserError[]) => ({ expense: null, errors });
    const refuse = () =>
      forbidden('Only the client, or a team member with her budget consent, submits expenses.');
    if (!expenseAccess.isSubmitterRole(principal)) throw refuse();
    const found = isUuid(input.commitmentId)
      ? await this.loaders.commitment.load(input.commitmentId)
      : null;
    const budget = found ? await this.loaders.budget.load(found.budgetId) : null;
    if (
      !found ||
      !budget ||
      !(await this.budgets.decided(expenseAccess.submit(principal, budget), budget))
    )
      throw refuse();
    if (found.payeeKind !== 'CLIENT')
      return fail(
        UserError.of(
          'NO_COMMITMENT',
          'This commitment is not financial support paid to the client.',
          'input.commitmentId',
        ),
      );

    const errors: UserError[] = [];
    const amount = parseAmount(input.amount);
    if (!amount.ok) errors.push(UserError.of('VALIDATION', amount.message, 'input.amount'));
    else if (amount.cents <= 0)
      errors.push(UserError.of('VALIDATION', 'Amount must be above zero.', 'input.amount'));
    if (!isIsoDate(input.expenseDate))
      errors.push(UserError.of('VALIDATION', 'Not a date.', 'input.expenseDate'));
    const description = input.description.trim();
    if (description.length < 1 || description.length > 500)
      errors.push(
        UserError.of(
          'VALIDATION',
          'Describe the expense in 1 to 500 characters.',
          'input.description',
        ),
      );
    const holder = input.accountHolder.trim();
    if (holder.length < 1 || holder.length > 70)
      errors.push(
        UserError.of(
          'VALIDATION',
          'The account holder is 1 to 70 characters.',
          'input.accountHolder',
        ),
      );
    const iban = sepaIban(input.iban);
    if (!iban)
      errors.push(
        UserError.of('VALIDATION', 'This is not a valid IBAN of a SEPA country.', 'input.iban'),
      );
    const receipt = checkReceipt(input.receiptBase64);
    if (!receipt.ok)
      errors.push(UserError.of(receipt.code, receipt.message, 'input.receiptBase64'));
    if (errors.length > 0 || !amount.ok || !receipt.ok || !iban) return fail(...errors);

    // Judged now so the client hears at once; judged again under the locks at approval.
    const early = judgeCharge({
      commitment: found,
      budgetStatus: budget.status,
      amountCents: amount.cents,
      serviceDate: input.expenseDate,
      today: this.options.today(),
    });
    if (early) return fail(fromRule(early));

    const id = await this.stores.db.transaction(async (m) => {
      const created = await this.store.insert(m, {
        commitmentId: found.id,
        budgetId: budget.id,
        clientId: budget.clientId,
        amountCents: amount.cents,
        expenseDate: input.expenseDate,
        description,
        accountHolder: holder,
        payeeIban: iban,
        receipt: receipt.bytes,
        receiptType: receipt.type,
        receiptName: receiptFileName(input.receiptFileName, receipt.type),
        submittedBy: principal.sub,
      });
      await this.ctx.accessLog.writeNow(m, [
        { clientId: budget.clientId, action: 'CHANGE', subject: 'Expense.submitted' },
      ]);
      return created;
    });
    const [row] = await this.store.byIds([id]);
    this.ctx.accessLog.read('Expense', [budget.clientId]);
    return { expense: row ?? null, errors: [] };
  }

  /**
   * `decideExpense`: approve (drawn on the commitment, counted as spent, settled at the next
   * run) or reject with a reason. Staff of another municipality and unknown ids get the same
   * NOT_FOUND. Decided once: a second decision answers NOT_PENDING and changes nothing.
   */
  async decide(expenseId: string, approve: boolean, reason: string | null | undefined) {
    const principal = requirePrincipal(this.ctx);
    const fail = (...errors: UserError[]) => ({ expense: null, errors });
    if (!expenseAccess.isDeciderRole(principal))
      throw forbidden("Only the client's own worker or HB adviser decides expenses.");
    const [found] = isUuid(expenseId) ? await this.store.byIds([expenseId]) : [];
    if (!found || !expenseAccess.decide(principal, found)) return fail(NO_EXPENSE());
    const text = reason?.trim() || null;
    if (!approve && !text)
      return fail(UserError.of('VALIDATION', 'Give the reason for the rejection.', 'reason'));
    if (text && text.length > 1000)
      return fail(UserError.of('VALIDATION', 'The reason is at most 1000 characters.', 'reason'));

    let outcome: { refused: UserError } | { done: true };
    try {
      outcome = await this.stores.db.transaction(async (m) => {
        // LOCK ORDER: budget row, balance row, commitment row, then the expense; events last.
        const budget = await this.stores.budgets.lockBudget(m, found.budgetId);
        await this.stores.budgets.lockBalance(m, found.budgetId);
        const commitment = await this.stores.commitments.lock(m, found.commitmentId);
        const expense = await this.store.lock(m, found.id);
        if (!budget || !commitment || !expense) return { refused: NO_EXPENSE() };
        if (expense.status !== 'SUBMITTED')
          return {
            refused: UserError.of(
              'NOT_PENDING',
              `This expense is already ${expense.status.toLowerCase()}.`,
              'expenseId',
            ),
          };
        if (!approve) {
          await this.store.decide(m, expense.id, {
            status: 'REJECTED',
            by: principal.sub,
            reason: text,
            transactionId: null,
          });
          await this.ctx.accessLog.writeNow(m, [
            { clientId: expense.clientId, action: 'CHANGE', subject: 'Expense.rejected' },
          ]);
          return { done: true };
        }
        const refusal = judgeCharge({
          commitment,
          budgetStatus: budget.status,
          amountCents: expense.amountCents,
          serviceDate: expense.expenseDate,
          today: this.options.today(),
        });
        if (refusal) return { refused: fromRule(refusal) };
        const tx = await this.store.insertLedgerRow(m, expense, principal.sub);
        await this.stores.budgets.applyBalance(m, budget.id, { spent: expense.amountCents });
        await this.store.decide(m, expense.id, {
          status: 'APPROVED',
          by: principal.sub,
          reason: text,
          transactionId: tx.id,
        });
        await this.ctx.accessLog.writeNow(m, [
          { clientId: expense.clientId, action: 'CHANGE', subject: 'Expense.approved' },
        ]);
        await this.stores.budgets.insertEvent(m, {
          budgetId: budget.id,
          clientId: budget.clientId,
          change: 'EXPENSE_APPROVED',
          kind: 'EXPENSE',
          transactionId: tx.id,
        });
        return { done: true };
      });
    } catch (err) {
      // Only reachable if a database guard disagrees with the rules: nothing was written.
      if (pgCode(err) !== PG.checkViolation) throw err;
      outcome = {
        refused: UserError.of(
          'OVER_COMMITMENT',
          'The expense exceeds what remains of the payment commitment.',
          'expenseId',
        ),
      };
    }
    if ('refused' in outcome) return fail(outcome.refused);
    this.budgets.forget(found.budgetId);
    this.loaders.commitment.clear(found.commitmentId);
    this.loaders.commitmentsOfBudget.clear(found.budgetId);
    this.loaders.chargedOnCommitments.clear(found.budgetId);
    const [row] = await this.store.byIds([found.id]);
    this.ctx.accessLog.read('Expense', [found.clientId]);
    return { expense: row ?? null, errors: [] };
  }

  /** `expense(id)`: null when unknown or not the caller's to read (they look alike). */
  async get(id: string): Promise<ExpenseRow | null> {
    const principal = requirePrincipal(this.ctx);
    const [row] = isUuid(id) ? await this.store.byIds([id]) : [];
    if (!row || !(await this.budgets.decided(expenseAccess.read(principal, row), row))) return null;
    this.ctx.accessLog.read('Expense', [row.clientId]);
    return row;
  }

  /** `Budget.expenses`: only to those who may read expenses; others get an empty list. */
  async ofBudget(budget: BudgetRow): Promise<ExpenseRow[]> {
    const principal = requirePrincipal(this.ctx);
    if (!(await this.budgets.decided(expenseAccess.read(principal, budget), budget))) return [];
    const rows = await this.loaders.expensesOfBudget.load(budget.id);
    if (rows.length > 0) this.ctx.accessLog.read('Expense', [budget.clientId]);
    return rows;
  }

  /** The account: the client herself and staff; null to her team. */
  account(row: ExpenseRow): { iban: string; holder: string } | null {
    return expenseAccess.seesAccount(this.ctx.principal, row)
      ? { iban: row.payeeIban, holder: row.accountHolder }
      : null;
  }

  /** The receipt file, re-checked against the rule and logged as its own read. */
  async receipt(row: ExpenseRow) {
    if (!(await this.budgets.decided(expenseAccess.read(this.ctx.principal, row), row)))
      throw forbidden('You may not read this receipt.');
    const bytes = await this.store.receipt(row.id);
    if (!bytes) return null;
    this.ctx.accessLog.read('Expense.receipt', [row.clientId]);
    return {
      fileName: row.receiptName,
      contentType: row.receiptType,
      size: bytes.length,
      contentBase64: bytes.toString('base64'),
    };
  }
}
