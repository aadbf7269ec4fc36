/**
 * The report's figures as the store reads them and the services suppress and show them: plain
 * types, no TypeORM, no GraphQL.
 */
import type { ForecastBudget } from './forecast';

/** Yearly money of one service type (or all of them) in a municipality. */
export interface CostRow {
  serviceTypeCode: string | null;
  clientCount: number;
  budgetCount: number;
  grantedCents: number;
  paidOutCents: number;
  spentCents: number;
  pendingCents: number;
  lapsedCents: number;
}

/** Yearly money of one client group: the clients placed in one HB class of a service. */
export interface GroupCostRow extends CostRow {
  serviceTypeCode: string;
  /** Null for budgets decided without a class. */
  hbClassId: string | null;
  /** The class number; null for the individual class (yksilöllinen HB) or no class. */
  classLevel: number | null;
}

/** Charges of one provider on the municipality's budgets of the year. */
export interface ProviderMoneyRow {
  providerId: string;
  clientCount: number;
  chargeCount: number;
  spentCents: number;
  pendingCents: number;
}

/** Open alerts of one kind. */
export interface AlertCountRow {
  kind: string;
  alertCount: number;
  clientCount: number;
}

/**
 * Clients of one service type who bought from one provider: never shown, but the service
 * types' and the providers' money both add up from these cells, which lets a reader who knows
 * who serves what subtract across the two tables.
 */
export interface ServiceProviderCell {
  serviceTypeCode: string;
  providerId: string;
  clientCount: number;
}

export interface ReportFigures {
  hbClientCount: number;
  costs: CostRow[];
  total: CostRow;
  /** The costs by service type and client group (HB class); they add up to `costs`. */
  groups: GroupCostRow[];
  providers: ProviderMoneyRow[];
  /** Which service types each provider's charges fall in (never shown). */
  cells: ServiceProviderCell[];
  alerts: AlertCountRow[];
  /** Every decided budget's money, for the year-end forecast. */
  budgets: ForecastBudget[];
}
