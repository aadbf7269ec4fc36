import type { RequestContext } from '@hb/kit';
import { AlertService } from './alert/alert.service';
import { CaseloadService } from './caseload/caseload.service';
import { InboxService } from './inbox/inbox.service';
import { ConcernService } from './concern/concern.service';
import { NotificationService } from './notification/notification.service';
import { CatalogService } from './service-type/catalog.service';
import { BudgetService } from './budget/budget.service';
import { LedgerService } from './ledger/ledger.service';
import { YearEndService } from './ledger/year-end.service';
import { BudgetEventService } from './event/budget-event.service';
import { ReportService } from './report/report.service';
import { OrganiserReportService } from './report/organiser-report.service';
import { ReportStore } from './report/report.store';
import { CommitmentService } from './commitment/commitment.service';
import { PlanCommitmentService } from './commitment/commitment-plan.service';
import { AppealService } from './decision/decision-appeal.service';
import { BudgetEndService } from './decision/budget-end.service';
import { SettlementService } from './settlement/settlement.service';
import { NO_PAYEES } from './settlement/payee-directory';
import { ExpenseService } from './expense/expense.service';
import type { BudgetsStores } from './shared/stores';
import { createLoaders } from './shared/loaders';
import { DEMO_DEBTOR, resolveOptions, type BudgetsOptions } from './shared/options';
import type { BudgetsContext } from './shared/context.types';

/**
 * The composition root: builds each request's services from the shared stores. The types
 * services share live in shared/ (stores, loaders, options, context.types), so nothing here is
 * imported back by the code it wires.
 */
export function extendContext(stores: BudgetsStores, options: BudgetsOptions) {
  const resolved = resolveOptions(options);
  return (base: RequestContext): BudgetsContext => {
    const loaders = createLoaders(stores);
    const budgets = new BudgetService(stores, base, loaders, resolved);
    const reports = new ReportService(new ReportStore(stores.db), base);
    return {
      ...base,
      loaders,
      budgets,
      appeals: new AppealService(stores, base, resolved, budgets, budgets.decisions),
      endings: new BudgetEndService(stores, base, resolved, budgets, budgets.decisions),
      catalog: new CatalogService(stores, base, loaders, resolved),
      ledger: new LedgerService(stores, base, loaders, resolved, budgets),
      yearEnd: new YearEndService(stores, base, resolved, budgets),
      events: new BudgetEventService(stores, base, resolved, budgets),
      reports,
      organiserReports: new OrganiserReportService(reports, base),
      commitments: new CommitmentService(stores, base, loaders, resolved, budgets),
      planCommitments: new PlanCommitmentService(stores, base, loaders, resolved, budgets),
      settlement: new SettlementService(stores, base, {
        payees: options.payees ?? NO_PAYEES,
        debtor: options.debtorAccount ?? DEMO_DEBTOR,
        today: resolved.today,
      }),
      alerts: new AlertService(stores, base, resolved),
      caseload: new CaseloadService(stores, base, resolved),
      inbox: new InboxService(
        stores,
        base,
        (clientId) => budgets.hasBudgetConsent(clientId),
        resolved.remote.clients,
      ),
      concerns: new ConcernService(stores, base),
      notifications: new NotificationService(stores, base),
      expenses: new ExpenseService(stores, base, loaders, resolved, budgets),
    };
  };
}
