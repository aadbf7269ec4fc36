import DataLoader from 'dataloader';
import {
  UserError,
  forbidden,
  isUuid,
  unauthenticated,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import type { EntityManager } from 'typeorm';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import type { BudgetRow } from '../budget/budget.store';
import type { BudgetScope } from '../budget/budget-access.policy';
import type { HbClassRow } from '../service-type/catalog.store';
import { parseIsoDate } from '../domain/calendar';
import {
  appealInTime,
  buildDecisionContent,
  decisionText,
  type DecisionContent,
  type DecisionKind,
  type DecisionLanguage,
} from '../domain/decision-content';
import {
  DecisionStore,
  type AppealOutcome,
  type AppealRow,
  type DecisionRow,
} from './decision.store';
import { decisionAccess } from './decision.policy';
import { renderDecisionPdf, sha256 } from './decision.pdf';

const error = (code: string, message: string, field: string | null = null) =>
  UserError.of(code, message, field);

/** The details of a decision that only its maker knows (the rest comes from the budget). */
export interface DecisionDetails {
  language?: 'FI' | 'SV' | null;
  otherRestrictions?: string | null;
  excludeOrganiserOwnServices?: boolean | null;
  ordinaryPart?: string | null;
  clientFees?: string | null;
}

export interface EndBudgetArgs {
  endDate: string;
  reason: string;
  details?: DecisionDetails | null;
}

export interface FileAppealArgs {
  demand: string;
  reasons: string;
}

export interface DecideAppealArgs {
  outcome: AppealOutcome;
  reasoning: string;
  handlingNote?: string | null;
}

const LIMITS = { text: 2000, reasons: 5000 };

/** Checks the free texts of a decision; an error names its `input…` field. */
export function checkDetails(
  d: DecisionDetails | null | undefined,
  prefix = 'input.decision',
): UserError[] {
  const errors: UserError[] = [];
  for (const key of ['otherRestrictions', 'ordinaryPart', 'clientFees'] as const) {
    const v = d?.[key];
    if (v && v.length > LIMITS.text)
      errors.push(error('VALIDATION', `At most ${LIMITS.text} characters.`, `${prefix}.${key}`));
  }
  return errors;
}

/**
 * Decisions (päätökset) as archived documents: each decision on a budget — the first, every
 * re-assessment, the ending — is recorded with its content and rendered PDF in the same
 * transaction as the budget change it decides, so there is never a change without its decision.
 * Also the appeals (oikaisuvaatimus) against them, and ending a budget mid-year.
 */
/**
 * What decisions need of the budget service that owns them: the consent-aware access answer and
 * forgetting cached budgets after a change. An interface, so the two services do not import each
 * other (BudgetService builds this one and passes itself).
 */
export interface DecidedBudgets {
  decided(
    decision: 'ALLOW' | 'DENY' | 'NEEDS_BUDGET_CONSENT',
    scope: BudgetScope,
  ): Promise<boolean>;
  forget(budgetId: string, clientId?: string): void;
}

export class DecisionService {
  private readonly store: DecisionStore;
  private readonly decision: DataLoader<string, DecisionRow | null>;
  private readonly ofBudget: DataLoader<string, DecisionRow[]>;
  private readonly appealsOf: DataLoader<string, AppealRow[]>;

  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly options: ResolvedOptions,
    private readonly budgets: DecidedBudgets,
  ) {
    this.store = new DecisionStore(stores.db);
    this.decision = new DataLoader(async (ids) => {
      const rows = await this.store.byIds(ids);
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    });
    this.ofBudget = new DataLoader(async (ids) => {
      const rows = await this.store.ofBudgets(ids);
      return ids.map((id) => rows.filter((r) => r.budgetId === id));
    });
    this.appealsOf = new DataLoader(async (ids) => {
      const rows = await this.store.appealsOfDecisions(ids);
      return ids.map((id) => rows.filter((r) => r.decisionId === id));
    });
  }

  private principal(): Principal {
    if (!this.ctx.principal) throw unauthenticated();
    return this.ctx.principal;
  }

  /**
   * Records a decision on `budget` inside the caller's transaction (which holds the budget's
   * row lock, so versions are taken in order). `cls` is the class the budget is decided in.
   */
  async record(
    m: EntityManager,
    budget: BudgetRow,
    kind: DecisionKind,
    args: {
      details: DecisionDetails | null | undefined;
      cls: HbClassRow | null;
      clientName: string | null;
      ending?: DecisionContent['ending'];
    },
  ): Promise<DecisionRow> {
    const principal = this.principal();
    const previous = await this.store.latest(m, budget.id);
    const language: DecisionLanguage =
      args.details?.language === 'SV'
        ? 'sv'
        : args.details?.language === 'FI'
          ? 'fi'
          : (previous?.language ?? 'fi');
    // Inside the caller's transaction: on the embedded database (one session) a read on
    // another connection would wait for this transaction forever.
    const [service] = await this.stores.catalog.serviceTypes([budget.serviceTypeCode], m);
    const serviceName =
      (language === 'sv' ? service?.nameSv : null) ?? service?.name ?? budget.serviceTypeCode;
    const instalments = (await this.stores.budgets.instalments([budget.id], m)).map((i) => ({
      dueDate: i.dueDate,
      amountCents: i.amountCents,
    }));
    const decidedAt = new Date();
    const decidedOn = this.options.today();
    // What the maker leaves out is carried over from the decision this one follows.
    const before = previous?.content;
    const content = buildDecisionContent({
      kind,
      language,
      version: (previous?.version ?? 0) + 1,
      previousDecisionId: previous?.id ?? null,
      clientName: args.clientName ?? before?.clientName ?? null,
      municipalityCode: budget.municipalityCode,
      year: budget.year,
      decidedOn,
      decider: { sub: principal.sub, name: principal.name ?? deciderTitle(principal, language) },
      service: { code: budget.serviceTypeCode, name: serviceName },
      hbClass: args.cls
        ? {
            level: args.cls.level,
            individual: args.cls.individual,
            pricingBasis: args.cls.pricingBasis,
            criteria: args.cls.criteria,
          }
        : (before?.hbClass ?? null),
      amountCents: budget.grantedCents,
      unitPriceCents: budget.unitPriceCents,
      calculation: budget.explanation,
      instalments,
      instrument: budget.instrument,
      excludeOrganiserOwnServices:
        args.details?.excludeOrganiserOwnServices ??
        before?.restrictions.organiserOwnServicesExcluded ??
        true,
      otherRestrictions: pick(args.details?.otherRestrictions, before?.restrictions.other),
      ordinaryPart: pick(args.details?.ordinaryPart, before?.ordinaryPart),
      clientFees: pick(args.details?.clientFees, before?.clientFees),
      ending: args.ending ?? null,
    });
    const document = await renderDecisionPdf(decisionText(content), decidedAt, language);
    const row = await this.store.insert(m, {
      budgetId: budget.id,
      clientId: budget.clientId,
      municipalityCode: budget.municipalityCode,
      version: content.version,
      previousId: content.previousDecisionId,
      kind,
      language,
      decidedBy: principal.sub,
      deciderName: content.decider.name.slice(0, 200),
      decidedOn,
      decidedAt,
      content,
      document,
      documentSha256: sha256(document),
    });
    this.ofBudget.clear(budget.id);
    return row;
  }

  /** Whether the caller may read the decision; logs the read when so. */
  private async mayRead(d: DecisionRow): Promise<boolean> {
    const ok = await this.budgets.decided(decisionAccess.read(this.ctx.principal, d), d);
    if (ok) this.ctx.accessLog.read('Decision', [d.clientId]);
    return ok;
  }

  /**
   * A decision the caller may read; null both when it does not exist and when it is not hers
   * to read, so a foreign id tells nothing a random one would not.
   */
  async get(id: string): Promise<DecisionRow | null> {
    this.principal();
    const d = isUuid(id) ? await this.decision.load(id) : null;
    if (!d || !(await this.mayRead(d))) return null;
    return d;
  }

  /** `Budget.decisions`: the budget has been authorized by whoever resolved it. */
  async forBudget(budget: BudgetRow): Promise<DecisionRow[]> {
    const rows = await this.ofBudget.load(budget.id);
    if (rows.length > 0) this.ctx.accessLog.read('Decision', [budget.clientId]);
    for (const r of rows) this.decision.prime(r.id, r);
    return rows;
  }

  async previous(d: DecisionRow): Promise<DecisionRow | null> {
    return d.previousId ? this.decision.load(d.previousId) : null;
  }

  /** The archived PDF, base64 (for the gateway's download route). Logged as a read. */
  async documentBase64(d: DecisionRow): Promise<string> {
    const bytes = await this.store.document(d.id);
    if (!bytes) throw new Error(`decision ${d.id} has no document`);
    this.ctx.accessLog.read('Decision.document', [d.clientId]);
    return bytes.toString('base64');
  }

  async appeals(d: DecisionRow): Promise<AppealRow[]> {
    return this.appealsOf.load(d.id);
  }

  /** `fileAppeal`: the client (or a team member with her consent) asks for a review. */
  async fileAppeal(decisionId: string, input: FileAppealArgs) {
    const principal = this.principal();
    const fail = (...errors: UserError[]) => ({ appeal: null, errors });
    const d = isUuid(decisionId) ? await this.decision.load(decisionId) : null;
    const may = d ? await this.budgets.decided(decisionAccess.fileAppeal(principal, d), d) : false;
    // Unknown and not hers look the same (a staff member files nothing in her name either).
    if (!d || !may) return fail(error('NOT_FOUND', 'No such decision.', 'decisionId'));
    const demand = input.demand.trim();
    const reasons = input.reasons.trim();
    const errors: UserError[] = [];
    if (!demand || demand.length > LIMITS.text)
      errors.push(error('VALIDATION', `1–${LIMITS.text} characters.`, 'input.demand'));
    if (!reasons || reasons.length > LIMITS.reasons)
      errors.push(error('VALIDATION', `1–${LIMITS.reasons} characters.`, 'input.reasons'));
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
    const principal = this.principal();
    if (principal.role !== 'ADVISER' && principal.role !== 'WORKER')
      throw forbidden('Only advisers and own workers handle appeals.');
    const text = note.trim();
    if (!text || text.length > LIMITS.text)
      return {
        appeal: null,
        errors: [error('VALIDATION', `1–${LIMITS.text} characters.`, 'note')],
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
  async decideAppeal(appealId: string, input: DecideAppealArgs) {
    const principal = this.principal();
    if (principal.role !== 'ADVISER' && principal.role !== 'WORKER')
      throw forbidden('Only advisers and own workers decide appeals.');
    const reasoning = input.reasoning.trim();
    const note = input.handlingNote?.trim() || null;
    const errors: UserError[] = [];
    if (!reasoning || reasoning.length > LIMITS.reasons)
      errors.push(error('VALIDATION', `1–${LIMITS.reasons} characters.`, 'input.reasoning'));
    if (note && note.length > LIMITS.text)
      errors.push(error('VALIDATION', `At most ${LIMITS.text} characters.`, 'input.handlingNote'));
    if (errors.length > 0) return { appeal: null, errors };
    const result = await this.stores.db.transaction(async (m) => {
      const appeal = await this.handledAppeal(appealId, m);
      if (!appeal) return { missing: true as const };
      if (appeal.status === 'DECIDED') return { status: appeal.status };
      const row = await this.store.decideAppeal(m, appeal.id, {
        by: principal.sub,
        byName: principal.name ?? deciderTitle(principal, 'fi'),
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
      return { appeal: null, errors: [error('NOT_FOUND', 'No such appeal.', 'appealId')] };
    return {
      appeal: null,
      errors: [
        error('APPEAL_NOT_OPEN', `This appeal is already ${r.status.toLowerCase()}.`, 'appealId'),
      ],
    };
  }

  /**
   * `endBudget`: ends a budget mid-year with a decision (päätetään asiakkuus). In one
   * transaction under the budget's row lock: running commitments are cancelled (what they
   * held returns to the budget), the remainder lapses to the organiser as one LAPSE entry,
   * unpaid instalments are dropped, the budget becomes ENDED, and the ENDING decision is
   * recorded. Pending charges stay pending: they are for services given before the end, so
   * the client still confirms or rejects them; their money stays reserved and, if rejected,
   * lapses then (as on a closed year). A second call finds the budget ENDED and changes
   * nothing (and the database allows one ENDING decision per budget).
   *
   * The client's process phase lives in the clients subgraph and is set by her staff there;
   * the ENDED status is what tells the budget side that she is back in ordinary services.
   */
  async endBudget(budgetId: string, input: EndBudgetArgs) {
    const principal = this.principal();
    const fail = (...errors: UserError[]) => ({
      budget: null,
      decision: null,
      lapsedCents: 0,
      cancelledCommitments: 0,
      errors,
    });
    const found = isUuid(budgetId) ? (await this.stores.budgets.byIds([budgetId]))[0] : null;
    // Unknown, and not one of the caller's municipality, answer alike.
    if (!found || !decisionAccess.endBudget(principal, found)) {
      if (principal.role !== 'ADVISER' && principal.role !== 'WORKER')
        throw forbidden('Only advisers and own workers end budgets.');
      return fail(error('NOT_FOUND', 'No such budget.', 'budgetId'));
    }
    const today = this.options.today();
    const reason = input.reason.trim();
    const errors: UserError[] = [...checkDetails(input.details, 'input.details')];
    if (!reason || reason.length > LIMITS.text)
      errors.push(error('VALIDATION', `1–${LIMITS.text} characters.`, 'input.reason'));
    if (!parseIsoDate(input.endDate))
      errors.push(error('VALIDATION', 'endDate must be a date (YYYY-MM-DD).', 'input.endDate'));
    else if (!input.endDate.startsWith(`${found.year}-`))
      errors.push(error('VALIDATION', `endDate must be in ${found.year}.`, 'input.endDate'));
    else if (input.endDate > today)
      // The ending takes effect when decided (commitments cancel, money lapses now), so a
      // later end date would promise services the budget can no longer pay for.
      errors.push(error('VALIDATION', 'endDate cannot be in the future.', 'input.endDate'));
    if (errors.length > 0) return fail(...errors);

    const clientName =
      (await this.options.remote.clients.client(this.ctx, found.clientId).catch(() => null))
        ?.firstName ?? null;
    const outcome = await this.stores.db.transaction(async (m) => {
      // LOCK ORDER (ledger.service.ts): budget row, balance row, then commitments.
      const budget = await this.stores.budgets.lockBudget(m, found.id);
      if (!budget) return { error: error('NOT_FOUND', 'No such budget.', 'budgetId') };
      if (budget.status === 'ENDED')
        return {
          error: error(
            'ALREADY_ENDED',
            'This budget has already been ended; nothing was changed.',
            'budgetId',
          ),
        };
      if (budget.status === 'CLOSED')
        return {
          error: error(
            'BUDGET_CLOSED',
            'This budget year is closed; it cannot be ended.',
            'budgetId',
          ),
        };
      await this.stores.budgets.lockBalance(m, budget.id);
      const running = (await this.stores.commitments.lockOfBudgets(m, [budget.id])).filter(
        (c) => c.status === 'ACTIVE' || c.status === 'USED_UP',
      );
      const cancelled = await this.stores.commitments.end(
        m,
        running.map((c) => c.id),
        'CANCELLED',
        principal.sub,
        `HB päättyy ${input.endDate}`,
      );
      const balance = (await this.stores.budgets.lockBalance(m, budget.id))!;
      const lapsedCents = balance.remainingCents;
      const lapse =
        lapsedCents > 0
          ? await this.stores.ledger.insert(m, {
              budgetId: budget.id,
              kind: 'LAPSE',
              amountCents: lapsedCents,
              status: 'CONFIRMED',
              createdBy: principal.sub,
              description: `HB päättyy ${input.endDate}: käyttämätön osa raukeaa järjestäjälle`,
            })
          : null;
      if (lapse) await this.stores.budgets.applyBalance(m, budget.id, { lapsed: lapsedCents });
      await this.stores.budgets.deleteUnpaidInstalments(m, budget.id);
      await this.store.endBudget(m, budget.id, input.endDate, reason);
      const alertsResolved = await this.store.resolveAlerts(m, budget.id);
      const ended: BudgetRow = { ...budget, status: 'ENDED' };
      const decision = await this.record(m, ended, 'ENDING', {
        details: input.details,
        cls: null,
        clientName,
        ending: {
          endDate: input.endDate,
          reason,
          lapsedCents,
          cancelledCommitments: cancelled.length,
        },
      });
      await this.ctx.accessLog.writeNow(m, [
        { clientId: budget.clientId, action: 'CHANGE', subject: 'Budget.ended' },
      ]);
      // Events last: the outbox lock they take serialises every budget's changes until commit.
      if (lapse) {
        await this.stores.budgets.insertEvent(m, {
          budgetId: budget.id,
          clientId: budget.clientId,
          change: 'LAPSED',
          kind: 'LAPSE',
          transactionId: lapse.id,
        });
      }
      if (alertsResolved > 0) {
        await this.stores.budgets.insertEvent(m, {
          budgetId: budget.id,
          clientId: budget.clientId,
          change: 'ALERT_RESOLVED',
        });
      }
      await this.stores.budgets.insertEvent(m, {
        budgetId: budget.id,
        clientId: budget.clientId,
        change: 'ENDED',
      });
      return { budget: ended, decision, lapsedCents, cancelled: cancelled.length };
    });
    if ('error' in outcome && outcome.error) return fail(outcome.error);
    this.budgets.forget(found.id, found.clientId);
    return {
      budget: outcome.budget,
      decision: outcome.decision,
      lapsedCents: outcome.lapsedCents,
      cancelledCommitments: outcome.cancelled,
      errors: [],
    };
  }
}

/** Who decided, when the token carries no name: the office, never an id. */
function deciderTitle(p: Principal, language: DecisionLanguage): string {
  const fi = p.role === 'ADVISER' ? 'HB-neuvoja' : 'Omatyöntekijä';
  const sv = p.role === 'ADVISER' ? 'HB-rådgivare' : 'Egen arbetare';
  return language === 'sv' ? sv : fi;
}

/** A new text when given (an empty one clears it), else the previous decision's. */
function pick(given: string | null | undefined, before: string | null | undefined) {
  return given === undefined || given === null ? (before ?? null) : given;
}
