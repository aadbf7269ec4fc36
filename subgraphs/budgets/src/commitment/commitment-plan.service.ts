import { UserError, forbidden, isUuid, requirePrincipal, type RequestContext } from '@hb/kit';
import type { BudgetsLoaders } from '../shared/loaders';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import { needsDiscretion, planCommitmentChanges, uncommittedCents } from '../domain';
import type { BudgetService } from '../budget/budget.service';
import { fromRule } from '../ledger/tx-result';
import { commitmentAccess } from './commitment.policy';
import { Refused, asPayee, forgetCommitmentsOf, lockBudgets } from './commitment-writes';
import { judgePlanChanges } from './plan-commitment-judge';

/**
 * `issuePlanCommitments`: commitments from an accepted plan's allocations. Writes take locks in
 * the order of LOCK ORDER (ledger.service.ts).
 */
export class PlanCommitmentService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly loaders: BudgetsLoaders,
    private readonly options: ResolvedOptions,
    private readonly budgets: BudgetService,
  ) {}

  /**
   * Each allocation with a provider gets one commitment, linked by allocation id; for a later
   * plan version the commitment of the same budget, provider and offering is kept and set to
   * the new amount, and plan-issued commitments that no allocation keeps are cancelled. All or
   * nothing.
   */
  async issue(planId: string) {
    const principal = requirePrincipal(this.ctx);
    const fail = (...errors: UserError[]) => ({ commitments: [], cancelledCount: 0, errors });
    if (principal.role !== 'WORKER' && principal.role !== 'ADVISER')
      throw forbidden('Only the own worker or HB adviser of the client may issue commitments.');
    const plans = this.options.remote.plans;
    if (!plans) throw new Error('the plans subgraph is not configured');
    const plan = isUuid(planId) ? await plans.plan(this.ctx, planId) : null;
    if (!plan) return fail(UserError.of('NOT_FOUND', 'No such plan.', 'planId'));
    if (plan.status !== 'ACCEPTED') {
      return fail(
        UserError.of(
          'PLAN_NOT_ACCEPTED',
          'Commitments are issued from an accepted plan.',
          'planId',
        ),
      );
    }
    const budgets = (await this.loaders.budgetsOfClient.load(plan.clientId)).filter(
      (b) => b.year === plan.year,
    );
    if (budgets.some((b) => !commitmentAccess.canIssue(principal, b)))
      throw forbidden('Only the own worker or HB adviser of the client may issue commitments.');
    const budgetIds = new Set(budgets.map((b) => b.id));
    const errors: UserError[] = [];
    plan.allocations.forEach((a, i) => {
      if (!budgetIds.has(a.budgetId))
        errors.push(
          UserError.of(
            'NOT_FOUND',
            "The allocation's budget is not the client's.",
            `allocations[${i}]`,
          ),
        );
    });
    if (errors.length > 0) return fail(...errors);
    const providerIds = [
      ...new Set(plan.allocations.flatMap((a) => (a.providerId ? [a.providerId] : []))),
    ];
    const [providerFacts, client] = await Promise.all([
      Promise.all(providerIds.map((id) => this.options.remote.providers.provider(this.ctx, id))),
      this.options.remote.clients.client(this.ctx, plan.clientId),
    ]);
    const firstName = client?.firstName ?? '';
    const providers = new Map(
      providerFacts.flatMap((p) => (p ? [[p.id, asPayee(p)] as const] : [])),
    );
    const by = principal.sub;

    try {
      const result = await this.stores.db.transaction(async (m) => {
        const ids = [...budgetIds].sort();
        const [locked, balances] = await lockBudgets(this.stores, m, ids);
        const byId = new Map(locked.map((b) => [b.id, b]));
        const open = locked
          .filter((b) => b.status !== 'CLOSED' && b.status !== 'ENDED')
          .map((b) => b.id);
        const existing = (await this.stores.commitments.lockOfBudgets(m, open)).filter(
          (c) => c.payeeKind === 'PROVIDER' && (c.status === 'ACTIVE' || c.status === 'USED_UP'),
        );
        const changes = planCommitmentChanges(plan.allocations, existing);
        const full = new Map(plan.allocations.map((a) => [a.id, a]));
        const charged = await this.stores.commitments.chargedOnCommitments(ids, m);
        const refusals = judgePlanChanges({
          allocations: plan.allocations,
          changes,
          budgets: byId,
          providers,
          uncommitted: new Map(
            balances.map((bal) => [
              bal.budgetId,
              uncommittedCents({
                ...bal,
                chargedOnCommitmentsCents: charged.get(bal.budgetId) ?? 0,
              }),
            ]),
          ),
        });
        if (refusals.length > 0) throw new Refused(refusals.map(fromRule));

        const reason = `Toteutussuunnitelma, versio ${plan.version}`;
        await this.stores.commitments.end(
          m,
          changes.cancel.map((c) => c.id),
          'CANCELLED',
          by,
          `Korvattu toteutussuunnitelman versiolla ${plan.version}`,
        );
        const ordered = [...changes.adjust].sort(
          (x, y) =>
            x.allocation.amountCents -
            x.commitment.amountCents -
            (y.allocation.amountCents - y.commitment.amountCents),
        );
        for (const { commitment: c, allocation: a } of ordered) {
          await this.stores.commitments.adjust(m, c.id, {
            amountCents: a.amountCents,
            offeringId: a.offeringId,
            planId: plan.id,
            allocationId: a.id,
          });
        }
        for (const a of changes.create) {
          const b = byId.get(a.budgetId);
          // Judged above: every new allocation's budget was locked and its provider known.
          if (!b) throw new Error(`budget ${a.budgetId} of allocation ${a.id} is not locked`);
          const text = full.get(a.id)?.description.trim() ?? '';
          const provider = a.providerId ? (providers.get(a.providerId) ?? null) : null;
          await this.stores.commitments.insert(m, {
            budgetId: b.id,
            payeeKind: 'PROVIDER',
            providerId: a.providerId,
            serviceTypeCode: b.serviceTypeCode,
            offeringId: a.offeringId,
            planId: plan.id,
            allocationId: a.id,
            clientFirstName: firstName,
            amountCents: a.amountCents,
            validFrom: `${b.year}-01-01`,
            validTo: `${b.year}-12-31`,
            reason: text ? `${reason}: ${text}`.slice(0, 1000) : reason,
            discretionaryReason: needsDiscretion(provider, b)
              ? full.get(a.id)?.discretionaryReason?.trim() || null
              : null,
            issuedBy: by,
          });
        }
        const changed = changes.cancel.length + changes.adjust.length + changes.create.length;
        if (changed > 0) {
          await this.ctx.accessLog.writeNow(m, [
            { clientId: plan.clientId, action: 'CHANGE', subject: 'PaymentCommitment.plan' },
          ]);
          // Events last, one per budget whose commitments changed, in id order.
          const touched = new Set([
            ...changes.cancel.map((c) => c.budgetId),
            ...changes.adjust.map((x) => x.commitment.budgetId),
            ...changes.create.map((a) => a.budgetId),
          ]);
          for (const id of ids.filter((i) => touched.has(i))) {
            await this.stores.budgets.insertEvent(m, {
              budgetId: id,
              clientId: plan.clientId,
              change: 'COMMITMENTS_FROM_PLAN',
            });
          }
        }
        return { cancelledCount: changes.cancel.length };
      });
      for (const b of budgets) forgetCommitmentsOf(this.budgets, this.loaders, b);
      const all = await this.stores.commitments.byBudgetIds([...budgetIds]);
      const kept = all.filter((c) => c.planId === plan.id && c.status !== 'CANCELLED');
      if (kept.length > 0) this.ctx.accessLog.read('PaymentCommitment', [plan.clientId]);
      return { commitments: kept, cancelledCount: result.cancelledCount, errors: [] };
    } catch (err) {
      if (err instanceof Refused) return fail(...err.errors);
      throw err;
    }
  }
}
