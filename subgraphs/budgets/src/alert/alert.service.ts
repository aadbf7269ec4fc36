import { UserError, forbidden, requirePrincipal, type RequestContext } from '@hb/kit';
import type { EntityManager } from 'typeorm';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import { evaluateAlerts, type ChargeFact } from '../domain';
import type { BalanceRow, BudgetRow } from '../budget/budget.store';
import {
  ALERT_TITLES,
  acknowledgementRefusal,
  audiencesOf,
  isUnchanged,
  plainMessageOf,
  reconcileAlerts,
} from './alert-lifecycle';
import type { AlertRow } from './alert.store';

/** What a re-evaluation did, for the outbox event the caller writes last. */
/** What re-evaluation did: raised (or reopened), resolved, only refreshed open alerts' figures. */
export type AlertChange = 'ALERT_RAISED' | 'ALERT_RESOLVED' | 'ALERT_UPDATED' | null;

/**
 * Alerts: every rule re-evaluated on each change of a budget and by the daily job, stored
 * alerts raised, refreshed, reopened or resolved to match; staff acknowledge them with a note.
 */
export class AlertService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly options: ResolvedOptions,
  ) {}

  /**
   * Runs every rule on the budget's current state and brings its stored alerts in line. Call it
   * inside the transaction that changed the budget, holding the budget's lock. `current` is the
   * balance the caller has just written under its lock, if it has it.
   */
  async reevaluate(
    m: EntityManager,
    budget: BudgetRow,
    newCharge?: ChargeFact,
    current?: BalanceRow,
  ): Promise<AlertChange> {
    const balance = current ?? (await this.stores.budgets.lockBalance(m, budget.id));
    if (!balance || budget.status === 'CLOSED' || budget.status === 'ENDED') return null;
    const live = await this.stores.ledger.charges(m, budget.id);
    const raised = evaluateAlerts(
      {
        today: this.options.today(),
        year: budget.year,
        grantedCents: balance.grantedCents,
        spentCents: balance.spentCents + balance.pendingCents,
        charges: live.filter((c) => c.id !== newCharge?.id),
        ...(newCharge ? { newCharge } : {}),
      },
      this.options.alertThresholds,
    );
    const stored = await this.stores.alerts.stored(m, budget.id);
    const plan = reconcileAlerts(stored, raised, new Set(live.map((c) => c.id)));
    if (isUnchanged(plan)) return null;
    await this.stores.alerts.apply(m, budget.id, plan);
    // Each new (or returning) alert reaches its addressees: staff with the numbers, the client
    // and her team in plain language.
    await this.stores.inbox.addForAlerts(
      m,
      budget.id,
      [...plan.raise, ...plan.reopen].flatMap((alert) =>
        audiencesOf(alert.kind).map((audience) => ({
          key: alert.key,
          audience,
          title: ALERT_TITLES[alert.kind],
          body:
            audience === 'CLIENT' || audience === 'TEAM'
              ? plainMessageOf(alert.kind)
              : alert.message,
          urgent: alert.kind === 'ABNORMAL_CHARGE',
        })),
      ),
    );
    if (plan.raise.length > 0 || plan.reopen.length > 0) return 'ALERT_RAISED';
    return plan.resolve.length > 0 ? 'ALERT_RESOLVED' : 'ALERT_UPDATED';
  }

  /**
   * `acknowledgeAlert`: an HB adviser or own worker of the client's municipality marks an open
   * alert seen, with a note of what was done. Roles that never handle alerts are refused
   * outright; for staff, an alert of another municipality answers exactly as one that does not
   * exist, so ids reveal nothing.
   */
  async acknowledge(alertId: string, note: string) {
    const principal = requirePrincipal(this.ctx);
    if (principal.role !== 'ADVISER' && principal.role !== 'WORKER')
      throw forbidden('Only HB advisers and own workers acknowledge alerts.');
    const fail = (code: string, message: string, field: string | null) => ({
      alert: null,
      errors: [UserError.of(code, message, field)],
    });
    return this.stores.db.transaction(async (m) => {
      const alert = await this.stores.alerts.byId(alertId, m);
      if (!alert || !principal.municipalities.includes(alert.municipalityCode))
        return fail('NOT_FOUND', 'No such alert.', 'alertId');
      const refusal = acknowledgementRefusal(alert.status, note);
      if (refusal)
        return fail(
          refusal.code,
          refusal.message,
          refusal.code === 'VALIDATION' ? 'note' : 'alertId',
        );
      const done = await this.stores.alerts.acknowledge(m, alert.id, principal.sub, note.trim());
      if (!done)
        return fail(
          'ALREADY_ACKNOWLEDGED',
          'Someone acknowledged or resolved it just now.',
          'alertId',
        );
      await this.ctx.accessLog.writeNow(m, [
        { clientId: alert.clientId, action: 'CHANGE', subject: 'BudgetAlert.acknowledged' },
      ]);
      await this.stores.budgets.insertEvent(m, {
        budgetId: alert.budgetId,
        clientId: alert.clientId,
        change: 'ALERT_ACKNOWLEDGED',
      });
      const updated = (await this.stores.alerts.byId(alert.id, m)) as AlertRow;
      this.ctx.accessLog.read('BudgetAlert', [alert.clientId]);
      return { alert: updated, errors: [] as UserError[] };
    });
  }
}
