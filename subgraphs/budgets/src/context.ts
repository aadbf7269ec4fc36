import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupByKeys, byKeys, todayInFinland, type RequestContext } from '@hb/kit';
import { DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from './domain';
import { CatalogStore, type HbClassRow, type ServiceTypeRow } from './service-type/catalog.store';
import {
  BudgetStore,
  type BalanceRow,
  type BudgetRow,
  type InstalmentRow,
} from './budget/budget.store';
import { LedgerStore, type TransactionRow } from './ledger/ledger.store';
import { AlertStore, type AlertRow } from './alert/alert.store';
import { AlertService } from './alert/alert.service';
import { CaseloadStore } from './caseload/caseload.store';
import { CaseloadService } from './caseload/caseload.service';
import { InboxStore } from './inbox/inbox.store';
import { InboxService } from './inbox/inbox.service';
import { ConcernStore } from './concern/concern.store';
import { ConcernService } from './concern/concern.service';
import { NotificationStore } from './notification/notification.store';
import { NotificationService } from './notification/notification.service';
import { CatalogService } from './service-type/catalog.service';
import { BudgetService } from './budget/budget.service';
import { LedgerService } from './ledger/ledger.service';
import type { RemoteServices } from './remote/remote-services';
import { BudgetEventStore } from './event/budget-event.store';
import { BudgetEventService } from './event/budget-event.service';
import type { BudgetEventFeed } from './event/event-feed';
import { ReportService } from './report/report.service';
import { ReportStore } from './report/report.store';
import { CommitmentStore, type CommitmentRow } from './commitment/commitment.store';
import { CommitmentService } from './commitment/commitment.service';
import { SettlementService } from './settlement/settlement.service';
import { NO_PAYEES, type PayeeDirectory } from './settlement/payee-directory';
import type { DebtorAccount } from './settlement/domain/pain001';
import { ExpenseStore, type ExpenseRow } from './expense/expense.store';
import { ExpenseService } from './expense/expense.service';

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

/** What the runtime (or a test) injects: other subgraphs, alert thresholds and the clock. */
export interface BudgetsOptions {
  remote: RemoteServices;
  alertThresholds?: AlertThresholds;
  /** Today in Finland, `YYYY-MM-DD`; tests pin it. */
  today?: () => string;
  /** The process's outbox reader; absent where no subscriptions are served (tests of rules). */
  feed?: BudgetEventFeed;
  /** Payees' names and bank accounts for settlement (the providers subgraph); default: none. */
  payees?: PayeeDirectory;
  /** The organiser's account that payments are debited from; default {@link DEMO_DEBTOR}. */
  debtorAccount?: DebtorAccount;
  /** A charge counts as waiting in the caseload after this many days; default 7. */
  caseloadWaitingDays?: number;
}

/**
 * The demo organiser's account (config `SETTLEMENT_DEBTOR_*` has the same defaults): the
 * standard Finnish example IBAN, which no bank holds, so demo files can never pay anyone.
 */
export const DEMO_DEBTOR: DebtorAccount = {
  name: 'Pirkanmaan hyvinvointialue',
  iban: 'FI2112345600000785',
  bic: 'NDEAFIHH',
};

export interface ResolvedOptions {
  remote: RemoteServices;
  alertThresholds: AlertThresholds;
  today: () => string;
  feed: BudgetEventFeed | null;
  caseloadWaitingDays: number;
}

/** Per-request batching: every list field and reference resolver goes through these. */
export function createLoaders(stores: BudgetsStores) {
  return {
    budget: new DataLoader<string, BudgetRow | null>(async (ids) =>
      byKeys(await stores.budgets.byIds(ids), ids, (b) => b.id),
    ),
    budgetsOfClient: new DataLoader<string, BudgetRow[]>(async (ids) =>
      groupByKeys(await stores.budgets.byClientIds(ids), ids, (b) => b.clientId),
    ),
    balance: new DataLoader<string, BalanceRow | null>(async (ids) =>
      byKeys(await stores.budgets.balances(ids), ids, (b) => b.budgetId),
    ),
    instalments: new DataLoader<string, InstalmentRow[]>(async (ids) =>
      groupByKeys(await stores.budgets.instalments(ids), ids, (i) => i.budgetId),
    ),
    alerts: new DataLoader<string, AlertRow[]>(async (ids) =>
      groupByKeys(await stores.alerts.ofBudgets(ids), ids, (a) => a.budgetId),
    ),
    /** Key: JSON `[budgetId, limit, beforePosition, providerId]`; batched per page shape. */
    transactionPage: new DataLoader<string, { rows: TransactionRow[]; total: number }>(
      async (keys) => {
        const parsed = keys.map(
          (k) => JSON.parse(k) as [string, number, number | null, string | null],
        );
        const groups = new Map<string, string[]>();
        for (const [budgetId, ...shape] of parsed) {
          const key = JSON.stringify(shape);
          groups.set(key, [...(groups.get(key) ?? []), budgetId]);
        }
        const results = new Map<string, { rows: TransactionRow[]; total: number }>();
        for (const [shape, budgetIds] of groups) {
          const [limit, before, providerId] = JSON.parse(shape) as [
            number,
            number | null,
            string | null,
          ];
          const pages = await stores.ledger.pages(budgetIds, limit, before, providerId);
          budgetIds.forEach((id, i) =>
            results.set(JSON.stringify([id, limit, before, providerId]), pages[i]!),
          );
        }
        return keys.map((k) => results.get(k)!);
      },
    ),
    commitment: new DataLoader<string, CommitmentRow | null>(async (ids) =>
      byKeys(await stores.commitments.byIds(ids), ids, (c) => c.id),
    ),
    commitmentsOfBudget: new DataLoader<string, CommitmentRow[]>(async (ids) =>
      groupByKeys(await stores.commitments.byBudgetIds(ids), ids, (c) => c.budgetId),
    ),
    /** Budget id → the sum charged on its commitments. */
    chargedOnCommitments: new DataLoader<string, number>(async (ids) => {
      const sums = await stores.commitments.chargedOnCommitments(ids);
      return ids.map((id) => sums.get(id) ?? 0);
    }),
    expensesOfBudget: new DataLoader<string, ExpenseRow[]>(async (ids) =>
      groupByKeys(await stores.expenses.ofBudgets(ids), ids, (e) => e.budgetId),
    ),
    transaction: new DataLoader<string, TransactionRow | null>(async (ids) =>
      byKeys(await stores.ledger.byIds(ids), ids, (t) => t.id),
    ),
    serviceType: new DataLoader<string, ServiceTypeRow | null>(async (codes) =>
      byKeys(await stores.catalog.serviceTypes(codes), codes, (s) => s.code),
    ),
    /** Key: `hbClassId|year`; the class valued for that year. */
    hbClass: new DataLoader<string, HbClassRow | null>(async (keys) => {
      const parsed = keys.map((k) => {
        const [id = '', year = '0'] = k.split('|');
        return { id, year: Number(year) };
      });
      return byKeys(
        await stores.catalog.classesByIdAndYear(parsed),
        keys,
        (c) => `${c.id}|${c.priceYear}`,
      );
    }),
    /** Key: `serviceType|municipalityCode|year`. */
    classes: new DataLoader<string, HbClassRow[]>(async (keys) => {
      const parsed = keys.map((k) => {
        const [serviceType = '', municipalityCode = '', year = '0'] = k.split('|');
        return { serviceType, municipalityCode, year: Number(year) };
      });
      const rows = await stores.catalog.classesOf(parsed);
      return groupByKeys(
        rows,
        keys,
        (c) => `${c.serviceTypeCode}|${c.municipalityCode}|${c.priceYear}`,
      );
    }),
  };
}

export type BudgetsLoaders = ReturnType<typeof createLoaders>;

/** The request context of the budgets subgraph. */
export interface BudgetsContext extends RequestContext {
  loaders: BudgetsLoaders;
  catalog: CatalogService;
  budgets: BudgetService;
  ledger: LedgerService;
  events: BudgetEventService;
  reports: ReportService;
  commitments: CommitmentService;
  settlement: SettlementService;
  alerts: AlertService;
  caseload: CaseloadService;
  inbox: InboxService;
  concerns: ConcernService;
  notifications: NotificationService;
  expenses: ExpenseService;
}

export function resolveOptions(options: BudgetsOptions): ResolvedOptions {
  return {
    remote: options.remote,
    alertThresholds: options.alertThresholds ?? DEFAULT_ALERT_THRESHOLDS,
    today: options.today ?? (() => todayInFinland()),
    feed: options.feed ?? null,
    caseloadWaitingDays: options.caseloadWaitingDays ?? 7,
  };
}

export function extendContext(stores: BudgetsStores, options: BudgetsOptions) {
  const resolved = resolveOptions(options);
  return (base: RequestContext): BudgetsContext => {
    const loaders = createLoaders(stores);
    const budgets = new BudgetService(stores, base, loaders, resolved);
    return {
      ...base,
      loaders,
      budgets,
      catalog: new CatalogService(stores, base, loaders, resolved),
      ledger: new LedgerService(stores, base, loaders, resolved, budgets),
      events: new BudgetEventService(stores, base, resolved, budgets),
      reports: new ReportService(new ReportStore(stores.db), base),
      commitments: new CommitmentService(stores, base, loaders, resolved, budgets),
      settlement: new SettlementService(stores, base, {
        payees: options.payees ?? NO_PAYEES,
        debtor: options.debtorAccount ?? DEMO_DEBTOR,
        today: resolved.today,
      }),
      alerts: new AlertService(stores, base, resolved),
      caseload: new CaseloadService(stores, base, resolved),
      inbox: new InboxService(stores, base, (clientId) => budgets.hasBudgetConsent(clientId)),
      concerns: new ConcernService(stores, base),
      notifications: new NotificationService(stores, base),
      expenses: new ExpenseService(stores, base, loaders, resolved, budgets),
    };
  };
}
