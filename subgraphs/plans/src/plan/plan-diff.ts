/**
 * What changed from one plan version to the next, for the diff view. Pure. Goals and
 * allocations are matched by lineage (a copied goal keeps its lineage), participants by name
 * and role; texts are compared as they are.
 */
export const CHANGE_AREAS = [
  'SUPPORT_NEEDS',
  'PRACTICAL_PLAN',
  'GOAL',
  'PARTICIPANT',
  'ALLOCATION',
] as const;
export type ChangeArea = (typeof CHANGE_AREAS)[number];
export const CHANGE_KINDS = ['ADDED', 'REMOVED', 'CHANGED'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface PlanChange {
  area: ChangeArea;
  kind: ChangeKind;
  /** How the item read in the previous version (null when added). */
  before: string | null;
  /** How it reads now (null when removed). */
  after: string | null;
}

export interface VersionForDiff {
  supportNeeds: string;
  practicalPlan: string;
  goals: Array<{
    lineageId: string;
    description: string;
    indicator: string | null;
    reviewDates: string[];
  }>;
  participants: Array<{ name: string; role: string; responsibility: string | null }>;
  allocations: Array<{
    lineageId: string;
    description: string;
    budgetId: string;
    providerId: string | null;
    amountCents: number;
  }>;
}

const euros = (cents: number) => `${(cents / 100).toFixed(2)} €`;
const goalText = (g: VersionForDiff['goals'][number]) =>
  [g.description, g.indicator ? `(${g.indicator})` : '', g.reviewDates.join(', ')]
    .filter(Boolean)
    .join(' ');
const participantText = (x: VersionForDiff['participants'][number]) =>
  `${x.name} (${x.role})${x.responsibility ? `: ${x.responsibility}` : ''}`;
const allocationText = (a: VersionForDiff['allocations'][number]) =>
  `${a.description || '–'}: ${euros(a.amountCents)}`;

function byKey<T>(
  area: ChangeArea,
  before: T[],
  after: T[],
  key: (x: T) => string,
  text: (x: T) => string,
  same: (a: T, b: T) => boolean = (a, b) => text(a) === text(b),
): PlanChange[] {
  const old = new Map(before.map((x) => [key(x), x]));
  const changes: PlanChange[] = [];
  const seen = new Set<string>();
  for (const x of after) {
    const k = key(x);
    seen.add(k);
    const prev = old.get(k);
    if (!prev) changes.push({ area, kind: 'ADDED', before: null, after: text(x) });
    else if (!same(prev, x))
      changes.push({ area, kind: 'CHANGED', before: text(prev), after: text(x) });
  }
  for (const x of before) {
    if (!seen.has(key(x))) changes.push({ area, kind: 'REMOVED', before: text(x), after: null });
  }
  return changes;
}

export function diffVersions(before: VersionForDiff, after: VersionForDiff): PlanChange[] {
  const texts: PlanChange[] = [];
  if (before.supportNeeds !== after.supportNeeds)
    texts.push({
      area: 'SUPPORT_NEEDS',
      kind: 'CHANGED',
      before: before.supportNeeds,
      after: after.supportNeeds,
    });
  if (before.practicalPlan !== after.practicalPlan)
    texts.push({
      area: 'PRACTICAL_PLAN',
      kind: 'CHANGED',
      before: before.practicalPlan,
      after: after.practicalPlan,
    });
  return [
    ...texts,
    ...byKey('GOAL', before.goals, after.goals, (g) => g.lineageId, goalText),
    ...byKey(
      'PARTICIPANT',
      before.participants,
      after.participants,
      (x) => `${x.name.toLowerCase()}|${x.role}`,
      participantText,
    ),
    ...byKey(
      'ALLOCATION',
      before.allocations,
      after.allocations,
      (a) => a.lineageId,
      allocationText,
      (a, b) =>
        allocationText(a) === allocationText(b) &&
        a.budgetId === b.budgetId &&
        a.providerId === b.providerId,
    ),
  ];
}

/** Why a plan no longer matches its budgets or providers (needs revision). */
export const REVISION_REASONS = [
  'OVER_BUDGET',
  'BUDGET_NOT_FOUND',
  'PROVIDER_NOT_APPROVED',
  'SERVICE_NOT_OFFERED',
] as const;
export type RevisionReason = (typeof REVISION_REASONS)[number];

export interface RevisionFinding {
  reason: RevisionReason;
  /** The budget or provider concerned. */
  subjectId: string;
}

/**
 * Compares a plan's allocations with the budgets and providers as they are now: a
 * re-assessment that lowered a budget below what is allocated to it, or a provider that lost
 * its approval or no longer offers the service, makes the plan inconsistent.
 * `budgets`/`providers`: the current answers (null when gone or not visible).
 */
export function revisionFindings(
  allocations: Array<{
    budgetId: string;
    providerId: string | null;
    offeringId: string | null;
    amountCents: number;
    discretionaryReason: string | null;
    serviceType: string;
  }>,
  budgets: ReadonlyMap<string, { grantedCents: number } | null>,
  providers: ReadonlyMap<
    string,
    { approvalStatus: string; offerings: Array<{ id: string; serviceTypeCode: string }> } | null
  >,
): RevisionFinding[] {
  const findings: RevisionFinding[] = [];
  const perBudget = new Map<string, number>();
  for (const a of allocations)
    perBudget.set(a.budgetId, (perBudget.get(a.budgetId) ?? 0) + a.amountCents);
  for (const [budgetId, allocated] of perBudget) {
    const budget = budgets.get(budgetId);
    if (!budget) findings.push({ reason: 'BUDGET_NOT_FOUND', subjectId: budgetId });
    else if (allocated > budget.grantedCents)
      findings.push({ reason: 'OVER_BUDGET', subjectId: budgetId });
  }
  const seen = new Set<string>();
  for (const a of allocations) {
    if (!a.providerId) continue;
    const provider = providers.get(a.providerId);
    const key = `${a.providerId}|${a.serviceType}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A discretionary choice was never approved: losing approval changes nothing for it.
    if (!a.discretionaryReason && provider?.approvalStatus !== 'APPROVED') {
      findings.push({ reason: 'PROVIDER_NOT_APPROVED', subjectId: a.providerId });
    } else if (
      provider &&
      !provider.offerings.some(
        (o) => o.serviceTypeCode === a.serviceType && (!a.offeringId || o.id === a.offeringId),
      )
    ) {
      findings.push({ reason: 'SERVICE_NOT_OFFERED', subjectId: a.providerId });
    }
  }
  return findings;
}
