/**
 * Charges on payment commitments as pure rules: which commitment a charge draws on, when a
 * charge is refused, and the status a provider sees of it.
 */
import { ruleError, type CommitmentStatus, type RuleError } from './commitment-rules';

/** A commitment as a charge sees it. */
export interface ChargeableCommitment {
  id: string;
  budgetId: string;
  providerId: string | null;
  status: CommitmentStatus;
  amountCents: number;
  chargedCents: number;
  validFrom: string;
  validTo: string;
}

/** Error every "you hold no commitment here" case answers with, byte for byte. */
export const NO_COMMITMENT: RuleError = ruleError(
  'NO_COMMITMENT',
  'You hold no active payment commitment for this charge.',
  'input.commitmentId',
);

/**
 * The commitment a charge draws on: the one named (it must be the provider's, and on the named
 * budget if one is named), or else the provider's only active commitment on the budget (with
 * none active, its latest ended one there, which the charge rules then refuse). Every
 * miss is {@link NO_COMMITMENT}, so a provider cannot tell a budget it has no commitment on from
 * one that does not exist.
 */
export function pickCommitment(
  candidates: readonly ChargeableCommitment[],
  q: { providerId: string; commitmentId: string | null; budgetId: string | null },
): { commitment: ChargeableCommitment } | { error: RuleError } {
  const own = candidates.filter((c) => c.providerId === q.providerId);
  if (q.commitmentId) {
    const named = own.find((c) => c.id === q.commitmentId);
    if (!named || (q.budgetId && named.budgetId !== q.budgetId)) return { error: NO_COMMITMENT };
    return { commitment: named };
  }
  const onBudget = own.filter((c) => c.budgetId === q.budgetId);
  const active = onBudget.filter((c) => c.status === 'ACTIVE');
  const [onlyActive] = active;
  if (active.length === 1 && onlyActive) return { commitment: onlyActive };
  // None active, but it holds ended ones here: judge the latest, so it is told why (its own).
  const latest = [...onBudget].sort((a, b) => (a.validTo < b.validTo ? -1 : 1)).at(-1);
  if (active.length === 0 && latest) return { commitment: latest };
  if (active.length > 1) {
    return {
      error: ruleError(
        'COMMITMENT_REQUIRED',
        'You hold several commitments on this budget: name the one to charge.',
        'input.commitmentId',
      ),
    };
  }
  return { error: NO_COMMITMENT };
}

/**
 * Whether a charge fits the commitment (and its budget). The order matters only for which one
 * error is told: the budget's state, then the commitment's state, then dates, then amount. The
 * message never tells the budget's balance.
 */
export function judgeCharge(c: {
  commitment: ChargeableCommitment;
  budgetStatus: string;
  amountCents: number;
  serviceDate: string;
  today: string;
}): RuleError | null {
  if (c.budgetStatus !== 'ACTIVE') {
    return ruleError(
      'BUDGET_NOT_ACTIVE',
      'The budget is not active: it has not begun or it is closed.',
      'input.commitmentId',
    );
  }
  const { commitment } = c;
  if (commitment.status === 'CANCELLED' || commitment.status === 'EXPIRED') {
    return ruleError(
      'NO_COMMITMENT',
      `This payment commitment is ${commitment.status.toLowerCase()}.`,
      'input.commitmentId',
    );
  }
  if (c.serviceDate > c.today) {
    return ruleError('OUTSIDE_VALIDITY', 'The service date is in the future.', 'input.serviceDate');
  }
  if (c.serviceDate < commitment.validFrom || c.serviceDate > commitment.validTo) {
    return ruleError(
      'OUTSIDE_VALIDITY',
      `The service date is outside the commitment's validity ${commitment.validFrom} – ${commitment.validTo}.`,
      'input.serviceDate',
    );
  }
  if (c.amountCents > commitment.amountCents - commitment.chargedCents) {
    return ruleError(
      'OVER_COMMITMENT',
      'The charge exceeds what remains of the payment commitment.',
      'input.amount',
    );
  }
  return null;
}

/** The status a provider sees of its charge; settlement adds its own states later. */
export type ChargeStatus = 'PENDING' | 'CONFIRMED' | 'DISPUTED';

export function chargeStatus(ledgerStatus: string): ChargeStatus {
  if (ledgerStatus === 'CONFIRMED') return 'CONFIRMED';
  if (ledgerStatus === 'REJECTED') return 'DISPUTED';
  return 'PENDING';
}
