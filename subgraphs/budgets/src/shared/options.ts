import { todayInFinland } from '@hb/kit';
import { DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from '../domain';
import type { RemoteServices } from '../remote/remote-services';
import type { BudgetEventFeed } from '../event/event-feed';
import type { PayeeDirectory } from '../settlement/payee-directory';
import type { DebtorAccount } from '../settlement/domain/pain001';

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

export function resolveOptions(options: BudgetsOptions): ResolvedOptions {
  return {
    remote: options.remote,
    alertThresholds: options.alertThresholds ?? DEFAULT_ALERT_THRESHOLDS,
    today: options.today ?? (() => todayInFinland()),
    feed: options.feed ?? null,
    caseloadWaitingDays: options.caseloadWaitingDays ?? 7,
  };
}
