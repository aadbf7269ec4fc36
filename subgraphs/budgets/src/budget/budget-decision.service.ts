import { UserError, forbidden, isUuid, requirePrincipal, type RequestContext } from '@hb/kit';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import {
  ageJudgedOn,
  checkIntegerInRange,
  checkYear,
  outsideAgeBand,
  scheduleUnpaid,
} from '../domain';
import { PG, pgCode } from '../shared/sql';
import { budgetAccess } from './budget-access.policy';
import type { BudgetRow } from './budget.store';
import type { TransactionRow } from '../ledger/ledger.store';
import { fromRule } from '../ledger/tx-result';
import type { DecideBudgetInput } from './budget.type';
import type { CatalogService } from '../service-type/catalog.service';
import type { DecisionService } from '../decision/decision.service';
import type { DecisionRow } from '../decision/decision.store';
import { checkDetails } from '../decision/decision-rules';
import { amountRefusal, statusRefusal } from './budget-decision.rules';
import { payDueInstalments } from './instalment-payment';
import type { DecidingBudgets } from './budget.types';

/** A decision's transaction: refused, or the decided budget with its ledger entry and decision. */
type DecideOutcome =
  { errors: UserError[] } | { budget: BudgetRow; tx: TransactionRow | null; decided: DecisionRow };

/**
 * Deciding budgets: the first decision of a client's year and service, and every re-assessment,
 * each with its decision document (decision/decision.service.ts) in the same transaction.
 */
export class BudgetDecisionService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly options: ResolvedOptions,
    private readonly budgets: DecidingBudgets,
    private readonly decisions: DecisionService,
  ) {}

  /**
   * `decideBudget`: the first decision of a client's year and service grants the budget; a later
   * one is a re-assessment that writes an ADJUSTMENT of the difference (never a silent overwrite)
   * and re-plans the unpaid instalments. The class value is copied onto the budget, so a later
   * price change of the class does not touch it.
   */
  async decide(input: DecideBudgetInput, catalog: CatalogService) {
    const principal = requirePrincipal(this.ctx);
    const fail = (...errors: UserError[]) => ({
      budget: null,
      transaction: null,
      decision: null,
      errors,
    });
    if (checkYear(input.year))
      return fail(UserError.of('VALIDATION', 'year must be from 2000 to 2100.', 'input.year'));
    const cls = await catalog.hbClass(input.hbClassId, input.year);
    if (!cls) return fail(UserError.of('NOT_FOUND', 'No such HB class.', 'input.hbClassId'));
    if (!budgetAccess.canDecide(principal, cls.municipalityCode)) {
      throw forbidden('Only HB advisers and own workers of the municipality decide budgets.');
    }
    const errors: UserError[] = checkDetails(input.decision).map(fromRule);
    if (cls.serviceTypeCode !== input.serviceType) {
      errors.push(
        UserError.of(
          'VALIDATION',
          `This HB class belongs to ${cls.serviceTypeCode}, not ${input.serviceType}.`,
          'input.hbClassId',
        ),
      );
    }
    if (input.instrument === 'CARD' && input.serviceType !== 'TRANSPORT') {
      errors.push(
        UserError.of(
          'VALIDATION',
          'The HB card is only for transport services; use the HB voucher.',
          'input.instrument',
        ),
      );
    }
    const interval = checkIntegerInRange(
      'paymentIntervalMonths',
      input.paymentIntervalMonths,
      1,
      12,
    );
    if (interval)
      errors.push(UserError.of('VALIDATION', interval.message, 'input.paymentIntervalMonths'));
    if (!isUuid(input.clientId))
      errors.push(UserError.of('NOT_FOUND', 'No such client.', 'input.clientId'));
    const calculated = catalog.calculateFor(cls, input);
    if (!calculated.ok) errors.push(...calculated.errors);
    if (errors.length > 0 || !calculated.ok) return fail(...errors);

    const client = await this.options.remote.clients.client(this.ctx, input.clientId);
    if (!client) return fail(UserError.of('NOT_FOUND', 'No such client.', 'input.clientId'));
    if (client.municipalityCode !== cls.municipalityCode) {
      return fail(
        UserError.of(
          'VALIDATION',
          `The client lives in municipality ${client.municipalityCode}; use that municipality's HB classes.`,
          'input.hbClassId',
        ),
      );
    }
    const today = this.options.today();
    // A decision (and a re-assessment) looks ahead: a year that is over is closed, not decided.
    if (input.year < Number(today.slice(0, 4)))
      return fail(
        UserError.of(
          'YEAR_PAST',
          `The year ${input.year} is over: decide for the current year or a coming one.`,
          'input.year',
        ),
      );
    const tooOldOrYoung = outsideAgeBand(cls, client.dateOfBirth, ageJudgedOn(input.year, today));
    if (tooOldOrYoung)
      return fail(UserError.of('OUTSIDE_AGE_BAND', tooOldOrYoung, 'input.hbClassId'));
    const { calc, schedule, unitPriceCents } = calculated;
    const currentYear = Number(today.slice(0, 4));
    const decision = {
      hbClassId: cls.id,
      instrument: input.instrument,
      paymentIntervalMonths: input.paymentIntervalMonths,
      grantedCents: calc.totalCents,
      unitPriceCents,
      schedule,
      explanation: calc.explanation,
      decidedBy: principal.sub,
    };
    const monthCents = calc.months.map((m) => m.cents);

    try {
      const result = await this.stores.db.transaction(async (m): Promise<DecideOutcome> => {
        const existing = await this.stores.budgets.findForUpdate(
          m,
          client.id,
          input.year,
          input.serviceType,
        );
        let budget: BudgetRow;
        let tx: TransactionRow | null = null;
        if (!existing) {
          budget = await this.stores.budgets.insert(m, {
            ...decision,
            clientId: client.id,
            municipalityCode: cls.municipalityCode,
            year: input.year,
            serviceTypeCode: input.serviceType,
            status: input.year > currentYear ? 'DECIDED' : 'ACTIVE',
          });
          await this.stores.budgets.insertBalance(m, budget.id);
          tx = await this.stores.ledger.insert(m, {
            budgetId: budget.id,
            kind: 'GRANT',
            amountCents: calc.totalCents,
            status: 'CONFIRMED',
            createdBy: principal.sub,
            description: calc.explanation,
          });
          await this.stores.budgets.applyBalance(m, budget.id, { granted: calc.totalCents });
          await this.stores.budgets.insertInstalments(
            m,
            budget.id,
            scheduleUnpaid({
              year: input.year,
              monthCents,
              intervalMonths: input.paymentIntervalMonths,
              paidThroughMonth: 0,
              remainingCents: calc.totalCents,
            }),
          );
          await this.stores.budgets.insertEvent(m, {
            budgetId: budget.id,
            clientId: budget.clientId,
            change: 'DECIDED',
            kind: 'GRANT',
            transactionId: tx.id,
          });
        } else {
          const refused = statusRefusal(existing.status);
          if (refused) return { errors: [fromRule(refused)] };
          // LOCK ORDER (ledger.service.ts): the budget row is locked above, the balance next.
          const balance = await this.stores.budgets.lockBalance(m, existing.id);
          if (!balance) throw new Error(`budget ${existing.id} has no balance row`);
          const below = amountRefusal(calc.totalCents, balance);
          if (below) return { errors: [fromRule(below)] };
          budget = await this.stores.budgets.updateDecision(m, existing.id, decision);
          const delta = calc.totalCents - balance.grantedCents;
          if (delta !== 0) {
            tx = await this.stores.ledger.insert(m, {
              budgetId: budget.id,
              kind: 'ADJUSTMENT',
              amountCents: delta,
              status: 'CONFIRMED',
              createdBy: principal.sub,
              description: `Uudelleenarviointi: ${calc.explanation}`,
            });
            await this.stores.budgets.applyBalance(m, budget.id, { granted: delta });
          }
          const instalments = await this.stores.budgets.instalments([budget.id], m);
          const paidThroughMonth = Math.max(
            0,
            ...instalments.filter((i) => i.paidTransactionId).map((i) => i.lastMonth),
          );
          await this.stores.budgets.deleteUnpaidInstalments(m, budget.id);
          await this.stores.budgets.insertInstalments(
            m,
            budget.id,
            scheduleUnpaid({
              year: input.year,
              monthCents,
              intervalMonths: input.paymentIntervalMonths,
              paidThroughMonth,
              remainingCents: calc.totalCents - balance.paidOutCents,
            }),
          );
          await this.stores.budgets.insertEvent(m, {
            budgetId: budget.id,
            clientId: budget.clientId,
            change: 'REASSESSED',
            kind: tx ? 'ADJUSTMENT' : null,
            transactionId: tx?.id ?? null,
          });
        }
        await payDueInstalments(this.stores, m, budget, today, principal.sub);
        const decided: DecisionRow = await this.decisions.record(
          m,
          budget,
          existing ? 'REASSESSMENT' : 'GRANT',
          { details: input.decision, cls, clientName: client.firstName ?? null },
        );
        await this.budgets.raiseAlerts(m, budget);
        await this.ctx.accessLog.writeNow(m, [
          {
            clientId: budget.clientId,
            action: 'CHANGE',
            subject: existing ? 'Budget.reassessed' : 'Budget.decided',
          },
        ]);
        return { budget, tx, decided };
      });
      if ('errors' in result) return fail(...result.errors);
      this.budgets.forget(result.budget.id, result.budget.clientId);
      this.ctx.accessLog.read('Budget', [result.budget.clientId]);
      return {
        budget: result.budget,
        transaction: result.tx,
        decision: result.decided,
        errors: [],
      };
    } catch (err) {
      if (pgCode(err) === PG.uniqueViolation) {
        return fail(
          UserError.of(
            'CONFLICT',
            'Another decision for this budget was saved at the same time; try again.',
            'input',
          ),
        );
      }
      throw err;
    }
  }
}
