import type { SubgraphDefinition } from '@hb/kit';
import { createStores } from './shared/stores';
import { extendContext } from './context';
import type { BudgetsContext } from './shared/context.types';
import type { BudgetsOptions } from './shared/options';
import { budgetsDatabase } from './entities';
import { buildBudgetsSchema } from './schema';
import { seedBudgetsDemo } from './seed/demo.seed';
import { httpRemoteServices } from './remote/remote-services';
import { runDailyBudgetJob } from './budget/daily-job';
import { BudgetEventFeed } from './event/event-feed';
import { httpPayeeDirectory } from './settlement/payee-directory';
import { debtorAccountFromConfig } from './settlement/debtor-account';
import nodemailer from 'nodemailer';
import { runNotifier } from './notification/notification.service';

/** How often the daily job (instalments, alerts) runs; it is idempotent, so more often is harmless. */
const DAILY_JOB_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** The budgets subgraph: service types, HB classes, budgets, instalments, ledger, alerts, events. */
export const budgetsSubgraph: SubgraphDefinition<BudgetsContext> = {
  name: 'budgets',
  defaultPort: 4002,
  database: budgetsDatabase,
  buildSchema: buildBudgetsSchema,
  runtime: async ({ database, config, logger }) => {
    const stores = createStores(database.dataSource);
    const feed = new BudgetEventFeed({
      store: stores.events,
      logger,
      listenUrl: database.embedded ? null : database.url,
    });
    await feed.start();
    const testToday = config.TEST_TODAY;
    const options: BudgetsOptions = {
      remote: httpRemoteServices(config),
      feed,
      payees: httpPayeeDirectory(config),
      debtorAccount: debtorAccountFromConfig(config),
      alertThresholds: {
        minElapsedShare: config.ALERT_MIN_ELAPSED_SHARE,
        underuseGap: config.ALERT_UNDERUSE_GAP,
        overuseGap: config.ALERT_OVERUSE_GAP,
        minHistory: config.ALERT_MIN_HISTORY,
        abnormalFactor: config.ALERT_ABNORMAL_FACTOR,
        lapseShare: config.ALERT_LAPSE_SHARE,
      },
      caseloadWaitingDays: config.CASELOAD_WAITING_DAYS,
      // Tests only (the config refuses it elsewhere): a past year's decisions on its last day.
      ...(testToday ? { today: () => testToday } : {}),
    };
    const runJob = () => {
      runDailyBudgetJob(stores, options, logger).catch((err: unknown) =>
        logger.error({ err }, 'daily budget job failed'),
      );
    };
    const first = setTimeout(runJob, 5_000);
    const timer = setInterval(runJob, DAILY_JOB_INTERVAL_MS);
    first.unref();
    timer.unref();
    // E-mail digests of the inbox, when a relay is configured (pnpm start: the mail catcher).
    const transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
    let notifying = false;
    const notify = () => {
      if (!transport || notifying) return;
      notifying = true;
      runNotifier(
        stores,
        {
          transport,
          from: config.MAIL_FROM,
          inboxUrl: new URL('inbox', config.PUBLIC_UI_URL).toString(),
        },
        logger,
      )
        .catch((err: unknown) => logger.error({ err }, 'notifications failed'))
        .finally(() => {
          notifying = false;
        });
    };
    const notifier = transport ? setInterval(notify, config.NOTIFY_INTERVAL_MS) : null;
    notifier?.unref();
    return {
      extendContext: extendContext(stores, options),
      subscriptions: true,
      onShutdown: async () => {
        clearTimeout(first);
        clearInterval(timer);
        if (notifier) clearInterval(notifier);
        transport?.close();
        await feed.stop();
      },
    };
  },
  seedDemo: seedBudgetsDemo,
};
