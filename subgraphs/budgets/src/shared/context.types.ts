import type { RequestContext } from '@hb/kit';
import type { BudgetsLoaders } from './loaders';
import type { AlertService } from '../alert/alert.service';
import type { CaseloadService } from '../caseload/caseload.service';
import type { InboxService } from '../inbox/inbox.service';
import type { ConcernService } from '../concern/concern.service';
import type { NotificationService } from '../notification/notification.service';
import type { CatalogService } from '../service-type/catalog.service';
import type { BudgetService } from '../budget/budget.service';
import type { AppealService } from '../decision/decision-appeal.service';
import type { BudgetEndService } from '../decision/budget-end.service';
import type { LedgerService } from '../ledger/ledger.service';
import type { YearEndService } from '../ledger/year-end.service';
import type { BudgetEventService } from '../event/budget-event.service';
import type { ReportService } from '../report/report.service';
import type { OrganiserReportService } from '../report/organiser-report.service';
import type { CommitmentService } from '../commitment/commitment.service';
import type { PlanCommitmentService } from '../commitment/commitment-plan.service';
import type { SettlementService } from '../settlement/settlement.service';
import type { ExpenseService } from '../expense/expense.service';

/** The request context of the budgets subgraph. */
export interface BudgetsContext extends RequestContext {
  loaders: BudgetsLoaders;
  catalog: CatalogService;
  budgets: BudgetService;
  /** Appeals against decisions (the decisions themselves: `budgets.decisions`). */
  appeals: AppealService;
  /** Ending a budget mid-year with its ENDING decision. */
  endings: BudgetEndService;
  ledger: LedgerService;
  yearEnd: YearEndService;
  events: BudgetEventService;
  reports: ReportService;
  organiserReports: OrganiserReportService;
  commitments: CommitmentService;
  planCommitments: PlanCommitmentService;
  settlement: SettlementService;
  alerts: AlertService;
  caseload: CaseloadService;
  inbox: InboxService;
  concerns: ConcernService;
  notifications: NotificationService;
  expenses: ExpenseService;
}
