import { UserError } from '@hb/kit';
import type { RuleError } from '../domain';
import type { TransactionRow } from './ledger.store';

/**
 * What a ledger change returns. The budget is read only if the caller selects it (see
 * `TransactionPayloadResolver`): most callers, providers' systems above all, do not.
 */
export type TxResult = {
  transaction: TransactionRow | null;
  budgetId: string | null;
  errors: UserError[];
};

/** A refusal: nothing changed. */
export const txFailure = (...errors: UserError[]): TxResult => ({
  transaction: null,
  budgetId: null,
  errors,
});

/** A transaction written (or found again) on a budget. */
export const txSuccess = (transaction: TransactionRow, budgetId: string): TxResult => ({
  transaction,
  budgetId,
  errors: [],
});

/** A domain rule's refusal as a payload error; charges, decisions and commitments alike. */
export const fromRule = (e: RuleError) => UserError.of(e.code, e.message, e.field);
