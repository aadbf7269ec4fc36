import type { BudgetScope } from '../budget/budget-access.policy';
import type { AppealOutcome } from './decision.store';

/** The details of a decision that only its maker knows (the rest comes from the budget). */
export interface DecisionDetails {
  language?: 'FI' | 'SV' | null;
  otherRestrictions?: string | null;
  excludeOrganiserOwnServices?: boolean | null;
  ordinaryPart?: string | null;
  clientFees?: string | null;
}

export interface EndBudgetArgs {
  endDate: string;
  reason: string;
  details?: DecisionDetails | null;
}

export interface FileAppealArgs {
  demand: string;
  reasons: string;
}

export interface DecideAppealArgs {
  outcome: AppealOutcome;
  reasoning: string;
  handlingNote?: string | null;
}

/**
 * What decisions need of the budget service that owns them: the consent-aware access answer and
 * forgetting cached budgets after a change. An interface, so the two services do not import each
 * other (BudgetService builds the decision service and passes itself).
 */
export interface DecidedBudgets {
  decided(
    decision: 'ALLOW' | 'DENY' | 'NEEDS_BUDGET_CONSENT',
    scope: BudgetScope,
  ): Promise<boolean>;
  forget(budgetId: string, clientId?: string): void;
}
