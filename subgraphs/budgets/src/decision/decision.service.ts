import DataLoader from 'dataloader';
import { isUuid, requirePrincipal, type RequestContext } from '@hb/kit';
import type { EntityManager } from 'typeorm';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import type { BudgetRow } from '../budget/budget.store';
import type { HbClassRow } from '../service-type/catalog.store';
import {
  buildDecisionContent,
  decisionText,
  type DecisionContent,
  type DecisionKind,
} from '../domain/decision-content';
import { DecisionStore, type DecisionRow } from './decision.store';
import { decisionAccess } from './decision.policy';
import { renderDecisionPdf, sha256 } from './decision.pdf';
import { carriedOver as pick, deciderTitle, decisionLanguage } from './decision-rules';
import type { DecidedBudgets, DecisionDetails } from './decision.types';

/**
 * Decisions (päätökset) as archived documents: each decision on a budget — the first, every
 * re-assessment, the ending — is recorded with its content and rendered PDF in the same
 * transaction as the budget change it decides, so there is never a change without its decision.
 * The appeals against them: decision-appeal.service.ts; ending a budget mid-year:
 * budget-end.service.ts.
 */
export class DecisionService {
  private readonly store: DecisionStore;
  private readonly decision: DataLoader<string, DecisionRow | null>;
  private readonly ofBudget: DataLoader<string, DecisionRow[]>;

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
    const principal = requirePrincipal(this.ctx);
    const previous = await this.store.latest(m, budget.id);
    const language = decisionLanguage(args.details?.language, previous?.language);
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
      decider: {
        sub: principal.sub,
        name: principal.name ?? deciderTitle(principal.role, language),
      },
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
    requirePrincipal(this.ctx);
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

  /**
   * The decision row without an access check or a logged read, for a caller that judges access
   * itself (an appeal is filed only against a decision the filer may appeal).
   */
  unchecked(id: string): Promise<DecisionRow | null> {
    return this.decision.load(id);
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
}
