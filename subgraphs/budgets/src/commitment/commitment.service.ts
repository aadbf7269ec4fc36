import {
  Money,
  UserError,
  decodeCursor,
  forbidden,
  isIsoDate,
  isUuid,
  notFound,
  pageSize,
  parseAmount,
  toConnection,
  unauthenticated,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import type { EntityManager } from 'typeorm';
import type { BudgetsLoaders } from '../shared/loaders';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import {
  chargeStatus,
  judgeCommitment,
  needsDiscretion,
  planCommitmentChanges,
  uncommittedCents,
  type ChargeStatus,
  type CommitmentStatus,
  type PayeeProvider,
  type PlanAllocation,
  type RuleError,
} from '../domain';
import type { BudgetService } from '../budget/budget.service';
import type { BalanceRow, BudgetRow } from '../budget/budget.store';
import type { ProviderFacts } from '../remote/remote-services';
import type { CommitmentRow } from './commitment.store';
import { commitmentAccess } from './commitment.policy';
import type { IssueCommitmentInput } from './commitment.type';

const error = (code: string, message: string, field: string | null = null) =>
  UserError.of(code, message, field);
const fromRule = (e: RuleError, field = e.field) => UserError.of(e.code, e.message, field);

const LEDGER_STATUS: Record<ChargeStatus, string> = {
  PENDING: 'PENDING_CONFIRMATION',
  CONFIRMED: 'CONFIRMED',
  DISPUTED: 'REJECTED',
};

const asPayee = (p: ProviderFacts): PayeeProvider => ({
  kind: p.kind,
  approvalStatus: p.approvalStatus,
  municipalitiesServed: p.municipalitiesServed ?? [],
  offerings: p.offerings ?? [],
});

/** Thrown inside a transaction to roll every write of it back and answer with these errors. */
class Refused extends Error {
  constructor(readonly errors: UserError[]) {
    super('refused');
  }
}

/**
 * Payment commitments: issuing (singly or from an accepted plan), cancelling, reading, and the
 * provider's own lists. Writes take locks in the order of LOCK ORDER (ledger.service.ts).
 */
export class CommitmentService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly loaders: BudgetsLoaders,
    private readonly options: ResolvedOptions,
    private readonly budgets: BudgetService,
  ) {}

  principal(): Principal {
    if (!this.ctx.principal) throw unauthenticated();
    return this.ctx.principal;
  }

  /** One commitment for `_entities` and payloads: null when unknown, FORBIDDEN when not yours. */
  async get(id: string): Promise<CommitmentRow | null> {
    const principal = this.principal();
    const row = isUuid(id) ? await this.loaders.commitment.load(id) : null;
    if (!row) return null;
    if (!(await this.budgets.decided(commitmentAccess.read(principal, row), row))) {
      throw forbidden('You may not see this payment commitment.');
    }
    this.ctx.accessLog.read('PaymentCommitment', [row.clientId]);
    return row;
  }

  /** `Budget.commitments`: the budget was read under its own rules (and logged) already. */
  forBudget(budget: BudgetRow): Promise<CommitmentRow[]> {
    return this.loaders.commitmentsOfBudget.load(budget.id);
  }

  /** What can still be committed of a budget. */
  async uncommitted(budget: BudgetRow, balance: BalanceRow): Promise<number> {
    return uncommittedCents({
      ...balance,
      chargedOnCommitmentsCents: await this.loaders.chargedOnCommitments.load(budget.id),
    });
  }

  /** Whether the caller sees staff's reasons and the budget (not the payee provider). */
  seesClientDetails(): boolean {
    return commitmentAccess.seesClientDetails(this.ctx.principal);
  }

  /** The budget of a commitment, when the caller may read it (a provider gets null). */
  async visibleBudget(row: CommitmentRow): Promise<BudgetRow | null> {
    if (!this.seesClientDetails()) return null;
    const budget = await this.loaders.budget.load(row.budgetId);
    return budget && (await this.budgets.mayRead(budget)) ? budget : null;
  }

  private async clientFirstName(clientId: string): Promise<string | null> {
    const client = await this.options.remote.clients.client(this.ctx, clientId);
    return client ? (client.firstName ?? '') : null;
  }

  /**
   * `issueCommitment`: one commitment. Provider facts come from the providers subgraph before
   * the transaction; the budget's uncommitted amount is judged under the budget's lock, and the
   * database CHECK on `committed_cents` is the last guard.
   */
  async issue(input: IssueCommitmentInput) {
    const principal = this.principal();
    const fail = (...errors: UserError[]) => ({ commitment: null, errors });
    const budget = isUuid(input.budgetId) ? await this.loaders.budget.load(input.budgetId) : null;
    if (!budget) return fail(error('NOT_FOUND', 'No such budget.', 'input.budgetId'));
    if (!commitmentAccess.canIssue(principal, budget)) {
      throw forbidden('Only the own worker or HB adviser of the client may issue commitments.');
    }
    const payeeKind = input.payeeKind ?? 'PROVIDER';
    const errors: UserError[] = [];
    const amount = parseAmount(input.amount);
    if (!amount.ok) errors.push(error('VALIDATION', amount.message, 'input.amount'));
    const validFrom = input.validFrom ?? `${budget.year}-01-01`;
    const validTo = input.validTo ?? `${budget.year}-12-31`;
    if (!isIsoDate(validFrom)) errors.push(error('VALIDATION', 'Not a date.', 'input.validFrom'));
    if (!isIsoDate(validTo)) errors.push(error('VALIDATION', 'Not a date.', 'input.validTo'));
    if (payeeKind === 'PROVIDER' && !isUuid(input.providerId ?? ''))
      errors.push(error('NOT_FOUND', 'No such provider.', 'input.providerId'));
    if (payeeKind === 'CLIENT' && input.providerId)
      errors.push(error('VALIDATION', 'Financial support has no provider.', 'input.providerId'));
    if (input.offeringId && !isUuid(input.offeringId))
      errors.push(error('NOT_FOUND', 'No such offering.', 'input.offeringId'));
    if (errors.length > 0 || !amount.ok) return fail(...errors);

    const [facts, firstName] = await Promise.all([
      payeeKind === 'PROVIDER'
        ? this.options.remote.providers.provider(this.ctx, input.providerId!)
        : Promise.resolve(null),
      this.clientFirstName(budget.clientId),
    ]);
    if (payeeKind === 'PROVIDER' && !facts)
      return fail(error('NOT_FOUND', 'No such provider.', 'input.providerId'));
    if (firstName === null) return fail(error('NOT_FOUND', 'No such client.', 'input.budgetId'));
    const provider = facts ? asPayee(facts) : null;
    const discretionaryReason = input.discretionaryReason?.trim() || null;

    try {
      const id = await this.stores.db.transaction(async (m) => {
        const [locked, balance] = await this.lockBudgets(m, [budget.id]);
        const b = locked[0]!;
        const refusals = judgeCommitment({
          budget: b,
          provider,
          offeringId: input.offeringId ?? null,
          amountCents: amount.cents,
          validFrom,
          validTo,
          reason: input.reason,
          discretionaryReason,
          uncommittedCents: uncommittedCents({
            ...balance[0]!,
            chargedOnCommitmentsCents:
              (await this.stores.commitments.chargedOnCommitments([b.id], m)).get(b.id) ?? 0,
          }),
        });
        if (refusals.length > 0) throw new Refused(refusals.map((e) => fromRule(e)));
        const created = await this.stores.commitments.insert(m, {
          budgetId: b.id,
          payeeKind,
          providerId: payeeKind === 'PROVIDER' ? input.providerId! : null,
          serviceTypeCode: b.serviceTypeCode,
          offeringId: input.offeringId ?? null,
          planId: null,
          allocationId: null,
          clientFirstName: firstName,
          amountCents: amount.cents,
          validFrom,
          validTo,
          reason: input.reason.trim(),
          discretionaryReason: needsDiscretion(provider, b) ? discretionaryReason : null,
          issuedBy: principal.sub,
        });
        await this.ctx.accessLog.writeNow(m, [
          { clientId: b.clientId, action: 'CHANGE', subject: 'PaymentCommitment.issued' },
        ]);
        // Events last (LOCK ORDER): committed and uncommitted change live for subscribers.
        await this.stores.budgets.insertEvent(m, {
          budgetId: b.id,
          clientId: b.clientId,
          change: 'COMMITMENT_ISSUED',
        });
        return created;
      });
      this.forget(budget);
      return { commitment: await this.get(id), errors: [] };
    } catch (err) {
      if (err instanceof Refused) return fail(...err.errors);
      throw err;
    }
  }

  /**
   * `issuePlanCommitments`: commitments from an accepted plan's allocations. Each allocation with
   * a provider gets one commitment, linked by allocation id; for a later plan version the
   * commitment of the same budget, provider and offering is kept and set to the new amount, and
   * plan-issued commitments that no allocation keeps are cancelled. All or nothing.
   */
  async issuePlan(planId: string) {
    const principal = this.principal();
    const fail = (...errors: UserError[]) => ({ commitments: [], cancelledCount: 0, errors });
    if (principal.role !== 'WORKER' && principal.role !== 'ADVISER')
      throw forbidden('Only the own worker or HB adviser of the client may issue commitments.');
    const plans = this.options.remote.plans;
    if (!plans) throw new Error('the plans subgraph is not configured');
    const plan = isUuid(planId) ? await plans.plan(this.ctx, planId) : null;
    if (!plan) return fail(error('NOT_FOUND', 'No such plan.', 'planId'));
    if (plan.status !== 'ACCEPTED') {
      return fail(
        error('PLAN_NOT_ACCEPTED', 'Commitments are issued from an accepted plan.', 'planId'),
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
          error('NOT_FOUND', "The allocation's budget is not the client's.", `allocations[${i}]`),
        );
    });
    if (errors.length > 0) return fail(...errors);
    const providerIds = [
      ...new Set(plan.allocations.flatMap((a) => (a.providerId ? [a.providerId] : []))),
    ];
    const [providerFacts, firstName] = await Promise.all([
      Promise.all(providerIds.map((id) => this.options.remote.providers.provider(this.ctx, id))),
      this.clientFirstName(plan.clientId),
    ]);
    const providers = new Map(
      providerFacts.flatMap((p) => (p ? [[p.id, asPayee(p)] as const] : [])),
    );
    const by = principal.sub;

    try {
      const result = await this.stores.db.transaction(async (m) => {
        const ids = [...budgetIds].sort();
        const [locked, balances] = await this.lockBudgets(m, ids);
        const byId = new Map(locked.map((b) => [b.id, b]));
        const open = locked
          .filter((b) => b.status !== 'CLOSED' && b.status !== 'ENDED')
          .map((b) => b.id);
        const existing = (await this.stores.commitments.lockOfBudgets(m, open)).filter(
          (c) => c.payeeKind === 'PROVIDER' && (c.status === 'ACTIVE' || c.status === 'USED_UP'),
        );
        const changes = planCommitmentChanges(plan.allocations, existing);
        const index = new Map(plan.allocations.map((a, i) => [a.id, i]));
        const full = new Map(plan.allocations.map((a) => [a.id, a]));
        const at = (allocationId: string) => `allocations[${index.get(allocationId)}]`;
        const refusals: UserError[] = changes.belowCharged.map(({ allocation }) =>
          error(
            'ALLOCATION_BELOW_CHARGED',
            'The allocation is below what was already charged on its commitment.',
            at(allocation.id),
          ),
        );
        // What each budget has free once cancellations and decreases release their part.
        const charged = await this.stores.commitments.chargedOnCommitments(ids, m);
        const free = new Map(
          balances.map((bal) => [
            bal.budgetId,
            uncommittedCents({
              ...bal,
              chargedOnCommitmentsCents: charged.get(bal.budgetId) ?? 0,
            }),
          ]),
        );
        const release = (budgetId: string, cents: number) =>
          free.set(budgetId, (free.get(budgetId) ?? 0) + cents);
        for (const c of changes.cancel) release(c.budgetId, c.amountCents - c.chargedCents);
        for (const { commitment: c, allocation: a } of changes.adjust)
          if (a.amountCents < c.amountCents) release(c.budgetId, c.amountCents - a.amountCents);
        const judge = (
          allocation: PlanAllocation,
          cents: number,
          newOne: boolean,
          offeringChanged = false,
        ) => {
          const b = byId.get(allocation.budgetId)!;
          const field = at(allocation.id);
          const provider = providers.get(allocation.providerId!) ?? null;
          if (!provider) {
            refusals.push(error('NOT_FOUND', 'No such provider.', field));
            return;
          }
          // The amount rules judge a positive sum: a kept commitment that only changes its
          // offering adds nothing, so it is judged as one cent with one cent more room.
          const found = judgeCommitment({
            budget: b,
            provider,
            offeringId: newOne || offeringChanged ? allocation.offeringId : null,
            amountCents: Math.max(cents, 1),
            validFrom: `${b.year}-01-01`,
            validTo: `${b.year}-12-31`,
            reason: 'plan',
            discretionaryReason: full.get(allocation.id)?.discretionaryReason ?? null,
            uncommittedCents: (free.get(b.id) ?? 0) + (cents === 0 ? 1 : 0),
          });
          refusals.push(...found.map((e) => fromRule(e, field)));
          if (found.length === 0) free.set(b.id, (free.get(b.id) ?? 0) - cents);
        };
        for (const { commitment: c, allocation: a } of changes.adjust) {
          const offeringChanged = a.offeringId !== c.offeringId;
          if (a.amountCents > c.amountCents || offeringChanged)
            judge(a, Math.max(0, a.amountCents - c.amountCents), false, offeringChanged);
        }
        for (const a of changes.create) judge(a, a.amountCents, true);
        if (refusals.length > 0) throw new Refused(refusals);

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
          const b = byId.get(a.budgetId)!;
          const text = full.get(a.id)?.description.trim() ?? '';
          await this.stores.commitments.insert(m, {
            budgetId: b.id,
            payeeKind: 'PROVIDER',
            providerId: a.providerId,
            serviceTypeCode: b.serviceTypeCode,
            offeringId: a.offeringId,
            planId: plan.id,
            allocationId: a.id,
            clientFirstName: firstName ?? '',
            amountCents: a.amountCents,
            validFrom: `${b.year}-01-01`,
            validTo: `${b.year}-12-31`,
            reason: text ? `${reason}: ${text}`.slice(0, 1000) : reason,
            discretionaryReason: needsDiscretion(providers.get(a.providerId!) ?? null, b)
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
      for (const b of budgets) this.forget(b);
      const all = await this.stores.commitments.byBudgetIds([...budgetIds]);
      const kept = all.filter((c) => c.planId === plan.id && c.status !== 'CANCELLED');
      if (kept.length > 0) this.ctx.accessLog.read('PaymentCommitment', [plan.clientId]);
      return { commitments: kept, cancelledCount: result.cancelledCount, errors: [] };
    } catch (err) {
      if (err instanceof Refused) return fail(...err.errors);
      throw err;
    }
  }

  /** `cancelCommitment`: releases what was not charged; charges already made stay. */
  async cancel(commitmentId: string, reason: string) {
    const principal = this.principal();
    const fail = (...errors: UserError[]) => ({ commitment: null, errors });
    const found = isUuid(commitmentId) ? await this.loaders.commitment.load(commitmentId) : null;
    if (!found) return fail(error('NOT_FOUND', 'No such payment commitment.', 'commitmentId'));
    if (!commitmentAccess.canIssue(principal, found)) {
      throw forbidden('Only the own worker or HB adviser of the client may cancel commitments.');
    }
    const text = reason.trim();
    if (text.length < 1 || text.length > 1000)
      return fail(error('VALIDATION', 'Give a reason of 1 to 1000 characters.', 'reason'));
    const ended = await this.stores.db.transaction(async (m) => {
      await this.lockBudgets(m, [found.budgetId]);
      const c = await this.stores.commitments.lock(m, found.id);
      if (!c || (c.status !== 'ACTIVE' && c.status !== 'USED_UP')) return false;
      await this.stores.commitments.end(m, [c.id], 'CANCELLED', principal.sub, text);
      await this.ctx.accessLog.writeNow(m, [
        { clientId: c.clientId, action: 'CHANGE', subject: 'PaymentCommitment.cancelled' },
      ]);
      await this.stores.budgets.insertEvent(m, {
        budgetId: c.budgetId,
        clientId: c.clientId,
        change: 'COMMITMENT_CANCELLED',
      });
      return true;
    });
    if (!ended) {
      return fail(
        error(
          'NOT_ACTIVE',
          `This commitment is already ${found.status.toLowerCase()}.`,
          'commitmentId',
        ),
      );
    }
    this.loaders.commitment.clear(found.id);
    this.loaders.commitmentsOfBudget.clear(found.budgetId);
    return { commitment: await this.get(found.id), errors: [] };
  }

  /** `myCommitments`: the calling provider's commitments, newest first. */
  async mine(
    statuses: readonly CommitmentStatus[] | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ) {
    const providerId = commitmentAccess.providerOf(this.principal());
    if (!providerId) throw forbidden('Only a provider has commitments of its own.');
    const limit = pageSize(first);
    const cursor = decodeCursor(after);
    if (cursor && (typeof cursor[0] !== 'string' || !isUuid(String(cursor[1]))))
      throw notFound('Unknown cursor.');
    const { rows, total } = await this.stores.commitments.ofProvider(
      providerId,
      statuses && statuses.length > 0 ? statuses : null,
      limit,
      cursor ? { cursorKey: cursor[0] as string, id: cursor[1] as string } : null,
    );
    const page = rows.slice(0, limit);
    if (page.length > 0)
      this.ctx.accessLog.read('PaymentCommitment', [...new Set(page.map((c) => c.clientId))]);
    for (const c of page) this.loaders.commitment.prime(c.id, c);
    return toConnection(rows, limit, total, (c) => [c.cursorKey, c.id], !!after);
  }

  /** `myCharges`: the calling provider's charges, newest first, optionally by status. */
  async myCharges(
    status: ChargeStatus | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ) {
    const providerId = commitmentAccess.providerOf(this.principal());
    if (!providerId) throw forbidden('Only a provider has charges of its own.');
    const limit = pageSize(first);
    const cursor = decodeCursor(after);
    const before = cursor ? Number(cursor[0]) : null;
    if (before !== null && !Number.isSafeInteger(before)) throw notFound('Unknown cursor.');
    const { rows, total } = await this.stores.ledger.providerCharges(
      providerId,
      status ? [LEDGER_STATUS[status]] : null,
      limit,
      before,
    );
    const page = rows.slice(0, limit);
    if (page.length > 0) {
      const budgets = await this.loaders.budget.loadMany([...new Set(page.map((r) => r.budgetId))]);
      const clients = budgets.flatMap((b) => (b && !(b instanceof Error) ? [b.clientId] : []));
      this.ctx.accessLog.read('Charge', [...new Set(clients)]);
    }
    return toConnection(
      rows.map((r) => ({ ...r, chargeStatus: chargeStatus(r.status) })),
      limit,
      total,
      (r) => [r.position],
      !!after,
    );
  }

  /**
   * Locks budgets and then their balance rows, in id order (LOCK ORDER in ledger.service.ts).
   */
  private async lockBudgets(
    m: EntityManager,
    ids: readonly string[],
  ): Promise<[BudgetRow[], BalanceRow[]]> {
    const sorted = [...ids].sort();
    const budgets: BudgetRow[] = [];
    for (const id of sorted) {
      const b = await this.stores.budgets.lockBudget(m, id);
      if (b) budgets.push(b);
    }
    const balances: BalanceRow[] = [];
    for (const id of sorted) {
      const bal = await this.stores.budgets.lockBalance(m, id);
      if (bal) balances.push(bal);
    }
    return [budgets, balances];
  }

  private forget(budget: BudgetRow) {
    this.budgets.forget(budget.id);
    this.loaders.commitmentsOfBudget.clear(budget.id);
    this.loaders.chargedOnCommitments.clear(budget.id);
  }

  /** Money fields of a commitment. */
  static remaining(row: CommitmentRow): Money {
    return Money.fromCents(row.status === 'ACTIVE' ? row.amountCents - row.chargedCents : 0);
  }
}
