import {
  judgeCommitment,
  ruleError,
  type CommitmentRequest,
  type PayeeProvider,
  type PlanAllocation,
  type PlanCommitmentChanges,
  type RuleError,
} from '../domain';

/** An allocation of the plan as it is judged: with the reason staff gave for a discretionary payee. */
export interface JudgedAllocation extends PlanAllocation {
  discretionaryReason: string | null;
}

/** A locked budget of the plan, as the commitment rules read it. */
export type JudgedBudget = CommitmentRequest['budget'] & { id: string };

export interface PlanJudgementRequest {
  /** All of the plan's allocations, in the plan's order (errors name `allocations[i]`). */
  allocations: readonly JudgedAllocation[];
  changes: PlanCommitmentChanges;
  budgets: ReadonlyMap<string, JudgedBudget>;
  /** The payee providers by id; one missing is refused as unknown. */
  providers: ReadonlyMap<string, PayeeProvider>;
  /** What each budget has uncommitted before the plan's changes. */
  uncommitted: ReadonlyMap<string, number>;
}

/**
 * Whether a plan's commitment changes may be made, all or nothing: the refusals, each naming its
 * allocation. Cancellations and decreases release their part first; then each increase, changed
 * offering and new commitment is judged by the commitment rules against what its budget has left.
 */
export function judgePlanChanges(r: PlanJudgementRequest): RuleError[] {
  const index = new Map(r.allocations.map((a, i) => [a.id, i]));
  const full = new Map(r.allocations.map((a) => [a.id, a]));
  const at = (allocationId: string) => `allocations[${String(index.get(allocationId))}]`;
  const refusals: RuleError[] = r.changes.belowCharged.map(({ allocation }) =>
    ruleError(
      'ALLOCATION_BELOW_CHARGED',
      'The allocation is below what was already charged on its commitment.',
      at(allocation.id),
    ),
  );
  // What each budget has free once cancellations and decreases release their part.
  const free = new Map(r.uncommitted);
  const release = (budgetId: string, cents: number) =>
    free.set(budgetId, (free.get(budgetId) ?? 0) + cents);
  for (const c of r.changes.cancel) release(c.budgetId, c.amountCents - c.chargedCents);
  for (const { commitment: c, allocation: a } of r.changes.adjust)
    if (a.amountCents < c.amountCents) release(c.budgetId, c.amountCents - a.amountCents);
  const judge = (
    allocation: PlanAllocation,
    cents: number,
    newOne: boolean,
    offeringChanged = false,
  ) => {
    const field = at(allocation.id);
    const b = r.budgets.get(allocation.budgetId);
    if (!b) {
      refusals.push(ruleError('NOT_FOUND', 'No such budget.', field));
      return;
    }
    const provider = allocation.providerId ? r.providers.get(allocation.providerId) : undefined;
    if (!provider) {
      refusals.push(ruleError('NOT_FOUND', 'No such provider.', field));
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
    refusals.push(...found.map((e) => ({ ...e, field })));
    if (found.length === 0) free.set(b.id, (free.get(b.id) ?? 0) - cents);
  };
  for (const { commitment: c, allocation: a } of r.changes.adjust) {
    const offeringChanged = a.offeringId !== c.offeringId;
    if (a.amountCents > c.amountCents || offeringChanged)
      judge(a, Math.max(0, a.amountCents - c.amountCents), false, offeringChanged);
  }
  for (const a of r.changes.create) judge(a, a.amountCents, true);
  return refusals;
}
