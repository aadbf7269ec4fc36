import { UserError, forbidden, isUuid, requirePrincipal, type RequestContext } from '@hb/kit';
import type { BudgetsStores } from '../shared/stores';
import { CONCERN_TITLES, concernTextRefusal, type ConcernKind } from './concern-rules';
import type { RaiseConcernInput } from './concern.type';

/**
 * `raiseConcern`: a provider tells the client's own worker that her service use is abnormal or
 * that the service does not meet her need. Only about a client it holds a payment commitment
 * for: any other commitment id (another provider's, or none) gets the same answer as a random
 * one, so the mutation reveals nothing about who is whose client.
 */
export class ConcernService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
  ) {}

  async raise(input: RaiseConcernInput) {
    const p = requirePrincipal(this.ctx);
    if (p.role !== 'PROVIDER' || !p.providerId)
      throw forbidden('Concerns are raised by service providers.');
    const providerId = p.providerId;
    const fail = (code: string, message: string, field: string) => ({
      concern: null,
      errors: [UserError.of(code, message, field)],
    });
    const refusal = concernTextRefusal(input.message);
    if (refusal) return fail('VALIDATION', refusal, 'input.message');
    const [commitment] = isUuid(input.commitmentId)
      ? await this.stores.commitments.byIds([input.commitmentId])
      : [];
    if (!commitment || commitment.providerId !== p.providerId)
      return fail('NO_COMMITMENT', 'You have no such payment commitment.', 'input.commitmentId');
    const [budget] = await this.stores.budgets.byIds([commitment.budgetId]);
    if (!budget) throw new Error(`commitment ${commitment.id} has no budget`);
    const kind = input.kind as ConcernKind;
    const concern = await this.stores.db.transaction(async (m) => {
      const row = await this.stores.concerns.insert(m, {
        commitmentId: commitment.id,
        budgetId: budget.id,
        clientId: budget.clientId,
        municipalityCode: budget.municipalityCode,
        providerId,
        kind,
        message: input.message.trim(),
        raisedBy: p.sub,
      });
      await this.stores.inbox.addForConcern(m, row, {
        audience: 'OWN_WORKER',
        title: CONCERN_TITLES[kind],
        body: row.message,
        urgent: false,
      });
      await this.ctx.accessLog.writeNow(m, [
        { clientId: budget.clientId, action: 'CHANGE', subject: 'Concern.raised' },
      ]);
      return row;
    });
    return { concern, errors: [] as UserError[] };
  }
}
