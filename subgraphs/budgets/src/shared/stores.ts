import type { DataSource } from 'typeorm';
import { CatalogStore } from '../service-type/catalog.store';
import { BudgetStore } from '../budget/budget.store';
import { LedgerStore } from '../ledger/ledger.store';
import { AlertStore } from '../alert/alert.store';
import { CaseloadStore } from '../caseload/caseload.store';
import { InboxStore } from '../inbox/inbox.store';
import { ConcernStore } from '../concern/concern.store';
import { NotificationStore } from '../notification/notification.store';
import { BudgetEventStore } from '../event/budget-event.store';
import { CommitmentStore } from '../commitment/commitment.store';
import { ExpenseStore } from '../expense/expense.store';

/** Stores are stateless and shared by all requests. */
export interface BudgetsStores {
  db: DataSource;
  catalog: CatalogStore;
  budgets: BudgetStore;
  ledger: LedgerStore;
  events: BudgetEventStore;
  commitments: CommitmentStore;
  alerts: AlertStore;
  caseload: CaseloadStore;
  inbox: InboxStore;
  concerns: ConcernStore;
  notifications: NotificationStore;
  expenses: ExpenseStore;
}

export function createStores(db: DataSource): BudgetsStores {
  return {
    db,
    catalog: new CatalogStore(db),
    budgets: new BudgetStore(db),
    ledger: new LedgerStore(db),
    events: new BudgetEventStore(db),
    commitments: new CommitmentStore(db),
    alerts: new AlertStore(db),
    caseload: new CaseloadStore(db),
    inbox: new InboxStore(db),
    concerns: new ConcernStore(),
    notifications: new NotificationStore(db),
    expenses: new ExpenseStore(db),
  };
}
