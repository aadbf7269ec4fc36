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
  present,
  requirePrincipal,
  toConnection,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import type { BudgetsLoaders } from '../shared/loaders';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import {
  chargeStatus,
  judgeCommitment,
  needsDiscretion,
  uncommittedCents,
  type ChargeStatus,
  type CommitmentStatus,
} from '../domain';
import type { BudgetService } from '../budget/budget.service';
import { fromRule } from '../ledger/tx-result';
import type { BalanceRow, BudgetRow } from '../budget/budget.store';
import type { CommitmentRow } from './commitment.store';
import { commitmentAccess } from './commitment.policy';
import type { IssueCommitmentInput } from './commitment.type';
import { Refused, asPayee, forgetCommitmentsOf, lockBudgets } from './commitment-writes';

const LEDGER_STATUS: Record<ChargeStatus, string> = {
  PENDING: 'PENDING_CONFIRMATION',
  CONFIRMED: 'CONFIRMED',
  DISPUTED: 'REJECTED',
};

/**
 * Payment commitments: issuing singly, cancelling, reading, and the provider's own lists (from
 * an accepted plan: commitment-plan.service.ts). Writes take locks in the order of LOCK ORDER
 * (ledger.service.ts).
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
    return requirePrincipal(this.ctx);
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
    if (!budget) return fail(UserError.of('NOT_FOUND', 'No such budget.', 'input.budgetId'));
    if (!commitmentAccess.canIssue(principal, budget)) {
      throw forbidden('Only the own worker or HB adviser of the client may issue commitments.');
    }
    const payeeKind = input.payeeKind ?? 'PROVIDER';
    const providerId = payeeKind === 'PROVIDER' ? (input.providerId ?? null) : null;
    const errors: UserError[] = [];
    const amount = parseAmount(input.amount);
    if (!amount.ok) errors.push(UserError.of('VALIDATION', amount.message, 'input.amount'));
    const validFrom = input.validFrom ?? `${budget.year}-01-01`;
    const validTo = input.validTo ?? `${budget.year}-12-31`;
    if (!isIsoDate(validFrom))
      errors.push(UserError.of('VALIDATION', 'Not a date.', 'input.validFrom'));
    if (!isIsoDate(validTo))
      errors.push(UserError.of('VALIDATION', 'Not a date.', 'input.validTo'));
    if (payeeKind === 'PROVIDER' && !isUuid(providerId ?? ''))
      errors.push(UserError.of('NOT_FOUND', 'No such provider.', 'input.providerId'));
    if (payeeKind === 'CLIENT' && input.providerId)
      errors.push(
        UserError.of('VALIDATION', 'Financial support has no provider.', 'input.providerId'),
      );
    if (input.offeringId && !isUuid(input.offeringId))
      errors.push(UserError.of('NOT_FOUND', 'No such offering.', 'input.offeringId'));
    if (errors.length > 0 || !amount.ok) return fail(...errors);

    const [facts, firstName] = await Promise.all([
      providerId
        ? this.options.remote.providers.provider(this.ctx, providerId)
        : Promise.resolve(null),
      this.clientFirstName(budget.clientId),
    ]);
    if (payeeKind === 'PROVIDER' && !facts)
      return fail(UserError.of('NOT_FOUND', 'No such provider.', 'input.providerId'));
    if (firstName === null)
      return fail(UserError.of('NOT_FOUND', 'No such client.', 'input.budgetId'));
    const provider = facts ? asPayee(facts) : null;
    const discretionaryReason = input.discretionaryReason?.trim() || null;

    try {
      const id = await this.stores.db.transaction(async (m) => {
        const [locked, balance] = await lockBudgets(this.stores, m, [budget.id]);
        const b = present(locked[0], `the locked budget ${budget.id}`);
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
            ...present(balance[0], `the balance of budget ${budget.id}`),
            chargedOnCommitmentsCents:
              (await this.stores.commitments.chargedOnCommitments([b.id], m)).get(b.id) ?? 0,
          }),
        });
        if (refusals.length > 0) throw new Refused(refusals.map(fromRule));
        const created = await this.stores.commitments.insert(m, {
          budgetId: b.id,
          payeeKind,
          providerId,
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
      forgetCommitmentsOf(this.budgets, this.loaders, budget);
      return { commitment: await this.get(id), errors: [] };
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
    if (!found)
      return fail(UserError.of('NOT_FOUND', 'No such payment commitment.', 'commitmentId'));
    if (!commitmentAccess.canIssue(principal, found)) {
      throw forbidden('Only the own worker or HB adviser of the client may cancel commitments.');
    }
    const text = reason.trim();
    if (text.length < 1 || text.length > 1000)
      return fail(UserError.of('VALIDATION', 'Give a reason of 1 to 1000 characters.', 'reason'));
    const ended = await this.stores.db.transaction(async (m) => {
      await lockBudgets(this.stores, m, [found.budgetId]);
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
        UserError.of(
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

  /** Money fields of a commitment. */
  static remaining(row: CommitmentRow): Money {
    return Money.fromCents(row.status === 'ACTIVE' ? row.amountCents - row.chargedCents : 0);
  }
}
