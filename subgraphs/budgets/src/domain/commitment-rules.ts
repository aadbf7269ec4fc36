/**
 * Payment commitments (maksusitoumus) as pure rules: who may be a payee, what a commitment may
 * hold, which commitment a charge draws on and when a charge is refused. The services bring the
 * facts (rows read under lock, the provider from the providers subgraph) and act on the verdict.
 */

export type CommitmentStatus = 'ACTIVE' | 'CANCELLED' | 'USED_UP' | 'EXPIRED';
export type PayeeKind = 'PROVIDER' | 'CLIENT';

/** A refusal with the code of the API's payload errors and the input field it concerns. */
export interface RuleError {
  readonly code: string;
  readonly message: string;
  readonly field: string;
}

/** What a commitment holds of its budget: an active one all of it, an ended one what was charged. */
export function heldCents(c: {
  status: CommitmentStatus;
  amountCents: number;
  chargedCents: number;
}): number {
  return c.status === 'ACTIVE' ? c.amountCents : c.chargedCents;
}

/**
 * What can still be committed: granted, less what lapsed, what commitments hold, and charges
 * that draw on no commitment (recorded before commitments existed). Never below zero.
 */
export function uncommittedCents(b: {
  grantedCents: number;
  lapsedCents: number;
  committedCents: number;
  spentCents: number;
  pendingCents: number;
  chargedOnCommitmentsCents: number;
}): number {
  const uncovered = Math.max(0, b.spentCents + b.pendingCents - b.chargedOnCommitmentsCents);
  return Math.max(0, b.grantedCents - b.lapsedCents - b.committedCents - uncovered);
}

/** A provider as the payee rules need it (CONTRACT: ProviderKind, ApprovalStatus). */
export interface PayeeProvider {
  kind: string;
  approvalStatus: string;
  municipalitiesServed: readonly string[];
  offerings: ReadonlyArray<{ id: string; serviceTypeCode: string }>;
}

/** Everything an issue decision looks at. */
export interface CommitmentRequest {
  budget: {
    year: number;
    status: string;
    serviceTypeCode: string;
    instrument: string;
    municipalityCode: string;
  };
  /** null: the payee is the client herself (taloudellinen tuki). */
  provider: PayeeProvider | null;
  offeringId: string | null;
  amountCents: number;
  validFrom: string;
  validTo: string;
  reason: string;
  discretionaryReason: string | null;
  uncommittedCents: number;
}

/** A refusal (also charge-rules.ts). */
export const ruleError = (code: string, message: string, field: string): RuleError => ({
  code,
  message,
  field,
});

/**
 * Whether a commitment may be issued. Refusals: never the organiser's own units, never a
 * rejected or suspended provider; a provider that is not approved, does not serve the client's
 * municipality or does not offer the service only with the staff member's discretionary reason;
 * the HB card (transport) only to transport providers; validity within the budget's year (a
 * past year's open budget may still be committed, for services billed late); never more than
 * the budget has uncommitted. Returns every refusal found.
 */
export function judgeCommitment(r: CommitmentRequest): RuleError[] {
  const errors: RuleError[] = [];
  const { budget, provider } = r;
  if (budget.status === 'CLOSED' || budget.status === 'ENDED' || budget.status === 'DRAFT') {
    errors.push(
      ruleError('BUDGET_NOT_ACTIVE', 'This budget takes no commitments.', 'input.budgetId'),
    );
  }
  if (!Number.isSafeInteger(r.amountCents) || r.amountCents <= 0) {
    errors.push(ruleError('VALIDATION', 'Amount must be above zero.', 'input.amount'));
  } else if (r.amountCents > r.uncommittedCents) {
    errors.push(
      ruleError(
        'OVER_BUDGET',
        `The budget has ${(r.uncommittedCents / 100).toFixed(2)} € uncommitted.`,
        'input.amount',
      ),
    );
  }
  const yearStart = `${budget.year}-01-01`;
  const yearEnd = `${budget.year}-12-31`;
  if (!(r.validFrom >= yearStart && r.validTo <= yearEnd && r.validFrom <= r.validTo)) {
    errors.push(
      ruleError(
        'OUTSIDE_VALIDITY',
        `The validity must be an interval within the budget year ${budget.year}.`,
        'input.validFrom',
      ),
    );
  }
  const reason = r.reason.trim();
  if (reason.length < 1 || reason.length > 1000) {
    errors.push(ruleError('VALIDATION', 'Give a reason of 1 to 1000 characters.', 'input.reason'));
  }
  const discretion = r.discretionaryReason?.trim() ?? '';
  if (discretion.length > 2000) {
    errors.push(
      ruleError(
        'VALIDATION',
        'The discretionary reason is at most 2000 characters.',
        'input.discretionaryReason',
      ),
    );
  }
  if (!provider) {
    if (r.offeringId) {
      errors.push(
        ruleError(
          'VALIDATION',
          'Financial support to the client has no offering.',
          'input.offeringId',
        ),
      );
    }
    if (budget.instrument === 'CARD') {
      errors.push(
        ruleError(
          'PROVIDER_NOT_ALLOWED',
          'The HB card is for transport providers only.',
          'input.providerId',
        ),
      );
    }
    return errors;
  }
  if (provider.kind === 'ORGANISER_OWN') {
    errors.push(
      ruleError(
        'PROVIDER_NOT_ALLOWED',
        "A personal budget cannot buy the organiser's own services.",
        'input.providerId',
      ),
    );
    return errors;
  }
  if (provider.approvalStatus === 'REJECTED' || provider.approvalStatus === 'SUSPENDED') {
    errors.push(
      ruleError(
        'PROVIDER_NOT_ALLOWED',
        `This provider is ${provider.approvalStatus.toLowerCase()}; it cannot be given commitments.`,
        'input.providerId',
      ),
    );
    return errors;
  }
  const transport = provider.offerings.some((o) => o.serviceTypeCode === 'TRANSPORT');
  if (budget.instrument === 'CARD' && !transport) {
    errors.push(
      ruleError(
        'PROVIDER_NOT_ALLOWED',
        'The HB card is for transport providers only.',
        'input.providerId',
      ),
    );
    return errors;
  }
  if (r.offeringId) {
    const offering = provider.offerings.find((o) => o.id === r.offeringId);
    if (!offering) {
      errors.push(
        ruleError('NOT_FOUND', 'This provider has no such offering.', 'input.offeringId'),
      );
    } else if (offering.serviceTypeCode !== budget.serviceTypeCode) {
      errors.push(
        ruleError(
          'VALIDATION',
          `The offering is for ${offering.serviceTypeCode}, the budget for ${budget.serviceTypeCode}.`,
          'input.offeringId',
        ),
      );
    }
  }
  const needsDiscretion: string[] = [];
  if (provider.approvalStatus !== 'APPROVED') needsDiscretion.push('is not approved');
  if (!provider.municipalitiesServed.includes(budget.municipalityCode))
    needsDiscretion.push("does not serve the client's municipality");
  if (!provider.offerings.some((o) => o.serviceTypeCode === budget.serviceTypeCode))
    needsDiscretion.push('does not offer this service');
  if (needsDiscretion.length > 0 && !discretion) {
    errors.push(
      ruleError(
        'DISCRETIONARY_REASON_REQUIRED',
        `This provider ${needsDiscretion.join(' and ')}: record the reason for using it at discretion.`,
        'input.discretionaryReason',
      ),
    );
  }
  return errors;
}

/** Whether the provider still needs a recorded discretionary reason (kept only then). */
export function needsDiscretion(provider: PayeeProvider | null, b: CommitmentRequest['budget']) {
  return (
    !!provider &&
    (provider.approvalStatus !== 'APPROVED' ||
      !provider.municipalitiesServed.includes(b.municipalityCode) ||
      !provider.offerings.some((o) => o.serviceTypeCode === b.serviceTypeCode))
  );
}

/** An allocation of an accepted plan, as commitments are issued from it. */
export interface PlanAllocation {
  id: string;
  budgetId: string;
  providerId: string | null;
  offeringId: string | null;
  amountCents: number;
}

/** A running (active or used-up) commitment on one of the plan's budgets. */
export interface PlanCommitment {
  id: string;
  budgetId: string;
  providerId: string | null;
  offeringId: string | null;
  /** Null for a commitment issued singly, not from a plan. */
  planId: string | null;
  allocationId: string | null;
  amountCents: number;
  chargedCents: number;
}

export interface PlanCommitmentChanges {
  /** Plan-issued commitments no allocation keeps: cancelled. */
  cancel: PlanCommitment[];
  /** Commitments an allocation keeps: re-linked, set to its amount and offering. */
  adjust: Array<{ commitment: PlanCommitment; allocation: PlanAllocation }>;
  /** Allocations with no commitment yet: issued. */
  create: PlanAllocation[];
  /** Allocations below what was already charged on their commitment. */
  belowCharged: Array<{ commitment: PlanCommitment; allocation: PlanAllocation }>;
}

/**
 * How a plan's allocations change the running commitments of its budgets. An allocation keeps
 * the commitment issued for it (same allocation id); failing that, one of the same budget,
 * provider and offering; failing that, one of the same budget and provider (also one issued
 * singly before the plan: it becomes the plan's). Plan-issued commitments that nothing keeps are
 * cancelled; singly issued ones nothing keeps stay as they are. The rest are new. Re-running for
 * the same plan changes nothing. Allocations without a provider are left out.
 */
export function planCommitmentChanges(
  allocations: readonly PlanAllocation[],
  existing: readonly PlanCommitment[],
): PlanCommitmentChanges {
  const left = [...existing];
  const wanted = allocations.filter((a) => a.providerId !== null);
  const matched = new Map<string, PlanCommitment>();
  const passes: Array<(a: PlanAllocation, c: PlanCommitment) => boolean> = [
    (a, c) => c.allocationId === a.id,
    (a, c) =>
      a.budgetId === c.budgetId && a.providerId === c.providerId && a.offeringId === c.offeringId,
    (a, c) => a.budgetId === c.budgetId && a.providerId === c.providerId,
  ];
  for (const pass of passes) {
    for (const a of wanted) {
      if (matched.has(a.id)) continue;
      const i = left.findIndex((c) => pass(a, c));
      const [found] = i >= 0 ? left.splice(i, 1) : [];
      if (found) matched.set(a.id, found);
    }
  }
  const changes: PlanCommitmentChanges = {
    cancel: left.filter((c) => c.planId !== null),
    adjust: [],
    create: [],
    belowCharged: [],
  };
  for (const a of wanted) {
    const c = matched.get(a.id);
    if (!c) changes.create.push(a);
    else if (a.amountCents < c.chargedCents)
      changes.belowCharged.push({ commitment: c, allocation: a });
    else if (
      a.amountCents !== c.amountCents ||
      a.id !== c.allocationId ||
      a.offeringId !== c.offeringId
    )
      changes.adjust.push({ commitment: c, allocation: a });
  }
  return changes;
}
