import DataLoader from 'dataloader';
import { UserError, forbidden, isUuid, requirePrincipal, type RequestContext } from '@hb/kit';
import type { EntityManager } from 'typeorm';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import { appealInTime } from '../domain/decision-content';
import { DecisionStore, type AppealRow, type DecisionRow } from './decision.store';
import { decisionAccess } from './decision.policy';
import type { DecisionService } from './decision.service';
import { DECISION_LIMITS as LIMITS, deciderTitle } from './decision-rules';
import type { DecidedBudgets, DecideAppealArgs, FileAppealArgs } from './decision.types';

/**
 * Appeals (oikaisuvaatimus) against decisions: the client (or a team member with her consent)
 * files one; staff of the client's municipality take it up and decide it.
 */
export class AppealService {
  private readonly store: DecisionStore;
  private readonly appealsOf: DataLoader<string, AppealRow[]>;

  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly options: ResolvedOptions,
    private readonly budgets: DecidedBudgets,
    private readonly decisions: DecisionService,
  ) {
    this.store = new DecisionStore(stores.db);
    this.appealsOf = new DataLoader(async (ids) => {
      const rows = await this.store.appealsOfDecisions(ids);
      return ids.map((id) => rows.filter((r) => r.decisionId === id));
    });
  }

  /** `Decision.appeals`: the decision has been authorized by whoever resolved it. */
  async ofDecision(d: DecisionRow): Promise<AppealRow[]> {
    return this.appealsOf.load(d.id);
  }

  /** `fileAppeal`: the client (or a team member with her consent) asks for a review. */
  async file(decisionId: string, input: FileAppealArgs) {
    const principal = requirePrincipal(this.ctx);
    const fail = (...errors: UserError[]) => ({ appeal: null, errors });
    const d = isUuid(decisionId) ? await this.decisions.unchecked(decisionId) : null;
    const may = d ? await this.budgets.decided(decisionAccess.fileAppeal(principal, d), d) : false;
    // Unknown and not hers look the same (a staff member files nothing in her name either).
    if (!d || !may) return fail(UserError.of('NOT_FOUND', 'No such decision.', 'decisionId'));
    const demand = input.demand.trim();
    const reasons = input.reasons.trim();
    const errors: UserError[] = [];
    if (!demand || demand.length > LIMITS.text)
      errors.push(UserError.of('VALIDATION', `1–${LIMITS.text} characters.`, 'input.demand'));
    if (!reasons || reasons.length > LIMITS.reasons)
      errors.push(UserError.of('VALIDATION', `1–${LIMITS.reasons} characters.`, 'input.reasons'));
    if (errors.length > 0) return fail(...errors);
    const filedOn = this.options.today();
    const appeal = await this.stores.db.transaction(async (m) => {
      const row = await this.store.insertAppeal(m, {
        decisionId: d.id,
        clientId: d.clientId,
        municipalityCode: d.municipalityCode,
        filedBy: principal.sub,
        filedByRole: principal.role === 'CLIENT' ? 'CLIENT' : 'TEAM_MEMBER',
        filedOn,
        // A late appeal is still recorded: whether to hear it is the handler's decision.
        inTime: appealInTime(d.decidedOn, filedOn),
        demand,
        reasons,
      });
      await this.ctx.accessLog.writeNow(m, [
        { clientId: d.clientId, action: 'CHANGE', subject: 'Decision.appeal.filed' },
      ]);
      return row;
    });
    this.appealsOf.clear(d.id);
    return { appeal, errors: [] };
  }

  /** The appeal and its decision when the caller handles appeals there; null otherwise. */
  private async handledAppeal(appealId: string, m: EntityManager) {
    const appeal = await this.store.appeal(appealId, m, true);
    if (!appeal || !decisionAccess.handleAppeal(this.ctx.principal, appeal)) return null;
    return appeal;
  }

  /** `startAppealHandling`: staff of the client's municipality take the appeal up. */
  async startHandling(appealId: string, note: string) {
    const principal = requirePrincipal(this.ctx);
    if (principal.role !== 'ADVISER' && principal.role !== 'WORKER')
      throw forbidden('Only advisers and own workers handle appeals.');
    const text = note.trim();
    if (!text || text.length > LIMITS.text)
      return {
        appeal: null,
        errors: [UserError.of('VALIDATION', `1–${LIMITS.text} characters.`, 'note')],
      };
    const result = await this.stores.db.transaction(async (m) => {
      const appeal = await this.handledAppeal(appealId, m);
      if (!appeal) return { missing: true as const };
      if (appeal.status !== 'FILED') return { status: appeal.status };
      const row = await this.store.startHandling(m, appeal.id, principal.sub, text);
      await this.ctx.accessLog.writeNow(m, [
        { clientId: appeal.clientId, action: 'CHANGE', subject: 'Decision.appeal.handling' },
      ]);
      return { row };
    });
    return this.appealResult(result);
  }

  /** `decideAppeal`: the outcome of the review, with its reasoning. */
  async decide(appealId: string, input: DecideAppealArgs) {
    const principal = requirePrincipal(this.ctx);
    if (principal.role !== 'ADVISER' && principal.role !== 'WORKER')
      throw forbidden('Only advisers and own workers decide appeals.');
    const reasoning = input.reasoning.trim();
    const note = input.handlingNote?.trim() || null;
    const errors: UserError[] = [];
    if (!reasoning || reasoning.length > LIMITS.reasons)
      errors.push(UserError.of('VALIDATION', `1–${LIMITS.reasons} characters.`, 'input.reasoning'));
    if (note && note.length > LIMITS.text)
      errors.push(
        UserError.of('VALIDATION', `At most ${LIMITS.text} characters.`, 'input.handlingNote'),
      );
    if (errors.length > 0) return { appeal: null, errors };
    const result = await this.stores.db.transaction(async (m) => {
      const appeal = await this.handledAppeal(appealId, m);
      if (!appeal) return { missing: true as const };
      if (appeal.status === 'DECIDED') return { status: appeal.status };
      const row = await this.store.decideAppeal(m, appeal.id, {
        by: principal.sub,
        byName: principal.name ?? deciderTitle(principal.role, 'fi'),
        outcome: input.outcome,
        reasoning,
        note,
      });
      await this.ctx.accessLog.writeNow(m, [
        { clientId: appeal.clientId, action: 'CHANGE', subject: 'Decision.appeal.decided' },
      ]);
      return { row };
    });
    return this.appealResult(result);
  }

  private appealResult(r: { missing: true } | { status: string } | { row: AppealRow }): {
    appeal: AppealRow | null;
    errors: UserError[];
  } {
    if ('row' in r) {
      this.appealsOf.clear(r.row.decisionId);
      return { appeal: r.row, errors: [] };
    }
    if ('missing' in r)
      return { appeal: null, errors: [UserError.of('NOT_FOUND', 'No such appeal.', 'appealId')] };
    return {
      appeal: null,
      errors: [
        UserError.of(
          'APPEAL_NOT_OPEN',
          `This appeal is already ${r.status.toLowerCase()}.`,
          'appealId',
        ),
      ],
    };
  }
}
