import { ruleError, type RuleError } from '../domain';

/**
 * The re-assessment rules of a budget, judged under its lock. No database, no GraphQL, so they
 * are table-tested (budget-decision.rules.test.ts).
 */

/** Why a budget of this status takes no re-assessment (ended or closed), or null. */
export function statusRefusal(status: string): RuleError | null {
  if (status === 'ENDED')
    return ruleError(
      'BUDGET_ENDED',
      'This budget has been ended; a new service needs a new budget year or service.',
      'input.year',
    );
  if (status === 'CLOSED')
    return ruleError(
      'BUDGET_CLOSED',
      'This budget year is closed; it cannot be re-assessed.',
      'input.year',
    );
  return null;
}

/**
 * Why a budget cannot be re-assessed to `totalCents`, or null: the new amount may not fall below
 * what payment commitments hold nor below what is already used or paid out.
 */
export function amountRefusal(
  totalCents: number,
  balance: {
    committedCents: number;
    lapsedCents: number;
    spentCents: number;
    pendingCents: number;
    paidOutCents: number;
  },
): RuleError | null {
  if (totalCents < balance.committedCents + balance.lapsedCents)
    return ruleError(
      'BELOW_COMMITTED',
      `The new amount is below what payment commitments hold (${(balance.committedCents / 100).toFixed(2)} €); cancel or lower them first.`,
      'input',
    );
  const used = balance.spentCents + balance.pendingCents + balance.lapsedCents;
  if (totalCents < used || totalCents < balance.paidOutCents) {
    const floor = Math.max(used, balance.paidOutCents);
    return ruleError(
      'BELOW_USED',
      `The new amount is below what is already used or paid out (${(floor / 100).toFixed(2)} €).`,
      'input',
    );
  }
  return null;
}
