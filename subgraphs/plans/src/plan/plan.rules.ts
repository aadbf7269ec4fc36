import { isIsoDate, isUuid, parseAmount } from '@hb/kit';
import type { BudgetInfo, ProviderInfo } from '../directory/directories';
import { PARTICIPANT_ROLES, type ParticipantRole } from './plan.model';

/**
 * Pure validation of plan contents and the allocation rules. Each error names the input
 * field it is about; the service turns them into payload errors.
 */
export interface RuleError {
  code: string;
  message: string;
  field: string | null;
}

const err = (code: string, message: string, field: string | null): RuleError => ({
  code,
  message,
  field,
});

export const MAX_TEXT = 10_000;
export const MAX_SHORT_TEXT = 2_000;

export interface GoalDraft {
  id?: string | null;
  description: string;
  indicator?: string | null;
  reviewDates?: string[] | null;
}

export interface ParticipantDraft {
  name: string;
  role: ParticipantRole;
  responsibility?: string | null;
}

export function validateText(
  value: string | null | undefined,
  field: string,
  label: string,
  max = MAX_TEXT,
): RuleError[] {
  if (value !== null && value !== undefined && value.length > max) {
    return [err('VALIDATION', `${label} must be at most ${max} characters.`, field)];
  }
  return [];
}

/** A plan is for the current year, the previous or the next one. */
export function validateYear(year: number, todayYear: number, field = 'input.year'): RuleError[] {
  if (!Number.isInteger(year) || year < todayYear - 1 || year > todayYear + 1) {
    return [
      err('VALIDATION', `Year must be between ${todayYear - 1} and ${todayYear + 1}.`, field),
    ];
  }
  return [];
}

export function validateGoals(goals: GoalDraft[], field: string): RuleError[] {
  const errors: RuleError[] = [];
  if (goals.length > 50) errors.push(err('VALIDATION', 'A plan has at most 50 goals.', field));
  const ids = new Set<string>();
  goals.forEach((g, i) => {
    const at = `${field}[${i}]`;
    if (!g.description || g.description.trim().length === 0) {
      errors.push(err('VALIDATION', 'Describe the goal.', `${at}.description`));
    }
    errors.push(...validateText(g.description, `${at}.description`, 'A goal', MAX_SHORT_TEXT));
    errors.push(...validateText(g.indicator, `${at}.indicator`, 'An indicator', MAX_SHORT_TEXT));
    if (g.id) {
      if (ids.has(g.id))
        errors.push(err('VALIDATION', 'The same goal is listed twice.', `${at}.id`));
      ids.add(g.id);
    }
    const dates = g.reviewDates ?? [];
    if (dates.length > 24)
      errors.push(err('VALIDATION', 'At most 24 review dates per goal.', `${at}.reviewDates`));
    for (const d of dates) {
      if (!isIsoDate(d)) errors.push(err('VALIDATION', `${d} is not a date.`, `${at}.reviewDates`));
    }
  });
  return errors;
}

export function validateParticipants(participants: ParticipantDraft[], field: string): RuleError[] {
  const errors: RuleError[] = [];
  if (participants.length > 50) errors.push(err('VALIDATION', 'At most 50 participants.', field));
  participants.forEach((p, i) => {
    const at = `${field}[${i}]`;
    if (!p.name || p.name.trim().length === 0)
      errors.push(err('VALIDATION', 'Name the participant.', `${at}.name`));
    errors.push(...validateText(p.name, `${at}.name`, 'A name', 200));
    if (!PARTICIPANT_ROLES.includes(p.role))
      errors.push(err('VALIDATION', 'Unknown role.', `${at}.role`));
    errors.push(
      ...validateText(p.responsibility, `${at}.responsibility`, 'A responsibility', MAX_SHORT_TEXT),
    );
  });
  return errors;
}

/** A goal review: attainment is a whole percentage 0–100, the date is not in the future. */
export function validateReview(
  input: { reviewedAt: string; attainment: number; note?: string | null },
  today: string,
): RuleError[] {
  const errors: RuleError[] = [];
  if (!Number.isInteger(input.attainment) || input.attainment < 0 || input.attainment > 100) {
    errors.push(err('VALIDATION', 'Attainment is a percentage from 0 to 100.', 'input.attainment'));
  }
  if (!isIsoDate(input.reviewedAt)) {
    errors.push(err('VALIDATION', 'The review date must be a date.', 'input.reviewedAt'));
  } else if (input.reviewedAt > today) {
    errors.push(err('VALIDATION', 'A review cannot be recorded in advance.', 'input.reviewedAt'));
  }
  errors.push(...validateText(input.note, 'input.note', 'A note', MAX_SHORT_TEXT));
  return errors;
}

export interface AllocationDraft {
  id?: string | null;
  budgetId: string;
  providerId?: string | null;
  offeringId?: string | null;
  amount: string;
  description?: string | null;
  discretionaryReason?: string | null;
}

/** A checked allocation, ready to store. */
export interface CheckedAllocation {
  keepLineageOf: string | null;
  budgetId: string;
  serviceType: string;
  providerId: string | null;
  offeringId: string | null;
  amountCents: number;
  description: string;
  discretionaryReason: string | null;
}

/**
 * A provider may receive budget money for a service type when it is not the organiser's own
 * production (HB cannot buy the organiser's own services) and offers that service type;
 * a provider the organiser has not approved needs a recorded discretionary reason.
 */
export function checkProvider(
  provider: ProviderInfo | null,
  serviceTypeCode: string,
  offeringId: string | null,
  discretionaryReason: string | null,
  field: string,
): RuleError[] {
  const f = (name: string) => (field ? `${field}.${name}` : name);
  if (!provider) return [err('UNKNOWN_PROVIDER', 'No such provider.', f('providerId'))];
  if (provider.kind === 'ORGANISER_OWN') {
    return [
      err(
        'ORGANISER_OWN_PROVIDER',
        "A personal budget cannot buy the organiser's own services.",
        f('providerId'),
      ),
    ];
  }
  const errors: RuleError[] = [];
  const offerings = provider.offerings.filter((o) => o.serviceTypeCode === serviceTypeCode);
  if (offerings.length === 0) {
    errors.push(
      err(
        'SERVICE_NOT_OFFERED',
        `The provider does not offer ${serviceTypeCode}.`,
        f('providerId'),
      ),
    );
  }
  if (offeringId) {
    const offering = provider.offerings.find((o) => o.id === offeringId);
    if (!offering) {
      errors.push(err('UNKNOWN_OFFERING', 'The provider has no such offering.', f('offeringId')));
    } else if (offering.serviceTypeCode !== serviceTypeCode) {
      errors.push(
        err('SERVICE_NOT_OFFERED', `The offering is not for ${serviceTypeCode}.`, f('offeringId')),
      );
    }
  }
  if (provider.approvalStatus !== 'APPROVED' && !discretionaryReason?.trim()) {
    errors.push(
      err(
        'DISCRETIONARY_REASON_REQUIRED',
        'The provider is not approved by the organiser; record the discretionary reason for using it.',
        f('discretionaryReason'),
      ),
    );
  }
  return errors;
}

/**
 * The allocation rules: each allocation is to a budget of the plan's own client and year, a
 * positive amount, a provider that may be used for the budget's service type; and the sum per
 * budget never exceeds the budget's granted amount.
 */
export function checkAllocations(
  plan: { clientId: string; year: number },
  drafts: AllocationDraft[],
  budgets: ReadonlyMap<string, BudgetInfo | null>,
  providers: ReadonlyMap<string, ProviderInfo | null>,
  field = 'allocations',
): { errors: RuleError[]; allocations: CheckedAllocation[] } {
  const errors: RuleError[] = [];
  const allocations: CheckedAllocation[] = [];
  const sums = new Map<string, number>();
  if (drafts.length > 100)
    errors.push(err('VALIDATION', 'At most 100 allocations per plan.', field));
  const lineages = new Set<string>();
  drafts.forEach((d, i) => {
    const at = `${field}[${i}]`;
    const before = errors.length;
    const budget = isUuid(d.budgetId) ? (budgets.get(d.budgetId) ?? null) : null;
    if (!budget) {
      errors.push(err('UNKNOWN_BUDGET', 'No such budget.', `${at}.budgetId`));
    } else if (budget.clientId !== plan.clientId) {
      errors.push(
        err('BUDGET_OF_ANOTHER_CLIENT', 'The budget belongs to another client.', `${at}.budgetId`),
      );
    } else if (budget.year !== plan.year) {
      errors.push(
        err(
          'BUDGET_OF_ANOTHER_YEAR',
          `The budget is for ${budget.year}, the plan for ${plan.year}.`,
          `${at}.budgetId`,
        ),
      );
    }
    const amount = parseAmount(d.amount);
    if (!amount.ok) errors.push(err('VALIDATION', amount.message, `${at}.amount`));
    else if (amount.cents <= 0)
      errors.push(err('VALIDATION', 'An allocation must be more than zero.', `${at}.amount`));
    errors.push(
      ...validateText(d.description, `${at}.description`, 'A description', MAX_SHORT_TEXT),
    );
    errors.push(
      ...validateText(
        d.discretionaryReason,
        `${at}.discretionaryReason`,
        'A reason',
        MAX_SHORT_TEXT,
      ),
    );
    if (d.offeringId && !d.providerId) {
      errors.push(err('VALIDATION', 'Name the provider of the offering.', `${at}.providerId`));
    }
    if (d.id) {
      if (lineages.has(d.id))
        errors.push(err('VALIDATION', 'The same allocation is listed twice.', `${at}.id`));
      lineages.add(d.id);
    }
    if (budget && d.providerId) {
      const provider = isUuid(d.providerId) ? (providers.get(d.providerId) ?? null) : null;
      errors.push(
        ...checkProvider(
          provider,
          budget.serviceTypeCode,
          d.offeringId ?? null,
          d.discretionaryReason ?? null,
          at,
        ),
      );
    }
    if (errors.length > before || !budget || !amount.ok) return;
    sums.set(budget.id, (sums.get(budget.id) ?? 0) + amount.cents);
    const approved = !d.providerId || providers.get(d.providerId)?.approvalStatus === 'APPROVED';
    allocations.push({
      keepLineageOf: d.id ?? null,
      budgetId: budget.id,
      serviceType: budget.serviceTypeCode,
      providerId: d.providerId ?? null,
      offeringId: d.offeringId ?? null,
      amountCents: amount.cents,
      description: d.description?.trim() ?? '',
      discretionaryReason: approved ? null : (d.discretionaryReason?.trim() ?? null),
    });
  });
  for (const [budgetId, sum] of sums) {
    const budget = budgets.get(budgetId);
    if (!budget) continue; // an unknown budget is refused above
    if (sum > budget.grantedCents) {
      const index = drafts.findIndex((d) => d.budgetId === budgetId);
      errors.push(
        err(
          'OVER_BUDGET',
          `Allocations to this budget total ${(sum / 100).toFixed(2)} €, more than the granted ${(budget.grantedCents / 100).toFixed(2)} €.`,
          `${field}[${index}].amount`,
        ),
      );
    }
  }
  return { errors, allocations: errors.length > 0 ? [] : allocations };
}
