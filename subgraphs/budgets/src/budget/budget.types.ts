import type { EntityManager } from 'typeorm';
import type { BudgetRow } from './budget.store';

/**
 * What deciding a budget needs of the budget service that owns it: forgetting cached rows after
 * the change and re-evaluating the budget's alerts. An interface, so the two services do not
 * import each other (BudgetService builds the decision service and passes itself).
 */
export interface DecidingBudgets {
  forget(budgetId: string, clientId?: string): void;
  raiseAlerts(m: EntityManager, budget: BudgetRow): Promise<void>;
}
