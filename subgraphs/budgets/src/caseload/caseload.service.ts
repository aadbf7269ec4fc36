import {
  Money,
  badInput,
  decodeCursor,
  forbidden,
  isUuid,
  pageSize,
  requirePrincipal,
  toConnection,
  type RequestContext,
} from '@hb/kit';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import { checkYear, elapsedShareOfYear, type AlertKind } from '../domain';
import type { CaseloadOrder, CaseloadRow } from './caseload.store';
import type { CaseloadFilter } from './caseload.type';

/**
 * The caseload (asiakaslista): the landing page of HB advisers and own workers.
 *
 * Federation design: sorting across subgraphs cannot be done at the gateway (it would need
 * every client's figures from every subgraph before the first page). So the subgraph that owns
 * the figures people sort by — money, waiting charges and alerts, all here in budgets — owns
 * the query: it filters, orders and cuts the page in one SQL statement, and returns `Client`
 * references. The clients subgraph then adds name and process phase, and the plans subgraph
 * plans awaiting acceptance and overdue goal reviews (`Client.plans`, `Goal.overdue`), through
 * their batched reference resolvers: one fetch per subgraph per page, whatever its size. To
 * order or filter by the plan figures, this service asks the plans subgraph once for those of
 * the whole caseload (`planAttention`: only clients with a figure that is not zero) and passes
 * them into the same SQL statement as parameters.
 */
export class CaseloadService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly options: ResolvedOptions,
  ) {}

  async caseload(
    filter: CaseloadFilter | null | undefined,
    orderBy: CaseloadOrder | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ) {
    const principal = requirePrincipal(this.ctx);
    if (principal.role !== 'ADVISER' && principal.role !== 'WORKER')
      throw forbidden('The caseload is for HB advisers and own workers.');
    const wanted = filter?.municipalityCode;
    if (wanted && !principal.municipalities.includes(wanted))
      throw forbidden('You may not see the clients of this municipality.');
    const municipalities = wanted ? [wanted] : principal.municipalities;
    const today = this.options.today();
    const year = filter?.year ?? Number(today.slice(0, 4));
    if (checkYear(year)) throw badInput('year must be from 2000 to 2100.');
    const limit = pageSize(first);
    const order = orderBy ?? 'WAITING_CHARGES';
    const cursor = decodeCursor(after);
    let position: { key: number; clientId: string } | null = null;
    if (cursor) {
      const [key, clientId, cursorOrder] = cursor;
      if (
        typeof key !== 'number' ||
        !Number.isFinite(key) ||
        typeof clientId !== 'string' ||
        !isUuid(clientId) ||
        cursorOrder !== order
      )
        throw badInput('after is not a cursor of this order.');
      position = { key, clientId };
    }
    const elapsedShare = elapsedShareOfYear(today, year);
    const hasPlanWaiting = filter?.hasPlanWaiting ?? null;
    const hasOverdueReviews = filter?.hasOverdueReviews ?? null;
    const plans =
      order === 'PLANS_WAITING' ||
      order === 'OVERDUE_REVIEWS' ||
      hasPlanWaiting !== null ||
      hasOverdueReviews !== null
        ? await this.planFigures(municipalities, year)
        : null;
    const { rows, counts } = await this.stores.caseload.page({
      municipalities,
      year,
      waitingDays: this.options.caseloadWaitingDays,
      elapsedShare,
      order,
      hasWaitingCharges: filter?.hasWaitingCharges ?? null,
      hasOpenAlerts: filter?.hasOpenAlerts ?? null,
      alertKind: (filter?.alertKind as AlertKind | null | undefined) ?? null,
      hasPlanWaiting,
      hasOverdueReviews,
      plans,
      clientIds: null,
      limit: limit + 1,
      after: position,
    });
    this.ctx.accessLog.read(
      'Caseload',
      rows.slice(0, limit).map((r) => r.clientId),
    );
    const connection = toConnection(
      rows.map((r) => this.entry(r, elapsedShare)),
      limit,
      counts.clients,
      (e) => [e.sortKey, e.clientId, order],
      !!after,
    );
    return { ...connection, counts, waitingDays: this.options.caseloadWaitingDays };
  }

  /**
   * The plans subgraph's figures for the whole caseload, asked once under the caller's own
   * token (one request whatever the page size), so that ordering and filtering by them happen
   * in the same SQL statement as the rest.
   */
  private async planFigures(municipalities: readonly string[], year: number) {
    const directory = this.options.remote.plans;
    if (!directory?.attention) throw new Error('The plans subgraph is not configured.');
    const figures = await directory.attention(this.ctx, municipalities, year);
    return {
      clientIds: figures.map((f) => f.clientId),
      // "Waiting" for the caseload: for the client's acceptance or for the centre's revision.
      waitingAcceptance: figures.map((f) => f.waitingAcceptance + f.waitingRevision),
      overdueReviews: figures.map((f) => f.overdueReviews),
    };
  }

  private entry(r: CaseloadRow, elapsedShare: number) {
    return {
      ...r,
      client: { __typename: 'Client', id: r.clientId },
      openAlerts: (Object.entries(r.openAlerts) as Array<[AlertKind, number]>)
        .filter(([, n]) => n > 0)
        .map(([kind, count]) => ({ kind, count })),
      granted: Money.fromCents(r.grantedCents),
      used: Money.fromCents(r.usedCents),
      usedShare: r.grantedCents > 0 ? r.usedCents / r.grantedCents : 0,
      elapsedShare,
    };
  }
}
