import type { ApprovalStatus } from './catalogue';

/**
 * The provider approval workflow as a pure state machine (no TypeORM, no GraphQL).
 *
 *   apply                       → PENDING
 *   decide (organiser staff):
 *     PENDING        → APPROVED | REJECTED | INFO_REQUESTED
 *     INFO_REQUESTED → APPROVED | REJECTED
 *     APPROVED       → SUSPENDED
 *     SUSPENDED      → APPROVED (reinstated) | REJECTED
 *     REJECTED       → nothing: the provider must resubmit first
 *   resubmit (the provider itself):
 *     INFO_REQUESTED | REJECTED → PENDING
 *
 * Every decision but APPROVED needs a reason. Who may act is checked in the access policy;
 * this file only says which steps exist.
 */
export type WorkflowAction =
  | { kind: 'APPLY' }
  | { kind: 'DECIDE'; decision: ApprovalStatus; reason: string | null }
  | { kind: 'RESUBMIT' };

export type TransitionResult =
  | { ok: true; to: ApprovalStatus }
  | {
      ok: false;
      code: 'INVALID_TRANSITION' | 'REASON_REQUIRED' | 'INVALID_DECISION';
      message: string;
    };

export const DECISIONS: Readonly<Record<ApprovalStatus, readonly ApprovalStatus[]>> = {
  PENDING: ['APPROVED', 'REJECTED', 'INFO_REQUESTED'],
  INFO_REQUESTED: ['APPROVED', 'REJECTED'],
  APPROVED: ['SUSPENDED'],
  SUSPENDED: ['APPROVED', 'REJECTED'],
  REJECTED: [],
};

export const RESUBMITTABLE: readonly ApprovalStatus[] = ['INFO_REQUESTED', 'REJECTED'];

export const MAX_REASON = 2000;

const refuse = (
  code: 'INVALID_TRANSITION' | 'REASON_REQUIRED' | 'INVALID_DECISION',
  message: string,
): TransitionResult => ({ ok: false, code, message });

/** The status after `action` from `from` (null: no application yet), or why it is refused. */
export function transition(from: ApprovalStatus | null, action: WorkflowAction): TransitionResult {
  switch (action.kind) {
    case 'APPLY':
      return from === null
        ? { ok: true, to: 'PENDING' }
        : refuse(
            'INVALID_TRANSITION',
            'This provider has already applied; resubmit the application instead.',
          );
    case 'RESUBMIT':
      if (from !== null && RESUBMITTABLE.includes(from)) return { ok: true, to: 'PENDING' };
      return refuse(
        'INVALID_TRANSITION',
        `An application can be resubmitted only when more information was requested or it was rejected (now ${from ?? 'none'}).`,
      );
    case 'DECIDE': {
      const { decision } = action;
      if (decision === 'PENDING') {
        return refuse(
          'INVALID_DECISION',
          'PENDING is not a decision; the provider resubmits to make it pending.',
        );
      }
      if (from === null) return refuse('INVALID_TRANSITION', 'There is no application to decide.');
      if (!DECISIONS[from].includes(decision)) {
        const hint =
          from === 'REJECTED'
            ? ' A rejected application needs a new submission from the provider first.'
            : '';
        return refuse(
          'INVALID_TRANSITION',
          `Cannot change an application from ${from} to ${decision}.${hint}`,
        );
      }
      const reason = action.reason?.trim() ?? '';
      if (decision !== 'APPROVED' && reason.length === 0) {
        return refuse('REASON_REQUIRED', `A reason is required for ${decision}.`);
      }
      if (reason.length > MAX_REASON) {
        return refuse('REASON_REQUIRED', `The reason must be at most ${MAX_REASON} characters.`);
      }
      return { ok: true, to: decision };
    }
  }
}
