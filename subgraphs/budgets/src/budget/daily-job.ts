import crypto from 'node:crypto';
import { AccessLogBuffer, type Logger, type RequestContext } from '@hb/kit';
import { createLoaders } from '../shared/loaders';
import { resolveOptions, type BudgetsOptions } from '../shared/options';
import type { BudgetsStores } from '../shared/stores';
import { BudgetService } from './budget.service';
import { payDueInstalments } from './instalment-payment';

/** The identity the daily job writes into the ledger and the access log. */
export const DAILY_JOB_ACTOR = 'budgets-daily-job';

/**
 * The daily job: activates budgets whose year has begun, pays instalments that fell due and
 * runs the alert rules (under-use, over-use and year-end lapse need the calendar, not a change).
 * Each budget is its own transaction; alerts are deduplicated by key, so running it twice a day
 * changes nothing the second time.
 */
export async function runDailyBudgetJob(
  stores: BudgetsStores,
  options: BudgetsOptions,
  logger: Logger,
) {
  const resolved = resolveOptions(options);
  const today = resolved.today();
  const year = Number(today.slice(0, 4));
  const requestId = `daily-${crypto.randomUUID()}`;
  const ctx: RequestContext = {
    principal: null,
    authorization: null,
    requestId,
    accessLog: new AccessLogBuffer(
      stores.db,
      'budgets',
      null,
      requestId,
      'budget follow-up (budjetin seuranta)',
    ),
    logger,
  };
  const service = new BudgetService(stores, ctx, createLoaders(stores), resolved);
  let instalmentsPaid = 0;
  const ids = await stores.budgets.activeBudgetIds(year);
  for (const id of ids) {
    instalmentsPaid += await stores.db.transaction(async (m) => {
      const budget = await stores.budgets.lockBudget(m, id);
      if (!budget || budget.status === 'CLOSED') return 0;
      if (budget.status === 'DECIDED' && budget.year <= year) {
        await stores.budgets.setStatus(m, id, 'ACTIVE');
        budget.status = 'ACTIVE';
      }
      const paid = await payDueInstalments(stores, m, budget, today, DAILY_JOB_ACTOR);
      await service.raiseAlerts(m, budget);
      return paid;
    });
  }
  logger.info({ budgets: ids.length, instalmentsPaid }, 'daily budget job done');
  return { budgets: ids.length, instalmentsPaid };
}
